// What ships is what is tested: `npm run package` makes the production .vsix, code-server installs it
// with --install-extension (as `code --install-extension` does for a user), and the installed copy, with
// no node_modules anywhere above it and no link to this repository (Workbench links none when given a
// .vsix), activates, shows the reports, opens the panel and confirms through the bundled AWS layer. The
// CLI's bundles run from a bare copy too.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type SpawnOptions } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundles } from '../../src/core/lazy-bundle';
import { awsSandbox, staticProfile, type AwsSandbox } from '../support/aws-env';
import { startEc2Endpoint, type Ec2Endpoint } from '../support/ec2-endpoint';
import { REPO_ROOT } from '../../tools/vscode/code-server';
import { Workbench } from '../../tools/vscode/workbench';

const INSTANCE = 'i-0c0ffee0c0ffee000';
const OWNER = '111122223333';

describe('the packaged extension (.vsix) in the workbench', () => {
  let dir: string;
  let vsix: string;
  let workbench: Workbench;
  let endpoint: Ec2Endpoint;
  let sandbox: AwsSandbox;

  before(async function () {
    this.timeout(240_000);
    dir = mkdtempSync(join(tmpdir(), 'support-desk-e2e-vsix-'));
    vsix = join(dir, 'marketplace-support-desk.vsix');
    const packaged = spawnSync(
      process.execPath,
      [join(REPO_ROOT, 'scripts', 'package.mjs'), '--out', vsix],
      { cwd: REPO_ROOT, encoding: 'utf8' },
    );
    assert.equal(packaged.status, 0, `${packaged.stdout}${packaged.stderr}`);
    endpoint = await startEc2Endpoint({
      instances: { [INSTANCE]: { kind: 'attached', ownerId: OWNER } },
      maxLifetimeMs: 300_000,
    });
    sandbox = awsSandbox(
      { config: '[default]\nregion = us-east-1\n', credentials: staticProfile('default') },
      { inProcess: false },
    );
    workbench = await Workbench.open({
      vsix,
      env: sandbox.env,
      settings: {
        'supportDesk.reports.paths': [join(REPO_ROOT, 'samples', 'reports')],
        'supportDesk.eligibility.asOf': '2026-11-22',
        'supportDesk.aws.endpointUrl': endpoint.url,
        'supportDesk.audit.path': join(dir, 'audit.jsonl'),
      },
    });
  });

  after(async () => {
    await workbench?.close();
    await endpoint?.stop();
    sandbox?.restore();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('packages only what runs: minified bundles, no source, map, test or node_modules', () => {
    const files = packagedFiles();
    // The extension's bundle and the ones it loads on first use (the list's `vsix` ones); the CLI's bundles stay out.
    for (const [bundle, { vsix }] of Object.entries(bundles)) {
      assert.equal(
        files.includes(`extension/dist/${bundle}.js`),
        vsix,
        `${bundle}.js ${vsix ? 'in' : 'not in'} ${files.join(' ')}`,
      );
    }
    for (const bundle of ['extension', 'aws', 'panel', 'identity'])
      assert.ok(
        files.includes(`extension/dist/${bundle}.js`),
        `${bundle}.js in ${files.join(' ')}`,
      );
    assert.deepEqual(
      files.filter((f) => /dist\/(cli|identity-verifier)\.js$/.test(f)),
      [],
    );
    assert.ok(
      files.includes('extension/samples/reports/customer_subscriber_report_2026-11-22.csv'),
    );
    assert.deepEqual(
      files.filter((f) =>
        /\.map$|^extension\/(src|test|out|node_modules|scripts|bench)\/|\.ts$|\.vsix$/.test(f),
      ),
      [],
    );
  });

  it('activates from the installed copy and shows the reports in the tree', async () => {
    await workbench.openContainer('Support Desk');
    await workbench.treeRows('Subscriptions', 'Ubuntu Pro 22.04 LTS').waitFor({ timeout: 60_000 });
    assert.ok(
      (await workbench.treeRowTexts('Subscriptions')).some((row) =>
        row.includes('ElasticBox Enterprise, Cloud Edition'),
      ),
    );
    await workbench.screenshot('vsix-tree');
  });

  it('opens the panel and confirms an instance through the bundled AWS layer', async () => {
    const panel = await workbench.openAccountInPanel(
      'Ubuntu Pro 22.04 LTS',
      OWNER,
      `${OWNER}: Eligible`,
    );
    await panel.locator('#check-instance').fill(INSTANCE);
    await panel.locator('#check-product').selectOption('prod-5qwz3vsg4kbfw');
    await panel.locator('#confirm-aws').click();
    await panel
      .locator('#confirmation-verdict')
      .filter({ hasText: `Confirmed: ${INSTANCE}` })
      .waitFor({ timeout: 60_000 });
    assert.deepEqual(
      endpoint.calls.filter((c) => c.action === 'ConfirmProductInstance').map((c) => c.instanceId),
      [INSTANCE],
    );
    await workbench.screenshot('vsix-panel');
  });

  it('runs the CLI and its AWS layer from a bare copy of the bundles, with no node_modules', async () => {
    const bare = mkdtempSync(join(tmpdir(), 'support-desk-bare-cli-'));
    try {
      for (const bundle of ['cli.js', 'aws.js'])
        copyFileSync(join(REPO_ROOT, 'dist', bundle), join(bare, bundle));
      // Asynchronously: the EC2 endpoint answers from this process's event loop.
      const confirmed = await run(
        process.execPath,
        [
          join(bare, 'cli.js'),
          'confirm',
          '--instance-id',
          INSTANCE,
          '--product-code',
          '8a2kq9xw3vbn7m4c1zt6ry5pd',
          '--account',
          OWNER,
          '--region',
          'us-east-1',
          '--endpoint-url',
          endpoint.url,
          '--audit',
          join(bare, 'audit.jsonl'),
          '--json',
        ],
        {
          cwd: bare,
          env: { ...process.env, ...sandbox.env, NODE_PATH: '' },
        },
      );
      assert.equal(
        confirmed.status,
        0,
        `exit ${confirmed.status}:\n${confirmed.stdout}${confirmed.stderr}`,
      );
      assert.equal(JSON.parse(confirmed.stdout).verdict, 'confirmed');
      // The AWS SDK's Node version notice (process.emitWarning on Node < 22) is not for the CLI's users.
      assert.doesNotMatch(confirmed.stderr, /NodeVersionSupportWarning/);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });

  function run(
    command: string,
    args: string[],
    options: SpawnOptions,
  ): Promise<{ status: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => {
        stdout += d;
      });
      child.stderr.on('data', (d) => {
        stderr += d;
      });
      child.once('error', reject);
      child.once('close', (status) => resolve({ status, stdout, stderr }));
    });
  }

  /** The .vsix's file names, read by the package script's zip reader (no `unzip` needed). */
  function packagedFiles(): string[] {
    const listed = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { zipEntries } from ${JSON.stringify(join(REPO_ROOT, 'scripts', 'package.mjs'))}; import { readFileSync } from 'node:fs';` +
          `console.log(zipEntries(readFileSync(${JSON.stringify(vsix)})).map((e) => e.name).join('\\n'))`,
      ],
      { encoding: 'utf8' },
    );
    assert.equal(listed.status, 0, listed.stderr);
    return listed.stdout.trim().split('\n');
  }
});
