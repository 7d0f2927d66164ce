// Issue 8, item 12: a hostile playbook (nested thousands deep, or huge) is a problem on line 1 and
// the default playbook applies; nothing overflows the stack, in `playbook validate` or in `lookup`.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  checkPlaybookText,
  defaultPlaybook,
  loadPlaybook,
  PLAYBOOK_MAX_BYTES,
  PLAYBOOK_MAX_DEPTH,
} from '../../../../src/core/playbook/load';
import { runCli } from '../../../support/cli-in-process';
import { temporaryFolder } from '../../../support/temporary-folder';

const REPORTS = resolve(__dirname, '../../../../../test/fixtures/reports/basic');
const nested = (depth: number, open: string, close: string) =>
  `{"contacts": ${open.repeat(depth)}${close.repeat(depth)}}`;

describe('playbook limits: depth and size are bounded before parsing', () => {
  const tmp = temporaryFolder('playbook-limits-', 'each');

  it('reports a playbook nested 5,000 deep on line 1, names the limit, and keeps the default', async () => {
    for (const [open, close] of [
      ['{"a":', '}'],
      ['[', ']'],
    ]) {
      const file = join(tmp(), 'deep.json');
      writeFileSync(file, nested(5000, open, close));
      const loaded = await loadPlaybook(file);
      const [error] = loaded.problems;
      assert.deepEqual([error.line, error.severity], [1, 'error']);
      assert.match(
        error.message,
        new RegExp(`more than ${PLAYBOOK_MAX_DEPTH} levels deep.*the default playbook applies`),
      );
      assert.deepEqual(loaded.playbook, defaultPlaybook());
    }
  });

  it('accepts nesting up to the limit, then checks the schema as usual', () => {
    const problems = checkPlaybookText(
      nested(PLAYBOOK_MAX_DEPTH - 1, '[', ']'),
      'team.json',
    ).problems;
    assert.ok(
      problems.length > 0 && problems.every((p) => !/levels deep/.test(p.message)),
      JSON.stringify(problems),
    );
  });

  it('reports a playbook larger than 5 MB on line 1 without reading it, and keeps the default', async () => {
    const file = join(tmp(), 'huge.json');
    writeFileSync(file, `{"name": "${'x'.repeat(PLAYBOOK_MAX_BYTES)}"}`);
    const loaded = await loadPlaybook(file);
    assert.deepEqual([loaded.problems[0].line, loaded.problems[0].severity], [1, 'error']);
    assert.match(
      loaded.problems[0].message,
      /more than the 5 MB a playbook may be.*the default playbook applies/,
    );
    assert.deepEqual(loaded.playbook, defaultPlaybook());
    assert.match(
      checkPlaybookText(`{"name": "${'x'.repeat(PLAYBOOK_MAX_BYTES)}"}`, 'team.json').problems[0]
        .message,
      /5 MB/,
    );
  });

  it('lets lookup answer when the workspace playbook is nested 5,000 deep', async () => {
    mkdirSync(join(tmp(), '.support-desk'));
    writeFileSync(join(tmp(), '.support-desk', 'playbook.json'), nested(5000, '{"a":', '}'));
    const cwd = process.cwd();
    try {
      process.chdir(tmp());
      const run = await runCli(
        'lookup',
        '111122223333',
        '--reports',
        REPORTS,
        '--as-of',
        '2026-11-22',
      );
      assert.equal(run.code, 0, run.err);
      assert.match(run.err, /playbook\.json:1: error: .*levels deep/);
      assert.match(run.out, /^Account 111122223333: /);
    } finally {
      process.chdir(cwd);
    }
  });
});
