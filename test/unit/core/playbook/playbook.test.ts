import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../../../src/cli';
import { crossCheck } from '../../../../src/core/playbook/cross-check';
import {
  checkPlaybookText,
  defaultPlaybook,
  loadPlaybook,
  DEFAULT_PLAYBOOK_FILE,
} from '../../../../src/core/playbook/load';
import { lineView } from '../../../../src/core/playbook/support-lines';

const root = resolve(__dirname, '../../../../..');
const fixtures = join(root, 'test/fixtures/playbooks');
const fixture = (name: string) => join(fixtures, name);
// Byte-for-byte copies of the four source documents the default playbook is built from, and of the Ubuntu
// Pro page the Ubuntu Pro support options page points to (canonical/ubuntu-cloud-docs, aws/aws-reference/pro.rst).
const SEEDS = [
  'partner-aws-platform-support.txt',
  'ubuntu-pro-aws-support-options.txt',
  'ubuntu-pro-account-setup.txt',
  'aws-marketplace-providing-support.txt',
  'ubuntu-pro-on-aws.txt',
];
const seed = (name: string) => readFileSync(join(fixtures, 'seeds', name), 'utf8');
/** Non-breaking spaces and line breaks in the seeds are layout, not content. */
const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();
const defaultText = readFileSync(join(root, 'src/core/playbook/default-playbook.json'), 'utf8');

function linesAfter(text: string, heading: string): string[] {
  return text.slice(text.indexOf(heading) + heading.length).split('\n');
}

describe('default playbook', () => {
  const book = defaultPlaybook();
  // The seeds as three support lines: the partner's platform-level support, the AMI seller's, Ubuntu Pro's.
  const playbook = lineView(book, 'centurylink-resold-accounts');
  const elasticbox = lineView(book, 'elasticbox');
  const ubuntu = lineView(book, 'ubuntu-pro');

  it('is valid against the schema, with three complete support lines and no dangling channel ids', () => {
    assert.deepEqual(checkPlaybookText(defaultText, 'default-playbook.json').problems, []);
    assert.deepEqual(crossCheck(book), []);
    assert.deepEqual(
      book.lines.map((l) => l.id),
      ['ubuntu-pro', 'elasticbox', 'centurylink-resold-accounts'],
    );
    assert.equal(book.defaultLine, 'ubuntu-pro');
    for (const line of [playbook, elasticbox, ubuntu]) {
      assert.ok(
        line.scope.inScope.length > 0 && line.channels.length > 0 && line.caseTemplates.length > 0,
        line.line.id,
      );
      // The eligibility case (Start case from a check) is shared by every line.
      assert.ok(
        line.caseTemplates.some((t) => t.id === 'eligibility'),
        line.line.id,
      );
    }
    assert.deepEqual(
      [ubuntu, elasticbox, playbook].map((l) => l.caseTemplates.map((t) => t.id)),
      [
        ['image-bug', 'account-setup', 'eligibility'],
        ['box-error', 'api-call', 'eligibility'],
        ['outage-call', 'eligibility'],
      ],
    );
  });

  it('cites one of the seeds, and a heading in it, for every fact', () => {
    const sources: { document: string; section?: string }[] = [];
    JSON.parse(defaultText, (key, value) => {
      if (key === 'source') sources.push(value);
      return value;
    });
    assert.ok(sources.length > 90, `only ${sources.length} sources`);
    for (const source of sources) {
      assert.ok(SEEDS.includes(source.document), `unknown document ${source.document}`);
      assert.ok(
        source.section && seed(source.document).includes(source.section),
        `"${source.section}" is not a heading in ${source.document}`,
      );
    }
  });

  it('holds every in-scope item of the seed scope table, word for word, and nothing else', () => {
    const bullets = [];
    for (const line of linesAfter(
      seed('partner-aws-platform-support.txt'),
      '**Scope of Platform-Level support**:',
    ).slice(1)) {
      if (line.trim() === '' && bullets.length > 0) break;
      if (line.startsWith('  * ')) bullets.push(line.slice(4).trim());
    }
    assert.equal(bullets.length, 14);
    assert.deepEqual(
      playbook.scope.inScope.map((i) => i.item),
      bullets,
    );
  });

  it('holds the out-of-scope list and managed services with their link', () => {
    const table = seed('partner-aws-platform-support.txt');
    const outside = table.slice(
      table.indexOf('**OUTSIDE SCOPE**:'),
      table.indexOf('\n', table.indexOf('**OUTSIDE SCOPE**:')),
    );
    for (const { item } of playbook.scope.outOfScope) assert.ok(outside.includes(item), item);
    assert.deepEqual(
      playbook.scope.outOfScope.map((i) => i.item).join(', '),
      'Remote Administration, Monitoring and Remediation, Change Management and Patching, Customer accounts that are not Optimized by Cloud Application Manager',
    );
    assert.deepEqual(playbook.scope.managedServices?.includes, [
      'Remote Administration',
      'Monitoring and Remediation',
      'Change Management and Patching',
    ]);
    assert.equal(
      playbook.scope.managedServices?.url,
      'https://www.ctl.io/cloud-application-manager/managed-services-anywhere/',
    );
  });

  it('holds the four critical-outage phone lines exactly as the seed lists them', () => {
    const seeded = [
      ...seed('partner-aws-platform-support.txt').matchAll(/^- ([^:]+): (.+)$/gm),
    ].map(([, region, number]) => ({ region, number }));
    assert.equal(seeded.length, 8); // the list appears twice in the seed
    assert.deepEqual(
      playbook.contacts.escalationPhones.map(({ region, number }) => ({ region, number })),
      seeded.slice(0, 4),
    );
    assert.deepEqual(
      seeded.slice(0, 4).map((p) => p.number),
      ['1-888-638-6771', '1-866-296-5335', '00800 72884743', '+65 6768 8099'],
    );
  });

  it('gives the ElasticBox line the same four phone lines, and the Ubuntu Pro line none (the seeds list none for Canonical)', () => {
    assert.deepEqual(
      elasticbox.contacts.escalationPhones.map((p) => p.number),
      playbook.contacts.escalationPhones.map((p) => p.number),
    );
    assert.deepEqual(ubuntu.contacts.escalationPhones, []);
  });

  it('holds every e-mail address and every URL of the seeds', () => {
    const all = SEEDS.slice(0, 4).map(seed).join('\n');
    const emails = new Set([...all.matchAll(/[\w.+-]+@[\w-]+\.[\w.-]*\w/g)].map(([e]) => e));
    assert.deepEqual([...emails].sort(), ['aws@canonical.com', 'incident@CenturyLink.com']);
    assert.deepEqual(
      ubuntu.contacts.emails?.map((e) => e.address),
      ['aws@canonical.com'],
    );
    assert.deepEqual(
      playbook.contacts.emails?.map((e) => e.address),
      ['incident@CenturyLink.com'],
    );
    const urls = new Set([...all.matchAll(/https?:\/\/[^\s<>`)]+/g)].map(([u]) => u));
    assert.ok(urls.size >= 14, `found only ${urls.size} URLs`);
    for (const url of urls)
      assert.ok(
        defaultText.includes(`"${url}"`) || defaultText.includes(`(${url})`),
        `missing ${url}`,
      );
  });

  it('tells API issues to send the request body, and box errors where the agent log is', () => {
    const text = seed('partner-aws-platform-support.txt');
    const [api, box] = ['api-call', 'box-error'].map((id) =>
      elasticbox.caseTemplates.find((t) => t.id === id)!,
    );
    assert.ok(text.includes(api.guidance![0].text));
    assert.ok(api.fields.some((f) => f.id === 'requestBody' && f.required && f.verbatim));
    assert.ok(normalize(text).includes(normalize(box.guidance![0].text)));
    const log = box.fields.find((f) => f.id === 'log')!;
    assert.equal(log.locationFrom, 'os');
    const locations = log.locations!;
    assert.deepEqual(
      locations.map((l) => [l.when, l.label, l.path]),
      [
        ['linux', 'Linux', '/var/log/elasticbox/elasticbox-agent.log'],
        ['windows', 'Windows', 'C:\\ProgramData\\ElasticBox\\Logs\\elasticbox-agent.log'],
      ],
    );
    assert.ok(text.includes(`locate the log at ${locations[0].path}`));
    // The seed lost the Windows path's backslashes and drive: restored, it must still be that path.
    assert.ok(
      text.includes(
        `locate the log at ${locations[1].path.replace(/^C:\\/, '').replace(/\\/g, '')}`,
      ),
    );
  });

  it('says which Ubuntu Pro purchase gets which support channel', () => {
    const paths = new Map(ubuntu.purchasePaths.map((p) => [p.id, p]));
    assert.equal(paths.get('marketplace-image')!.phoneSupport, false);
    assert.equal(paths.get('ec2-console-image')!.phoneSupport, false);
    assert.equal(paths.get('private-offer')!.phoneSupport, true);
    assert.equal(paths.get('ubuntu-pro-token')!.phoneSupport, true);
    const channels = new Map(ubuntu.channels.map((c) => [c.id, c]));
    assert.deepEqual(channels.get('canonical-phone-support')!.hours, ['24/5', '24/7']);
    assert.equal(channels.get('canonical-phone-support')!.email, 'aws@canonical.com');
    assert.ok(paths.get('marketplace-image')!.channels.includes('aws-front-line-support'));
    assert.equal(
      channels.get('aws-front-line-support')!.url,
      'https://console.aws.amazon.com/support/home#/case/create?issueType=technical',
    );
    const tracker = channels.get('cloud-images-bug-tracker')!;
    assert.equal(tracker.url, 'https://bugs.launchpad.net/cloud-images/+filebug');
    assert.equal(tracker.bestEffort, true);
    assert.deepEqual(tracker.requirements, [
      'describe the issue',
      'provide a minimal reproducer',
      'include which AMI you see this issue on',
    ]);
    const options = normalize(seed('ubuntu-pro-aws-support-options.txt'));
    for (const requirement of tracker.requirements)
      assert.ok(options.includes(requirement), requirement);
  });

  it('holds the Ubuntu Pro account set-up steps and the three FAQ answers', () => {
    const setup = seed('ubuntu-pro-account-setup.txt');
    const steps = new Map(ubuntu.accountSetup!.steps.map((s) => [s.id, s]));
    assert.equal(steps.get('ubuntu-one-account')!.url, 'http://login.ubuntu.com');
    assert.equal(steps.get('pro-dashboard')!.url, 'http://ubuntu.com/pro/dashboard');
    assert.equal(steps.get('support-portal')!.url, 'http://portal.support.canonical.com');
    assert.match(steps.get('pro-token')!.text, /Ubuntu Pro tokens/);
    assert.deepEqual(steps.get('dashboard-secondary-user')!.menuPath, ['Account users']);
    assert.deepEqual(steps.get('support-portal-secondary-user')!.menuPath, [
      'account profile icon',
      'My account',
      'New user',
      'Active Ubuntu Advantage user',
    ]);
    assert.match(steps.get('landscape-invitation')!.text, /spam folders/);
    assert.match(
      steps.get('landscape-license')!.text,
      /license\.txt files for self-hosted Landscape are downloaded directly from Landscape SaaS/,
    );
    assert.ok(
      ubuntu.contacts.portals!.some(
        (p) => p.name === 'Landscape SaaS' && p.url === 'http://landscape.canonical.com/',
      ),
    );
    // Steps and answers are the seed's own sentences (markup aside): nothing lost, nothing invented.
    const plainSeed = normalize(
      setup
        .replace(/`([^<`]+?) ?<[^>]+>`_+/g, '$1')
        .replace(/<([^>]+)>/g, '$1')
        .replace(/[*"]/g, ''),
    );
    const plain = (markdown: string) =>
      markdown.replace(/\[([^\]]+)\]\([^)]+\)/g, '$1').replace(/[*"`]/g, '');
    for (const step of ubuntu.accountSetup!.steps.filter((s) => s.id !== 'three-portals')) {
      for (const sentence of plain(step.text).split(/(?<=\.) /))
        assert.ok(plainSeed.includes(sentence), `${step.id}: "${sentence}"`);
    }
    for (const paragraph of ubuntu.faq.flatMap((f) => f.answer))
      assert.ok(plainSeed.includes(plain(paragraph)), paragraph);
    const questions = [...setup.matchAll(/^\d\. (.+\?)$/gm)].map(([, q]) =>
      q.replace(/`Ubuntu One <[^>]+>`_/, 'Ubuntu One'),
    );
    assert.deepEqual(
      ubuntu.faq.map((f) => f.question),
      questions,
    );
  });

  it('holds the AWS Marketplace support facts', () => {
    const aws = normalize(seed('aws-marketplace-providing-support.txt'));
    const m = playbook.marketplace;
    assert.deepEqual(
      m.subscriptionReport.fields.map((f) => f.name),
      ['Product ID', 'AWS Account Number', 'Date of Last Usage'],
    );
    for (const fact of [
      m.reportingLag,
      m.productSupportConnection!,
      m.productIds!,
      m.confirmation.sellerMustOwnProductCode,
      ...m.subscriptionReport.facts,
    ]) {
      assert.ok(aws.includes(fact.text), fact.text);
    }
    assert.match(m.productSupportConnection!.text, /Product Support Connection/);
    assert.match(m.reportingLag.text, /good faith/);
    const [, code, instance, , owner] = /(\w+) (i-[0-9a-f]+) (true) (\d{12})/.exec(aws)!;
    assert.deepEqual(
      [
        m.confirmation.example.productCode,
        m.confirmation.example.instanceId,
        m.confirmation.example.ownerAccount,
      ],
      [code, instance, owner],
    );
    assert.deepEqual(
      [code, instance, owner],
      ['4w1vgsrkqdkypbz43g7qkk4uz', 'i-10a64379', '495219933132'],
    );
    assert.match(m.confirmation.steps[0].text, /Instance ID, and their AWS Account ID/);
  });
});

describe('team playbook', () => {
  it('reads a playbook of the flat shape (before support lines) with its meaning: each section it has applies to every line', async () => {
    const loaded = await loadPlaybook(fixture('team-valid.json'));
    assert.deepEqual(loaded.problems, []);
    assert.deepEqual(loaded.overridden, [
      'name',
      'products',
      'eligibility',
      'contacts',
      'caseTemplates',
    ]);
    assert.deepEqual(loaded.teamLines, []);
    assert.equal(loaded.playbook.eligibility.lastUsageDays, 45);
    const base = defaultPlaybook();
    for (const id of ['ubuntu-pro', 'elasticbox', 'centurylink-resold-accounts']) {
      const line = lineView(loaded.playbook, id);
      assert.deepEqual(
        line.contacts.escalationPhones.map((p) => p.region),
        ['United States', 'Germany'],
        id,
      );
      assert.deepEqual(
        line.caseTemplates.map((t) => t.id),
        ['web-server-crash'],
        id,
      );
      // What it leaves out keeps each line's own.
      assert.deepEqual(line.scope, lineView(base, id).scope, id);
      assert.deepEqual(line.faq, lineView(base, id).faq, id);
      // Its template names a channel of the Ubuntu Pro line: every line can still send the case there.
      assert.ok(
        line.channels.some((c) => c.id === 'aws-front-line-support'),
        id,
      );
    }
  });

  it('falls back to the default when missing, silently', async () => {
    const loaded = await loadPlaybook(fixture('no-such-playbook.json'));
    assert.deepEqual(loaded, {
      playbook: defaultPlaybook(),
      teamFile: null,
      overridden: [],
      teamLines: [],
      problems: [],
    });
  });

  it('reports schema errors with the file, line and JSON path, and falls back to the default', async () => {
    const file = fixture('invalid-schema.json');
    const lines = readFileSync(file, 'utf8').split('\n');
    const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
    const loaded = await loadPlaybook(file);
    assert.deepEqual(loaded.playbook, defaultPlaybook());
    assert.deepEqual(loaded.overridden, []);
    const errors = loaded.problems.filter((p) => p.severity === 'error');
    assert.deepEqual(
      errors.map((p) => [p.file, p.line, p.path]),
      [
        [file, lineOf('call 00800'), '/contacts/escalationPhones/2/number'],
        [file, lineOf('"kind": "ami"'), '/caseTemplates/0/fields/0/kind'],
        [file, lineOf('"escalation"'), '/escalation'],
      ],
    );
    assert.match(
      errors[0].message,
      /^\/contacts\/escalationPhones\/2\/number: must match .*e\.g\. "\+65 6768 8099"/,
    );
    assert.match(errors[1].message, /must be one of .*"amiId"/);
    assert.match(errors[2].message, /unknown property "escalation"/);
    assert.ok(
      loaded.problems.some(
        (p) => p.severity === 'warning' && /using the default playbook/.test(p.message),
      ),
    );
  });

  it('reports a JSON syntax error at its line', async () => {
    const loaded = await loadPlaybook(fixture('invalid-syntax.json'));
    const [error] = loaded.problems;
    assert.equal(error.line, 6);
    assert.match(error.message, /not valid JSON.*trailing commas are not allowed/);
    assert.deepEqual(loaded.playbook, defaultPlaybook());
  });

  it('says what to do with an empty file or a wrong version', () => {
    assert.match(
      checkPlaybookText(' \n', 'team.json').problems[0].message,
      /the file is empty: write a JSON object/,
    );
    assert.deepEqual(
      checkPlaybookText('{\n  "version": 2\n}', 'team.json').problems.map((p) => [
        p.line,
        p.message,
      ]),
      [[2, '/version: must be 1']],
    );
  });

  it('gives the line of a problem that starts a line, ends the file, or opens it', () => {
    const lines = (text: string) =>
      checkPlaybookText(text, 'team.json').problems.map((p) => p.line);
    assert.deepEqual(lines('{\n"version": 2,\n"name": 1}'), [2, 3]);
    assert.deepEqual(lines('x'), [1]);
  });

  it('reports a case template naming a channel that does not exist', async () => {
    const file = fixture('invalid-channel.json');
    const loaded = await loadPlaybook(file);
    const [error] = loaded.problems;
    assert.deepEqual([error.file, error.line, error.path], [file, 7, '/caseTemplates/0/channel']);
    assert.equal(
      loaded.problems.filter((p) => p.severity === 'error').length,
      1,
      'a shared template is checked in every line, and its problem said once',
    );
    assert.match(
      error.message,
      /no channel has the id "acme-hotline"; known channels: aws-front-line-support, .*cloud-application-manager-support/,
    );
    assert.notEqual(error.file, DEFAULT_PLAYBOOK_FILE);
  });

  it('reports a path it cannot read (a folder) and keeps working', async () => {
    const loaded = await loadPlaybook(fixtures);
    assert.match(
      loaded.problems[0].message,
      /cannot read the playbook: it is a folder, not a regular file/,
    );
    assert.deepEqual(loaded.playbook, defaultPlaybook());
  });
});

describe('support-desk playbook', () => {
  async function run(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['playbook', ...argv], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('validate exits 0 for a valid playbook and 1 with JSON-path errors for an invalid one', async () => {
    const valid = await run('validate', fixture('team-valid.json'));
    assert.equal(valid.code, 0);
    assert.match(
      valid.out,
      /is valid\. Sections it replaces: name, products, eligibility, contacts, caseTemplates/,
    );
    const invalid = await run('validate', fixture('invalid-schema.json'));
    assert.equal(invalid.code, 1);
    assert.match(
      invalid.out,
      /invalid-schema\.json:7: error: \/contacts\/escalationPhones\/2\/number: must match/,
    );
    const json = JSON.parse((await run('validate', fixture('invalid-channel.json'), '--json')).out);
    assert.equal(json.valid, false);
    assert.equal(json.problems[0].path, '/caseTemplates/0/channel');
  });

  it('validate without PATH checks .support-desk/playbook.json in the current folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'playbook-cli-'));
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      const none = await run('validate');
      assert.equal(none.code, 0);
      assert.match(none.out, /No team playbook at \.support-desk\/playbook\.json/);
    } finally {
      process.chdir(cwd);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 on a PATH that does not exist or an unknown action', async () => {
    assert.equal((await run('validate', fixture('nope.json'))).code, 2);
    assert.equal((await run('show', '--playbook', fixture('nope.json'))).code, 2);
    assert.equal((await run('publish')).code, 2);
    assert.equal((await run()).code, 2);
  });

  it('show --json prints the effective playbook; an invalid team file is reported on stderr', async () => {
    const merged = await run('show', '--json', '--playbook', fixture('team-valid.json'));
    assert.equal(merged.code, 0);
    assert.deepEqual(
      JSON.parse(merged.out),
      (await loadPlaybook(fixture('team-valid.json'))).playbook,
    );
    const fallback = await run(
      'show',
      '--playbook',
      fixture('invalid-syntax.json'),
      '--line',
      'centurylink-resold-accounts',
    );
    assert.equal(fallback.code, 0);
    assert.match(fallback.err, /invalid-syntax\.json:6: error: not valid JSON/);
    assert.match(fallback.out, /^Default playbook: from the default playbook/);
    assert.match(fallback.out, /Asia Pacific: \+65 6768 8099/);
    assert.match(fallback.out, /IN SCOPE: Terms and Agreements/);
  });
});

describe('the playbook schema validator', () => {
  // Loading ajv costs every CLI command about 10 ms: only a team playbook to validate should load it.
  function ajvLoadedBy(...argv: string[]): boolean {
    const cli = JSON.stringify(join(root, 'out/src/cli.js'));
    const probe = `require(${cli}).main(process.argv.slice(1), { out() {}, err() {} })
      .then(() => process.stdout.write(String(Object.keys(require.cache).some((p) => p.includes('/node_modules/ajv/')))))`;
    const dir = mkdtempSync(join(tmpdir(), 'playbook-ajv-'));
    try {
      return (
        execFileSync(process.execPath, ['-e', probe, '--', ...argv], {
          cwd: dir,
          encoding: 'utf8',
        }) === 'true'
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const lookup = [
    'lookup',
    '111122223333',
    '--reports',
    join(root, 'samples/reports'),
    '--as-of',
    '2026-11-22',
  ];

  it('is not loaded by a lookup with no team playbook', () => {
    assert.equal(ajvLoadedBy(...lookup), false);
  });

  it('is loaded by a lookup with a team playbook', () => {
    assert.equal(ajvLoadedBy(...lookup, '--playbook', fixture('team-valid.json')), true);
  });
});
