// Pure helpers of the extension: report path resolution, region order, Markdown, Confirmations, playbook page.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEntry } from '../../../src/core/audit/audit';
import { orderRegions, rememberRegion } from '../../../src/ui/aws/regions';
import type { ConfirmationResult } from '../../../src/core/confirmations/confirmation';
import { confirmationNodes } from '../../../src/ui/confirmations/confirmations-tree-model';
import { confirmationLook, verdictMessage } from '../../../src/ui/looks';
import { escapeMarkdown, inlineCode } from '../../../src/core/text/markdown';
import { expandReportSources, resolveReportSources } from '../../../src/ui/reports/report-paths';
import { auditEntry } from '../../support/audit-entry';

describe('ui: report paths', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'support-desk-paths-'));
    mkdirSync(join(dir, 'reports', 'old'), { recursive: true });
    for (const f of ['reports/a.csv', 'reports/b.csv', 'reports/notes.txt', 'reports/old/c.csv'])
      writeFileSync(join(dir, f), 'x\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('resolves ~, ${workspaceFolder} and relative entries; says why others cannot be', () => {
    // A folder is watched for what it stands for: reports, gzipped ones, one level of subfolders.
    const FOLDER = '{*,*/*}.{csv,CSV,csv.gz}';
    const { sources, unresolved } = resolveReportSources(
      ['~/r', '${workspaceFolder}/r', 'rel', '/abs/**/*.csv', ' '],
      {
        workspaceFolder: '/ws',
        home: '/home/me',
      },
    );
    assert.deepEqual(
      sources.map((s) => [s.base, s.pattern, s.kind]),
      [
        ['/home/me/r', FOLDER, 'folder'],
        ['/ws/r', FOLDER, 'folder'],
        ['/ws/rel', FOLDER, 'folder'],
        ['/abs', '**/*.csv', 'glob'],
      ],
    );
    assert.deepEqual(unresolved, []);
    assert.match(
      resolveReportSources(['rel'], { home: '/h' }).unresolved[0],
      /relative, but no folder is open/,
    );
  });

  it('expands folders to their CSV files, globs to their matches, and names missing paths', async () => {
    const { sources } = resolveReportSources(
      ['reports', 'reports/**/*.csv', 'reports/a.csv', 'missing'],
      { workspaceFolder: dir, home: dir },
    );
    const expanded = await expandReportSources(sources);
    assert.deepEqual(
      expanded.files.map((f) => f.slice(dir.length)),
      ['/reports/a.csv', '/reports/b.csv', '/reports/old/c.csv'],
    );
    assert.deepEqual(
      expanded.sources.map((s) => s.kind),
      ['folder', 'glob', 'file'],
    );
    assert.equal(expanded.sources[2].pattern, 'a.csv');
    assert.match(expanded.missing[0], /"missing" does not exist/);
  });
});

describe('ui: regions', () => {
  it("puts auto, the profile's region (named by the profile), then recent choices first, each once, and marks the current one", () => {
    const choices = orderRegions(['us-east-1', 'eu-west-1', 'ap-south-1'], {
      profileRegion: 'eu-west-1',
      profile: 'demo',
      recent: ['ap-south-1', 'eu-west-1'],
      current: 'ap-south-1',
    });
    assert.deepEqual(
      choices.map((c) => [c.region, c.note]),
      [
        ['auto', "search the account's enabled regions"],
        ['eu-west-1', 'profile demo'],
        ['ap-south-1', 'recently used, current'],
        ['us-east-1', undefined],
      ],
    );
    assert.deepEqual(rememberRegion(['a', 'b', 'c', 'd', 'e'], 'c'), ['c', 'a', 'b', 'd', 'e']);
  });
});

describe('ui: markdown', () => {
  it('escapes what Markdown would interpret, leaving plain punctuation readable', () => {
    assert.equal(
      escapeMarkdown('customer_report_2026-11-22.csv [x] *y*'),
      'customer\\_report\\_2026-11-22.csv \\[x\\] \\*y\\*',
    );
    assert.equal(escapeMarkdown('- item\n1. first'), '\\- item\n1\\. first');
    // An entity in a report cell stays literal text instead of turning into the character it names.
    assert.equal(escapeMarkdown('AT&amp;T <img src=x>'), 'AT\\&amp;T \\<img src=x\\>');
  });

  it('fences inline code so a backtick inside cannot close it', () => {
    assert.equal(inlineCode('prod-1'), '`prod-1`');
    assert.equal(inlineCode('a`[x](command:y)`b'), '``a`[x](command:y)`b``');
    assert.equal(inlineCode('`edge'), '`` `edge ``');
  });
});

describe('ui: Confirmations model', () => {
  const entry = (instanceId: string, verdict: AuditEntry['verdict']): AuditEntry =>
    auditEntry({
      instanceId,
      productCode: 'abc',
      claimedAccount: null,
      verdict,
      errorKind: verdict === 'error' ? 'throttled' : null,
      requestId: 'r-1',
    });

  it('shows a malformed entry from the audit log as text, not Markdown', () => {
    const typed = { ...entry('i-<img src=x>[y](command:z)', 'error'), productCode: 'a`b' };
    const tooltip = confirmationLook(confirmationNodes([typed], 5)[0]).tooltip!;
    assert.ok(tooltip.includes('i-\\<img src=x\\>\\[y\\](command:z)'), tooltip);
    assert.ok(tooltip.includes('``a`b``'), tooltip);
  });

  it('lists the newest first and folds the rest into one "older" node', () => {
    const nodes = confirmationNodes(
      [entry('i-1', 'confirmed'), entry('i-2', 'not-attached'), entry('i-3', 'error')],
      2,
    );
    assert.deepEqual(
      nodes.map((n) => confirmationLook(n).label),
      ['i-3', 'i-2', '1 older confirmation'],
    );
    assert.deepEqual(
      nodes.slice(0, 2).map((n) => [confirmationLook(n).description, confirmationLook(n).icon.id]),
      [
        ['error: throttled · owner 111122223333 · us-east-1 · 2026-11-23 10:00', 'error'],
        [
          'product code not attached · owner 111122223333 · us-east-1 · 2026-11-23 10:00',
          'circle-slash',
        ],
      ],
    );
  });
});

describe('ui: verdict notification', () => {
  const result = (over: Partial<ConfirmationResult>): ConfirmationResult => ({
    instanceId: 'i-0123456789abcdef0',
    productCode: 'abc123',
    region: 'eu-west-1',
    claimedAccount: null,
    ownerId: '111122223333',
    verdict: 'confirmed',
    error: null,
    requestId: 'req-1',
    checkedAt: '2026-11-23T10:00:00Z',
    profile: 'seller',
    ...over,
  });

  it('says each verdict in one sentence, without the request id and time of the evidence', () => {
    assert.deepEqual(
      [
        verdictMessage(result({ claimedAccount: '111122223333' })),
        verdictMessage(result({})),
        verdictMessage(result({ verdict: 'owner-mismatch', claimedAccount: '444455556666' })),
        verdictMessage(result({ verdict: 'not-attached', ownerId: null, region: null })),
        verdictMessage(
          result({
            verdict: 'error',
            ownerId: null,
            error: {
              kind: 'throttled',
              code: 'RequestLimitExceeded',
              message: 'EC2 throttled the call: retry in a minute',
            },
          }),
        ),
      ],
      [
        'Confirmed: i-0123456789abcdef0 carries product code abc123 and is owned by 111122223333, the claimed account (eu-west-1).',
        'Confirmed: i-0123456789abcdef0 carries product code abc123 and is owned by 111122223333 (eu-west-1).',
        'Owner mismatch: i-0123456789abcdef0 carries product code abc123 but is owned by 111122223333, not the claimed 444455556666 (eu-west-1).',
        'Not attached: i-0123456789abcdef0 does not carry product code abc123.',
        'Could not confirm i-0123456789abcdef0: EC2 throttled the call: retry in a minute',
      ],
    );
  });
});
