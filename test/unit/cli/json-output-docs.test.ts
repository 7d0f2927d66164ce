// docs/json-output.md documents every CLI --json output and the audit line: each command is run with
// --json on fixtures (confirm, confirm-batch and lookup --live against local endpoints), and every key
// it prints must be named, as `key`, in the section of the document for that output.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { awsSandbox, staticProfile, type AwsSandbox } from '../../support/aws-env';
import { startAgreementEndpoint, type AgreementEndpoint } from '../../support/agreement-endpoint';
import { runCli } from '../../support/cli-in-process';
import { startEc2Endpoint, type Ec2Endpoint } from '../../support/ec2-endpoint';

const DOC = 'docs/json-output.md';
const BASIC = 'test/fixtures/reports/basic';
const OWNER = '111122223333';
const FEEDS = 'samples/feeds';

/** The document's sections by their heading ("## lookup", "### lookup: live"), each with its text. */
function sections(markdown: string): Map<string, string> {
  const found = new Map<string, string>();
  const parts = markdown.split(/^(#{2,3} .+)$/m);
  for (let i = 1; i < parts.length; i += 2)
    found.set(parts[i].replace(/^#+ /, '').trim(), parts[i + 1]);
  return found;
}

/** The keys of an output: an object's own, or those of every element of an array of objects. */
function keysOf(value: unknown): string[] {
  const objects = Array.isArray(value) ? value : [value];
  return [
    ...new Set(objects.flatMap((o) => (o !== null && typeof o === 'object' ? Object.keys(o) : []))),
  ];
}

/** Every key of an output at every depth: of its objects, of objects inside them and of array elements. */
function keysAtEveryDepth(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysAtEveryDepth(v, into);
  else if (value !== null && typeof value === 'object')
    for (const [key, v] of Object.entries(value)) {
      into.add(key);
      keysAtEveryDepth(v, into);
    }
  return into;
}

/** The names a section gives: every `code` span, and every name of a `{a, b?, c}` shape. */
function namesIn(text: string): Set<string> {
  const names = new Set([...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]));
  for (const [, shape] of text.matchAll(/\{([A-Za-z?, ]+)\}/g))
    for (const name of shape.split(',')) names.add(name.trim().replace(/\?$/, ''));
  return names;
}

/**
 * The keys a section's table lists in its first column (`| \`key\` | value |`), but those its value says are printed
 * "only when" something happened that the fixture runs do not cause (a failed search, STS refusing a role).
 */
function tableKeys(text: string): string[] {
  return [...text.matchAll(/^\| `([^`]+)` *\| *(.*)$/gm)]
    .filter((m) => !m[2].startsWith('only when'))
    .map((m) => m[1]);
}

describe('docs/json-output.md', function () {
  this.timeout(60_000);
  let sandbox: AwsSandbox;
  let ec2: Ec2Endpoint;
  let agreements: AgreementEndpoint;
  /** Every output, by the heading of the section that must document it. */
  const outputs = new Map<string, unknown>();

  before(async () => {
    ec2 = await startEc2Endpoint({
      instances: { 'i-0000000000000d001': { kind: 'attached', ownerId: OWNER } },
    });
    agreements = await startAgreementEndpoint({
      agreements: [
        {
          agreementId: 'agmt-1',
          acceptor: OWNER,
          productId: 'prod-5qwz3vsg4kbfw',
          status: 'ACTIVE',
          startTime: '2026-11-01T00:00:00Z',
        },
      ],
    });
    sandbox = awsSandbox({
      config: `[profile seller]\nregion = us-east-1\nservices = local\n\n[services local]\nmarketplace_agreement =\n  endpoint_url = ${agreements.url}\n`,
      credentials: staticProfile('seller'),
    });
    const audit = join(sandbox.dir, 'audit.jsonl');
    const results = join(sandbox.dir, 'results.jsonl');
    const instances = join(sandbox.dir, 'instances.txt');
    writeFileSync(instances, 'i-0000000000000d001\n');
    const json = async (...argv: string[]) => {
      const run = await runCli(...argv, '--json');
      assert.ok(run.code <= 1, `${argv.join(' ')}: exit ${run.code}: ${run.err}`);
      return JSON.parse(run.out) as unknown;
    };
    const aws = ['--profile', 'seller', '--endpoint-url', ec2.url, '--audit', audit];
    outputs.set('report inspect', await json('report', 'inspect', BASIC));
    outputs.set('lookup', await json('lookup', OWNER, '--reports', BASIC, '--as-of', '2026-11-22'));
    const live = await json(
      'lookup',
      OWNER,
      '--live',
      '--reports',
      BASIC,
      '--as-of',
      '2026-11-22',
      '--profile',
      'seller',
      '--audit',
      audit,
    );
    outputs.set('lookup', { ...(outputs.get('lookup') as object), ...(live as object) });
    outputs.set('lookup: live', (live as { live: unknown }).live);
    // A feed root beside the reports: its own keys, documented in their own sections.
    const inspected = (await json('report', 'inspect', BASIC, FEEDS)) as { feedRoots: unknown[] };
    outputs.set('report inspect', { ...(outputs.get('report inspect') as object), ...inspected });
    outputs.set('report inspect: feed root', inspected.feedRoots);
    const withFeeds = (await json(
      'lookup',
      '556677889900',
      '--reports',
      BASIC,
      FEEDS,
      '--as-of',
      '2026-11-22',
    )) as {
      feeds: { agreements: unknown[]; products: unknown[] };
    };
    outputs.set('lookup', { ...(outputs.get('lookup') as object), ...withFeeds });
    outputs.set('lookup: feeds', [
      withFeeds.feeds,
      ...withFeeds.feeds.agreements,
      ...withFeeds.feeds.products,
    ]);
    const search = (await json(
      'lookup',
      '--email-domain',
      'ada@example.org',
      '--reports',
      FEEDS,
      '--known-at',
      '2026-11-21T00:00:00Z',
    )) as {
      matches: unknown[];
    };
    assert.equal(search.matches.length, 1, 'the sample feeds have one example.org account');
    outputs.set('lookup: search', [search, ...search.matches]);
    outputs.set(
      'confirm',
      await json(
        'confirm',
        '--instance-id',
        'i-0000000000000d001',
        '--product-code',
        'abc123',
        '--account',
        OWNER,
        ...aws,
      ),
    );
    const batch = await runCli(
      'confirm-batch',
      instances,
      '--out',
      results,
      '--product-code',
      'abc123',
      ...aws,
    );
    assert.equal(batch.code, 0, batch.err);
    outputs.set(
      'confirm-batch results file',
      readFileSync(results, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown),
    );
    outputs.set('audit', await json('audit', '--audit', audit));
    outputs.set(
      'audit log line (AuditEntry)',
      readFileSync(audit, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown),
    );
    outputs.set('profiles', await json('profiles'));
    outputs.set(
      'playbook validate',
      await json('playbook', 'validate', 'test/fixtures/playbooks/invalid-schema.json'),
    );
    outputs.set('playbook show', await json('playbook', 'show'));
    outputs.set(
      'playbook show --line',
      await json(
        'playbook',
        'show',
        '--account',
        '111122223333',
        '--reports',
        'test/fixtures/reports/basic',
      ),
    );
    outputs.set(
      'playbook scope',
      await json('playbook', 'scope', 'livepatch is not working', '--line', 'ubuntu-pro'),
    );
    outputs.set('case templates', await json('case', 'templates'));
    outputs.set('case render', await json('case', 'render', 'box-error', '--field', 'os=linux'));
    outputs.set(
      'verify-identity',
      await json(
        'verify-identity',
        '--pkcs7',
        'test/fixtures/identity/aws-pkcs7-us-east-1-2016.pem',
      ),
    );
  });

  after(async () => {
    sandbox.restore();
    await ec2.stop();
    await agreements.stop();
  });

  it('has a section for every --json output, naming every key it prints', () => {
    const doc = sections(readFileSync(DOC, 'utf8'));
    assert.ok(outputs.size >= 13, `${outputs.size} outputs gathered`);
    const missing: string[] = [];
    for (const [heading, output] of outputs) {
      // `audit --json` prints the log's lines as they are: their keys are documented once, with the line.
      const text = doc.has(heading)
        ? doc.get(heading === 'audit' ? 'audit log line (AuditEntry)' : heading)
        : undefined;
      if (text === undefined) {
        missing.push(`no section "${heading}"`);
        continue;
      }
      for (const key of keysOf(output))
        if (!text.includes(`\`${key}\``)) missing.push(`${heading}: \`${key}\``);
    }
    assert.deepEqual(missing, [], `${DOC} does not document: ${missing.join(', ')}`);
  });

  it('documents the audit line of every source of proof the audit log records', () => {
    const lines = outputs.get('audit log line (AuditEntry)') as { source?: string }[];
    const sources = new Set(lines.map((l) => l.source ?? 'confirm-product-instance'));
    assert.deepEqual(
      [...sources].sort(),
      ['confirm-product-instance', 'marketplace-agreement'],
      'the fixtures wrote a confirmation and a live search',
    );
    const text = sections(readFileSync(DOC, 'utf8')).get('audit log line (AuditEntry)') ?? '';
    const declared =
      /export type AuditSource = ([^;]+);/.exec(
        readFileSync('src/core/audit/audit.ts', 'utf8'),
      )?.[1] ?? '';
    for (const source of declared.match(/'[^']+'/g) ?? [])
      assert.ok(
        text.includes(`\`${source.slice(1, -1)}\``),
        `the audit line section names source ${source}`,
      );
  });

  it('names every key printed at every depth, and prints every key its tables list', () => {
    const doc = sections(readFileSync(DOC, 'utf8'));
    const undocumented: string[] = [];
    const unprinted: string[] = [];
    const conventions = readFileSync(DOC, 'utf8').split(/^## /m)[0];
    const schemaNames = keysAtEveryDepth(
      JSON.parse(readFileSync('schema/playbook.schema.json', 'utf8')),
    );
    for (const [heading, output] of outputs) {
      const own = heading === 'audit' ? 'audit log line (AuditEntry)' : heading;
      const text = doc.get(own) ?? '';
      // A section's names: its text, its sub-sections' ("lookup: live"), the conventions (a problem's shape), and
      // the schema's when it shows the playbook's own shape.
      const cited = [
        text,
        conventions,
        ...[...doc].filter(([h]) => h.startsWith(`${own}: `)).map(([, t]) => t),
      ].join('\n');
      const names = namesIn(cited);
      if (text.includes('schema/playbook.schema.json'))
        for (const name of schemaNames) names.add(name);
      const printed = keysAtEveryDepth(output);
      for (const key of printed) if (!names.has(key)) undocumented.push(`${heading}: ${key}`);
      for (const key of tableKeys(text))
        if (!printed.has(key)) unprinted.push(`${heading}: ${key}`);
    }
    assert.deepEqual(undocumented, [], `printed but not named in ${DOC}`);
    assert.deepEqual(unprinted, [], `listed in ${DOC} but printed by no fixture run`);
  });
});
