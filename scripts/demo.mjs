// `npm run demo`: the extension as a user gets it, with no AWS account. Packages the .vsix, installs it into a
// real VS Code (code-server on 127.0.0.1, installed from npm on first use), and opens a demo workspace (the
// sample reports, a team playbook, a cases/ folder, an identity document) with a demo AWS profile whose
// EC2 and AWS Marketplace Agreement endpoints are local. Prints the URL and what to try; opens nothing;
// Ctrl-C stops code-server's process group and the endpoints and removes every temporary folder.
//   node scripts/demo.mjs [--port N]    the workbench demo
//   node scripts/demo.mjs --cli          the command-line walk-through over the sample reports
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultVsixPath } from './package.mjs';

const ROOT = join(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const { values } = parseArgs({
  options: { cli: { type: 'boolean', default: false }, port: { type: 'string' } },
});

/** The day the sample reports are judged on, so that their verdicts do not age. */
const AS_OF = '2026-11-22';
/** What the local endpoints know, for the "what to try" list and the tests. */
const AGREEMENTS = [
  {
    agreementId: 'agmt-demo-0001',
    acceptor: '999988887777',
    productId: 'prod-5qwz3vsg4kbfw',
    status: 'ACTIVE',
    startTime: '2026-11-21T10:00:00Z',
  },
  {
    agreementId: 'agmt-demo-0002',
    acceptor: '045612378904',
    productId: 'prod-5qwz3vsg4kbfw',
    status: 'EXPIRED',
    startTime: '2024-07-05T00:00:00Z',
    endTime: '2026-10-31T23:59:59Z',
  },
];
const SAMPLE_IDENTITY = 'aws-pkcs7-us-east-1-2016.pem';
// An endpoint normally stops itself after minutes; the demo runs until Ctrl-C (the longest timer Node allows).
const FOREVER_MS = 2 ** 31 - 1;

if (values.cli) {
  run('npm', ['run', 'build']);
  run(process.execPath, ['dist/cli.js', 'report', 'inspect', 'samples/reports']);
  run(process.execPath, [
    'dist/cli.js',
    'lookup',
    '111122223333',
    '--reports',
    'samples/reports',
    '--as-of',
    AS_OF,
  ]);
  // The Seller Delivery Data Feeds: a feed root, a reseller's sale beside the reports, and who is calling by e-mail.
  run(process.execPath, ['dist/cli.js', 'report', 'inspect', 'samples/feeds']);
  run(process.execPath, [
    'dist/cli.js',
    'lookup',
    '556677889900',
    '--reports',
    'samples/reports',
    'samples/feeds',
    '--as-of',
    AS_OF,
  ]);
  run(process.execPath, [
    'dist/cli.js',
    'lookup',
    '--email-domain',
    'ada.byron@example.org',
    '--reports',
    'samples/feeds',
    '--as-of',
    AS_OF,
  ]);
} else {
  await workbenchDemo();
}

async function workbenchDemo() {
  const started = Date.now();
  compileHelpers();
  const { ensureVSCode, CODE_SERVER_VERSION } = require('../out/tools/vscode/ensure.js');
  // Packaging (a child process) and the first-use install of code-server run side by side.
  console.log('Packaging the extension and checking code-server...');
  const packaged = packageInBackground();
  const installLog = join(ROOT, 'test-output', 'vscode-install.log');
  try {
    await ensureVSCode({ purpose: 'demo', installLog, log: (line) => console.log(`  ${line}`) });
  } catch (err) {
    console.error(`demo: ${err.message}`);
    process.exit(1);
  }
  const vsix = await packaged;

  const { startCodeServer } = require('../out/tools/vscode/code-server.js');
  const { startEc2Endpoint, DEMO_SCENARIOS } = require('../out/test/support/ec2-endpoint.js');
  const { startAgreementEndpoint } = require('../out/test/support/agreement-endpoint.js');
  const { awsSandbox, staticProfile } = require('../out/test/support/aws-env.js');

  const root = mkdtempSync(join(tmpdir(), 'support-desk-demo-'));
  const stops = [() => rmSync(root, { recursive: true, force: true })];
  let stopping;
  const stop = (signal, code = 0) => {
    stopping ??= (async () => {
      console.log(`\n${signal}: stopping code-server and the local endpoints...`);
      // Last in, first out: code-server before the endpoints it calls, the folders last.
      for (const step of stops.reverse())
        await Promise.resolve()
          .then(step)
          .catch((err) => console.error(`  ${err.message}`));
      console.log('Stopped; temporary folders removed.');
      process.exit(code);
    })();
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(signal));

  try {
    const workspace = demoWorkspace(root);
    const ec2 = await startEc2Endpoint({ instances: DEMO_SCENARIOS, maxLifetimeMs: FOREVER_MS });
    stops.push(() => ec2.stop());
    const agreements = await startAgreementEndpoint({
      agreements: AGREEMENTS,
      maxLifetimeMs: FOREVER_MS,
    });
    stops.push(() => agreements.stop());
    // A demo profile with example keys: the local endpoints accept any signature, and nothing is sent to AWS.
    const sandbox = awsSandbox(
      {
        config:
          '[profile demo]\nregion = us-east-1\nservices = demo-endpoints\n\n' +
          `[services demo-endpoints]\nec2 =\n  endpoint_url = ${ec2.url}\nmarketplace_agreement =\n  endpoint_url = ${agreements.url}\n`,
        credentials: staticProfile('demo'),
      },
      { inProcess: false },
    );
    stops.push(() => sandbox.restore());
    const server = await startCodeServer({
      workspace,
      vsix,
      port: values.port ? Number(values.port) : undefined,
      env: sandbox.env,
      // User and machine settings: the endpoint and the audit log are machine-scoped, so no workspace sets them.
      settings: {
        'supportDesk.aws.profile': 'demo',
        'supportDesk.aws.region': 'us-east-1',
        'supportDesk.aws.endpointUrl': ec2.url,
        'supportDesk.audit.path': join(root, 'audit.jsonl'),
      },
    });
    stops.push(() => server.stop());
    console.log(
      whatToTry(server.workbenchUrl(), {
        workspace,
        root,
        codeServer: CODE_SERVER_VERSION,
        seconds: (Date.now() - started) / 1000,
      }),
    );
  } catch (err) {
    console.error(`demo: ${err.message}`);
    stop('error', 1);
  }
}

/** Compiles the test helpers the demo starts when out/ lacks them or is older than their sources. */
function compileHelpers() {
  const helpers = [
    'vscode/code-server',
    'vscode/ensure',
    'ec2-endpoint',
    'agreement-endpoint',
    'aws-env',
    'loopback',
  ];
  const stale = helpers.some((name) => {
    const built = join(ROOT, 'out', 'test', 'support', `${name}.js`);
    return (
      !existsSync(built) ||
      statSync(built).mtimeMs < statSync(join(ROOT, 'test', 'support', `${name}.ts`)).mtimeMs
    );
  });
  if (stale)
    run(process.execPath, [
      join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
      '-p',
      join(ROOT, 'scripts', 'demo', 'tsconfig.json'),
    ]);
}

/** Runs `npm run package` as a child process; resolves to the .vsix path, or exits with its output. */
function packageInBackground() {
  const vsix = defaultVsixPath();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'package.mjs'), '--out', vsix], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.on('exit', (code) => {
      if (code !== 0) {
        console.error(output);
        process.exit(1);
      }
      console.log(`  ${output.trim().split('\n').pop()}`);
      resolve(vsix);
    });
  });
}

/** The demo workspace: every sample report, the sample Seller Delivery Data Feeds, the team playbook, a cases/ folder and an identity document. */
function demoWorkspace(root) {
  const workspace = join(root, 'workspace');
  cpSync(join(ROOT, 'samples', 'reports'), join(workspace, 'reports'), { recursive: true });
  cpSync(join(ROOT, 'samples', 'feeds'), join(workspace, 'feeds'), { recursive: true });
  mkdirSync(join(workspace, '.support-desk'), { recursive: true });
  cpSync(
    join(ROOT, 'samples', 'playbook', 'playbook.json'),
    join(workspace, '.support-desk', 'playbook.json'),
  );
  mkdirSync(join(workspace, 'cases'));
  mkdirSync(join(workspace, 'identity'));
  cpSync(
    join(ROOT, 'test', 'fixtures', 'identity', SAMPLE_IDENTITY),
    join(workspace, 'identity', SAMPLE_IDENTITY),
  );
  mkdirSync(join(workspace, '.vscode'));
  writeFileSync(
    join(workspace, '.vscode', 'settings.json'),
    JSON.stringify(
      {
        'supportDesk.reports.paths': ['reports', 'feeds'],
        'supportDesk.eligibility.asOf': AS_OF,
      },
      null,
      2,
    ) + '\n',
  );
  return workspace;
}

function whatToTry(url, { workspace, root, codeServer, seconds }) {
  return `
Marketplace Support Desk is running in VS Code (code-server ${codeServer}), ready in ${seconds.toFixed(0)} s:

  ${url}

Open that address in a browser on this machine. What to try (reports judged as of ${AS_OF}; AWS is local):
  - Support Desk in the activity bar: 5 products, 17 accounts; a rejected row (a number a spreadsheet
    turned into 1.23457E+11) is in the Problems view at customer_subscriber_report_2026-11-21.csv:7.
  - Seller Delivery Data Feeds (the last row of the tree, feeds/ in AWS's layout): 556677889900 bought
    ElasticBox from a reseller's private offer; 210987654321's Ubuntu Pro for SAP agreement is BYOL,
    started 2025-06-01 but accepted on 2026-11-20. Hover an account for the agreement's feed lines.
  - Open in Support Desk on an account, or type one in the panel's Check: 111122223333 (eligible),
    045612378904 (lapsed), 999988887777 (unlisted: press Check live agreements, it has an ACTIVE agreement).
  - Confirm with AWS / Confirm Instance...: i-00000000000000001 (owned by 111122223333: confirmed),
    i-00000000000000002 (another owner), i-00000000000000003 (not attached), i-00000000000000004 (not found).
  - Verify Identity Document... on identity/${SAMPLE_IDENTITY} (a real AWS document of 2016:
    instance i-f79fe56c of account 121659014334), offline.
  - Support line (above the panel's tabs): 111122223333 is Ubuntu Pro's and ElasticBox's (switch between
    them), 556677889900 a resold account the team playbook gives the partner's line and its phone lines.
  - Case forms in the panel: fill one and Save to cases/.

Workspace: ${workspace}
Everything lives in ${root} and goes away on Ctrl-C.
Press Ctrl-C to stop.`;
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
