// `support-desk case templates|render`: the panel's case forms on the command line, same renderer.
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../support/cli-in-process';

const BASIC = 'test/fixtures/reports/basic';

const run = runCli;

describe('support-desk case', () => {
  it('lists the templates with their fields, as text and as JSON', async () => {
    const text = await run('case', 'templates');
    assert.equal(text.code, 0);
    assert.match(text.out, /^image-bug: Cloud image bug \(ubuntu-pro\)\n/);
    assert.match(text.out, /\nbox-error: Box error \(elasticbox\)\n/);
    assert.match(
      text.out,
      /fields: os\*, boxName\*, workspace\*, account, instanceId, log\*, description/,
    );
    const json = JSON.parse((await run('case', 'templates', '--json')).out);
    assert.deepEqual(
      json.map((t: { id: string }) => t.id),
      ['image-bug', 'account-setup', 'eligibility', 'box-error', 'api-call', 'outage-call'],
    );
    const byId = (id: string) => json.find((t: { id: string }) => t.id === id);
    assert.deepEqual(byId('eligibility').lines, [
      'ubuntu-pro',
      'elasticbox',
      'centurylink-resold-accounts',
    ]);
    assert.deepEqual(byId('box-error').fields[0], {
      id: 'os',
      label: 'Operating system',
      kind: 'choice',
      required: true,
      hint: 'Picks where the agent log is: SSH to a Linux box, RDP to a Windows one.',
      options: ['linux', 'windows'],
    });
    // The outline the panel's form is drawn from: where the evidence is, picked by another field.
    const log = byId('box-error').fields.find((f: { id: string }) => f.id === 'log');
    assert.equal(log.locationFrom, 'os');
    assert.deepEqual(log.locations[0], {
      when: 'linux',
      label: 'Linux',
      path: '/var/log/elasticbox/elasticbox-agent.log',
      how: 'SSH',
    });
    assert.deepEqual(byId('outage-call').fields[0].options, [
      'United States',
      'Canada',
      'EMEA',
      'Asia Pacific',
    ]);
  });

  it('renders a case from --field values and @FILE, redacted, as JSON with the redaction counts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'support-desk-case-'));
    const body = join(dir, 'body.json');
    writeFileSync(
      body,
      '{"user":"ops","aws_secret_access_key":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}',
    );
    const { code, out, err } = await run(
      'case',
      'render',
      'api-call',
      '--field',
      'method=post',
      '--field',
      'url=https://cam.ctl.io/services/boxes?token=abc123secret',
      '--field',
      'status=401',
      '--field',
      `requestBody=@${body}`,
      '--json',
    );
    assert.equal(code, 0, err);
    const json = JSON.parse(out);
    assert.deepEqual(Object.keys(json), ['template', 'markdown', 'redactions', 'errors']);
    assert.doesNotMatch(json.markdown, /wJalrXUtnFEMI|abc123secret/);
    assert.match(json.markdown, /\| Method \| POST \|/);
    assert.match(json.markdown, /"aws_secret_access_key": "\[REDACTED:aws-secret-access-key\]"/);
    assert.deepEqual(json.redactions.map((r: { kind: string }) => r.kind).sort(), [
      'aws-secret-access-key',
      'token',
    ]);
    assert.deepEqual(json.errors, []);
  });

  it('prints the Markdown of a Windows box error with its agent log path', async () => {
    const { code, out } = await run(
      'case',
      'render',
      'box-error',
      '--field',
      'os=Windows',
      '--field',
      'boxName=web',
      '--field',
      'workspace=ops',
      '--field',
      'log=boom',
    );
    assert.equal(code, 0);
    assert.match(
      out,
      /From `C:\\ProgramData\\ElasticBox\\Logs\\elasticbox-agent\.log` \(Windows, via RDP\)/,
    );
  });

  it('fills the account and its evidence from the reports', async () => {
    const { code, out } = await run(
      'case',
      'render',
      'eligibility',
      '--account',
      '1111 2222 3333',
      '--reports',
      BASIC,
      '--as-of',
      '2026-11-22',
    );
    assert.equal(code, 0);
    assert.match(out, /\| Customer AWS account \| 111122223333 \|/);
    assert.match(out, /Account 111122223333: ELIGIBLE \(as of 2026-11-22\)/);
    assert.match(out, /customer_subscriber_report_2026-11-22\.csv:2/);
    assert.match(out, /Reports: latest report 2026-11-22, 0 days old/);
  });

  it('exits 1 with the draft when a required field is empty or a value is not valid, naming each on stderr', async () => {
    const { code, out, err } = await run('case', 'render', 'image-bug', '--field', 'ami=ami-1');
    assert.equal(code, 1);
    assert.match(out, /\| AMI \| _AMI: "ami-1" is not valid/);
    assert.match(
      err,
      /^ami: AMI: "ami-1" is not valid[\s\S]*region: Region is required[\s\S]*reproducer: Minimal reproducer is required/m,
    );
  });

  it('exits 2 on an unknown template, an unknown field, a bad --field or an unreadable @FILE', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['case', 'render', 'nope'],
        /no case template "nope"; known: image-bug, account-setup, eligibility, box-error, api-call/,
      ],
      [
        ['case', 'render', 'box-error', '--field', 'colour=red'],
        /template "box-error" has no field "colour"; its fields: os, boxName/,
      ],
      [
        ['case', 'render', 'box-error', '--field', 'boxname=web-1'],
        /template "box-error" has no field "boxname"; did you mean boxName\?; its fields: os, boxName/,
      ],
      // The same letters in another case: two edits, more than a short name allows, still the field meant.
      [
        ['case', 'render', 'box-error', '--field', 'OS=linux'],
        /template "box-error" has no field "OS"; did you mean os\?; its fields: os, boxName/,
      ],
      [
        ['case', 'render', 'box-error', '--field', 'novalue'],
        /--field "novalue" must be NAME=VALUE or NAME=@FILE/,
      ],
      [
        ['case', 'render', 'box-error', '--field', 'log=@/no/such/file'],
        /--field @FILE \/no\/such\/file: no such file/,
      ],
      [
        ['case', 'render'],
        /name the template, one of: image-bug, account-setup, eligibility, box-error/,
      ],
      [['case', 'draw'], /unknown action "draw"/],
      [['case', 'render', 'eligibility', '--reports', BASIC], /--reports goes with --account/],
    ];
    for (const [argv, message] of cases) {
      const { code, err } = await run(...argv);
      assert.equal(code, 2, argv.join(' '));
      assert.match(err, message);
    }
  });
});
