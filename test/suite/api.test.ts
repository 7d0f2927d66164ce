// The API activate() returns (src/ui/public-api.ts): only its documented members (and, under the test
// runner, the running pieces), answers that agree with the Subscriptions view, and load events.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedReportsSummary } from '../../src/ui/public-api';
import { BAD_REPORT, supportDesk, useReports } from './helpers';

const ROOT = join(__dirname, '..', '..', '..');

describe('the API activate() returns', () => {
  it('has the documented members: version, activateMs, onDidLoadReports, reports(), lookup() (and context under the test runner)', async () => {
    const api = await supportDesk();
    assert.deepEqual(Object.keys(api).sort(), [
      'activateMs',
      'context',
      'lookup',
      'onDidLoadReports',
      'reports',
      'version',
    ]);
    assert.equal(
      api.version,
      (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version,
    );
    assert.ok(api.activateMs > 0 && api.activateMs < 60_000, `activateMs ${api.activateMs}`);
  });

  it('reports() names the files held and their rows; lookup() gives the verdict the Subscriptions view shows', async () => {
    const api = await supportDesk();
    await useReports(api, ['reports']);
    const held = await api.reports();
    assert.ok(
      held && held.files.length >= 4 && held.accounts > 0 && held.subscriptions >= held.accounts,
    );
    assert.ok(
      held.files.every((f) => f.rows >= f.kept),
      'kept never exceeds read',
    );
    assert.match(held.latestReportDate ?? '', /^\d{4}-\d{2}-\d{2}$/);
    for (const typed of ['1111-2222-3333', '444455556666', '999999999999']) {
      const verdict = await api.lookup(typed);
      const shown = api.context.subscriptions.model?.find(typed.replace(/-/g, ''));
      assert.ok(verdict && shown);
      assert.deepEqual(verdict, shown.verdict, `${typed}: the API and the view agree`);
    }
    assert.equal((await api.lookup('1111-2222-3333'))?.verdict, 'eligible');
    await assert.rejects(api.lookup('not an account'), RangeError);
  });

  it('onDidLoadReports fires when a report changes on disk, with what is held after the load', async () => {
    const api = await supportDesk();
    await useReports(api, ['reports']);
    const loaded = new Promise<LoadedReportsSummary | undefined>((resolve) => {
      const listener = api.onDidLoadReports((summary) => {
        listener.dispose();
        resolve(summary);
      });
    });
    writeFileSync(BAD_REPORT, readFileSync(BAD_REPORT));
    const summary = await loaded;
    assert.deepEqual(summary, await api.reports());
  });
});
