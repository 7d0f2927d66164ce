// A case saved from the panel, on disk: named by day, the account as the case says it and the template,
// never steered by what was typed, and never over an earlier case.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localDay } from '../../../../src/core/dates';
import { saveCaseFile } from '../../../../src/ui/panel/case-files';

describe('case files saved from the panel', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'support-desk-case-files-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('names a case by day, padded account and template, and numbers the next one instead of overwriting', async () => {
    const first = await saveCaseFile(folder, '1111-2222-333', 'api-call', 'first');
    const second = await saveCaseFile(folder, '011112222333', 'api-call', 'second');
    const day = localDay(new Date());
    assert.equal(first, join(folder, 'cases', `${day}-011112222333-api-call.md`));
    assert.equal(second, join(folder, 'cases', `${day}-011112222333-api-call-2.md`));
    assert.deepEqual(
      [readFileSync(first, 'utf8'), readFileSync(second, 'utf8')],
      ['first', 'second'],
    );
  });

  it('keeps a typed account that is not one from steering the file out of cases/', async () => {
    const path = await saveCaseFile(folder, '../../etc/passwd', 'image-bug', 'text');
    assert.deepEqual(readdirSync(join(folder, 'cases')), [
      `${localDay(new Date())}-etcpasswd-image-bug.md`,
    ]);
    assert.equal(path, join(folder, 'cases', readdirSync(join(folder, 'cases'))[0]));
    const none = await saveCaseFile(folder, '', 'image-bug', 'text');
    assert.match(none, /-no-account-image-bug\.md$/);
  });
});
