// The README's test command: one build, then lint, the unit tests (pure, no build output needed), the
// webview's unit tests (under happy-dom), the integration tests (the built CLI, the AWS CLI and botocore as references), the suite inside a real
// VS Code and the Playwright e2e run. Every stage runs even when an earlier one fails, and the run ends with one line
// "N passed, N failed" over all of them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const output = join(root, 'test-output');
const statsFile = join(output, 'stats.jsonl');
const reporter = join(root, 'out/test/support/stats-reporter.js');

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label}: ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return result.status ?? 1;
}

mkdirSync(output, { recursive: true });
rmSync(statsFile, { force: true });
for (const f of readdirSync(output).filter((f) => f.startsWith('suite-results-')))
  rmSync(join(output, f));

for (const [label, args] of [
  ['build', ['run', 'build']],
  ['compile', ['run', 'compile-tests']],
]) {
  if (run(label, 'npm', args) !== 0) {
    console.log('\n0 passed, 1 failed');
    process.exit(1);
  }
}
const stages = [
  // eslint (typescript-eslint, type-aware) and prettier --check: a finding fails the run like a failing test.
  { name: 'lint', status: run('lint', 'npm', ['run', 'lint']) },
  {
    name: 'unit',
    status: run('unit', 'npx', ['mocha', '--reporter', reporter], {
      SUPPORT_DESK_STATS: statsFile,
      SUPPORT_DESK_STAGE: 'unit',
    }),
  },
  // The panel's webview script on Node under happy-dom (a DOM without a browser): its URL filter, text-only rendering, replies and state.
  {
    name: 'webview',
    status: run(
      'webview',
      'npx',
      ['mocha', '--config', '.mocharc.webview.json', '--reporter', reporter],
      {
        SUPPORT_DESK_STATS: statsFile,
        SUPPORT_DESK_STAGE: 'webview',
      },
    ),
  },
];
// Verdicts are judged in UTC: the unit tests of days and moments run again where the local day is not the UTC day.
const TIME_SENSITIVE = [
  'core/dates',
  'core/agreements/live-verdict',
  'aws/live-agreements',
  'core/reports/reports',
  'core/reports/report-source',
  'core/eligibility/eligibility',
].map((n) => `out/test/unit/${n}.test.js`);
for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati']) {
  const args = [
    'mocha',
    '--no-config',
    '--require',
    'out/test/support/isolated-home.js',
    '--reporter',
    reporter,
    ...TIME_SENSITIVE,
  ];
  stages.push({
    name: `unit TZ=${tz}`,
    status: run(`unit TZ=${tz}`, 'npx', args, {
      TZ: tz,
      SUPPORT_DESK_STATS: statsFile,
      SUPPORT_DESK_STAGE: `unit ${tz}`,
    }),
  });
}
// Installs code-server, Chromium and the AWS CLI on first use (the integration tests need the CLI too).
const ensured = run('ensure', 'node', ['scripts/vscode/ensure.mjs']) === 0;
if (ensured) {
  stages.push({
    name: 'integration',
    status: run(
      'integration',
      'npx',
      ['mocha', '--config', '.mocharc.integration.json', '--reporter', reporter],
      {
        SUPPORT_DESK_STATS: statsFile,
        SUPPORT_DESK_STAGE: 'integration',
      },
    ),
  });
  stages.push({ name: 'suite', status: run('suite', 'node', ['scripts/vscode/run-suite.mjs']) });
  stages.push({
    name: 'e2e',
    status: run('e2e', 'node', ['scripts/vscode/run-e2e.mjs'], {
      SUPPORT_DESK_STATS: statsFile,
      SUPPORT_DESK_STAGE: 'e2e',
    }),
  });
}

// Counts: mocha's own (unit, e2e) and the suite's result files, one per pass (trusted, restricted).
const counts = existsSync(statsFile)
  ? readFileSync(statsFile, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
  : [];
for (const f of readdirSync(output).filter((f) => /^suite-results-.*\.json$/.test(f))) {
  const { stats } = JSON.parse(readFileSync(join(output, f), 'utf8'));
  counts.push({
    stage: f.replace(/^suite-results-|\.json$/g, ''),
    passes: stats.passes,
    failures: stats.failures,
    pending: stats.pending,
  });
}
let passed = 0;
let failed = 0;
console.log('\n=== summary');
for (const c of counts) {
  console.log(
    `  ${c.stage.padEnd(12)} ${c.passes} passed, ${c.failures} failed, ${c.pending} pending`,
  );
  passed += c.passes;
  failed += c.failures + c.pending; // a skipped test is a defect here
}
// A stage that crashed before reporting still fails the run.
const broken = stages.filter((s) => s.status !== 0).map((s) => s.name);
if (!ensured) broken.push('ensure');
if (broken.length) console.log(`  stages that failed: ${broken.join(', ')}`);
if (broken.length && failed === 0) failed = broken.length;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && broken.length === 0 ? 0 : 1);
