// Issue 9: the Agreement Service's endpoint is configured as AWS's own tools read it. The SDK does read
// the variables and the config file itself, but for AWS_PROFILE's profile only: the last test shows it,
// which is why src/aws/endpoints.ts resolves the endpoint for the profile actually chosen.
import * as assert from 'node:assert/strict';
import {
  MarketplaceAgreementClient,
  SearchAgreementsCommand,
} from '@aws-sdk/client-marketplace-agreement';
import { configuredEndpoint } from '../../../src/aws/endpoints';
import {
  awsSandbox,
  FAKE_KEY_ID,
  FAKE_SECRET,
  staticProfile,
  type AwsSandbox,
} from '../../support/aws-env';
import { startAgreementEndpoint, type AgreementEndpoint } from '../../support/agreement-endpoint';
import { runCli } from '../../support/cli-in-process';

const SERVICE = 'Marketplace Agreement';
/** `seller` sends Agreement calls through its services section; `default` has an endpoint of its own. */
function config(sellerUrl: string, defaultUrl: string, extra = ''): string {
  return (
    `[default]\nendpoint_url = ${defaultUrl}\n\n[profile seller]\nservices = local\n${extra}\n` +
    `[services local]\nmarketplace_agreement =\n  endpoint_url = ${sellerUrl}\nec2 =\n  endpoint_url = http://127.0.0.1:9\n\n` +
    `[profile plain]\nendpoint_url = http://plain.example\n`
  );
}

describe('Agreement Service endpoint, configured as AWS tools read it', function () {
  this.timeout(30_000);
  let sandbox: AwsSandbox;
  let seller: AgreementEndpoint;
  let fallback: AgreementEndpoint;
  beforeEach(async () => {
    seller = await startAgreementEndpoint();
    fallback = await startAgreementEndpoint();
    sandbox = awsSandbox({
      config: config(seller.url, fallback.url),
      credentials: staticProfile('default') + staticProfile('seller'),
    });
  });
  afterEach(async () => {
    sandbox.restore();
    await Promise.all([seller.stop(), fallback.stop()]);
  });

  it("reads AWS_ENDPOINT_URL_MARKETPLACE_AGREEMENT, then AWS_ENDPOINT_URL, then the profile's services section, then its endpoint_url", async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      AWS_ENDPOINT_URL_MARKETPLACE_AGREEMENT: 'http://specific.example',
      AWS_ENDPOINT_URL: 'http://global.example',
    };
    assert.deepEqual(await configuredEndpoint(SERVICE, { profile: 'seller' }, env), {
      url: 'http://specific.example',
      from: 'AWS_ENDPOINT_URL_MARKETPLACE_AGREEMENT',
    });
    delete env.AWS_ENDPOINT_URL_MARKETPLACE_AGREEMENT;
    assert.deepEqual(await configuredEndpoint(SERVICE, { profile: 'seller' }, env), {
      url: 'http://global.example',
      from: 'AWS_ENDPOINT_URL',
    });
    delete env.AWS_ENDPOINT_URL;
    assert.deepEqual(await configuredEndpoint(SERVICE, { profile: 'seller' }, env), {
      url: seller.url,
      from: 'services local',
    });
    assert.deepEqual(await configuredEndpoint(SERVICE, { profile: 'plain' }, env), {
      url: 'http://plain.example',
      from: 'profile plain',
    });
    assert.deepEqual(
      await configuredEndpoint(SERVICE, {}, { ...env, AWS_PROFILE: 'seller' }),
      { url: seller.url, from: 'services local' },
      'AWS_PROFILE when none is chosen',
    );
    assert.deepEqual(await configuredEndpoint(SERVICE, {}, env), {
      url: fallback.url,
      from: 'profile default',
    });
  });

  it("configures none when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS or the profile's ignore_configured_endpoint_urls is true", async () => {
    assert.equal(
      await configuredEndpoint(
        SERVICE,
        { profile: 'seller' },
        {
          ...process.env,
          AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true',
          AWS_ENDPOINT_URL: 'http://global.example',
        },
      ),
      null,
    );
    sandbox.write({
      config: config(seller.url, fallback.url, 'ignore_configured_endpoint_urls = true\n'),
    });
    assert.equal(await configuredEndpoint(SERVICE, { profile: 'seller' }), null);
  });

  it("lookup --live --profile seller sends the search to the seller profile's services endpoint, and says where", async () => {
    const run = await runCli('lookup', '765432109876', '--live', '--profile', 'seller', '--json');
    assert.equal(run.code, 0, run.err);
    const live = JSON.parse(run.out).live;
    assert.equal(live.endpoint, seller.url);
    assert.equal(live.profile, 'seller');
    assert.equal(seller.calls.length, 1);
    assert.equal(fallback.calls.length, 0);
  });

  it('a profile naming a services section that does not exist is refused before anything is sent, saying what to add', async () => {
    sandbox.write({ config: '[profile seller]\nservices = missing\n' });
    const run = await runCli('lookup', '765432109876', '--live', '--profile', 'seller', '--json');
    assert.equal(run.code, 1);
    assert.match(
      run.err,
      /names services section "missing", which the config file does not have: add \[services missing\]/,
    );
    assert.equal(seller.calls.length + fallback.calls.length, 0);
  });

  it("(why endpoints.ts) the SDK alone reads AWS_PROFILE's endpoint, not that of the profile given to the client", async () => {
    const client = new MarketplaceAgreementClient({
      region: 'us-east-1',
      profile: 'seller',
      credentials: { accessKeyId: FAKE_KEY_ID, secretAccessKey: FAKE_SECRET },
    });
    try {
      await client.send(
        new SearchAgreementsCommand({
          catalog: 'AWSMarketplace',
          filters: [{ name: 'AgreementType', values: ['PurchaseAgreement'] }],
        }),
      );
    } finally {
      client.destroy();
    }
    assert.equal(seller.calls.length, 0, "the chosen profile's services section is not read");
    assert.equal(fallback.calls.length, 1, "the default profile's endpoint_url is");
  });
});
