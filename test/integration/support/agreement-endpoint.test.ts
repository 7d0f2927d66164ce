// The local Agreement endpoint is only worth its tests if AWS's own client agrees with it: the AWS CLI
// (botocore's model of the Marketplace Agreement Service) reads its pages, retries its throttling and
// names its errors as our SDK client does. Then the built CLI, bundle and all, against it.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { loadAws } from '../../../src/aws/lazy';
import { awsSandbox, staticProfile, type AwsSandbox } from '../../support/aws-env';
import {
  startAgreementEndpoint,
  type AgreementEndpoint,
  type AgreementFixture,
} from '../../support/agreement-endpoint';
import { runBuiltCli } from '../../support/built-cli';

const run = promisify(execFile);
const MANY = '333344445555';
const agreements: AgreementFixture[] = Array.from({ length: 7 }, (_, i) => ({
  agreementId: `agmt-many00000000${i}`,
  acceptor: MANY,
  productId: 'prod-5qwz3vsg4kbfw',
  offerId: `offer-${i}`,
  status: i === 6 ? 'ACTIVE' : 'EXPIRED',
  startTime: `2026-0${i + 1}-01T00:00:00Z`,
  ...(i === 6 ? {} : { endTime: `2026-0${i + 2}-01T00:00:00Z` }),
}));

function filters(pairs: Record<string, string>): string {
  return JSON.stringify(Object.entries(pairs).map(([name, value]) => ({ name, values: [value] })));
}

/** AWS CLI v1 prints timestamps as the service sent them: epoch seconds. */
function fromEpoch(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

const PROPOSER = { PartyType: 'Proposer', AgreementType: 'PurchaseAgreement' };

describe('local Agreement endpoint, checked with the AWS CLI', function () {
  this.timeout(60_000);
  let endpoint: AgreementEndpoint;
  let sandbox: AwsSandbox;
  before(async () => {
    endpoint = await startAgreementEndpoint({
      agreements,
      pageSize: 3,
      scenarios: {
        '121212121212': { kind: 'throttled', times: 2, then: { kind: 'answer' } },
        '999999999999': { kind: 'access-denied' },
      },
    });
    sandbox = awsSandbox({ credentials: staticProfile('default') + staticProfile('seller') });
    sandbox.write({
      config: `[profile seller]\nservices = local\n\n[services local]\nmarketplace_agreement =\n  endpoint_url = ${endpoint.url}\n`,
    });
  });
  after(async () => {
    sandbox.restore();
    await endpoint.stop();
  });
  beforeEach(() => {
    endpoint.calls.length = 0;
  });

  async function awsCli(
    args: string[],
    { endpointUrl = true } = {},
  ): Promise<{ code: number; stdout: string; stderr: string }> {
    const where = endpointUrl ? ['--endpoint-url', endpoint.url] : [];
    try {
      const { stdout, stderr } = await run(
        'aws',
        [
          ...where,
          '--region',
          'us-east-1',
          '--output',
          'json',
          'marketplace-agreement',
          'search-agreements',
          '--catalog',
          'AWSMarketplace',
          ...args,
        ],
        { env: { ...process.env, ...sandbox.env } },
      );
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  it("gives every page to the AWS CLI's paginator, and the same agreements, times and statuses to our client", async () => {
    const cli = await awsCli(['--filters', filters({ ...PROPOSER, AcceptorAccountId: MANY })]);
    assert.equal(cli.code, 0, cli.stderr);
    const summaries = JSON.parse(cli.stdout).agreementViewSummaries as {
      agreementId: string;
      status: string;
      startTime: number;
      endTime?: number;
      proposalSummary: { resources: { id: string }[]; offerId: string };
    }[];
    assert.equal(endpoint.calls.length, 3, 'three pages of three');
    const ours = await (
      await loadAws()
    ).searchAgreements({ account: MANY, at: '2026-11-22T23:59:59.999Z' }, { profile: 'seller' });
    assert.equal(ours.error, undefined);
    assert.deepEqual(
      ours.agreements,
      summaries.map((s) => ({
        agreementId: s.agreementId,
        status: s.status,
        productId: s.proposalSummary.resources[0].id,
        offerId: s.proposalSummary.offerId,
        startTime: fromEpoch(s.startTime),
        endTime: s.endTime === undefined ? null : fromEpoch(s.endTime),
      })),
    );
    assert.ok(
      endpoint.calls.every((c) => c.region === 'us-east-1' && c.signingName === 'aws-marketplace'),
    );
  });

  it('is retried by the AWS CLI through throttling, which then answers', async () => {
    const cli = await awsCli([
      '--filters',
      filters({ ...PROPOSER, AcceptorAccountId: '121212121212' }),
    ]);
    assert.equal(cli.code, 0, cli.stderr);
    assert.deepEqual(
      endpoint.calls.map((c) => c.outcome),
      ['ThrottlingException', 'ThrottlingException', '0 of 0'],
    );
  });

  it('answers access denied as AccessDeniedException', async () => {
    const cli = await awsCli([
      '--filters',
      filters({ ...PROPOSER, AcceptorAccountId: '999999999999' }),
    ]);
    assert.notEqual(cli.code, 0);
    assert.match(
      cli.stderr,
      /\(AccessDeniedException\) when calling the SearchAgreements operation: .*aws-marketplace:SearchAgreements/,
    );
  });

  it('answers the documented filter combinations and refuses the others with ValidationException', async () => {
    const accepted: Record<string, string>[] = [
      { ...PROPOSER, AcceptorAccountId: MANY, ResourceIdentifier: 'prod-5qwz3vsg4kbfw' },
      {
        PartyType: 'Acceptor',
        AgreementType: 'PurchaseAgreement',
        ResourceIdentifier: 'prod-x',
        Status: 'ACTIVE',
      },
    ];
    for (const pairs of accepted)
      assert.equal((await awsCli(['--filters', filters(pairs)])).code, 0, JSON.stringify(pairs));
    const refused: Record<string, string>[] = [
      { PartyType: 'Acceptor', AgreementType: 'PurchaseAgreement', AcceptorAccountId: MANY },
      { PartyType: 'Proposer', AcceptorAccountId: MANY },
      { ...PROPOSER, Colour: 'blue' },
    ];
    for (const pairs of refused) {
      const cli = await awsCli(['--filters', filters(pairs)]);
      assert.notEqual(cli.code, 0, JSON.stringify(pairs));
      assert.match(
        cli.stderr,
        /\(ValidationException\) when calling the SearchAgreements operation/,
        JSON.stringify(pairs),
      );
    }
  });

  it("is reached by the AWS CLI through a profile's services section, the configuration our client reads", async () => {
    const cli = await awsCli(
      ['--profile', 'seller', '--filters', filters({ ...PROPOSER, AcceptorAccountId: MANY })],
      { endpointUrl: false },
    );
    assert.equal(cli.code, 0, cli.stderr);
    assert.equal(endpoint.calls.length, 3);
  });

  it('the built CLI (dist/cli.js with dist/aws.js) looks up live agreements through AWS_ENDPOINT_URL', async () => {
    const env = { ...process.env, ...sandbox.env, AWS_ENDPOINT_URL: endpoint.url };
    const built = await runBuiltCli(['lookup', MANY, '--live', '--as-of', '2026-11-22', '--json'], {
      env,
    });
    assert.equal(built.code, 0, built.stderr);
    assert.equal(built.stderr, '', 'no SDK warning');
    const out = JSON.parse(built.stdout);
    assert.equal(out.verdict, 'eligible');
    assert.equal(out.live.agreements.length, 7);
    assert.equal(out.live.endpoint, endpoint.url);
  });
});
