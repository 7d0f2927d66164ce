// Issue 9, section 1: live agreements from AWS Marketplace (SearchAgreements) beside the reports,
// against the local Agreement endpoint: pages, filters, throttling, access denied, refused filters,
// where the calls go, and how `lookup --live` combines both sources.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAws } from '../../../src/aws/lazy';
import type { AuditEntry } from '../../../src/core/audit/audit';
import { awsSandbox, staticProfile, type AwsSandbox } from '../../support/aws-env';
import { startDeadEndpoint } from '../../support/ec2-endpoint';
import {
  startAgreementEndpoint,
  type AgreementEndpoint,
  type AgreementFixture,
} from '../../support/agreement-endpoint';
import { runCli } from '../../support/cli-in-process';

const NEW_CUSTOMER = '765432109876';
const LISTED_LAPSED = '045612378904';
const PRODUCT = 'prod-5qwz3vsg4kbfw';
/** The new customer's agreement (agreements[0] below) as `--json` and the audit line give it: ISO times, no end (pay-as-you-go). */
const NEW_AGREEMENT_AS_PRINTED = {
  agreementId: 'agmt-new0000000001',
  status: 'ACTIVE',
  productId: PRODUCT,
  offerId: 'offer-aaaa',
  startTime: '2026-11-21T09:14:00.000Z',
  endTime: null,
};
const OTHER_PRODUCT = 'prod-eb7mxr2l9tqzs';
const FAST = { attemptTimeoutMs: 2_000, callTimeoutMs: 5_000 };

/** Through the lazy loader, as the CLI and the extension reach the AWS layer. */
async function searchAgreements(
  ...args: Parameters<Awaited<ReturnType<typeof loadAws>>['searchAgreements']>
) {
  return (await loadAws()).searchAgreements(...args);
}

const agreements: AgreementFixture[] = [
  {
    agreementId: 'agmt-new0000000001',
    acceptor: NEW_CUSTOMER,
    productId: PRODUCT,
    offerId: 'offer-aaaa',
    startTime: '2026-11-21T09:14:00Z',
  },
  {
    agreementId: 'agmt-old0000000001',
    acceptor: LISTED_LAPSED,
    productId: PRODUCT,
    status: 'EXPIRED',
    startTime: '2025-01-01T00:00:00Z',
    endTime: '2026-10-31T00:00:00Z',
  },
  {
    agreementId: 'agmt-old0000000002',
    acceptor: LISTED_LAPSED,
    productId: PRODUCT,
    status: 'CANCELLED',
    startTime: '2024-01-01T00:00:00Z',
    endTime: '2024-12-31T00:00:00Z',
  },
  // Seven agreements of one account, to be read over three pages of three.
  ...Array.from({ length: 7 }, (_, i): AgreementFixture => ({
    agreementId: `agmt-many00000000${i}`,
    acceptor: '333344445555',
    productId: i === 6 ? PRODUCT : OTHER_PRODUCT,
    status: i === 6 ? 'ACTIVE' : 'EXPIRED',
    startTime: `2026-0${i + 1}-01T00:00:00Z`,
    ...(i === 6 ? {} : { endTime: `2026-0${i + 2}-01T00:00:00Z` }),
  })),
  {
    agreementId: 'agmt-future0000001',
    acceptor: '666677778888',
    productId: PRODUCT,
    startTime: '2026-12-01T00:00:00Z',
  },
  {
    agreementId: 'agmt-throttle00001',
    acceptor: '121212121212',
    productId: PRODUCT,
    startTime: '2026-01-01T00:00:00Z',
  },
];

describe('live agreements (SearchAgreements)', function () {
  this.timeout(60_000);
  let endpoint: AgreementEndpoint;
  let sandbox: AwsSandbox;
  beforeEach(async () => {
    endpoint = await startAgreementEndpoint({
      agreements,
      pageSize: 3,
      scenarios: {
        '121212121212': { kind: 'throttled', times: 2, then: { kind: 'answer' } },
        '999999999999': { kind: 'access-denied' },
        '888888888888': { kind: 'refused', message: 'Filter value is not valid' },
        '777777777777': { kind: 'http-200', body: '<html>Sign in to the proxy</html>' },
      },
    });
    sandbox = awsSandbox({ credentials: staticProfile('default') });
    process.env.AWS_ENDPOINT_URL_MARKETPLACE_AGREEMENT = endpoint.url;
  });
  afterEach(async () => {
    delete process.env.AWS_ENDPOINT_URL_MARKETPLACE_AGREEMENT;
    sandbox.restore();
    await endpoint.stop();
  });

  it('follows nextToken to the last page and keeps every agreement and request id', async () => {
    const live = await searchAgreements(
      { account: '333344445555', at: '2026-11-22T23:59:59.999Z' },
      FAST,
    );
    assert.equal(live.verdict, 'active');
    assert.equal(live.agreements.length, 7);
    assert.equal(endpoint.calls.length, 3, 'three pages of three');
    assert.deepEqual(
      live.requestIds,
      endpoint.calls.map((c) => c.requestId),
    );
    assert.equal(live.agreements[6].endTime, null, 'no end time (pay-as-you-go) is null');
    assert.equal(live.agreements[0].endTime, '2026-02-01T00:00:00.000Z');
  });

  it("asks as the proposer for the account's purchase agreements, adding the product only when given, always in us-east-1", async () => {
    sandbox.write({ config: '[default]\nregion = eu-west-1\n' });
    await searchAgreements({ account: NEW_CUSTOMER, at: '2026-11-22T23:59:59.999Z' }, FAST);
    await searchAgreements(
      { account: NEW_CUSTOMER, productId: PRODUCT, at: '2026-11-22T23:59:59.999Z' },
      FAST,
    );
    assert.deepEqual(endpoint.calls[0].filters, {
      PartyType: 'Proposer',
      AgreementType: 'PurchaseAgreement',
      AcceptorAccountId: NEW_CUSTOMER,
    });
    assert.deepEqual(endpoint.calls[1].filters, {
      PartyType: 'Proposer',
      AgreementType: 'PurchaseAgreement',
      AcceptorAccountId: NEW_CUSTOMER,
      ResourceIdentifier: PRODUCT,
    });
    assert.ok(
      endpoint.calls.every((c) => c.region === 'us-east-1' && c.signingName === 'aws-marketplace'),
      JSON.stringify(endpoint.calls),
    );
  });

  it('is active only for an ACTIVE agreement of the product that started by the day judged on', async () => {
    assert.equal(
      (await searchAgreements({ account: NEW_CUSTOMER, at: '2026-11-21T23:59:59.999Z' }, FAST))
        .verdict,
      'active',
    );
    assert.equal(
      (await searchAgreements({ account: NEW_CUSTOMER, at: '2026-11-20T23:59:59.999Z' }, FAST))
        .verdict,
      'none',
      'not started yet',
    );
    assert.equal(
      (
        await searchAgreements(
          { account: '333344445555', productId: OTHER_PRODUCT, at: '2026-11-22T23:59:59.999Z' },
          FAST,
        )
      ).verdict,
      'none',
      'only expired ones for that product',
    );
    assert.equal(
      (await searchAgreements({ account: LISTED_LAPSED, at: '2026-11-22T23:59:59.999Z' }, FAST))
        .verdict,
      'none',
    );
  });

  it('retries throttling and answers once AWS stops throttling', async () => {
    const live = await searchAgreements(
      { account: '121212121212', at: '2026-11-22T23:59:59.999Z' },
      FAST,
    );
    assert.equal(live.verdict, 'active', JSON.stringify(live.error));
    assert.deepEqual(
      endpoint.calls.map((c) => c.outcome),
      ['ThrottlingException', 'ThrottlingException', '1 of 1'],
    );
  });

  it('says throttled, with what to do, when AWS throttles past the retries', async () => {
    const live = await searchAgreements(
      { account: '121212121212', at: '2026-11-22T23:59:59.999Z' },
      { ...FAST, maxAttempts: 2 },
    );
    assert.equal(live.verdict, 'error');
    assert.equal(live.error?.kind, 'throttled');
    assert.match(live.error.message, /still throttling after retries: wait a minute and retry$/);
  });

  it('access denied is "unauthorized" naming the IAM action to grant, with the request id as evidence', async () => {
    const live = await searchAgreements(
      { account: '999999999999', at: '2026-11-22T23:59:59.999Z' },
      FAST,
    );
    assert.equal(live.verdict, 'error');
    assert.equal(live.error?.kind, 'unauthorized');
    assert.match(live.error.message, /IAM permission aws-marketplace:SearchAgreements/);
    assert.deepEqual(live.requestIds, [endpoint.calls[0].requestId]);
  });

  it('a search the service refuses (ValidationException) is malformed-input, not "no agreements"', async () => {
    const live = await searchAgreements(
      { account: '888888888888', at: '2026-11-22T23:59:59.999Z' },
      FAST,
    );
    assert.equal(live.verdict, 'error');
    assert.equal(live.error?.kind, 'malformed-input');
    assert.match(
      live.error.message,
      /Filter value is not valid: the Agreement Service refused the search/,
    );
  });

  it('an HTTP 200 that is not a SearchAgreements answer is bad-answer, never "no agreements"', async () => {
    const live = await searchAgreements(
      { account: '777777777777', at: '2026-11-22T23:59:59.999Z' },
      FAST,
    );
    assert.equal(live.verdict, 'error');
    assert.equal(live.error?.kind, 'bad-answer');
    assert.match(
      live.error.message,
      /^the Agreement Service answered HTTP 200 with a body that could not be read: this is not a verdict/,
    );
  });

  it('an endpoint that never answers gets attempts within the call\'s limit, then "no answer from ENDPOINT in N s"', async () => {
    const dead = await startDeadEndpoint({ maxLifetimeMs: 30_000 });
    process.env.AWS_ENDPOINT_URL_MARKETPLACE_AGREEMENT = dead.url;
    try {
      const started = Date.now();
      const live = await searchAgreements(
        { account: NEW_CUSTOMER, at: '2026-11-22T23:59:59.999Z' },
        { attemptTimeoutMs: 300, callTimeoutMs: 1_000, maxAttempts: 20 },
      );
      assert.equal(live.error?.kind, 'network');
      assert.match(
        live.error.message,
        new RegExp(`^no answer from ${dead.url} in (0\\.9|1|1\\.1) s: check the network`),
      );
      assert.ok(Date.now() - started < 2_000, "the call's limit holds, whatever the attempts left");
      assert.ok(dead.connections >= 2, 'a stuck attempt is retried');
    } finally {
      await dead.stop();
    }
  });

  it('an unknown profile is a credentials error saying how to create it, and nothing is sent', async () => {
    const live = await searchAgreements(
      { account: NEW_CUSTOMER, at: '2026-11-22T23:59:59.999Z' },
      { ...FAST, profile: 'nosuch' },
    );
    assert.equal(live.error?.kind, 'credentials');
    assert.match(live.error.message, /aws configure --profile nosuch/);
    assert.equal(endpoint.calls.length, 0);
  });

  it('a closed endpoint is a network error naming what to check', async () => {
    await endpoint.stop();
    const live = await searchAgreements(
      { account: NEW_CUSTOMER, at: '2026-11-22T23:59:59.999Z' },
      { ...FAST, maxAttempts: 1 },
    );
    assert.equal(live.error?.kind, 'network');
    assert.match(live.error.message, /check the network, proxy or endpoint URL/);
  });

  describe('lookup --live', () => {
    it('makes an account the reports do not list eligible, naming the agreement and its start (JSON)', async () => {
      const run = await runCli(
        'lookup',
        NEW_CUSTOMER,
        '--live',
        '--product-id',
        PRODUCT,
        '--reports',
        'samples/reports',
        '--as-of',
        '2026-11-22',
        '--json',
      );
      assert.equal(run.code, 0, run.err);
      const out = JSON.parse(run.out);
      assert.equal(out.reportVerdict, 'unlisted');
      assert.equal(out.verdict, 'eligible');
      assert.match(
        out.reasons[0],
        /agreement agmt-new0000000001 for prod-5qwz3vsg4kbfw is ACTIVE since 2026-11-21/,
      );
      assert.equal(out.live.source, 'marketplace-agreement');
      assert.equal(out.live.verdict, 'active');
      assert.equal(out.live.region, 'us-east-1');
      assert.deepEqual(out.live.agreements, [NEW_AGREEMENT_AS_PRINTED]);
      assert.equal(out.live.requestIds.length, 1);
      assert.equal(out.live.profile, null);
      assert.ok(!Number.isNaN(Date.parse(out.live.checkedAt)));
    });

    it("keeps the reports' verdict of a listed account whose agreements all ended, saying the day the last one ended", async () => {
      const run = await runCli(
        'lookup',
        LISTED_LAPSED,
        '--live',
        '--reports',
        'samples/reports',
        '--as-of',
        '2026-11-22',
        '--json',
      );
      const out = JSON.parse(run.out);
      assert.equal(out.verdict, out.reportVerdict);
      assert.notEqual(out.verdict, 'eligible');
      assert.match(out.reasons[0], /agmt-old0000000001, EXPIRED\) ended on 2026-10-31/);
    });

    it('needs no reports with --live, and prints both sources in text', async () => {
      const alone = await runCli('lookup', NEW_CUSTOMER, '--live', '--as-of', '2026-11-22');
      assert.equal(alone.code, 0, alone.err);
      assert.match(
        alone.out,
        /Live agreements \(AWS Marketplace Agreement Service, us-east-1, http:\/\/127\.0\.0\.1:\d+\): ACTIVE/,
      );
      assert.match(
        alone.out,
        /agmt-new0000000001: ACTIVE, product prod-5qwz3vsg4kbfw, offer offer-aaaa, 2026-11-21T09:14:00.000Z to no end \(pay-as-you-go\)/,
      );
      assert.match(
        alone.out,
        /From the live agreements alone \(no reports given\): account 765432109876 is ELIGIBLE/,
      );
      const both = await runCli(
        'lookup',
        NEW_CUSTOMER,
        '--live',
        '--reports',
        'samples/reports',
        '--as-of',
        '2026-11-22',
      );
      assert.match(both.out, /^Account 765432109876: UNLISTED/m, "the reports' own verdict");
      assert.match(
        both.out,
        /With the reports and the live agreements: account 765432109876 is ELIGIBLE/,
      );
    });

    it('exits 1 saying the error when the live search fails and no reports were given; 0 with reports', async () => {
      const alone = await runCli('lookup', '999999999999', '--live', '--json');
      assert.equal(alone.code, 1);
      assert.match(
        alone.err,
        /the live agreements could not be searched: .*aws-marketplace:SearchAgreements/,
      );
      assert.equal(JSON.parse(alone.out).live.error.kind, 'unauthorized');
      const withReports = await runCli(
        'lookup',
        '111122223333',
        '--live',
        '--reports',
        'samples/reports',
        '--as-of',
        '2026-11-22',
        '--profile',
        'nosuch',
      );
      assert.equal(withReports.code, 0);
      assert.match(withReports.out, /Account 111122223333: ELIGIBLE/);
      assert.match(withReports.out, /the verdict is the reports' alone/);
    });

    describe('recorded in the audit log', () => {
      let audit: string;
      beforeEach(() => {
        audit = join(mkdtempSync(join(tmpdir(), 'support-desk-live-audit-')), 'audit.jsonl');
      });
      const lines = (): AuditEntry[] =>
        readFileSync(audit, 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as AuditEntry);

      it('records the search: account, product, live verdict, each agreement, request id, endpoint, profile and time', async () => {
        const run = await runCli(
          'lookup',
          NEW_CUSTOMER,
          '--live',
          '--product-id',
          PRODUCT,
          '--as-of',
          '2026-11-22',
          '--audit',
          audit,
          '--profile',
          'default',
          '--json',
        );
        assert.equal(run.code, 0, run.err);
        const [entry] = lines();
        assert.deepEqual(
          [
            entry.source,
            entry.claimedAccount,
            entry.productId,
            entry.liveVerdict,
            entry.verdict,
            entry.profile,
            entry.region,
            entry.endpoint,
            entry.instanceId,
          ],
          [
            'marketplace-agreement',
            NEW_CUSTOMER,
            PRODUCT,
            'active',
            'confirmed',
            'default',
            'us-east-1',
            endpoint.url,
            '',
          ],
        );
        assert.deepEqual(entry.agreements, [NEW_AGREEMENT_AS_PRINTED]);
        // The request id AWS (here: the local endpoint) answered with, and the time the JSON gave.
        assert.deepEqual(
          entry.requestIds,
          endpoint.calls.map((c) => c.requestId),
        );
        assert.equal(entry.requestId, endpoint.calls.at(-1)!.requestId);
        assert.equal(entry.time, JSON.parse(run.out).live.checkedAt);
      });

      it('records a failed search too, with its error kind, message and request id', async () => {
        const run = await runCli('lookup', '999999999999', '--live', '--audit', audit);
        assert.equal(run.code, 1);
        const [entry] = lines();
        assert.deepEqual(
          [entry.liveVerdict, entry.verdict, entry.errorKind, entry.agreements],
          ['error', 'error', 'unauthorized', []],
        );
        assert.match(entry.errorMessage ?? '', /aws-marketplace:SearchAgreements/);
        assert.equal(entry.requestId, endpoint.calls.at(-1)!.requestId);
      });

      it('lists the search in `audit`, and the eligibility case carries it from the audit log with no AWS call', async () => {
        await runCli('lookup', NEW_CUSTOMER, '--live', '--as-of', '2026-11-22', '--audit', audit);
        const listed = await runCli('audit', '--account', NEW_CUSTOMER, '--audit', audit);
        assert.match(
          listed.out,
          new RegExp(
            `live active\\s+agreements of ${NEW_CUSTOMER}  any product  us-east-1  agmt-new0000000001 ACTIVE from 2026-11-21  profile \\(default chain\\)  request ${endpoint.calls[0].requestId}`,
          ),
        );
        const asked = endpoint.calls.length;
        const rendered = await runCli(
          'case',
          'render',
          'eligibility',
          '--account',
          NEW_CUSTOMER,
          '--reports',
          'samples/reports',
          '--as-of',
          '2026-11-22',
          '--audit',
          audit,
        );
        assert.equal(rendered.code, 0, rendered.err);
        assert.equal(endpoint.calls.length, asked, 'rendering a case asked AWS');
        assert.match(
          rendered.out,
          /## Live AWS Marketplace agreements\n\n```text\nLive agreements of account 765432109876, any product \(AWS Marketplace Agreement Service, us-east-1, http:\/\/127\.0\.0\.1:\d+\): ACTIVE/,
        );
        assert.match(
          rendered.out,
          /agmt-new0000000001: ACTIVE, product prod-5qwz3vsg4kbfw, offer offer-aaaa, 2026-11-21T09:14:00.000Z to no end \(pay-as-you-go\)/,
        );
        assert.match(
          rendered.out,
          new RegExp(
            `asked at \\S+ as profile \\(default chain\\); request ids: ${endpoint.calls[0].requestId}`,
          ),
        );
        // Another account's search is not this account's evidence.
        const other = await runCli(
          'case',
          'render',
          'eligibility',
          '--account',
          LISTED_LAPSED,
          '--reports',
          'samples/reports',
          '--as-of',
          '2026-11-22',
          '--audit',
          audit,
        );
        assert.doesNotMatch(other.out, /Live AWS Marketplace agreements/);
      });

      it('prints the answer and exits 3 when the audit log cannot be written', async () => {
        const folder = join(mkdtempSync(join(tmpdir(), 'support-desk-live-audit-')), 'a-folder');
        mkdirSync(folder);
        const run = await runCli(
          'lookup',
          NEW_CUSTOMER,
          '--live',
          '--as-of',
          '2026-11-22',
          '--audit',
          folder,
        );
        assert.equal(run.code, 3);
        assert.match(
          run.out,
          /From the live agreements alone \(no reports given\): account 765432109876 is ELIGIBLE/,
        );
        assert.match(run.err, /the audit write failed: .*a-folder: it is a folder, not a file/);
      });

      it('--audit goes with --live', async () => {
        const run = await runCli(
          'lookup',
          NEW_CUSTOMER,
          '--reports',
          'samples/reports',
          '--audit',
          audit,
        );
        assert.equal(run.code, 2);
        assert.match(run.err, /--audit goes with --live/);
      });
    });

    it('still wants --reports without --live, and --product-id only with --live', async () => {
      assert.equal((await runCli('lookup', NEW_CUSTOMER)).code, 2);
      const stray = await runCli(
        'lookup',
        NEW_CUSTOMER,
        '--reports',
        'samples/reports',
        '--product-id',
        PRODUCT,
      );
      assert.equal(stray.code, 2);
      assert.match(stray.err, /--product-id goes with --live/);
      assert.equal(endpoint.calls.length, 0);
    });
  });
});
