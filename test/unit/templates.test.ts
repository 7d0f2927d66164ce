import * as assert from 'node:assert/strict';
import { defaultPlaybook } from '../../src/core/playbook/load';
import { AMI_ID } from '../../src/core/ids';
import { checkCase, findTemplate, renderCase, type CaseValues } from '../../src/core/templates';

const playbook = defaultPlaybook();
const template = (id: string) => {
  const found = findTemplate(playbook, id);
  assert.ok(found, `no template ${id}`);
  return found;
};

/** Values that pass every check, per default template. */
const GOOD: Record<string, CaseValues> = {
  'box-error': {
    account: '1111-2222-3333', box: 'web-frontend', workspace: 'acme-ops', instanceId: 'i-0123456789abcdef0', region: 'us-east-1',
    agentLogPath: 'C:\\ProgramData\\ElasticBox\\Logs\\elasticbox-agent.log',
    agentLogExcerpt: '2026-11-20 10:15:03 ERROR [deploy] script exited with 1',
    description: 'The box stops at the configure script since this morning.',
  },
  'api-call-failure': {
    account: '111122223333', request: 'POST https://cam.ctl.io/services/instances',
    requestBody: '{"box": "web", "variables": [{"name": "db", "password": "Hunter2-Prod!"}], "aws": {"key": "AKIAIOSFODNN7EXAMPLE"}}',
    response: '400 Bad Request\n{"message": "variable db is missing"}', description: 'Deploying by API fails; the UI works.',
  },
  'cloud-image-bug': {
    amiId: 'ami-0abcdef1234567890', region: 'eu-west-1', description: 'cloud-init hangs on first boot.',
    reproducer: '1. Launch the AMI on t3.micro\n2. Wait 5 minutes\n3. SSH in: cloud-init status says running',
  },
  eligibility: {
    account: '495219933132', instanceId: 'i-10a64379', productCode: '4w1vgsrkqdkypbz43g7qkk4uz', region: 'us-east-1',
    purchase: 'Private offer', evidence: 'ConfirmProductInstance: true, owner 495219933132',
  },
  'account-setup': { organisation: 'Acme Ltd', portal: 'Landscape SaaS', description: 'The Landscape invitation never arrived.' },
};

describe('case templates', () => {
  it('has the five default templates, each rendering with good values', () => {
    assert.deepEqual(playbook.caseTemplates.map((t) => t.title), ['Box error', 'API call failure', 'Cloud image bug', 'Eligibility/entitlement', 'Account set-up']);
    for (const t of playbook.caseTemplates) {
      const result = renderCase(playbook, t, GOOD[t.id]);
      assert.ok(result.ok, `${t.id}: ${JSON.stringify(!result.ok && result.errors)}`);
      assert.match(result.case.markdown, new RegExp(`^# ${t.title}\n`));
    }
  });

  it('renders a box error with the normalized account, the log path and the cited guidance', () => {
    const result = renderCase(playbook, template('box-error'), GOOD['box-error']);
    assert.ok(result.ok);
    const md = result.case.markdown;
    assert.match(md, /\| Customer AWS account \| 111122223333 \|/);
    assert.match(md, /\| Agent log attached from \| `C:\\ProgramData\\ElasticBox\\Logs\\elasticbox-agent\.log` \|/);
    assert.match(md, /## Agent log excerpt\n\n```text\n2026-11-20 10:15:03 ERROR/);
    assert.match(md, /## What happened\n\nThe box stops/);
    assert.match(md, /share the box in the workspace .* _\(partner-aws-platform-support\.txt, “Contacting Cloud Application Manager Support”\)_/);
    assert.match(md, /`\/var\/log\/elasticbox\/elasticbox-agent\.log`/);
    assert.match(md, /## Send to\n\n\*\*Cloud Application Manager support\*\* \(CenturyLink\): incident@CenturyLink\.com/);
    assert.doesNotMatch(md, /Region \| \|/);
  });

  it('redacts the API request body and says what it removed', () => {
    const result = renderCase(playbook, template('api-call-failure'), GOOD['api-call-failure']);
    assert.ok(result.ok);
    assert.doesNotMatch(result.case.markdown, /Hunter2-Prod!|AKIAIOSFODNN7EXAMPLE/);
    assert.match(result.case.markdown, /"password": "\[REDACTED:password\]"/);
    assert.deepEqual(result.case.redactions, [{ kind: 'aws-access-key-id', count: 1 }, { kind: 'password', count: 1 }]);
    assert.match(result.case.markdown, /> Redacted before sharing: 1 aws-access-key-id, 1 password\.\n$/);
  });

  it('says a cloud image bug is best effort and goes to the public tracker', () => {
    const result = renderCase(playbook, template('cloud-image-bug'), GOOD['cloud-image-bug']);
    assert.ok(result.ok);
    assert.match(result.case.markdown, /\| AMI \| ami-0abcdef1234567890 \|/);
    assert.match(result.case.markdown, /https:\/\/bugs\.launchpad\.net\/cloud-images\/\+filebug/);
    assert.match(result.case.markdown, /best effort/);
  });

  it('names every missing required field', () => {
    const { errors } = checkCase(template('cloud-image-bug'), { amiId: '  ', region: 'eu-west-1' });
    assert.deepEqual(errors.map((e) => e.field), ['amiId', 'description', 'reproducer']);
    assert.match(errors[0].message, /AMI is required \(ami- and 8 or 17 hex digits/);
  });

  it('checks id formats and says what a valid one looks like', () => {
    const bad: [string, CaseValues, RegExp][] = [
      ['cloud-image-bug', { amiId: 'ami-123' }, /AMI: "ami-123" is not valid; expected ami- and 8 or 17 hex digits/],
      ['cloud-image-bug', { amiId: 'ami-0ABCDEF1234567890' }, /AMI: .* is not valid/],
      ['cloud-image-bug', { region: 'Frankfurt' }, /Region: "Frankfurt" is not valid; expected an AWS region/],
      ['eligibility', { instanceId: 'i-123' }, /Instance id: "i-123" is not valid/],
      ['eligibility', { account: '1.23457E+11' }, /scientific notation/],
      ['eligibility', { productCode: 'not a code!' }, /Product code: .* expected 1 to 25 letters and digits/],
      ['eligibility', { purchase: 'Ebay' }, /How it was bought: choose one of AWS Marketplace listing, EC2 console/],
      ['box-error', { agentLogPath: 'elasticbox-agent.log' }, /not an absolute path; usually \/var\/log\/elasticbox\/elasticbox-agent\.log \(Linux\) or C:\\ProgramData\\ElasticBox\\Logs\\elasticbox-agent\.log \(Windows\)/],
    ];
    for (const [id, values, message] of bad) {
      const t = template(id);
      const result = renderCase(playbook, t, { ...GOOD[id], ...values });
      assert.ok(!result.ok, `${id} accepted ${JSON.stringify(values)}`);
      assert.equal(result.errors.length, 1);
      assert.match(result.errors[0].message, message);
    }
    assert.ok(AMI_ID.test('ami-12345678') && AMI_ID.test('ami-0123456789abcdef0'));
    assert.ok(!AMI_ID.test('ami-1234567') && !AMI_ID.test('ami-0123456789abcdef') && !AMI_ID.test('i-12345678'));
  });

  it('keeps a pasted log from breaking out of its code block or the table', () => {
    const result = renderCase(playbook, template('box-error'), {
      ...GOOD['box-error'], box: 'web | db', agentLogExcerpt: 'line 1\n```\n# not a heading\n````',
    });
    assert.ok(result.ok);
    assert.match(result.case.markdown, /\| Box name \| web \\\| db \|/);
    assert.match(result.case.markdown, /`````text\nline 1\n```\n# not a heading\n````\n`````/);
  });

  it('renders a team template from a team playbook', () => {
    const team = { ...playbook, caseTemplates: [{
      id: 'crash', title: 'Crash', summary: 'It crashed.',
      fields: [{ id: 'note', label: 'Note', kind: 'text' as const, required: true }],
    }] };
    const result = renderCase(team, team.caseTemplates[0], { note: '  two\nlines  ', ignored: 'x' });
    assert.ok(result.ok);
    assert.equal(result.case.markdown, '# Crash\n\nIt crashed.\n\n| Field | Value |\n| --- | --- |\n| Note | two lines |\n');
  });
});
