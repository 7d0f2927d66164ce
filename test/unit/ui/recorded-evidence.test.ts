// Proof beyond the reports as the audit log keeps it (issue 9): a live agreement search and an
// identity document recorded beside the confirmations, read back (old lines too), and shown as text in
// the Subscriptions tooltip, the Confirmations view, Find Account's sentence and the eligibility case.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  agreementAuditEntry,
  AuditLog,
  identityAuditEntry,
  type AuditEntry,
} from '../../../src/core/audit/audit';
import {
  describeIdentityEntry,
  describeLiveEntry,
  recordedEvidenceByAccount,
  summarizeRecordedEvidence,
} from '../../../src/core/eligibility/evidence';
import { verifyIdentity } from '../../../src/core/identity/verify';
import type { LiveEvidence } from '../../../src/core/agreements/live-verdict';
import { loadPlaybook } from '../../../src/core/playbook/load';
import { lineView } from '../../../src/core/playbook/support-lines';
import { findTemplate, renderCase } from '../../../src/core/case/templates';
import { confirmationLook } from '../../../src/ui/looks';
import { ReportSet } from '../../../src/ui/reports/report-set';
import { lookOf } from '../../../src/ui/subscriptions/presentation';
import {
  RecordedEvidenceBook,
  SubscriptionTreeModel,
} from '../../../src/ui/subscriptions/subscriptions-tree-model';
import { auditEntry } from '../../support/audit-entry';
import { FAKE_KEY_ID } from '../../support/aws-env';
import { reportsJudgement } from '../../support/judgement';
import { temporaryFolder } from '../../support/temporary-folder';

const ROOT = join(__dirname, '..', '..', '..', '..');
const REAL_PKCS7 = readFileSync(
  join(ROOT, 'test', 'fixtures', 'identity', 'aws-pkcs7-us-east-1-2016.pem'),
  'utf8',
);
const ACCOUNT = '121659014334';

const live = (over: Partial<LiveEvidence> = {}): LiveEvidence => ({
  source: 'marketplace-agreement',
  verdict: 'active',
  region: 'us-east-1',
  endpoint: 'http://127.0.0.1:4566',
  requestIds: ['req-page-1', 'req-page-2'],
  checkedAt: '2026-11-30T12:00:00.000Z',
  judgedAt: '2026-11-30T12:00:00.000Z',
  profile: 'seller',
  agreements: [
    {
      agreementId: 'agmt-0001',
      status: 'ACTIVE',
      productId: 'prod-a',
      offerId: 'offer-1',
      startTime: '2026-11-21T09:14:00.000Z',
      endTime: null,
    },
  ],
  ...over,
});
const identity = (): AuditEntry =>
  identityAuditEntry(
    verifyIdentity({ method: 'pkcs7', signature: REAL_PKCS7 }, { account: ACCOUNT }),
    { account: ACCOUNT },
    new Date('2026-11-30T12:05:00Z'),
  );

describe('recorded evidence beyond the reports', () => {
  const tmp = temporaryFolder('support-desk-recorded-', 'each');

  it('appends an agreement search as an audit line, redacted, beside old lines that still read', async () => {
    const log = new AuditLog(join(tmp(), 'audit.jsonl'));
    // A line written before sources were recorded: no source, no regionSource.
    writeFileSync(
      log.path,
      `${JSON.stringify(auditEntry({ time: '2026-01-01T00:00:00.000Z', profile: null, regionSource: undefined, productCode: 'abc', claimedAccount: ACCOUNT, ownerId: ACCOUNT, requestId: 'r-old' }))}\n`,
    );
    const failed = live({
      verdict: 'error',
      agreements: [],
      error: {
        kind: 'unauthorized',
        message: `denied for ${FAKE_KEY_ID}: grant aws-marketplace:SearchAgreements`,
      },
    });
    await log.appendEntry(agreementAuditEntry(failed, { account: ACCOUNT, productId: 'prod-a' }));
    assert.ok(!readFileSync(log.path, 'utf8').includes(FAKE_KEY_ID), 'a key reached the audit log');
    const [old, search] = await log.read({ account: ACCOUNT });
    assert.equal(old.requestId, 'r-old');
    assert.deepEqual(
      [
        search.source,
        search.liveVerdict,
        search.verdict,
        search.errorKind,
        search.requestId,
        search.productId,
      ],
      ['marketplace-agreement', 'error', 'error', 'unauthorized', 'req-page-2', 'prod-a'],
    );
    assert.match(
      search.errorMessage ?? '',
      /\[REDACTED:aws-access-key-id\]: grant aws-marketplace:SearchAgreements/,
    );
    // The old confirmation is not "recorded proof beyond the reports"; the failed search is, and says so.
    const recorded = recordedEvidenceByAccount([old, search]).get(ACCOUNT);
    assert.equal(recorded?.identity, undefined);
    assert.match(
      describeLiveEntry(recorded!.live!),
      /^Live agreements of account 121659014334, product prod-a \(AWS Marketplace Agreement Service, us-east-1, http:\/\/127\.0\.0\.1:4566\): ERROR\n {2}error \(unauthorized\): denied for \[REDACTED/,
    );
  });

  it('keeps the newest search and identity document per account; an identity document counts for its owner and the claimed account', () => {
    const older = agreementAuditEntry(
      live({ verdict: 'none', agreements: [], checkedAt: '2026-11-29T00:00:00.000Z' }),
      { account: ACCOUNT },
    );
    const newer = agreementAuditEntry(live(), { account: ACCOUNT });
    const mismatch = identityAuditEntry(
      verifyIdentity({ method: 'pkcs7', signature: REAL_PKCS7 }, { account: '111122223333' }),
      { account: '111122223333' },
    );
    const byAccount = recordedEvidenceByAccount([older, identity(), newer, mismatch]);
    assert.equal(byAccount.get(ACCOUNT)?.live, newer);
    assert.equal(byAccount.get(ACCOUNT)?.identity, mismatch, 'the newest document of the owner');
    assert.equal(byAccount.get('111122223333')?.identity?.verdict, 'owner-mismatch');
    assert.equal(
      summarizeRecordedEvidence(byAccount.get('111122223333')!),
      `Identity document of i-f79fe56c: authentic (${mismatch.certificate}), not a confirmation (owner-mismatch) (1970-01-01 00:00 UTC, offline).`.replace(
        '1970-01-01 00:00',
        mismatch.time.slice(0, 16).replace('T', ' '),
      ),
    );
    assert.equal(
      summarizeRecordedEvidence({ live: newer, identity: identity() }),
      'Live agreements: ACTIVE, agmt-0001 (ACTIVE) from 2026-11-21 (2026-11-30 12:00 UTC, profile seller, request req-page-2). ' +
        `Identity document of i-f79fe56c: authentic (${identity().certificate}), no product checked (2026-11-30 12:05 UTC, offline).`,
    );
    assert.equal(
      summarizeRecordedEvidence({}),
      'No live agreement search or identity document recorded.',
    );
  });

  it('describes an identity document with its certificate, instance and every check', () => {
    const text = describeIdentityEntry(identity());
    assert.match(
      text,
      /^Instance identity document \(checked offline with AWS's certificates, no AWS call\): AUTHENTIC, NO PRODUCT CHECKED\n {2}certificate: AWS's \/pkcs7 certificate/,
    );
    assert.match(
      text,
      /instance i-f79fe56c, owner 121659014334, claimed 121659014334, region us-east-1/,
    );
    assert.match(text, /\n {2}ok {3}signature: /);
    assert.match(text, /\n {2}ok {3}account: /);
  });

  it("shows the account's recorded evidence in its tree tooltip as escaped text, read from the book only", async () => {
    const file = join(tmp(), 'customer_subscriber_report_2026-11-22.csv');
    writeFileSync(
      file,
      [
        '"Customer AWS Account Number","Product Title","Product Id","Product Code","Last Usage Date","Report Date"',
        `"${ACCOUNT}","Product A","prod-a","codeA","2026-11-20","2026-11-22"`,
      ].join('\n'),
    );
    const { store } = await new ReportSet().sync([file], 'all');
    const model = new SubscriptionTreeModel(reportsJudgement(store, '2026-11-23'), 'product');
    const [product] = model.children();
    const [account] = model.children(product);
    const book = new RecordedEvidenceBook();
    assert.doesNotMatch(lookOf(account, book).tooltip ?? '', /Recorded proof/);
    const hostile = live({
      agreements: [
        {
          agreementId: '<img src=x onerror=alert(1)>**agmt**',
          status: 'ACTIVE',
          productId: 'prod-a',
          offerId: null,
          startTime: '2026-11-21T09:14:00.000Z',
          endTime: null,
        },
      ],
    });
    assert.equal(
      book.update([agreementAuditEntry(hostile, { account: ACCOUNT }), identity()]),
      true,
    );
    assert.equal(
      book.update([agreementAuditEntry(hostile, { account: ACCOUNT }), identity()]),
      false,
      'the same evidence is no change: no redraw',
    );
    const tooltip = lookOf(account, book).tooltip ?? '';
    assert.match(tooltip, /\*\*Recorded proof beyond the reports\*\* \(audit log\)/);
    assert.match(
      tooltip,
      /Live agreements of account 121659014334, any product \(AWS Marketplace Agreement Service, us-east-1, http:\/\/127\.0\.0\.1:4566\): ACTIVE {2}\n/,
    );
    assert.match(
      tooltip,
      /\\<img src=x onerror=alert\(1\)\\>\\\*\\\*agmt\\\*\\\*: ACTIVE, product prod-a/,
    );
    assert.match(
      tooltip,
      /asked at 2026-11-30T12:00:00\.000Z as profile seller; request ids: req-page-1, req-page-2/,
    );
    assert.match(
      tooltip,
      /Instance identity document \(checked offline with AWS's certificates, no AWS call\): AUTHENTIC/,
    );
    assert.ok(!/<img/.test(tooltip.replace(/\\</g, '')), 'raw HTML in the tooltip');
    // Grouped by account, the root row carries it too.
    const byAccount = new SubscriptionTreeModel(reportsJudgement(store, '2026-11-23'), 'account');
    assert.match(lookOf(byAccount.children()[0], book).tooltip ?? '', /agmt/);
  });

  it('lists a search in the Confirmations view by the account and product searched, not as an instance', () => {
    const look = confirmationLook({
      kind: 'confirmation',
      id: 'x',
      entry: agreementAuditEntry(live(), { account: ACCOUNT, productId: 'prod-a' }),
    });
    assert.equal(look.label, ACCOUNT);
    assert.equal(
      look.description,
      'agreements ACTIVE · agmt-0001 from 2026-11-21 · prod-a · 2026-11-30 12:00',
    );
    assert.match(look.tooltip ?? '', /request ids: req-page-1, req-page-2/);
  });

  it('the eligibility case carries both, through the one renderer and its redaction', async () => {
    const playbook = lineView((await loadPlaybook(join(tmp(), 'no-team-playbook.json'))).playbook);
    const template = findTemplate(playbook, 'eligibility')!;
    const entry = agreementAuditEntry(live({ profile: `seller ${FAKE_KEY_ID}` }), {
      account: ACCOUNT,
    });
    const { markdown, errors, redactions } = renderCase(playbook, template, {
      account: ACCOUNT,
      evidence: 'Account 121659014334: ELIGIBLE',
      liveAgreement: describeLiveEntry(entry),
      identityDocument: describeIdentityEntry(identity()),
    });
    assert.deepEqual(errors, []);
    assert.match(
      markdown,
      /## Live AWS Marketplace agreements\n\n```text\nLive agreements of account 121659014334, any product/,
    );
    assert.match(
      markdown,
      /agmt-0001: ACTIVE, product prod-a, offer offer-1, 2026-11-21T09:14:00.000Z to no end \(pay-as-you-go\)/,
    );
    assert.match(
      markdown,
      /## Instance identity document\n\n```text\nInstance identity document \(checked offline/,
    );
    assert.ok(!markdown.includes(FAKE_KEY_ID));
    assert.deepEqual(
      redactions.map((r) => r.kind),
      ['aws-access-key-id'],
    );
  });
});
