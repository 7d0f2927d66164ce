// The one case renderer: every template, every field, redaction on every value, marks for what is
// still to fill, and the playbook data a case carries (call sheet, checklist, FAQ answer).
import * as assert from 'node:assert/strict';
import { defaultPlaybook } from '../../../../src/core/playbook/load';
import { lineView } from '../../../../src/core/playbook/support-lines';
import { AMI_ID } from '../../../../src/core/ids';
import {
  callSheet,
  fieldOptions,
  findTemplate,
  renderCase,
  telHref,
  type CaseValues,
} from '../../../../src/core/case/templates';

const book = defaultPlaybook();
const views = book.lines.map((l) => lineView(book, l.id));
/** The playbook as the first support line with template `id` sees it (a case carries its line's channels and contacts). */
const viewOf = (id: string) => views.find((v) => v.caseTemplates.some((t) => t.id === id))!;
/** Every template of every line, each once. */
const allTemplates = [
  ...new Map(views.flatMap((v) => v.caseTemplates.map((t) => [t.id, t] as const))).values(),
];
const ubuntu = lineView(book, 'ubuntu-pro');
const template = (id: string) => {
  const found = findTemplate(viewOf(id), id);
  assert.ok(found, `no template ${id}`);
  return found;
};

/** A value for every field of every default template, each passing its check. */
const GOOD: Record<string, CaseValues> = {
  'box-error': {
    os: 'windows',
    boxName: 'web-frontend',
    workspace: 'acme-ops',
    account: '1111-2222-3333',
    instanceId: 'i-0123456789abcdef0',
    log: '2026-11-20 10:15:03 ERROR [deploy] script exited with 1',
    description: 'The box stops at the configure script since this morning.',
  },
  'api-call': {
    method: 'POST',
    url: 'https://cam.ctl.io/services/instances',
    status: '400',
    requestBody:
      '{"box": "web", "variables": [{"name": "db", "password": "Hunter2-Prod!"}], "aws": {"key": "AKIAIOSFODNN7EXAMPLE"}}',
    responseBody: '{"message": "variable db is missing"}',
    account: '111122223333',
    description: 'Deploying by API fails; the UI works.',
  },
  'image-bug': {
    ami: 'ami-0abcdef1234567890',
    region: 'eu-west-1',
    instanceId: 'i-0123456789abcdef0',
    description: 'cloud-init hangs on first boot.',
    reproducer:
      '1. Launch the AMI on t3.micro\n2. Wait 5 minutes\n3. SSH in: cloud-init status says running',
  },
  eligibility: {
    account: '495219933132',
    instanceId: 'i-10a64379',
    productCode: '4w1vgsrkqdkypbz43g7qkk4uz',
    region: 'us-east-1',
    purchase: 'Private offer for a marketplace listing',
    evidence: 'ConfirmProductInstance: true, owner 495219933132',
    liveAgreement:
      'Live agreements of account 495219933132, any product (AWS Marketplace Agreement Service, us-east-1): ACTIVE\n  agmt-0001: ACTIVE',
    identityDocument:
      "Instance identity document (verified offline with AWS's certificates, no AWS call): VERIFIED",
  },
  'outage-call': {
    region: 'EMEA',
    account: '111122223333',
    instanceId: 'i-0123456789abcdef0',
    description: 'Every instance in eu-west-1 is unreachable.',
  },
  'account-setup': {
    organisation: 'Acme Ltd',
    account: '111122223333',
    portal: 'Landscape SaaS',
    question: ubuntu.faq[0].question,
    stepsTried: 'Reset twice.',
    description: 'The Landscape invitation never arrived.',
  },
};

describe('case templates', () => {
  it('has the six templates of the three support lines, each with a good value for every field', () => {
    assert.deepEqual(
      allTemplates.map((t) => t.id),
      ['image-bug', 'account-setup', 'eligibility', 'box-error', 'api-call', 'outage-call'],
    );
    for (const t of allTemplates)
      assert.deepEqual(Object.keys(GOOD[t.id]).sort(), t.fields.map((f) => f.id).sort(), t.id);
  });

  it('renders every field of every template, complete, with its title first', () => {
    for (const t of allTemplates) {
      const result = renderCase(viewOf(t.id), t, GOOD[t.id]);
      assert.deepEqual(result.errors, [], t.id);
      assert.match(result.markdown, new RegExp(`^# ${t.title.replace('/', '\\/')}\n`));
      for (const f of t.fields)
        assert.ok(result.markdown.includes(f.label), `${t.id}: ${f.label} not rendered`);
    }
  });

  it('redacts a secret put in any field of any template', () => {
    const secret = 'AKIAIOSFODNN7EXAMPLE';
    for (const t of allTemplates) {
      for (const f of t.fields) {
        const result = renderCase(viewOf(t.id), t, { ...GOOD[t.id], [f.id]: `x ${secret} y` });
        assert.ok(!result.markdown.includes(secret), `${t.id}.${f.id} leaked the key`);
        // A choice never shows what was typed (only its options); every other kind shows it, redacted.
        if (f.kind !== 'choice')
          assert.ok(
            result.redactions.some((r) => r.kind === 'aws-access-key-id'),
            `${t.id}.${f.id}: redaction not counted`,
          );
      }
    }
  });

  it('picks the agent log path from the operating system of a box error', () => {
    const windows = renderCase(
      viewOf('box-error'),
      template('box-error'),
      GOOD['box-error'],
    ).markdown;
    assert.match(
      windows,
      /## Agent log\n\nFrom `C:\\ProgramData\\ElasticBox\\Logs\\elasticbox-agent\.log` \(Windows, via RDP\)\.\n\n```text\n2026-11-20 10:15:03 ERROR/,
    );
    const linux = renderCase(viewOf('box-error'), template('box-error'), {
      ...GOOD['box-error'],
      os: 'Linux',
    }).markdown;
    assert.match(linux, /From `\/var\/log\/elasticbox\/elasticbox-agent\.log` \(Linux, via SSH\)/);
    assert.match(linux, /\| Operating system \| linux \|/);
    assert.doesNotMatch(linux, /From `C:/);
    assert.match(windows, /\| Customer AWS account \| 111122223333 \|/);
    assert.match(
      windows,
      /## Send to\n\n\*\*Cloud Application Manager support\*\* \(CenturyLink\): incident@CenturyLink\.com/,
    );
  });

  it('pretty-prints a JSON body, redacts it and says what it removed', () => {
    const result = renderCase(viewOf('api-call'), template('api-call'), GOOD['api-call']);
    assert.doesNotMatch(result.markdown, /Hunter2-Prod!|AKIAIOSFODNN7EXAMPLE/);
    assert.match(result.markdown, /```json\n\{\n {2}"box": "web",\n {2}"variables": \[\n/);
    assert.match(result.markdown, /"password": "\[REDACTED:password\]"/);
    assert.deepEqual(result.redactions, [
      { kind: 'aws-access-key-id', count: 1 },
      { kind: 'password', count: 1 },
    ]);
    assert.match(
      result.markdown,
      /> Redacted before sharing: 1 aws-access-key-id, 1 password\.\n$/,
    );
    const notJson = renderCase(viewOf('api-call'), template('api-call'), {
      ...GOOD['api-call'],
      responseBody: '<html>502 Bad Gateway</html>',
    }).markdown;
    assert.match(notJson, /```text\n<html>502 Bad Gateway<\/html>\n```/);
  });

  it('says an image bug is best effort and goes to the public tracker', () => {
    const md = renderCase(viewOf('image-bug'), template('image-bug'), GOOD['image-bug']).markdown;
    assert.match(md, /\| AMI \| ami-0abcdef1234567890 \|/);
    assert.match(md, /https:\/\/bugs\.launchpad\.net\/cloud-images\/\+filebug/);
    assert.match(md, /best effort/);
  });

  it('carries the call sheet of the region for an outage call, with tel-safe numbers', () => {
    const md = renderCase(
      viewOf('outage-call'),
      template('outage-call'),
      GOOD['outage-call'],
    ).markdown;
    assert.match(md, /## Critical outage call sheet: EMEA/);
    assert.match(md, /\| EMEA \| \[00800 72884743\]\(tel:0080072884743\) \|/);
    assert.doesNotMatch(md, /1-888-638-6771/);
    assert.match(
      md,
      /### Have ready before calling\n\n- Contact Cloud Application Manager support with details and screenshots/,
    );
    assert.equal(telHref('+65 6768 8099'), 'tel:+6567688099');
    assert.equal(telHref('1-888-638-6771'), 'tel:18886386771');
    assert.equal(telHref('call <script>alert(1)</script> +1'), 'tel:11');
    assert.equal((callSheet(viewOf('outage-call')).match(/\]\(tel:/g) ?? []).length, 4);
  });

  it('carries the set-up checklist and the answer of the chosen FAQ for an account set-up', () => {
    const md = renderCase(
      viewOf('account-setup'),
      template('account-setup'),
      GOOD['account-setup'],
    ).markdown;
    assert.match(
      md,
      /## Ubuntu Pro: general account setup\n\n- \[ \] \*\*Create an Ubuntu One account\*\*/,
    );
    assert.ok(md.includes(`## FAQ: ${ubuntu.faq[0].question}`));
    assert.ok(md.includes(ubuntu.faq[0].answer[0]));
    assert.ok(!md.includes(ubuntu.faq[1].answer[0]));
    assert.deepEqual(
      fieldOptions(
        ubuntu,
        template('account-setup').fields.find((f) => f.id === 'question')!,
      ),
      ubuntu.faq.map((f) => f.question),
    );
  });

  it('renders a draft with what is missing marked and listed', () => {
    const result = renderCase(viewOf('image-bug'), template('image-bug'), {
      ami: '  ',
      region: 'eu-west-1',
    });
    assert.deepEqual(
      result.errors.map((e) => e.field),
      ['ami', 'description', 'reproducer'],
    );
    assert.match(result.errors[0].message, /AMI is required \(ami- and 8 or 17 hex digits/);
    assert.match(result.markdown, /\| AMI \| _to fill_ \|/);
    assert.match(result.markdown, /## Minimal reproducer\n\n_to fill_/);
    assert.match(result.markdown, /> Still to fill or fix: AMI is required/);
  });

  it('checks formats and says what a valid value looks like', () => {
    const bad: [string, CaseValues, RegExp][] = [
      [
        'image-bug',
        { ami: 'ami-123' },
        /AMI: "ami-123" is not valid; expected ami- and 8 or 17 hex digits/,
      ],
      ['image-bug', { ami: 'ami-0ABCDEF1234567890' }, /AMI: .* is not valid/],
      [
        'image-bug',
        { region: 'Frankfurt' },
        /Region: "Frankfurt" is not valid; expected an AWS region/,
      ],
      ['eligibility', { instanceId: 'i-123' }, /Instance id: "i-123" is not valid/],
      ['eligibility', { account: '1.23457E+11' }, /scientific notation/],
      [
        'eligibility',
        { productCode: 'not a code!' },
        /Product code: .* expected 1 to 25 letters and digits/,
      ],
      ['eligibility', { purchase: 'Ebay' }, /choose one of Ubuntu Pro image published under/],
      [
        'api-call',
        { status: '99' },
        /HTTP status: "99" is not valid; expected an HTTP status code from 100 to 599/,
      ],
      ['api-call', { method: 'FETCH' }, /Method: choose one of GET, POST, PUT, PATCH, DELETE/],
      ['box-error', { os: 'macos' }, /Operating system: choose one of linux, windows/],
      [
        'outage-call',
        { region: 'Mars' },
        /choose one of United States, Canada, EMEA, Asia Pacific/,
      ],
    ];
    for (const [id, values, message] of bad) {
      const result = renderCase(viewOf(id), template(id), { ...GOOD[id], ...values });
      assert.equal(
        result.errors.length,
        1,
        `${id} ${JSON.stringify(values)}: ${JSON.stringify(result.errors)}`,
      );
      assert.match(result.errors[0].message, message);
      assert.ok(result.markdown.includes('_'), 'the invalid value is marked in the text');
    }
    assert.ok(AMI_ID.test('ami-12345678') && AMI_ID.test('ami-0123456789abcdef0'));
    assert.ok(
      !AMI_ID.test('ami-1234567') &&
        !AMI_ID.test('ami-0123456789abcdef') &&
        !AMI_ID.test('i-12345678'),
    );
  });

  it('says when a typed account was padded', () => {
    const md = renderCase(viewOf('outage-call'), template('outage-call'), {
      ...GOOD['outage-call'],
      account: '22223333',
    }).markdown;
    assert.match(md, /\| Customer AWS account \| 000022223333 \(padded from 22223333\) \|/);
  });

  it('keeps pasted text from breaking out of its code block, the table or into HTML', () => {
    const md = renderCase(viewOf('box-error'), template('box-error'), {
      ...GOOD['box-error'],
      boxName: 'web | db <img src=x onerror=alert(1)>',
      log: 'line 1\n```\n# not a heading\n````',
      description: '<script>alert(1)</script>\n# heading?',
    }).markdown;
    assert.match(md, /\| Box name \| web \\\| db \\<img src=x onerror=alert\(1\)\\> \|/);
    assert.match(md, /`````text\nline 1\n```\n# not a heading\n````\n`````/);
    assert.match(md, /\\<script\\>alert\(1\)\\<\/script\\> {2}\n\\# heading\?/);
  });

  it('renders a team template from a team playbook and names values for fields it lacks', () => {
    const team = {
      ...ubuntu,
      caseTemplates: [
        {
          id: 'crash',
          title: 'Crash',
          summary: 'It crashed.',
          fields: [{ id: 'note', label: 'Note', kind: 'text' as const, required: true }],
        },
      ],
    };
    const result = renderCase(team, team.caseTemplates[0], {
      note: '  two\nlines  ',
      ignored: 'x',
    });
    assert.equal(
      result.markdown,
      '# Crash\n\nIt crashed.\n\n| Field | Value |\n| --- | --- |\n| Note | two lines |\n',
    );
    assert.deepEqual(result.unknownFields, ['ignored']);
  });
});
