// Issue 17, item 16 (agreement-evening-purchase-pacific): `lookup --live` judges the moment asked, in UTC,
// whatever the engineer's time zone. A purchase made in a Pacific evening is already the next day in UTC;
// judged by the local day it read as "not started yet" for hours every evening, and one starting later the
// same UTC day read as started. The built CLI runs under each zone against the local Agreement endpoint.
import * as assert from 'node:assert/strict';
import { awsSandbox, staticProfile, type AwsSandbox } from '../../support/aws-env';
import { startAgreementEndpoint, type AgreementEndpoint } from '../../support/agreement-endpoint';
import { runBuiltCli } from '../../support/built-cli';

const CUSTOMER = '444455556666';
const STARTED = 'prod-startedaminuteago';
const STARTS_LATER = 'prod-startsinanhour';
// Etc/GMT+12 is UTC-12 (POSIX signs): its local day is the UTC day before until noon UTC; Kiritimati's
// (UTC+14) is the UTC day after from 10:00 UTC. Between them every hour of the day has a zone whose
// local day differs from the UTC day.
const ZONES = ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Etc/GMT+12'];

describe('lookup --live judges the moment asked, in UTC, in every time zone', function () {
  this.timeout(120_000);
  let endpoint: AgreementEndpoint;
  let sandbox: AwsSandbox;
  const now = Date.now();
  before(async () => {
    endpoint = await startAgreementEndpoint({
      agreements: [
        {
          agreementId: 'agmt-startedaminuteago00',
          acceptor: CUSTOMER,
          productId: STARTED,
          status: 'ACTIVE',
          startTime: new Date(now - 60_000).toISOString(),
        },
        {
          agreementId: 'agmt-startsinanhour00000',
          acceptor: CUSTOMER,
          productId: STARTS_LATER,
          status: 'ACTIVE',
          startTime: new Date(now + 3_600_000).toISOString(),
        },
      ],
    });
    sandbox = awsSandbox({
      credentials: staticProfile('seller'),
      config: '[profile seller]\nregion = us-east-1\n',
    });
  });
  after(async () => {
    sandbox.restore();
    await endpoint.stop();
  });

  async function liveVerdict(
    tz: string,
    productId: string,
    asOf?: string,
  ): Promise<{ verdict: string; live: { verdict: string; judgedAt: string } }> {
    const env = {
      ...process.env,
      ...sandbox.env,
      TZ: tz,
      AWS_ENDPOINT_URL_MARKETPLACE_AGREEMENT: endpoint.url,
      SUPPORT_DESK_AUDIT: `${sandbox.dir}/audit.jsonl`,
    };
    const args = [
      'lookup',
      CUSTOMER,
      '--live',
      '--product-id',
      productId,
      '--profile',
      'seller',
      '--json',
      ...(asOf ? ['--as-of', asOf] : []),
    ];
    const run = await runBuiltCli(args, { env });
    assert.equal(run.code, 0, run.stderr);
    return JSON.parse(run.stdout) as {
      verdict: string;
      live: { verdict: string; judgedAt: string };
    };
  }

  it('counts an agreement started a minute ago, and not one starting in an hour, under UTC, Seattle, Kiritimati and UTC-12', async () => {
    for (const tz of ZONES) {
      const started = await liveVerdict(tz, STARTED);
      assert.deepEqual(
        [started.verdict, started.live.verdict],
        ['eligible', 'active'],
        `${tz}: started a minute ago`,
      );
      const later = await liveVerdict(tz, STARTS_LATER);
      assert.deepEqual(
        [later.verdict, later.live.verdict],
        ['unlisted', 'none'],
        `${tz}: starts in an hour`,
      );
      assert.ok(
        Math.abs(Date.parse(started.live.judgedAt) - Date.now()) < 60_000,
        `${tz}: judged at ${started.live.judgedAt}, not now`,
      );
    }
  });

  it('takes --as-of DAY as the end of that day in UTC, and says so', async () => {
    const day = new Date(now - 60_000).toISOString().slice(0, 10);
    for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati']) {
      const r = await liveVerdict(tz, STARTED, day);
      assert.deepEqual([r.verdict, r.live.judgedAt], ['eligible', `${day}T23:59:59.999Z`], tz);
    }
    const env = {
      ...process.env,
      ...sandbox.env,
      TZ: 'America/Los_Angeles',
      AWS_ENDPOINT_URL_MARKETPLACE_AGREEMENT: endpoint.url,
      SUPPORT_DESK_AUDIT: `${sandbox.dir}/audit.jsonl`,
    };
    const text = await runBuiltCli(
      [
        'lookup',
        CUSTOMER,
        '--live',
        '--product-id',
        STARTED,
        '--profile',
        'seller',
        '--as-of',
        day,
      ],
      { env },
    );
    assert.match(
      text.stdout,
      new RegExp(`account ${CUSTOMER} is ELIGIBLE \\(at the end of ${day} UTC\\)`),
      text.stdout,
    );
  });
});
