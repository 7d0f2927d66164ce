import * as assert from 'node:assert/strict';
import { appendFileSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../../../src/cli';
import { AuditLog, defaultAuditPath, resolveAuditPath } from '../../../../src/core/audit/audit';
import type { ConfirmationResult } from '../../../../src/core/confirmations/confirmation';
import { auditEntry } from '../../../support/audit-entry';
import { runCli } from '../../../support/cli-in-process';
import { temporaryFolder } from '../../../support/temporary-folder';

const ROOT = resolve(__dirname, '../../../../..');

const result = (
  instanceId: string,
  ownerId: string,
  claimedAccount: string | null,
): ConfirmationResult => ({
  instanceId,
  productCode: 'abc123',
  region: 'us-east-1',
  claimedAccount,
  ownerId,
  verdict: 'confirmed',
  error: null,
  requestId: 'req-1',
  checkedAt: '2026-11-23T10:00:00.000Z',
  profile: 'seller',
});

describe('audit log', () => {
  const tmp = temporaryFolder('support-desk-audit-', 'each');

  it("reads the test builder's line of each source back as written, none skipped (the builder makes valid lines)", async () => {
    const log = new AuditLog(join(tmp(), 'audit.jsonl'));
    const entries = [
      auditEntry(),
      auditEntry({ source: 'identity-document' }),
      auditEntry({ source: 'marketplace-agreement', claimedAccount: '444455556666' }),
    ];
    for (const entry of entries) assert.equal(await log.tryAppend(entry), undefined);
    const read = await log.readChecked();
    assert.deepEqual(read.skipped, []);
    assert.deepEqual(read.entries, entries);
    assert.equal(
      auditEntry({ source: 'marketplace-agreement', claimedAccount: '444455556666' })
        .claimedAccount,
      '444455556666',
      'a field given wins',
    );
    assert.equal(
      'regionSource' in auditEntry({ regionSource: undefined }),
      false,
      'a field given as undefined is left out',
    );
  });

  it('appends one line per confirmation and reads them back, tolerating a torn last line', async () => {
    const log = new AuditLog(join(tmp(), 'nested', 'audit.jsonl'));
    await Promise.all([
      log.append(result('i-0000000000000c001', '111122223333', null)),
      log.append(result('i-0000000000000c002', '444455556666', '111122223333')),
    ]);
    appendFileSync(log.path, '{"time":"2026-11-23T10:00:01.000Z","instanceId":"i-00');
    const all = await log.read();
    assert.deepEqual(
      all.map((e) => e.instanceId),
      ['i-0000000000000c001', 'i-0000000000000c002'],
    );
    assert.deepEqual(
      (await log.readChecked()).skipped.map((s) => s.line),
      [3],
      'the torn line is named, not dropped silently',
    );
    assert.deepEqual(Object.keys(all[0]), [
      'time',
      'profile',
      'region',
      'regionSource',
      'instanceId',
      'productCode',
      'claimedAccount',
      'ownerId',
      'verdict',
      'errorKind',
      'requestId',
    ]);
    assert.equal((await log.read({ account: '444455556666' })).length, 1);
    assert.equal((await log.read({ account: '111122223333' })).length, 2, 'claimed or owner');
  });

  it('reads an absent log as empty, and the CLI filters by a typed account', async () => {
    const path = join(tmp(), 'audit.jsonl');
    assert.deepEqual(await new AuditLog(path).read(), []);
    await new AuditLog(path).append(result('i-0000000000000c003', '444455556666', null));
    const out: string[] = [];
    const code = await main(['audit', '--audit', path, '--account', '4444-5555-6666', '--json'], {
      out: (t) => out.push(t),
      err: (t) => out.push(t),
    });
    assert.equal(code, 0);
    assert.equal((JSON.parse(out.join('')) as unknown[]).length, 1);
    assert.equal(
      await main(['audit', '--audit', path, '--account', '12ab'], {
        out: () => undefined,
        err: () => undefined,
      }),
      2,
    );
  });

  it('uses the option, then SUPPORT_DESK_AUDIT, then the state folder', () => {
    assert.equal(
      resolveAuditPath('/x/a.jsonl', { SUPPORT_DESK_AUDIT: '/y/b.jsonl' }),
      '/x/a.jsonl',
    );
    assert.equal(resolveAuditPath(undefined, { SUPPORT_DESK_AUDIT: '/y/b.jsonl' }), '/y/b.jsonl');
    assert.equal(
      defaultAuditPath({ XDG_STATE_HOME: '/state' }),
      join('/state', 'support-desk', 'audit.jsonl'),
    );
  });

  it('--help, the docs and the setting name the default path, in the order resolveAuditPath tries them', async () => {
    // The two places defaultAuditPath picks on this platform, written the way an engineer reads them.
    const xdg = defaultAuditPath({ XDG_STATE_HOME: '/state' }).replace('/state', '$XDG_STATE_HOME');
    const home = defaultAuditPath({}).replace(homedir(), '~');
    assert.deepEqual(
      [xdg, home],
      ['$XDG_STATE_HOME/support-desk/audit.jsonl', '~/.support-desk/audit.jsonl'],
    );
    const windows = '%LOCALAPPDATA%\\support-desk\\audit.jsonl';
    const oneLine = (text: string) => text.replace(/\s+/g, ' ');
    const help = oneLine((await runCli('confirm', '--help')).out);
    assert.ok(
      help.includes(
        `--audit PATH audit log (default: $SUPPORT_DESK_AUDIT, else ${windows} on Windows, else ${xdg}, else ${home})`,
      ),
      help,
    );
    const documented = `\`${windows}\` on Windows, else \`${xdg}\`, else \`${home}\``;
    const setting = (
      JSON.parse(readFileSync(join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>
    )['supportDesk.audit.path.description'];
    assert.ok(setting.includes(`Empty: \`$SUPPORT_DESK_AUDIT\`, else ${documented}.`), setting);
    for (const doc of ['README.md', 'docs/json-output.md']) {
      assert.ok(
        oneLine(readFileSync(join(ROOT, doc), 'utf8')).includes(documented),
        `${doc} names the default audit path`,
      );
    }
  });
});
