// `npm run demo` as a newcomer runs it: the script packages the .vsix, starts code-server with it and
// the local AWS endpoints, and prints a URL; the workbench there shows the sample reports and confirms
// an instance through the demo profile; Ctrl-C (SIGINT to its process group) leaves no process and no
// temporary folder behind. The demo's temporary folders are kept apart under a TMPDIR of this test.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../tools/vscode/code-server';
import { Workbench } from '../../tools/vscode/workbench';

const URL_LINE = /^\s*(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)$/m;

describe('npm run demo', () => {
  let demo: ChildProcess;
  let output = '';
  let temp: string;
  let url: string;
  let workbench: Workbench | undefined;

  let started: number;

  before(async function () {
    // A first run installs code-server (npm test's ensure stage has done it already).
    this.timeout(600_000);
    started = Date.now();
    temp = mkdtempSync(join(tmpdir(), 'support-desk-e2e-demo-'));
    // Its own process group, as a terminal gives a foreground job: Ctrl-C signals the whole group.
    demo = spawn(process.execPath, [join(REPO_ROOT, 'scripts', 'demo.mjs')], {
      cwd: REPO_ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TMPDIR: temp },
    });
    demo.stdout!.on('data', (d) => {
      output += d;
    });
    demo.stderr!.on('data', (d) => {
      output += d;
    });
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL within 540 s:\n${output}`)), 540_000);
      const look = () => {
        const found = URL_LINE.exec(output)?.[1];
        if (found) {
          clearTimeout(timer);
          resolve(found);
        }
      };
      demo.stdout!.on('data', look);
      demo.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the demo exited (${code}) before printing a URL:\n${output}`));
      });
    });
    console.log(`      URL printed after ${seconds(started)} s`);
  });

  after(async function () {
    this.timeout(60_000);
    await workbench?.close();
    // A failed test leaves the demo running: stop it as Ctrl-C does (code-server's group goes with it),
    // and kill its group only when that does not work.
    if (demo?.pid && demo.exitCode === null && demo.signalCode === null) {
      const exited = new Promise((r) => demo.once('exit', r));
      process.kill(-demo.pid, 'SIGINT');
      const timer = setTimeout(() => process.kill(-demo.pid!, 'SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    }
    if (temp) rmSync(temp, { recursive: true, force: true });
  });

  it('prints the workbench URL of its workspace and what to try with the local endpoints', () => {
    const folder = new URL(url).searchParams.get('folder')!;
    assert.ok(folder.startsWith(temp), `${folder} is under the demo's TMPDIR`);
    assert.deepEqual(readdirSync(folder).sort(), [
      '.support-desk',
      '.vscode',
      'cases',
      'feeds',
      'identity',
      'reports',
    ]);
    for (const thing of [
      'i-00000000000000001',
      '111122223333',
      '999988887777',
      'Verify Identity Document',
      'Ctrl-C',
    ])
      assert.match(output, new RegExp(thing));
  });

  it('serves the workbench with the packaged extension showing the sample reports', async () => {
    workbench = await Workbench.connect(url);
    await workbench.openContainer('Support Desk');
    await workbench.treeRows('Subscriptions', 'Ubuntu Pro 22.04 LTS').waitFor({ timeout: 60_000 });
    const rows = await workbench.treeRowTexts('Subscriptions');
    for (const product of [
      'Ubuntu Pro 22.04 LTS',
      'ElasticBox Enterprise, Cloud Edition',
      'Ubuntu Pro for SAP 22.04 (private offer)',
    ]) {
      assert.ok(
        rows.some((row) => row.includes(product)),
        `${product} in ${rows.join(' | ')}`,
      );
    }
    console.log(
      `      workbench with the sample data after ${seconds(started)} s from the start of npm run demo`,
    );
    // The README's picture of the tree (docs/images/tree.png): a product open on its accounts' verdicts.
    await workbench.treeRows('Subscriptions', 'Ubuntu Pro 22.04 LTS').click();
    await workbench.page.keyboard.press('ArrowRight');
    await workbench.treeRows('Subscriptions', '045612378904').first().waitFor();
    await workbench.screenshot('demo-tree');
  });

  it('checks an account and confirms its instance through the demo AWS profile, with no AWS account', async () => {
    const panel = await workbench!.openAccountInPanel(
      'Ubuntu Pro 22.04 LTS',
      '111122223333',
      '111122223333: Eligible',
    );
    await panel.locator('#check-instance').fill('i-00000000000000001');
    await panel.locator('#check-product').selectOption('prod-5qwz3vsg4kbfw');
    await panel.locator('#confirm-aws').click();
    const verdict = panel.locator('#confirmation-verdict');
    await verdict.waitFor({ timeout: 60_000 });
    assert.match(
      await verdict.innerText(),
      /Confirmed: i-00000000000000001 carries product code 8a2kq9xw3vbn7m4c1zt6ry5pd and is owned by 111122223333/,
    );
    await workbench!.statusBarItem('demo · us-east-1').waitFor();
    await workbench!.runCommand('Notifications: Clear All Notifications');
    await workbench!.screenshot('demo-panel');
    // The demo's audit log (a machine setting) records the confirmation.
    const audit = join(new URL(url).searchParams.get('folder')!, '..', 'audit.jsonl');
    assert.match(
      readFileSync(audit, 'utf8'),
      /"instanceId":"i-00000000000000001".*"verdict":"confirmed"/,
    );
  });

  it("starts the eligibility case from the check and saves it to the workspace's cases/ folder", async () => {
    const panel = workbench!.panel();
    await panel.locator('#start-case').click();
    await panel
      .locator('#case-preview')
      .filter({ hasText: 'ConfirmProductInstance: Confirmed: i-00000000000000001' })
      .waitFor({ timeout: 15_000 });
    await panel.locator('#case-save').click();
    await panel
      .locator('#case-status')
      .filter({ hasText: 'Saved to cases/' })
      .waitFor({ timeout: 15_000 });
    const cases = join(new URL(url).searchParams.get('folder')!, 'cases');
    assert.match(readdirSync(cases).join(), /-111122223333-eligibility\.md$/);
    // The case goes to others: it names the sample reports by file name, never the demo's temporary folder.
    const saved = readFileSync(
      join(
        cases,
        readdirSync(cases).find((f) => f.endsWith('-eligibility.md'))!,
      ),
      'utf8',
    );
    assert.match(saved, /customer_subscriber_report_\d{4}-\d{2}-\d{2}\.csv:\d+/);
    assert.ok(!saved.includes(temp), `the saved case names the demo's folder ${temp}:\n${saved}`);
    await workbench!.screenshot('demo-case');
  });

  it('asked nothing off 127.0.0.1 while it ran: no extension gallery, no update check', () => {
    assert.deepEqual(workbench!.offMachine, []);
  });

  it('stops on Ctrl-C: no process of its groups and no temporary folder left', async function () {
    this.timeout(60_000);
    const groups = new Set([
      demo.pid!,
      ...processes()
        .filter((p) => p.cmdline.includes(temp))
        .map((p) => p.pgid),
    ]);
    assert.ok(groups.size > 1, 'code-server runs in a process group of its own');
    const exited = new Promise<number | null>((r) => demo.once('exit', (code) => r(code)));
    process.kill(-demo.pid!, 'SIGINT');
    assert.equal(await exited, 0, output);
    assert.match(output, /Stopped; temporary folders removed\./);
    const deadline = Date.now() + 10_000;
    let left = processes().filter((p) => groups.has(p.pgid));
    while (left.length && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      left = processes().filter((p) => groups.has(p.pgid));
    }
    assert.deepEqual(left, []);
    assert.deepEqual(readdirSync(temp), []);
  });
});

function seconds(since: number): string {
  return ((Date.now() - since) / 1000).toFixed(0);
}

/** Every process of this machine (Linux /proc) with its process group and command line. */
function processes(): { pid: number; pgid: number; cmdline: string }[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => {
      try {
        // stat: "pid (comm) state ppid pgrp ...", and comm may hold spaces or parentheses.
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        const pgid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
        return [
          {
            pid: Number(name),
            pgid,
            cmdline: readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' '),
          },
        ];
      } catch {
        return []; // gone meanwhile
      }
    });
}
