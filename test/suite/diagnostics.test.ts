// Bad report rows appear in the Problems view at their line; fixing the file clears them.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { BAD_REPORT, supportDesk, useReports, waitFor } from './helpers';

describe('Problems from reports', () => {
  before(async () => {
    await useReports(await supportDesk(), ['reports']);
  });

  it('puts each bad row on its CSV line with its severity', () => {
    const diagnostics = vscode.languages.getDiagnostics(vscode.Uri.file(BAD_REPORT));
    assert.deepEqual(
      diagnostics.map((d) => [d.range.start.line + 1, d.severity, d.source]),
      [
        [6, vscode.DiagnosticSeverity.Error, 'Support Desk'],
        [7, vscode.DiagnosticSeverity.Warning, 'Support Desk'],
      ],
    );
    assert.match(diagnostics[0].message, /1\.23457E\+11.*scientific notation/);
  });

  it('clears them when the file is fixed, by watching the report folder', async () => {
    const original = readFileSync(BAD_REPORT, 'utf8');
    try {
      const fixed = original
        .split('\n')
        .map((line, i) =>
          i === 5
            ? line.replace('1.23457E+11', '123457000000')
            : i === 6
              ? line.replace('"11112222"', '"000011112222"')
              : line,
        );
      writeFileSync(BAD_REPORT, fixed.join('\n'));
      await waitFor(
        'the diagnostics of the fixed file to clear',
        () => vscode.languages.getDiagnostics(vscode.Uri.file(BAD_REPORT)).length === 0,
      );
    } finally {
      writeFileSync(BAD_REPORT, original);
    }
    await waitFor(
      'the diagnostics to come back',
      () => vscode.languages.getDiagnostics(vscode.Uri.file(BAD_REPORT)).length === 2,
    );
  });
});
