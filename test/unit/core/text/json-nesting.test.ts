// Issue 17, item 9: the nesting guard must end strings and comments where the playbook's parser
// (jsonc-parser) ends them, or a bare carriage return in a string hides the brackets after it and a
// document nested thousands deep reaches the parser and overflows the stack in every command.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { createScanner, SyntaxKind } from 'jsonc-parser';
import { walkBrackets } from '../../../../src/core/text/json-nesting';
import {
  defaultPlaybook,
  loadPlaybook,
  PLAYBOOK_MAX_DEPTH,
} from '../../../../src/core/playbook/load';
import { runCli } from '../../../support/cli-in-process';
import { temporaryFolder } from '../../../support/temporary-folder';

/** The depth after every bracket, as the guard counts them. */
function guardDepths(text: string): number[] {
  const depths: number[] = [];
  walkBrackets(text, 0, (depth) => {
    depths.push(depth);
    return false;
  });
  return depths;
}

/** The depth after every bracket token, as jsonc-parser's scanner (the parser's own tokens) sees them. */
function parserDepths(text: string): number[] {
  const scanner = createScanner(text, false);
  const depths: number[] = [];
  let depth = 0;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken)
      depths.push(++depth);
    if (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken)
      depths.push(--depth);
  }
  return depths;
}

function valueDepth(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  return 1 + Math.max(0, ...Object.values(value).map(valueDepth));
}

/** Text made of the characters that decide where strings, comments and brackets are. */
const jsonish = fc
  .array(
    fc.constantFrom(
      '[',
      ']',
      '{',
      '}',
      '"',
      '\\',
      '\r',
      '\n',
      '\t',
      '\u0001',
      '/',
      '*',
      ' ',
      'a',
      '1',
      ':',
      ',',
    ),
    { maxLength: 80 },
  )
  .map((chars) => chars.join(''));

describe('the JSON nesting guard agrees with the parser', function () {
  this.timeout(30_000);
  it('counts the same brackets as jsonc-parser on random text (strings, escapes, comments, CR, LF, control characters)', () => {
    fc.assert(
      fc.property(jsonish, (text) => {
        assert.deepEqual(guardDepths(text), parserDepths(text), JSON.stringify(text));
      }),
      { numRuns: 5000, seed: 20261207 },
    );
  });

  it('finds the depth JSON.parse finds in every document JSON.parse accepts, and JSON.parse refuses a raw control character in a string', () => {
    fc.assert(
      fc.property(fc.json({ depthSize: 'medium' }), (text) => {
        assert.equal(Math.max(0, ...guardDepths(text)), valueDepth(JSON.parse(text)), text);
      }),
      { numRuns: 500, seed: 20261207 },
    );
    for (const control of ['\r', '\n', '\u0001', '\u001f'])
      assert.throws(() => JSON.parse(`["a${control}b"]`), SyntaxError);
    // Where JSON.parse refuses the whole text, the parser that recovers ends the string at a line break: so does the guard.
    assert.deepEqual(guardDepths('["a\r[[]]'), [1, 2, 3, 2, 1]);
  });

  describe('a playbook with a bare carriage return in a string, then nested thousands deep', () => {
    const tmp = temporaryFolder('json-nesting-');

    for (const breakChar of ['\r', '\r\n', '\n']) {
      it(`is refused on line 1 for its depth, and the default applies (${JSON.stringify(breakChar)})`, async () => {
        const file = join(tmp(), 'playbook.json');
        writeFileSync(
          file,
          `{"name": "team${breakChar}${'['.repeat(20_000)}${']'.repeat(20_000)}}`,
        );
        const loaded = await loadPlaybook(file);
        assert.match(
          loaded.problems[0].message,
          new RegExp(`more than ${PLAYBOOK_MAX_DEPTH} levels deep`),
        );
        assert.deepEqual(loaded.playbook, defaultPlaybook());
        const run = await runCli('playbook', 'validate', file);
        assert.equal(run.code, 1, run.out + run.err);
        assert.match(run.out + run.err, /levels deep/);
      });
    }
  });
});
