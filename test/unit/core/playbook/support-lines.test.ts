// Support lines: the playbook as each line sees it, which line a customer's products pick (and why), team
// files of both shapes (lines, and the flat one from before lines), the schema and the CLI's --line.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadReports } from '../../../../src/core/reports/load-reports';
import { crossCheck } from '../../../../src/core/playbook/cross-check';
import {
  checkPlaybookText,
  defaultPlaybook,
  loadPlaybook,
} from '../../../../src/core/playbook/load';
import { searchScope } from '../../../../src/core/playbook/scope-search';
import {
  chooseLine,
  lineView,
  linesForCustomer,
  productsOfAccount,
} from '../../../../src/core/playbook/support-lines';
import type { Playbook } from '../../../../src/core/playbook/types';
import { runCli } from '../../../support/cli-in-process';

const root = resolve(__dirname, '../../../../..');
const fixture = (name: string) => join(root, 'test/fixtures/playbooks', name);
const BASIC = join(root, 'test/fixtures/reports/basic');
const UBUNTU_22 = {
  productId: 'prod-5qwz3vsg4kbfw',
  productCode: '8a2kq9xw3vbn7m4c1zt6ry5pd',
  productTitle: 'Ubuntu Pro 22.04 LTS',
};
const ELASTICBOX = { productId: 'prod-eb7mxr2l9tqzs', productTitle: 'ElasticBox Enterprise' };

describe('support lines: the playbook as a line sees it', () => {
  const book = defaultPlaybook();

  it("gives each line its own scope, contacts, channels and templates, and the shared eligibility case after the line's own", () => {
    const ubuntu = lineView(book, 'ubuntu-pro');
    assert.equal(ubuntu.line.name, 'Ubuntu Pro on AWS');
    assert.equal(ubuntu.scope.provider, 'Canonical');
    assert.deepEqual(
      ubuntu.channels.map((c) => c.id),
      [
        'aws-front-line-support',
        'canonical-phone-support',
        'canonical-support-portal',
        'cloud-images-bug-tracker',
      ],
    );
    assert.deepEqual(
      lineView(book, 'elasticbox').caseTemplates.map((t) => t.id),
      ['box-error', 'api-call', 'eligibility'],
    );
    assert.equal(lineView(book).line.id, 'ubuntu-pro', 'no id: the default line');
    assert.throws(
      () => lineView(book, 'nope'),
      /no support line "nope"; the playbook's lines: ubuntu-pro, elasticbox, centurylink-resold-accounts/,
    );
  });

  it("lets a line's own list entry replace the shared one of the same id, and a top-level scope serve a line without one", () => {
    const shared = { ...book.caseTemplates![0], title: 'Shared eligibility' };
    const own = { ...shared, title: "The line's own eligibility" };
    const playbook: Playbook = {
      ...book,
      scope: lineView(book, 'centurylink-resold-accounts').scope,
      caseTemplates: [shared],
      lines: [{ ...book.lines[1], scope: undefined, caseTemplates: [own] }],
      defaultLine: 'elasticbox',
    };
    const view = lineView(playbook, 'elasticbox');
    assert.deepEqual(
      view.caseTemplates.map((t) => t.title),
      ["The line's own eligibility"],
    );
    assert.equal(view.scope.provider, 'CenturyLink');
    assert.deepEqual(crossCheck(playbook), []);
  });

  it('answers "livepatch is not working on Ubuntu Pro" from the Ubuntu Pro scope, which the partner scope does not cover', () => {
    const answer = searchScope(
      lineView(book, 'ubuntu-pro').scope,
      'livepatch is not working on Ubuntu Pro',
    );
    assert.equal(answer.answer, 'in-scope');
    assert.equal(
      answer.matches[0].item,
      'Livepatch: security updates to the kernel in a live system',
    );
    assert.equal(answer.matches[0].source.document, 'ubuntu-pro-on-aws.txt');
    assert.equal(
      searchScope(lineView(book, 'centurylink-resold-accounts').scope, 'livepatch is not working')
        .answer,
      'none',
    );
  });
});

describe("support lines: a customer's products pick the line", () => {
  const book = defaultPlaybook();
  const withAccounts: Playbook = {
    ...book,
    lines: book.lines.map((l) =>
      l.id === 'centurylink-resold-accounts'
        ? { ...l, products: { accounts: ['210987654321'] } }
        : l,
    ),
  };

  it('by title, saying which product and why', () => {
    const choice = chooseLine(book, '111122223333', [UBUNTU_22]);
    assert.equal(choice.line.id, 'ubuntu-pro');
    assert.equal(choice.by, 'customer');
    assert.deepEqual(choice.why, [
      'product prod-5qwz3vsg4kbfw (Ubuntu Pro 22.04 LTS) is in the Ubuntu Pro on AWS line: its title has "Ubuntu Pro"',
    ]);
  });

  it('by id and by code, before a title is asked', () => {
    const playbook: Playbook = {
      ...book,
      lines: [
        { ...book.lines[1], products: { ids: ['prod-5qwz3vsg4kbfw'] } },
        { ...book.lines[2], products: { codes: ['8a2kq9xw3vbn7m4c1zt6ry5pd'] } },
      ],
    };
    assert.deepEqual(
      linesForCustomer(playbook, undefined, [UBUNTU_22]).map((m) =>
        m.reasons[0].replace(/^.*line: /, ''),
      ),
      [
        'the line lists its product id',
        'the line lists its product code 8a2kq9xw3vbn7m4c1zt6ry5pd',
      ],
    );
  });

  it('lists every line of an account holding products of several, in playbook order, for the switcher', () => {
    const matches = linesForCustomer(book, '210987654321', [UBUNTU_22, ELASTICBOX]);
    assert.deepEqual(
      matches.map((m) => m.line.id),
      ['ubuntu-pro', 'elasticbox'],
    );
    assert.match(
      matches[1].reasons[0],
      /^product prod-eb7mxr2l9tqzs \(ElasticBox Enterprise\) is in the ElasticBox \(Cloud Application Manager\) line: its title has "ElasticBox"$/,
    );
    assert.equal(
      chooseLine(book, '210987654321', [UBUNTU_22, ELASTICBOX], 'elasticbox').line.id,
      'elasticbox',
      'the switcher picks another',
    );
  });

  it("puts a partner's resold account in the partner's line first, whatever it runs", () => {
    const choice = chooseLine(withAccounts, '210987654321', [UBUNTU_22, ELASTICBOX]);
    assert.equal(choice.line.id, 'centurylink-resold-accounts');
    assert.deepEqual(choice.why, [
      'account 210987654321 is one of the accounts the CenturyLink platform-level support line covers',
    ]);
    assert.deepEqual(
      choice.matches.map((m) => m.line.id),
      ['centurylink-resold-accounts', 'ubuntu-pro', 'elasticbox'],
    );
  });

  it('falls back to the default line, saying why, when nothing matches or no customer is in hand', () => {
    const unlisted = chooseLine(book, '999988887777', [{ productId: 'prod-r8n2c5v1x7zqa' }]);
    assert.equal(unlisted.by, 'default');
    assert.deepEqual(unlisted.why, [
      'no line lists account 999988887777 or its products (prod-r8n2c5v1x7zqa): the default line, Ubuntu Pro on AWS, applies',
    ]);
    assert.deepEqual(chooseLine(book, undefined, []).why, [
      'no customer in hand: the default line, Ubuntu Pro on AWS, applies',
    ]);
    assert.equal(
      chooseLine(book, undefined, [], 'elasticbox').why[0],
      'the ElasticBox (Cloud Application Manager) line was chosen by hand',
    );
    assert.throws(() => chooseLine(book, undefined, [], 'nope'), RangeError);
  });

  it("reads the account's products from the reports, each once, with the title the reports give", async () => {
    const { store } = await loadReports([BASIC]);
    assert.deepEqual(
      productsOfAccount(store, '210987654321')
        .map((p) => `${p.productId} ${p.productTitle}`)
        .sort(),
      ['prod-5qwz3vsg4kbfw Ubuntu Pro 22.04 LTS', 'prod-eb7mxr2l9tqzs ElasticBox Enterprise'],
    );
    assert.deepEqual(productsOfAccount(store, '999988887777'), []);
  });
});

describe('support lines: team playbooks', () => {
  it("merges a team's lines by id: a line of the default changes only the sections it has; a new line is added", async () => {
    const loaded = await loadPlaybook(fixture('team-lines.json'));
    assert.deepEqual(loaded.problems, []);
    assert.deepEqual(loaded.teamLines, ['centurylink-resold-accounts', 'acme-web']);
    const p = loaded.playbook;
    assert.deepEqual(
      p.lines.map((l) => l.id),
      ['ubuntu-pro', 'elasticbox', 'centurylink-resold-accounts', 'acme-web'],
    );
    assert.equal(p.defaultLine, 'centurylink-resold-accounts');
    const partner = lineView(p, 'centurylink-resold-accounts');
    assert.equal(
      partner.scope.provider,
      'CenturyLink',
      'the default line keeps the sections the team line leaves out',
    );
    assert.equal(chooseLine(p, '556677889900', []).line.id, 'centurylink-resold-accounts');
    assert.equal(
      chooseLine(p, '123456789012', [{ productId: 'prod-acme-web-01' }]).line.id,
      'acme-web',
    );
    assert.deepEqual(
      lineView(p, 'acme-web').caseTemplates.map((t) => t.id),
      ['web-server-crash', 'eligibility'],
    );
  });

  it('validates a team file of either shape against the schema, and explains a wrong line', async () => {
    for (const name of ['team-valid.json', 'team-lines.json'])
      assert.deepEqual(
        checkPlaybookText(readFileSync(fixture(name), 'utf8'), name).problems,
        [],
        name,
      );
    const file = fixture('invalid-lines.json');
    const lines = readFileSync(file, 'utf8').split('\n');
    const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
    const loaded = await loadPlaybook(file);
    const errors = loaded.problems.filter((p) => p.severity === 'error');
    assert.deepEqual(
      errors.map((p) => [p.line, p.path]),
      [
        [lineOf('"12345"'), '/lines/0/products/accounts/0'],
        [lineOf('"escalation"'), '/lines/1/escalation'],
      ],
    );
    assert.match(errors[0].message, /must match \^\[0-9\]\{12\}\$ \(A 12-digit AWS account number/);
    assert.match(errors[1].message, /unknown property "escalation"/);
  });

  it("names a new line's missing sections and unknown channels at the team file's own line index", async () => {
    const text = JSON.stringify(
      {
        lines: [
          { id: 'elasticbox', products: { titles: ['ElasticBox'] } },
          {
            id: 'acme-api',
            name: 'Acme API',
            caseTemplates: [
              {
                id: 'api',
                title: 'API',
                summary: 'An API call fails.',
                channel: 'acme-hotline',
                fields: [{ id: 'body', label: 'Body', kind: 'multiline' }],
              },
            ],
          },
        ],
        defaultLine: 'acme',
      },
      null,
      2,
    );
    const { writeFileSync, mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'support-lines-'));
    try {
      const file = join(dir, 'playbook.json');
      writeFileSync(file, text);
      const loaded = await loadPlaybook(file);
      const errors = loaded.problems.filter((p) => p.severity === 'error');
      assert.deepEqual(
        errors.map((p) => [p.file === file, p.path]),
        [
          [true, '/lines/1'],
          [true, '/lines/1/caseTemplates/0/channel'],
          [true, '/defaultLine'],
        ],
      );
      const messages = errors.map((p) => p.message).join('\n');
      assert.match(
        messages,
        /\/lines\/1: line "acme-api" has no scope, no contacts, no support channel: a line needs a name, and a scope, contacts, channels and caseTemplates of its own or shared at the top level/,
      );
      assert.match(
        messages,
        /\/lines\/1\/caseTemplates\/0\/channel: no channel of line "acme-api" has the id "acme-hotline"/,
      );
      assert.match(
        messages,
        /\/defaultLine: no support line has the id "acme"; the lines: ubuntu-pro, elasticbox, centurylink-resold-accounts, acme-api/,
      );
      assert.deepEqual(loaded.playbook, defaultPlaybook(), 'the default applies until it is fixed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('support lines: the CLI takes the line', () => {
  it('playbook show: the default line, --line, or the line of --account with its reports, saying why', async () => {
    const plain = await runCli('playbook', 'show');
    assert.equal(plain.code, 0, plain.err);
    assert.match(
      plain.out,
      /Support lines\n {2}ubuntu-pro \(default\): Ubuntu Pro on AWS: titles containing "Ubuntu Pro"\n {2}elasticbox: /,
    );
    assert.match(plain.out, /Support line: Ubuntu Pro on AWS \(ubuntu-pro\): no customer in hand/);
    assert.match(plain.out, /Scope: Ubuntu Pro support by Canonical/);
    const box = await runCli('playbook', 'show', '--account', '314159265358', '--reports', BASIC);
    assert.equal(box.code, 0, box.err);
    assert.match(
      box.out,
      /Support line: ElasticBox \(Cloud Application Manager\) \(elasticbox\): product prod-eb7mxr2l9tqzs \(ElasticBox Enterprise\) is in/,
    );
    const json = JSON.parse(
      (await runCli('playbook', 'show', '--line', 'elasticbox', '--json')).out,
    );
    assert.deepEqual(Object.keys(json), ['line', 'by', 'why', 'lines', 'playbook']);
    assert.equal(json.playbook.scope.supportType, 'AMI product support');
    const unknown = await runCli('playbook', 'show', '--line', 'nope');
    assert.equal(unknown.code, 2);
    assert.match(
      unknown.err,
      /--line: no support line "nope"; the playbook's lines: ubuntu-pro, elasticbox, centurylink-resold-accounts/,
    );
  });

  it("playbook scope answers from the customer's line", async () => {
    const both = await runCli(
      'playbook',
      'scope',
      'livepatch is not working',
      '--account',
      '210987654321',
      '--reports',
      BASIC,
    );
    assert.equal(both.code, 0, both.err);
    assert.match(
      both.out,
      /^Support line: Ubuntu Pro on AWS \(ubuntu-pro\): .*; the customer is also in: elasticbox \(--line ID\)\nIn scope: "Livepatch: security updates/,
    );
    const partner = await runCli(
      'playbook',
      'scope',
      'livepatch is not working',
      '--line',
      'centurylink-resold-accounts',
    );
    assert.match(
      partner.out,
      /No listed item of the CenturyLink platform-level support scope covers it/,
    );
    const json = JSON.parse(
      (
        await runCli(
          'playbook',
          'scope',
          'IAM policies',
          '--line',
          'centurylink-resold-accounts',
          '--json',
        )
      ).out,
    );
    assert.equal(json.answer, 'in-scope');
    assert.equal(json.line.id, 'centurylink-resold-accounts');
  });

  it("case render takes the template's line, --line, or the account's; templates lists each template's lines", async () => {
    const api = await runCli(
      'case',
      'render',
      'api-call',
      '--json',
      '--field',
      'method=GET',
      '--field',
      'url=https://x.example',
      '--field',
      'status=500',
      '--field',
      'requestBody={}',
    );
    assert.equal(api.code, 0, api.err);
    assert.match(
      api.err,
      /Support line: ElasticBox \(Cloud Application Manager\) \(elasticbox\): the case template api-call is in/,
    );
    assert.match(
      JSON.parse(api.out).markdown,
      /## Send to\n\n\*\*Cloud Application Manager support\*\*/,
    );
    const wrong = await runCli('case', 'render', 'api-call', '--line', 'ubuntu-pro');
    assert.equal(wrong.code, 2);
    assert.match(
      wrong.err,
      /the Ubuntu Pro on AWS line \(ubuntu-pro\) has no case template "api-call"; it is in: elasticbox/,
    );
    const listed = await runCli('case', 'templates');
    assert.match(listed.out, /^image-bug: Cloud image bug \(ubuntu-pro\)\n/);
    assert.match(
      listed.out,
      /\neligibility: Eligibility\/entitlement \(ubuntu-pro, elasticbox, centurylink-resold-accounts\)\n/,
    );
    const ofAccount = JSON.parse(
      (await runCli('case', 'templates', '--account', '314159265358', '--reports', BASIC, '--json'))
        .out,
    );
    assert.deepEqual(
      ofAccount.map((t: { id: string }) => t.id),
      ['box-error', 'api-call', 'eligibility'],
    );
  });

  it('playbook validate says that a flat-shape team file applies to every line, and which lines a team file changes', async () => {
    const flat = await runCli('playbook', 'validate', fixture('team-valid.json'));
    assert.equal(flat.code, 0);
    assert.match(
      flat.out,
      /Its contacts, caseTemplates apply to every support line \(ubuntu-pro, elasticbox, centurylink-resold-accounts\)/,
    );
    const lines = await runCli('playbook', 'validate', fixture('team-lines.json'));
    assert.match(
      lines.out,
      /Support lines it adds or changes: centurylink-resold-accounts, acme-web\./,
    );
    assert.deepEqual(
      JSON.parse((await runCli('playbook', 'validate', fixture('team-lines.json'), '--json')).out)
        .teamLines,
      ['centurylink-resold-accounts', 'acme-web'],
    );
  });
});
