// What the panel shows, built without VS Code: the playbook's sections, scope search, channels per
// purchase, the answer to a check, and the validation of every message from the webview.
import * as assert from 'node:assert/strict';
import type { AuditEntry } from '../../../../src/core/audit/audit';
import { defaultPlaybook, loadPlaybook } from '../../../../src/core/playbook/load';
import { channelsForPurchase } from '../../../../src/core/playbook/channels';
import { scopeWords, searchScope } from '../../../../src/core/playbook/scope-search';
import { loadReports } from '../../../../src/core/reports/load-reports';
import {
  MAX_MESSAGE_CHARS,
  parseWebviewMessage,
  productToConfirm,
} from '../../../../src/shared/panel-protocol';
import { shownTime } from '../../../../src/shared/shown-time';
import { lineView } from '../../../../src/core/playbook/support-lines';
import { lineChoiceView, plainText } from '../../../../src/ui/panel/line-views';
import { checkAccount, panelState } from '../../../../src/ui/panel/panel-state';
import type { Judgement } from '../../../../src/core/judging';
import { auditEntry } from '../../../support/audit-entry';
import { reportsJudgement } from '../../../support/judgement';

const book = defaultPlaybook();
const loaded = { playbook: book, teamFile: null, overridden: [], teamLines: [], problems: [] };
const partner = lineView(book, 'centurylink-resold-accounts');
const ubuntu = lineView(book, 'ubuntu-pro');
const POLICY = { lastUsageDays: 30, goodFaithDays: 3 };

async function judging(): Promise<Judgement> {
  const { store, files } = await loadReports(['test/fixtures/reports/basic']);
  return reportsJudgement(store, '2026-11-22', POLICY, files.length);
}

const entry = (over: Partial<AuditEntry>): AuditEntry =>
  auditEntry({
    time: '2026-11-22T10:00:00.000Z',
    productCode: '8a2kq9xw3vbn7m4c1zt6ry5pd',
    ...over,
  });

describe('panel: scope search', () => {
  it('names the listed item that covers a request and the words they share', () => {
    const iam = searchScope(partner.scope, 'Customer wants help with IAM policies for a new user');
    assert.equal(iam.answer, 'in-scope');
    assert.equal(iam.matches[0].item, 'IAM Policies');
    assert.deepEqual(iam.matches[0].words, ['iam', 'policy']);
    const patching = searchScope(partner.scope, 'patching our servers every week');
    assert.equal(patching.answer, 'managed-service');
    assert.equal(patching.matches[0].item, 'Change Management and Patching');
    const none = searchScope(partner.scope, 'kubernetes ingress');
    assert.deepEqual(none, { answer: 'none', matches: [] });
    // The Ubuntu Pro line's scope covers what the partner's does not.
    const livepatch = searchScope(ubuntu.scope, 'livepatch is not working on Ubuntu Pro');
    assert.equal(livepatch.answer, 'in-scope');
    assert.match(livepatch.matches[0].item, /^Livepatch/);
    assert.equal(searchScope(partner.scope, 'livepatch is not working').answer, 'none');
    assert.deepEqual(scopeWords('The Policies, patching & FAQs'), ['policy', 'patch', 'faq']);
  });
});

describe('panel: channels for a purchase', () => {
  it('splits the channels into those that apply and those that do not', () => {
    const image = channelsForPurchase(ubuntu, 'marketplace-image')!;
    assert.equal(image.path.phoneSupport, false);
    assert.deepEqual(
      image.applies.map((c) => c.id),
      ['aws-front-line-support', 'cloud-images-bug-tracker'],
    );
    assert.ok(image.doesNotApply.some((c) => c.id === 'canonical-phone-support'));
    assert.equal(image.applies.length + image.doesNotApply.length, ubuntu.channels.length);
    assert.equal(channelsForPurchase(ubuntu, 'nope'), undefined);
  });
});

describe('panel: state', () => {
  it('carries every section of the playbook as plain text with safe phone hrefs', async () => {
    const state = panelState(loaded, await judging(), true, '2026-11-22');
    const lines = new Map(state.playbook.lines.map((l) => [l.id, l]));
    assert.deepEqual(
      [...lines.keys()],
      ['ubuntu-pro', 'elasticbox', 'centurylink-resold-accounts'],
    );
    assert.equal(state.playbook.defaultLine, 'ubuntu-pro');
    const partnerView = lines.get('centurylink-resold-accounts')!;
    assert.equal(partnerView.escalation.phones.length, 4);
    for (const p of partnerView.escalation.phones) assert.match(p.href, /^tel:\+?\d+$/);
    assert.deepEqual(
      lines.get('elasticbox')!.templates.map((t) => t.id),
      ['box-error', 'api-call', 'eligibility'],
    );
    assert.deepEqual(
      lines
        .get('elasticbox')!
        .templates[0].fields.find((f) => f.id === 'log')
        ?.locations?.map((l) => l.when),
      ['linux', 'windows'],
    );
    assert.equal(lines.get('ubuntu-pro')!.purchasePaths.length, ubuntu.purchasePaths.length);
    assert.equal(lines.get('ubuntu-pro')!.covers, 'titles containing "Ubuntu Pro"');
    assert.equal(lines.get('elasticbox')!.accountSetup, undefined);
    assert.equal(state.reports.loaded, true);
    assert.equal(state.reports.files, 5);
    assert.match(state.reports.freshness, /latest report 2026-11-22, 0 days old/);
    assert.ok(
      state.reports.products.some(
        (p) => p.id === 'prod-5qwz3vsg4kbfw' && p.title === 'Ubuntu Pro 22.04 LTS',
      ),
    );
    assert.equal(
      plainText('Use **`aws`** and [the portal](https://x.example) or <https://y.example>'),
      'Use aws and the portal (https://x.example) or https://y.example',
    );
    const none = panelState(loaded, undefined, false, '2026-11-22');
    assert.equal(none.reports.loaded, false);
    assert.equal(none.trusted, false);
  });

  it("names the sample team playbook and where it comes from, saying 'over the default playbook' once", async () => {
    const team = await loadPlaybook('samples/playbook/playbook.json');
    assert.deepEqual(team.problems, []);
    const { name, origin } = panelState(
      team,
      undefined,
      true,
      '2026-11-22',
      process.cwd(),
    ).playbook;
    assert.equal(
      origin,
      'Team playbook samples/playbook/playbook.json (its sections: name, lines) over the default playbook',
    );
    // The panel's header line is the name, then the origin (src/webview/panel.ts).
    assert.equal(`${name} · ${origin}`.split('over the default playbook').length - 1, 1);
    assert.equal(
      panelState(loaded, undefined, true, '2026-11-22').playbook.origin,
      'The default playbook shipped with the extension',
    );
  });
});

describe('panel: the support line of a checked customer', () => {
  it('says which line and why, lists every line the account holds products of, and the default with no customer', async () => {
    const store = (await judging()).sources.reports!.store;
    const both = lineChoiceView(book, store, '210987654321');
    assert.equal(both.line, 'ubuntu-pro');
    assert.equal(both.by, 'customer');
    assert.deepEqual(
      both.matches.map((m) => m.id),
      ['ubuntu-pro', 'elasticbox'],
    );
    assert.match(
      both.why[0],
      /^product prod-5qwz3vsg4kbfw \(Ubuntu Pro 22\.04 LTS\) is in the Ubuntu Pro on AWS line/,
    );
    // Narrowed to one product, the line is that product's; an account the reports do not list has no products.
    assert.equal(
      lineChoiceView(book, store, '210987654321', 'prod-eb7mxr2l9tqzs').line,
      'elasticbox',
    );
    assert.deepEqual(lineChoiceView(book, store, '556677889900').matches, []);
    assert.deepEqual(lineChoiceView(book, undefined, undefined), {
      line: 'ubuntu-pro',
      by: 'default',
      why: ['no customer in hand: the default line, Ubuntu Pro on AWS, applies'],
      matches: [],
    });
  });

  it('accepts a supportLine request of the right shape only', () => {
    const ok = {
      type: 'request',
      requestId: 1,
      request: { kind: 'supportLine', account: '111122223333', productId: 'prod-1' },
    };
    assert.equal(parseWebviewMessage(ok).ok, true);
    const bad = parseWebviewMessage({
      ...ok,
      request: { kind: 'supportLine', productId: ['prod-1'] },
    });
    assert.deepEqual(bad, {
      ok: false,
      reason: 'supportLine.productId must be a string of at most 200 characters',
    });
    assert.equal(
      parseWebviewMessage({ ...ok, request: { kind: 'searchScope', text: 'x', line: 7 } }).ok,
      false,
    );
  });
});

describe('panel: check a customer', () => {
  it('answers with the verdict, reasons, file:line evidence, contacts and recent confirmations', async () => {
    const audit = [
      entry({}),
      entry({ ownerId: '999988887777', claimedAccount: '999988887777' }),
      entry({ requestId: 'req-2', time: '2026-11-22T11:00:00.000Z' }),
    ];
    const r = checkAccount({ account: '1111-2222-3333' }, await judging(), audit, 1);
    assert.equal(r.account, '111122223333');
    assert.deepEqual(r.warnings, []);
    assert.equal(r.verdict, 'eligible');
    assert.equal(
      r.subscriptions[0].evidence[0].label,
      'customer_subscriber_report_2026-11-22.csv:2',
    );
    assert.match(r.contacts[0], /Jane Doe for prod-5qwz3vsg4kbfw: jane\.doe@example\.com/);
    assert.deepEqual(
      r.recentConfirmations.map((c) => c.requestId),
      ['req-2', 'req-1'],
    );
    assert.match(r.evidenceText, /^Account 111122223333: ELIGIBLE \(as of 2026-11-22\)/);
  });

  it("carries the account's newest ConfirmProductInstance answer from the audit log, whenever it was made", async () => {
    const audit = [
      entry({ requestId: 'req-old', time: '2026-11-20T10:00:00.000Z' }),
      entry({
        requestId: 'req-new',
        verdict: 'owner-mismatch',
        ownerId: '999988887777',
        time: '2026-11-22T10:00:00.123Z',
      }),
      // Newer, but not a ConfirmProductInstance answer: an identity document and a live search have their own places.
      entry({
        requestId: null,
        profile: null,
        source: 'identity-document',
        time: '2026-11-22T11:00:00.000Z',
      }),
      entry({
        requestId: 'req-live',
        source: 'marketplace-agreement',
        instanceId: '',
        productCode: '',
        ownerId: null,
        time: '2026-11-22T12:00:00.000Z',
      }),
      entry({ requestId: 'req-other', claimedAccount: '999988887777', ownerId: '999988887777' }),
    ];
    const r = checkAccount({ account: '111122223333' }, await judging(), audit, 7);
    assert.equal(r.sequence, 7);
    assert.equal(
      r.recorded.confirmation,
      'ConfirmProductInstance: Owner mismatch: i-0123456789abcdef0 carries product code 8a2kq9xw3vbn7m4c1zt6ry5pd but is owned by 999988887777, not the claimed 111122223333 (us-east-1). (request req-new, 2026-11-22T10:00:00.123Z, profile seller)',
    );
    assert.equal(
      checkAccount({ account: '444455556666' }, await judging(), audit, 8).recorded.confirmation,
      undefined,
    );
  });

  it('lists an identity document as checked offline, not under a profile', async () => {
    const offline = entry({
      requestId: null,
      profile: null,
      source: 'identity-document',
      certificate: 'AWS DSA (pkcs7)',
    });
    const r = checkAccount({ account: '111122223333' }, await judging(), [entry({}), offline], 1);
    assert.deepEqual(
      r.recentConfirmations.map((c) => c.profile),
      ['offline (identity document)', 'seller'],
    );
  });

  it('warns when a short number was padded, and states the good-faith rule when unlisted', async () => {
    const r = checkAccount({ account: '22223333' }, await judging(), [], 1);
    assert.equal(r.account, '000022223333');
    assert.match(
      r.warnings[0],
      /"22223333" has 8 digits: it was padded with leading zeros to 000022223333/,
    );
    assert.equal(r.verdict, 'unlisted');
    assert.match(r.goodFaith ?? '', /support them in good faith/);
    // Said once, above the products, not again in each product's reasons.
    assert.ok(r.subscriptions.length > 1);
    assert.deepEqual(
      r.subscriptions.flatMap((s) => s.reasons).filter((reason) => /good faith/.test(reason)),
      [],
    );
    assert.equal(r.evidenceText.match(/good faith/g)?.length, 1);
    // "Not listed" is said once too, above the products (each with its newest report), not once per product.
    assert.equal(
      r.notListed,
      `Account 000022223333 is not listed in any loaded report for these ${r.subscriptions.length} products (each with the date of its newest report):`,
    );
    assert.deepEqual(
      r.subscriptions.flatMap((s) => s.reasons).filter((reason) => /is not listed/.test(reason)),
      [],
    );
    assert.ok(r.subscriptions.every((s) => /^\d{4}-\d\d-\d\d$/.test(s.newestReport ?? '')));
    assert.equal(
      productToConfirm(r, undefined),
      undefined,
      'an unlisted account has no product of its own: the picker asks',
    );
    assert.equal(productToConfirm(r, 'prod-x'), 'prod-x');
    assert.match(r.evidenceText, /^"22223333" has 8 digits/);
  });

  it('narrows to one product, says when no reports are loaded, and refuses what is not an account', async () => {
    const one = checkAccount(
      { account: '210987654321', productId: 'prod-eb7mxr2l9tqzs' },
      await judging(),
      [],
      1,
    );
    assert.deepEqual(
      one.subscriptions.map((s) => s.productId),
      ['prod-eb7mxr2l9tqzs'],
    );
    assert.equal(one.verdict, 'eligible');
    assert.equal(one.notListed, undefined);
    assert.equal(
      productToConfirm(one, undefined),
      'prod-eb7mxr2l9tqzs',
      'the one listed product is confirmed without a picker',
    );
    const empty = checkAccount({ account: '111122223333' }, undefined, [], 1);
    assert.equal(empty.verdict, null);
    assert.match(empty.freshness, /no subscription reports loaded/);
    assert.throws(() => checkAccount({ account: 'abc' }, undefined, [], 1), {
      name: 'UserFacingError',
      message: /must be 12 digits; type the 12-digit AWS account number/,
    });
  });
});

describe('panel: times', () => {
  it('shows times to the second in UTC, without milliseconds', () => {
    assert.equal(shownTime('2026-11-22T08:30:00.000Z'), '2026-11-22 08:30:00 UTC');
    assert.equal(shownTime('2026-11-22T08:30:05Z'), '2026-11-22 08:30:05 UTC');
    assert.equal(shownTime('yesterday'), 'yesterday');
  });
});

describe('panel: messages from the webview', () => {
  it('accepts ready and well-formed requests', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), {
      ok: true,
      message: { type: 'ready' },
    });
    for (const request of [
      { kind: 'check', input: { account: '1111-2222-3333' } },
      {
        kind: 'confirm',
        input: { account: '111122223333', instanceId: 'i-0123456789abcdef0', productId: 'prod-x' },
      },
      { kind: 'searchScope', text: 'iam' },
      { kind: 'renderCase', templateId: 'box-error', values: { os: 'linux' } },
      {
        kind: 'caseAction',
        action: 'save',
        templateId: 'box-error',
        values: {},
        account: '111122223333',
      },
      { kind: 'copy', text: '+65 6768 8099', what: 'the number' },
      { kind: 'openEvidence', file: '/r/report.csv', line: 6 },
      { kind: 'openCallSheet' },
      { kind: 'verifyIdentity', method: 'pkcs7', signature: 'MIAG', account: '111122223333' },
    ])
      assert.equal(
        parseWebviewMessage({ type: 'request', requestId: 7, request }).ok,
        true,
        request.kind,
      );
  });

  it('rejects an unknown type, a wrong shape and an oversized message, saying why', () => {
    const reason = (raw: unknown) => {
      const r = parseWebviewMessage(raw);
      return r.ok ? 'accepted' : r.reason;
    };
    assert.match(reason({ type: 'hack' }), /unknown type "hack"/);
    assert.match(reason('ready'), /not an object/);
    assert.match(
      reason({
        type: 'request',
        requestId: 'x',
        request: { kind: 'check', input: { account: '1' } },
      }),
      /requestId is not an integer/,
    );
    assert.match(
      reason({ type: 'request', requestId: 1, request: { kind: 'runShell', cmd: 'rm -rf /' } }),
      /unknown request kind "runShell"/,
    );
    assert.match(
      reason({ type: 'request', requestId: 1, request: { kind: 'check', input: { account: 42 } } }),
      /input.account must be a string/,
    );
    assert.match(
      reason({
        type: 'request',
        requestId: 1,
        request: { kind: 'openEvidence', file: '/etc/passwd', line: 0 },
      }),
      /line must be a positive integer/,
    );
    assert.match(
      reason({
        type: 'request',
        requestId: 1,
        request: { kind: 'caseAction', action: 'delete', templateId: 'x', values: {} },
      }),
      /unknown case action "delete"/,
    );
    assert.match(
      reason({
        type: 'request',
        requestId: 1,
        request: { kind: 'verifyIdentity', method: 'md5', signature: 'x' },
      }),
      /unknown identity method "md5"/,
    );
    assert.match(
      reason({
        type: 'request',
        requestId: 1,
        request: { kind: 'renderCase', templateId: 'x', values: { a: 1 } },
      }),
      /value "a" must be a string/,
    );
    assert.match(
      reason({
        type: 'request',
        requestId: 1,
        request: { kind: 'copy', text: 'x'.repeat(MAX_MESSAGE_CHARS), what: 'a' },
      }),
      /more than 1000000/,
    );
  });
});
