// Issue 8, items 14 and 15: the CLI's surface (help, version, option mistakes in our words,
// profile names quoted in suggested commands, a stray space in AWS_PROFILE pointed out) and its
// output boundary, where everything printed is redacted.
import * as assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { profileNameProblem, shellQuote } from '../../../src/core/text/shell-words';
import { awsSandbox, staticProfile } from '../../support/aws-env';
import { runCli } from '../../support/cli-in-process';

const ROOT = resolve(__dirname, '../../../..');
const COMMANDS = [
  'report',
  'lookup',
  'confirm',
  'confirm-batch',
  'profiles',
  'audit',
  'playbook',
  'case',
];
/** Words of node:util parseArgs's own messages, which speak of its rules rather than of our commands. */
const NODE_PARSER_TEXT =
  /Unknown option '|To specify a positional argument|argument is ambiguous|argument missing|does not take an argument/;

/** The CLI compiled by tsc (out/src/cli.js) run as a program, so its own output boundary is used. */
function runProgram(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [join(ROOT, 'out', 'src', 'cli.js'), ...args],
      { env },
      (error, stdout, stderr) => done({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

/** `confirm` against a port nothing answers on, in an AWS sandbox with one profile "seller": what it says about the profile. */
async function confirmWithProfile(
  profileArgs: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const sandbox = awsSandbox({
    config: '[profile seller]\nregion = us-east-1\n',
    credentials: staticProfile('seller'),
  });
  try {
    const args = [
      'confirm',
      '--instance-id',
      'i-0123456789abcdef0',
      '--product-code',
      'abc123',
      '--region',
      'us-east-1',
      '--endpoint-url',
      'http://127.0.0.1:9',
    ];
    return await runProgram(
      [...args, ...profileArgs, '--audit', join(sandbox.dir, 'audit.jsonl')],
      { ...process.env, ...sandbox.env, ...env },
    );
  } finally {
    sandbox.restore();
  }
}

/** The words a POSIX shell makes of a suggested command line. */
function shellWords(line: string): string[] {
  return execFileSync('sh', ['-c', `printf '%s\\0' ${line}`], { encoding: 'utf8' })
    .split('\0')
    .slice(0, -1);
}

describe('CLI surface', () => {
  it('lists each command with one line of what it does, for --help, -h and help', async () => {
    for (const argv of [['--help'], ['-h'], ['help']]) {
      const run = await runCli(...argv);
      assert.equal(run.code, 0, argv.join(' '));
      for (const name of COMMANDS)
        assert.match(
          run.out,
          new RegExp(`^  ${name} +\\S.{20,}$`, 'm'),
          `${argv.join(' ')} lists ${name}`,
        );
      assert.match(run.out, /--version/);
      assert.match(
        run.out,
        /^Exit codes: 0 [^]*; 3 answered, but the\naudit log could not be written/m,
      );
    }
    const bare = await runCli();
    assert.equal(bare.code, 2, 'no command is a usage error');
    assert.match(bare.err, /^ {2}lookup /m);
  });

  it('help COMMAND prints the command\'s own help; an unknown name gets "did you mean"', async () => {
    for (const name of COMMANDS) {
      const run = await runCli('help', name);
      assert.equal(run.code, 0, name);
      assert.equal(run.out, (await runCli(name, '--help')).out, `help ${name} is ${name} --help`);
    }
    const typo = await runCli('help', 'lokup');
    assert.equal(typo.code, 2);
    assert.match(typo.err, /unknown command "lokup"; did you mean lookup\?/);
  });

  it("reads every option each command's --help lists, and says a shared option the same way everywhere", async () => {
    const sharedLines = new Map<string, Set<string>>();
    for (const name of [...COMMANDS, 'verify-identity']) {
      const help = (await runCli(name, '--help')).out;
      const options = [...help.matchAll(/^ {2}(?:-h, )?--([a-z0-9-]+)(?: (\S+))? +(\S.*)$/gm)];
      assert.ok(options.length >= 2, `${name} --help lists its options`);
      for (const [line, option, placeholder] of options) {
        // Each listed option is read (with a value when it shows one): --help after it still answers 0.
        const run = await runCli(name, `--${option}`, ...(placeholder ? ['x'] : []), '--help');
        assert.equal(run.code, 0, `${name} --${option}: ${run.err}`);
        if (option === 'json' || option === 'help')
          sharedLines.set(
            option,
            (sharedLines.get(option) ?? new Set()).add(line.trim().replace(/ {2,}/, ' ')),
          );
      }
      // The usage after a mistake is the --help's own usage lines.
      const mistake = await runCli(name, '--no-such-option');
      assert.equal(mistake.code, 2);
      assert.ok(
        mistake.err.includes(help.slice(0, help.indexOf('\n\n'))),
        `${name}: the usage after a mistake is the one --help gives`,
      );
    }
    for (const [option, lines] of sharedLines)
      assert.equal(lines.size, 1, `--${option} is described one way: ${[...lines].join(' | ')}`);
  });

  it('--version prints the version of package.json', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    assert.deepEqual(await runCli('--version'), {
      code: 0,
      out: `support-desk ${version}\n`,
      err: '',
    });
  });

  it('answers an unknown or misused option with the command\'s usage and "did you mean", never node\'s parser text', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['lookup', '111122223333', '--reprots', 'x'],
        /^support-desk lookup: unknown option --reprots; did you mean --reports\?\n\nUsage: support-desk lookup ACCOUNT /,
      ],
      [
        ['confirm', '--instance', 'i-0123456789abcdef0'],
        /unknown option --instance; did you mean --instance-id\?\n\nUsage: support-desk confirm --instance-id ID/,
      ],
      [
        ['case', 'render', 'box-error', '--feild', 'a=b'],
        /unknown option --feild; did you mean --field\?/,
      ],
      [['audit', '--jsno'], /unknown option --jsno; did you mean --json\?/],
      [['report', 'inspect', '-x'], /unknown option -x\n\nUsage: support-desk report inspect PATH/],
      [['profiles', '--frobnicate'], /unknown option --frobnicate\n\nUsage: support-desk profiles/],
      [['lookup', '1', '--reports'], /--reports needs a value/],
      [
        ['lookup', '1', '--reports', '--json'],
        /--reports needs a value, and "--json" looks like another option/,
      ],
      [['playbook', 'show', '--json=yes'], /--json takes no value: drop "=yes"/],
    ];
    for (const [argv, expected] of cases) {
      const run = await runCli(...argv);
      assert.equal(run.code, 2, argv.join(' '));
      assert.match(run.err, expected);
      assert.match(run.err, /Run 'support-desk help \S+' for what each option does/);
      assert.doesNotMatch(run.err, NODE_PARSER_TEXT);
    }
    const command = await runCli('lokup', '1');
    assert.match(command.err, /unknown command "lokup"; did you mean lookup\?/);
    assert.match(
      (await runCli('--verison')).err,
      /unknown option --verison; options go after the command; did you mean --version\?/,
    );
  });

  it('says what to give when a playbook path is a folder or missing', async () => {
    const folder = await runCli('playbook', 'validate', join(ROOT, 'samples', 'playbook'));
    assert.equal(folder.code, 2);
    assert.match(
      folder.err,
      /samples\/playbook is a folder: give the playbook file, e\.g\. \S+samples\/playbook\/playbook\.json/,
    );
    const missing = await runCli(
      'playbook',
      'show',
      '--playbook',
      join(ROOT, 'no-such-playbook.json'),
    );
    assert.equal(missing.code, 2);
    assert.match(
      missing.err,
      /no-such-playbook\.json does not exist: give the playbook file, e\.g\. \.support-desk\/playbook\.json/,
    );
  });

  it("gives problems in one shape in every JSON output: {file, line, severity, message}, a playbook's with its JSON path", async () => {
    const inspect = await runCli('report', 'inspect', join(ROOT, 'samples', 'reports'), '--json');
    const validate = await runCli(
      'playbook',
      'validate',
      join(ROOT, 'test', 'fixtures', 'playbooks', 'invalid-schema.json'),
      '--json',
    );
    const outputs: [string, string[]][] = [
      [inspect.out, []],
      [validate.out, ['path']],
    ];
    for (const [out, extra] of outputs) {
      const { problems } = JSON.parse(out) as { problems: Record<string, unknown>[] };
      assert.ok(problems.length > 0);
      for (const p of problems) {
        assert.deepEqual(
          Object.keys(p).sort(),
          ['file', 'line', 'message', 'severity', ...extra].sort(),
        );
        assert.ok(
          typeof p.file === 'string' &&
            Number.isInteger(p.line) &&
            ['error', 'warning'].includes(p.severity as string) &&
            typeof p.message === 'string',
        );
      }
    }
  });

  it('shell-quotes profile names in suggested commands when they need it', () => {
    assert.equal(shellQuote('seller'), 'seller');
    assert.equal(shellQuote('team/prod-1'), 'team/prod-1');
    assert.equal(shellQuote('my profile'), "'my profile'");
    assert.equal(shellQuote("it's"), "'it'\\''s'");
    assert.equal(shellQuote('$(rm -rf ~)'), "'$(rm -rf ~)'");
    assert.equal(shellQuote(''), "''");
  });

  it('suggests support-desk commands a shell reads back as written: a split account, a help topic, a value', async () => {
    const basic = 'test/fixtures/reports/basic';
    const split = await runCli(
      'lookup',
      '1111',
      '2222',
      '3333',
      '--reports',
      basic,
      '--as-of',
      '2026-11-22',
    );
    assert.equal(split.code, 2);
    assert.match(
      split.err,
      /"1111 2222 3333" is one account number, split at its spaces by the shell: quote it, e\.g\. /,
    );
    const suggested = shellWords(
      split.err.slice(split.err.indexOf('support-desk lookup ', 1)).trim(),
    );
    assert.deepEqual(suggested, [
      'support-desk',
      'lookup',
      '1111 2222 3333',
      '--reports',
      basic,
      '--as-of',
      '2026-11-22',
    ]);
    assert.match((await runCli(...suggested.slice(1))).out, /^Account 111122223333: ELIGIBLE/);
    const help = await runCli('help', 'look up', 'lookup');
    assert.deepEqual(shellWords(help.err.slice(help.err.indexOf('e.g. ') + 5).trim()), [
      'support-desk',
      'help',
      'look up',
    ]);
    const value = await runCli('lookup', '111122223333', '--reports', '-my reports');
    assert.match(value.err, /or write '--reports=-my reports' if it really starts with a dash/);
  });

  it('says an --account the shell split is one number, for confirm, audit and case, and takes no stray words', async () => {
    const runs: [string[], string[]][] = [
      [
        [
          'confirm',
          '--account',
          '1111',
          '2222',
          '3333',
          '--instance-id',
          'i-0123456789abcdef0',
          '--product-code',
          'abc',
        ],
        [
          'support-desk',
          'confirm',
          '--account',
          '1111 2222 3333',
          '--instance-id',
          'i-0123456789abcdef0',
          '--product-code',
          'abc',
        ],
      ],
      [
        ['audit', '--account', '1111', '2222', '3333', '--json'],
        ['support-desk', 'audit', '--account', '1111 2222 3333', '--json'],
      ],
      [
        ['case', 'render', 'eligibility', '--account', '1111', '2222', '3333', '--field', 'a=b'],
        [
          'support-desk',
          'case',
          'render',
          'eligibility',
          '--account',
          '1111 2222 3333',
          '--field',
          'a=b',
        ],
      ],
    ];
    for (const [args, suggested] of runs) {
      const run = await runCli(...args);
      assert.equal(run.code, 2, args.join(' '));
      assert.match(
        run.err,
        /"1111 2222 3333" is one account number, split at its spaces by the shell: quote it, e\.g\. /,
      );
      assert.deepEqual(shellWords(run.err.slice(run.err.indexOf('e.g. ') + 5).trim()), suggested);
    }
    // Nothing else is silently dropped: no claimed account "1111" recorded, no ignored word.
    const stray = await runCli('audit', 'foo');
    assert.equal(stray.code, 2);
    assert.match(stray.err, /unexpected "foo": give the account with --account A/);
    const paths = await runCli(
      'confirm',
      '--instance-id',
      'i-0123456789abcdef0',
      '--product-code',
      'abc',
      'reports/',
    );
    assert.equal(paths.code, 2);
    assert.match(paths.err, /unexpected "reports\/": report paths go with --product-id/);
  });

  it('suggests commands whose profile name is shell-quoted when it needs it', async function () {
    this.timeout(30_000);
    const run = await confirmWithProfile(['--profile', 'ghost;prod']);
    assert.match(run.stderr, /"aws configure --profile 'ghost;prod'"/);
  });

  it('points out a space before or after the profile name in AWS_PROFILE', () => {
    assert.equal(profileNameProblem('seller', 'AWS_PROFILE'), undefined);
    assert.match(
      profileNameProblem('seller ', 'AWS_PROFILE') ?? '',
      /^AWS_PROFILE is "seller ", with a space after it: .*remove the space \(export AWS_PROFILE=seller\)/,
    );
    assert.match(
      profileNameProblem(' seller', 'supportDesk.aws.profile') ?? '',
      /with a space before it/,
    );
  });

  it('says, when AWS_PROFILE ends with a space, that the space is the problem', async function () {
    this.timeout(30_000);
    const run = await confirmWithProfile([], { AWS_PROFILE: 'seller ' });
    assert.match(run.stderr, /AWS_PROFILE is "seller ", with a space after it/);
  });

  it('redacts everything it prints, at its output boundary', async function () {
    this.timeout(30_000);
    const dir = mkdtempSync(join(tmpdir(), 'cli-boundary-'));
    try {
      // An audit line whose profile holds a password, as a careless --profile could leave it.
      const audit = join(dir, 'audit.jsonl');
      writeFileSync(
        audit,
        `${JSON.stringify({
          time: '2026-11-23T10:00:00.000Z',
          profile: 'ops --password=Audit-Pass-42',
          region: 'us-east-1',
          instanceId: 'i-0123456789abcdef0',
          productCode: 'abc123',
          claimedAccount: null,
          ownerId: '111122223333',
          verdict: 'confirmed',
          errorKind: null,
          requestId: 'req-1',
        })}\n`,
      );
      const stdout = await runProgram(['audit', '--audit', audit]);
      assert.equal(stdout.code, 0, stdout.stderr);
      assert.match(stdout.stdout, /i-0123456789abcdef0/);
      assert.doesNotMatch(stdout.stdout, /Audit-Pass-42/);
      const stderr = await runProgram(['password=Hunter2-Typed']);
      assert.equal(stderr.code, 2);
      assert.match(stderr.stderr, /unknown command "password=\[REDACTED:password\]"/);
      // Its own words are not secrets: "--signature FILE" in the help and the usage after a mistake stays as written.
      const help = await runProgram(['verify-identity', '--help']);
      assert.match(help.stdout, /--signature FILE --document FILE/);
      const mistake = await runProgram(['verify-identity', '--signature=Hunter2-Typed', '--bogus']);
      assert.equal(mistake.code, 2);
      assert.match(mistake.stderr, /--signature FILE --document FILE/);
      const missing = await runProgram(['verify-identity']);
      assert.match(missing.stderr, /--signature FILE --document FILE/);
      const noDocument = await runProgram(['verify-identity', '--signature', 'sig.txt']);
      assert.match(
        noDocument.stderr,
        /--signature needs the document it signs: add --document FILE/,
      );
      assert.doesNotMatch(
        help.stdout + mistake.stderr + missing.stderr + noDocument.stderr,
        /REDACTED/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
