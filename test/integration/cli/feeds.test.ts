// Seller Delivery Data Feeds through the built CLI (dist/cli.js): a feed root among --reports, on disk
// and in a local S3 server (the same answers from both), `report inspect` on a feed root, and lookup's
// feed flags: --company, --email-domain (an address too), --as-of as a day or an instant, --known-at.
import * as assert from 'node:assert/strict';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { awsSandbox, staticProfile, type AwsSandbox } from '../../support/aws-env';
import { REPO_ROOT, runBuiltCli, type CliRun } from '../../support/built-cli';
import { startS3Server, type S3Server } from '../../support/s3-server';
import { writeSmallFeeds } from '../../support/small-feeds';

const SAMPLES = join(REPO_ROOT, 'samples', 'feeds');
const REPORTS = join(REPO_ROOT, 'samples', 'reports');

/** Every file under `root`, by its path relative to it with `/`. */
function filesUnder(root: string): Record<string, Buffer> {
  const found: Record<string, Buffer> = {};
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else found[relative(root, path).split(/[\\/]/).join('/')] = readFileSync(path);
    }
  };
  walk(root);
  return found;
}

interface LookupJson {
  verdict: string | null;
  subscriptions: unknown[];
  problems: { file: string; line: number; severity: string; message: string }[];
  feeds: {
    verdict: string;
    company: string | null;
    emailDomain: string | null;
    asOf: string;
    knownAt: string | null;
    agreements: {
      agreementId: string;
      status: string;
      reseller: boolean;
      visibility: string;
      productId: string;
      evidence: { file: string; line: number }[];
    }[];
    products: { verdict: string; reason: string }[];
  } | null;
}

describe('Seller Delivery Data Feeds through the CLI, from disk and from S3', function () {
  this.timeout(180_000);
  let server: S3Server;
  let sandbox: AwsSandbox;
  let env: NodeJS.ProcessEnv;
  let small: string;

  before(async () => {
    server = await startS3Server();
    sandbox = awsSandbox({
      credentials: staticProfile('default'),
      config: '[default]\nregion = us-east-1\n',
    });
    env = { ...process.env, ...sandbox.env, AWS_ENDPOINT_URL_S3: server.url };
    small = writeSmallFeeds(mkdtempSync(join(tmpdir(), 'support-desk-feeds-')));
    const samples = Object.fromEntries(
      Object.entries(filesUnder(SAMPLES)).map(([path, bytes]) => [`delivery/feeds/${path}`, bytes]),
    );
    const traps = Object.fromEntries(
      Object.entries(filesUnder(small)).map(([path, bytes]) => [`traps/${path}`, bytes]),
    );
    await server.put('seller-feeds', { ...samples, ...traps });
  });
  after(async () => {
    sandbox.restore();
    await server.stop();
    rmSync(small, { recursive: true, force: true });
  });

  const cli = (...args: string[]): Promise<CliRun> => runBuiltCli(args, { env });
  const json = async <T>(...args: string[]): Promise<T> => {
    const run = await cli(...args, '--json');
    assert.equal(run.code, 0, `${args.join(' ')}: ${run.stderr}`);
    return JSON.parse(run.stdout) as T;
  };

  it('gives the same answers for a feed root in S3 as for the same files on disk', async () => {
    for (const account of [
      '556677889900',
      '210987654321',
      '412209873301',
      '045612378904',
      '111122223333',
    ]) {
      const disk = await json<LookupJson>(
        'lookup',
        account,
        '--reports',
        SAMPLES,
        '--as-of',
        '2026-11-22',
      );
      const s3 = await json<LookupJson>(
        'lookup',
        account,
        '--reports',
        's3://seller-feeds/delivery/feeds/',
        '--as-of',
        '2026-11-22',
      );
      assert.ok(
        disk.feeds && disk.feeds.agreements.length > 0,
        `${account} has agreements in the sample feeds`,
      );
      assert.deepEqual(s3, disk, account);
    }
    const disk = await json<LookupJson>(
      'lookup',
      '--email-domain',
      'x@globex.example',
      '--reports',
      small,
      '--as-of',
      '2026-11-22',
    );
    const s3 = await json<LookupJson>(
      'lookup',
      '--email-domain',
      'x@globex.example',
      '--reports',
      's3://seller-feeds/traps',
      '--as-of',
      '2026-11-22',
    );
    assert.deepEqual(s3, disk);
    // The prefix without its slash is the same root; S3 was asked, not a local copy.
    assert.ok(
      server.requests.some(
        (r) =>
          r.path === '/seller-feeds' || r.path.startsWith('/seller-feeds/traps/agreements_v1/'),
      ),
    );
  });

  it('shows a reseller sale and a backdated BYOL agreement, with their feed lines, beside the reports', async () => {
    const resold = await json<LookupJson>(
      'lookup',
      '556677889900',
      '--reports',
      REPORTS,
      SAMPLES,
      '--as-of',
      '2026-11-22',
    );
    assert.equal(resold.verdict, 'eligible', 'the reports still judge the account');
    assert.ok(resold.subscriptions.length > 0);
    const sale = resold.feeds!.agreements[0];
    assert.deepEqual(
      [sale.agreementId, sale.status, sale.reseller, sale.visibility],
      ['agmt-0000556677', 'Active', true, 'private'],
    );
    assert.deepEqual(sale.evidence[0], {
      file: 'agreementfeed_v1/year=2026/month=03/data.csv',
      line: 2,
    });
    assert.equal(resold.feeds!.company, 'Initech Cloud Services');
    // BYOL: started 2025-06-01, accepted and first recorded on 2026-11-20.
    const known = await json<LookupJson>(
      'lookup',
      '210987654321',
      '--reports',
      SAMPLES,
      '--as-of',
      '2026-11-01',
    );
    assert.equal(
      known.feeds!.verdict,
      'eligible',
      'as AWS knows it now, the backdated agreement covered 2026-11-01',
    );
    const then = await json<LookupJson>(
      'lookup',
      '210987654321',
      '--reports',
      SAMPLES,
      '--as-of',
      '2026-11-01',
      '--known-at',
      '2026-11-01T00:00:00Z',
    );
    assert.equal(
      then.feeds!.verdict,
      'unlisted',
      'as AWS knew it on 2026-11-01, there was no agreement yet',
    );
    assert.equal(then.feeds!.knownAt, '2026-11-01T00:00:00.000Z');
    const text = await cli('lookup', '556677889900', '--reports', SAMPLES, '--as-of', '2026-11-22');
    assert.equal(text.code, 0, text.stderr);
    assert.match(
      text.stdout,
      /account 556677889900 \(Initech Cloud Services, initech\.example\) is ELIGIBLE/,
    );
    assert.match(text.stdout, /resold by a channel partner/);
    assert.match(text.stdout, /evidence: agreementfeed_v1\/year=2026\/month=03\/data\.csv:2/);
  });

  it('takes --as-of as a day (its end in UTC, said so) or as an instant', async () => {
    // Old Co's agreement ends 2026-09-30T23:59:59Z.
    const day = await json<LookupJson>(
      'lookup',
      '412209873301',
      '--reports',
      SAMPLES,
      '--as-of',
      '2026-09-30',
    );
    assert.equal(day.feeds!.asOf, '2026-09-30T23:59:59.999Z');
    assert.equal(day.feeds!.verdict, 'ended', 'the end of the day is after the agreement ended');
    const instant = await json<LookupJson>(
      'lookup',
      '412209873301',
      '--reports',
      SAMPLES,
      '--as-of',
      '2026-09-30T12:00:00Z',
    );
    assert.equal(instant.feeds!.asOf, '2026-09-30T12:00:00.000Z');
    assert.equal(instant.feeds!.verdict, 'eligible');
    const words = await cli(
      'lookup',
      '412209873301',
      '--reports',
      SAMPLES,
      '--as-of',
      '2026-09-30',
    );
    assert.match(
      words.stdout,
      /--as-of 2026-09-30 is a day: it means its end, 2026-09-30 23:59:59 UTC/,
    );
    assert.match(words.stdout, /ENDED/);
    assert.match(words.stdout, /is Expired, ended 2026-09-30T23:59:59Z/);
  });

  it('finds who is calling by company or e-mail domain, an address taken for its domain', async () => {
    const byAddress = await json<{
      emailDomain: string;
      matches: { account: string; company: string; verdict: string }[];
    }>(
      'lookup',
      '--email-domain',
      'Ada.Byron@Example.ORG',
      '--reports',
      's3://seller-feeds/delivery/feeds/',
    );
    assert.equal(byAddress.emailDomain, 'example.org');
    assert.deepEqual(byAddress.matches, [
      {
        account: '210987654321',
        company: 'Research Division of Example University',
        emailDomain: 'example.org',
        verdict: 'eligible',
      },
    ]);
    const byCompany = await json<{ matches: { account: string; verdict: string }[] }>(
      'lookup',
      '--company',
      'zero  LEAD',
      '--reports',
      SAMPLES,
    );
    // The account feed lost this number's leading zero: it is repadded.
    assert.deepEqual(
      byCompany.matches.map((m) => [m.account, m.verdict]),
      [['045612378904', 'eligible']],
    );
    const text = await cli(
      'lookup',
      '--company',
      'example corp',
      '--reports',
      SAMPLES,
      '--as-of',
      '2026-11-22',
    );
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /1 account in the feeds matches company "example corp"/);
    assert.match(text.stdout, /111122223333 {2}ELIGIBLE {2}Example Corp, Inc\., example\.com/);
    const none = await cli('lookup', '--email-domain', 'nobody.example', '--reports', SAMPLES);
    assert.match(none.stdout, /No account in the feeds matches e-mail domain nobody\.example/);
  });

  it('says what to type for a wrong flag, and needs a feed root for the feed flags', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['lookup', '111122223333', '--reports', SAMPLES, '--as-of', '22/11/2026'],
        /is neither a day \(2026-11-21, meaning its end in UTC\) nor an instant/,
      ],
      [
        ['lookup', '111122223333', '--reports', REPORTS, '--known-at', '2026-11-01T00:00:00Z'],
        /--known-at needs a Seller Delivery Data Feeds root/,
      ],
      [
        ['lookup', '--company', 'acme', '--reports', REPORTS],
        /--company needs a Seller Delivery Data Feeds root/,
      ],
      [
        ['lookup', '--email-domain', 'not a domain', '--reports', SAMPLES],
        /is not an e-mail domain: give one such as example\.com/,
      ],
      [
        ['lookup', '111122223333', '--company', 'acme', '--reports', SAMPLES],
        /give either an ACCOUNT or --company\/--email-domain/,
      ],
      [
        ['lookup', '--company', 'a', '--email-domain', 'b.example', '--reports', SAMPLES],
        /give --company or --email-domain, not both/,
      ],
    ];
    for (const [args, message] of cases) {
      const run = await cli(...args);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stdout}`);
      assert.match(run.stderr, message);
    }
  });

  it('describes a feed root in report inspect, problems at feed/year=YYYY/month=MM/data.csv:LINE, from disk and S3', async () => {
    for (const root of [small, 's3://seller-feeds/traps/']) {
      const run = await cli('report', 'inspect', root);
      assert.equal(run.code, 0, run.stderr);
      assert.match(
        run.stdout,
        new RegExp(
          `feed root ${root.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: 18 files, newest update_date 2026-04-01T00:00:00.000Z`,
        ),
      );
      assert.match(
        run.stdout,
        /agreementfeed_v1 \(in agreements_v1\/\): 2025-01 to 2026-04 \(8 months\)/,
      );
      assert.match(
        run.stdout,
        /productfeed_v1 \(in productfeed_v1\/\): 2010-01 to 2026-11 \(2 months\), 3 rows/,
      );
      assert.match(run.stdout, /agreements_v1\/year=2025\/month=02\/data\.csv:3: error: /);
      assert.match(
        run.stdout,
        /notes_v1\/year=2026\/month=01\/data\.csv:1: error: this header names none of the feeds/,
      );
    }
    const inspected = await json<{
      feedRoots: {
        path: string;
        files: number;
        feeds: { feed: string; months: string[]; rows: number }[];
      }[];
    }>('report', 'inspect', SAMPLES, REPORTS);
    assert.equal(inspected.feedRoots.length, 1);
    const agreements = inspected.feedRoots[0].feeds.find((f) => f.feed === 'agreement');
    assert.deepEqual(agreements, {
      feed: 'agreement',
      folders: ['agreementfeed_v1'],
      months: ['2010-01', '2025-02', '2026-03', '2026-10', '2026-11'],
      rows: 6,
      newestUpdate: '2026-11-20T13:00:00.000Z',
    });
  });

  it('escapes terminal controls a feed carries', async () => {
    const root = mkdtempSync(join(tmpdir(), 'support-desk-feeds-hostile-'));
    try {
      for (const [path, bytes] of Object.entries(filesUnder(SAMPLES))) {
        const file = join(root, ...path.split('/'));
        mkdirSync(join(file, '..'), { recursive: true });
        writeFileSync(
          file,
          path.startsWith('addressfeed_v1/year=2026/month=03')
            ? bytes.toString().replace('Initech Cloud Services', 'Initech\u001b[31m Cloud')
            : bytes,
        );
      }
      const run = await cli('lookup', '556677889900', '--reports', root);
      assert.equal(run.code, 0, run.stderr);
      assert.ok(!run.stdout.includes('\u001b'), 'no escape reaches the terminal');
      assert.match(run.stdout, /Initech\\u001b\[31m Cloud/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
