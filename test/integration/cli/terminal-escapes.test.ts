// A customer can type anything into the support-contacts report, and a server can answer anything: no
// value may reach the engineer's terminal as a control sequence (a cleared screen showing a fake
// ELIGIBLE, an OSC 8 link, a line overwritten by CR, text reordered by a bidi override). Every text
// command of the built CLI is fed hostile values; each must print them made visible, and --json must
// still give the values back exactly.
import * as assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { awsSandbox, staticProfile, type AwsSandbox } from '../../support/aws-env';
import { runBuiltCli, type CliRun } from '../../support/built-cli';
import { startEc2Endpoint, type Ec2Endpoint } from '../../support/ec2-endpoint';

const ESC = '\u001b';
/** Clears the screen, homes the cursor and paints a verdict the account does not have. */
const FAKE_VERDICT = `${ESC}[2J${ESC}[H Account 999988887777: ELIGIBLE`;
/** An OSC 8 hyperlink whose text hides where it leads. */
const HIDDEN_LINK = `${ESC}]8;;https://evil.example/${'\u0007'}Example Corp${ESC}]8;;${'\u0007'}`;
/** A right-to-left override, a C1 CSI (as 8-bit terminals read it), a CR that overwrites the line and a DEL. */
const REORDERED = `Jane\u202Eeod\u202C\u2066x\u2069\u009b2J\rELIGIBLE\u007f`;
/** What must never be printed raw: C0 controls but tab and line feed, DEL, C1, bidi overrides and isolates. */
// eslint-disable-next-line no-control-regex -- matching them is the test
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;
const ACCOUNT = '111122223333';
const PRODUCT = { id: 'prod-5qwz3vsg4kbfw', code: '8a2kq9xw3vbn7m4c1zt6ry5pd' };

describe('what the CLI prints from files and servers: control characters made visible', function () {
  this.timeout(60_000);
  let sandbox: AwsSandbox;
  let endpoint: Ec2Endpoint;
  let reports: string;

  before(async () => {
    sandbox = awsSandbox({
      config: '[profile seller]\nregion = us-east-1\n',
      credentials: staticProfile('seller'),
    });
    endpoint = await startEc2Endpoint({
      instances: {
        'i-0000000000000e0e1': {
          kind: 'error',
          status: 400,
          code: 'InvalidParameterValue',
          message: `bad value ${FAKE_VERDICT}`,
        },
      },
    });
    reports = join(sandbox.dir, 'reports');
    mkdirSync(reports);
    const quoted = (cells: string[]) => cells.map((c) => `"${c.replaceAll('"', '""')}"`).join(',');
    writeFileSync(
      join(reports, 'customer_subscriber_report_2026-11-22.csv'),
      [
        quoted([
          'Customer AWS Account Number',
          'Product Title',
          'Product Id',
          'Product Code',
          'Last Usage Date',
          'Report Date',
          'Subscription Start Date',
        ]),
        quoted([
          ACCOUNT,
          `Ubuntu Pro ${REORDERED}`,
          PRODUCT.id,
          PRODUCT.code,
          '2026-11-20',
          '2026-11-22',
          '2025-02-14',
        ]),
        // A bad product code: its problem quotes the value.
        quoted([
          '444455556666',
          'Ubuntu Pro',
          PRODUCT.id,
          `ab${ESC}[2Jc`,
          '2026-11-20',
          '2026-11-22',
          '2025-02-14',
        ]),
      ].join('\n'),
    );
    writeFileSync(
      join(reports, 'product_support_connection_2026-11-22.csv'),
      [
        'Product Id,Product Code,Customer Guid,Subscription Guid,Subscription Start Date,Organization,AWS Customer Id,Given Name,Surname,Telephone Number,Email,Title,Country Code,ZIP Code,Operation Time,Operation Type',
        `${PRODUCT.id},${PRODUCT.code},c-1,s-1,2025-02-14,${quoted([HIDDEN_LINK])},${ACCOUNT},${quoted([REORDERED])},Doe,+1-206-555-0100,jane@example.com,${quoted([FAKE_VERDICT])},US,98101,2026-11-01T10:00:00Z,CREATE`,
      ].join('\n'),
    );
  });
  after(async () => {
    await endpoint.stop();
    sandbox.restore();
  });

  const cli = (args: string[]): Promise<CliRun> =>
    runBuiltCli(args, {
      env: { ...process.env, ...sandbox.env, SUPPORT_DESK_AUDIT: join(sandbox.dir, 'audit.jsonl') },
    });

  /** Nothing raw on either stream, and the fake verdict's escape shown as text. */
  function assertVisible(run: CliRun, what: string): void {
    for (const [name, text] of [
      ['stdout', run.stdout],
      ['stderr', run.stderr],
    ]) {
      const raw = RAW_CONTROL.exec(text);
      assert.equal(
        raw,
        null,
        `${what} printed U+${raw?.[0].codePointAt(0)?.toString(16).padStart(4, '0')} raw on ${name}: ${JSON.stringify(text)}`,
      );
    }
    // (Markdown escapes the bracket: \u001b\[2J.)
    assert.match(
      run.stdout + run.stderr,
      /\\u001b\\?\[2J/,
      `${what}: the escape is not shown as \\u001b`,
    );
  }

  it('lookup: the contact title, organization and name from the report', async () => {
    const run = await cli(['lookup', ACCOUNT, '--reports', reports, '--as-of', '2026-11-23']);
    assert.equal(run.code, 0, run.stderr);
    assertVisible(run, 'lookup');
    assert.match(run.stdout, /\\u001b\]8;;https:\/\/evil\.example\/\\u0007Example Corp/);
    assert.match(run.stdout, /Jane\\u202eeod\\u202c\\u2066x\\u2069\\u009b2J\\u000dELIGIBLE\\u007f/);
    assert.match(
      run.stdout,
      /^Account 111122223333: ELIGIBLE \(as of 2026-11-23\)$/m,
      'the real verdict is still printed as it is',
    );
  });

  it('lookup --json: the same values, exactly, once parsed', async () => {
    const run = await cli([
      'lookup',
      ACCOUNT,
      '--reports',
      reports,
      '--as-of',
      '2026-11-23',
      '--json',
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(RAW_CONTROL.exec(run.stdout), null);
    const json = JSON.parse(run.stdout) as {
      contacts: { title: string; organization: string; givenName: string }[];
      subscriptions: { productTitle: string }[];
    };
    assert.deepEqual(
      [
        json.contacts[0].title,
        json.contacts[0].organization,
        json.contacts[0].givenName,
        json.subscriptions[0].productTitle,
      ],
      [FAKE_VERDICT, HIDDEN_LINK, REORDERED, `Ubuntu Pro ${REORDERED}`],
    );
  });

  it('report inspect: a problem quoting a value, on one line', async () => {
    const run = await cli(['report', 'inspect', reports]);
    assert.equal(run.code, 0, run.stderr);
    assertVisible(run, 'report inspect');
    assert.match(
      run.stdout,
      /customer_subscriber_report_2026-11-22\.csv:3: error: Product Code "ab\\u001b\[2Jc" must be/,
    );
  });

  it('case render: a field typed or pasted, and the evidence of an eligibility case', async () => {
    const field = await cli(['case', 'render', 'box-error', '--field', `boxName=${FAKE_VERDICT}`]);
    assertVisible(field, 'case render --field');
    const evidence = await cli([
      'case',
      'render',
      'eligibility',
      '--account',
      ACCOUNT,
      '--reports',
      reports,
      '--as-of',
      '2026-11-23',
    ]);
    assertVisible(evidence, 'case render eligibility');
    const json = await cli([
      'case',
      'render',
      'box-error',
      '--field',
      `boxName=${FAKE_VERDICT}`,
      '--json',
    ]);
    assert.equal(RAW_CONTROL.exec(json.stdout), null);
    // The case's Markdown itself carries the escape as text (it is pasted into tickets, not only printed).
    assert.match(
      (JSON.parse(json.stdout) as { markdown: string }).markdown,
      /\\u001b\\\[2J\\u001b\\\[H Account 999988887777: ELIGIBLE/,
    );
  });

  it("confirm: EC2's error message; audit: the recorded entry", async () => {
    const confirm = await cli([
      'confirm',
      '--instance-id',
      'i-0000000000000e0e1',
      '--product-code',
      PRODUCT.code,
      '--profile',
      'seller',
      '--endpoint-url',
      endpoint.url,
    ]);
    assert.notEqual(confirm.code, 0);
    assertVisible(confirm, 'confirm');
    // An audit log handed over by someone else: its profile is whatever the file says.
    const entry = {
      time: '2026-11-23T10:00:00.000Z',
      profile: `ops${FAKE_VERDICT}`,
      region: 'us-east-1',
      instanceId: 'i-0123456789abcdef0',
      productCode: 'abc123',
      claimedAccount: null,
      ownerId: ACCOUNT,
      verdict: 'confirmed',
      errorKind: null,
      requestId: 'req-1',
    };
    appendFileSync(join(sandbox.dir, 'audit.jsonl'), `${JSON.stringify(entry)}\n`);
    const audit = await cli(['audit']);
    assert.equal(audit.code, 0, audit.stderr);
    assertVisible(audit, 'audit');
  });
});
