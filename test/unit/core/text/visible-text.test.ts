// Values from files and servers are shown, never obeyed: control characters and bidi overrides become
// \uXXXX text; a problem stays one line.
import * as assert from 'node:assert/strict';
import { problemLine } from '../../../../src/cli/report-command';
import { visibleLine, visibleText } from '../../../../src/core/text/visible-text';

describe('visibleText and visibleLine', () => {
  it('writes C0 (but tab and line feed), DEL, C1 and bidi overrides and isolates as \\uXXXX, JSON-style', () => {
    const hostile = 'a\u0000\u0007\u001b[2J\u007f\u0085\u009b\u202a\u202e\u2066\u2069\tb\nc';
    assert.equal(
      visibleText(hostile),
      'a\\u0000\\u0007\\u001b[2J\\u007f\\u0085\\u009b\\u202a\\u202e\\u2066\\u2069\tb\nc',
    );
    // What it writes is JSON's own escape: parsed, it is the value again.
    assert.equal(JSON.parse(visibleText(JSON.stringify(hostile))), hostile);
  });

  it('keeps text without them as it is, and reads a CRLF line end as a line end, a bare CR as a control', () => {
    const plain = 'Account 111122223333: ELIGIBLE — Ünïcode, emoji 🙂, Arabic مرحبا';
    assert.equal(visibleText(plain), plain);
    assert.equal(visibleText('one\r\ntwo\rELIGIBLE'), 'one\ntwo\\u000dELIGIBLE');
  });

  it('keeps a line one line: tab, line feed and CR are written out too', () => {
    assert.equal(
      visibleLine('title\nAccount 999988887777: ELIGIBLE\t\r'),
      'title\\u000aAccount 999988887777: ELIGIBLE\\u0009\\u000d',
    );
  });

  it('prints a problem as one line, whatever the value it quotes holds', () => {
    const line = problemLine({
      file: 'r\u001b.csv',
      line: 3,
      severity: 'error',
      message: 'Product Code "ab\nAccount 9: ELIGIBLE" must be 1 to 25 letters',
    });
    assert.equal(
      line,
      'r\\u001b.csv:3: error: Product Code "ab\\u000aAccount 9: ELIGIBLE" must be 1 to 25 letters',
    );
  });
});
