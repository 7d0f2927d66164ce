// `npm run bench` (S3 part): the 1,000,000-row report of bench/ingest.ts (its own generator, run as
// `ingest.js --generate`), ingested by the CLI as a whole process from the same file on disk and from a
// local S3 server (s3rver on 127.0.0.1, test/support/s3-server.ts), one run each: both times, the
// ratio (target: S3 within 1.3x of disk) and each process's peak RSS (target: under 400 MB); then, as
// the reference for what the network part costs, the same object downloaded by node:http alone. A
// missed target prints TARGET MISSED but exits 0, as the other benchmarks do.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { awsSandbox, staticProfile } from '../test/support/aws-env';
import { startS3Server } from '../test/support/s3-server';

const TARGET_RATIO = 1.3;
const TARGET_RSS_MB = 400;
const REPO = join(__dirname, '..', '..');
const CLI = join(REPO, 'dist', 'cli.js');
const KEY = 'daily/customer_subscriber_report_2026-11-22.csv';

interface Run {
  ms: number;
  rssMb: number;
  rows: number;
  subscriptions: number;
}

/** `report inspect PATH --json` as its own process; its peak RSS comes from a preload that reports it at exit. */
function inspect(path: string, preload: string, env: NodeJS.ProcessEnv): Promise<Run> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--require', preload, CLI, 'report', 'inspect', path, '--json'],
      { env, maxBuffer: 1 << 26 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`${path}: ${stderr || error.message}`));
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        const out = JSON.parse(stdout) as { files: { rows: number }[]; subscriptions: number };
        const rss = /maxRSS (\d+)/.exec(stderr);
        resolve({
          ms,
          rssMb: Number(rss?.[1] ?? NaN) / 1024,
          rows: out.files[0]?.rows ?? 0,
          subscriptions: out.subscriptions,
        });
      },
    );
  });
}

/**
 * The floor under S3 ingest: a whole process that GETs the object with node:http (s3rver serves an
 * unsigned GET) and counts its bytes. What S3 ingest takes beyond disk ingest is mostly this.
 */
function bareDownload(url: string): Promise<number> {
  const script = `require('node:http').get(${JSON.stringify(url)}, (res) => { let n = 0; res.on('data', (c) => (n += c.length)); res.on('end', () => process.stdout.write(String(n))); });`;
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', script], (error, stdout) => {
      if (error) return reject(new Error(`the bare download failed: ${error.message}`));
      if (!(Number(stdout) > 0)) return reject(new Error(`the bare download got ${stdout} bytes`));
      resolve(Number(process.hrtime.bigint() - started) / 1e6);
    });
  });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'support-desk-bench-s3-'));
  const sandbox = awsSandbox(
    { credentials: staticProfile('default'), config: '[default]\nregion = us-east-1\n' },
    { inProcess: false },
  );
  const server = await startS3Server({ maxLifetimeMs: 30 * 60_000 });
  try {
    const file = join(dir, 'customer_subscriber_report_2026-11-22.csv');
    execFileSync(process.execPath, [join(__dirname, 'ingest.js'), '--generate', file]);
    const preload = join(dir, 'peak-rss.js');
    writeFileSync(
      preload,
      "process.on('exit', () => process.stderr.write(`maxRSS ${process.resourceUsage().maxRSS}\\n`));\n",
    );
    await server.put('bench-reports', { [KEY]: readFileSync(file) });
    const env = {
      ...process.env,
      ...sandbox.env,
      AWS_ENDPOINT_URL_S3: server.url,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    console.log(
      `\nS3 ingest: ${(statSync(file).size / 2 ** 20).toFixed(1)} MiB report, \`support-desk report inspect ... --json\` as a whole process, one run each (load average ${loadavg()[0].toFixed(1)}: the server shares the machine)`,
    );
    const disk = await inspect(file, preload, env);
    const s3 = await inspect(`s3://bench-reports/${KEY}`, preload, env);
    const download = await bareDownload(`${server.url}/bench-reports/${KEY}`);
    if (s3.subscriptions !== disk.subscriptions || s3.rows !== disk.rows)
      throw new Error(
        `S3 gave ${s3.rows} rows / ${s3.subscriptions} subscriptions, disk ${disk.rows} / ${disk.subscriptions}`,
      );
    const ratio = s3.ms / disk.ms;
    const rss = Math.max(disk.rssMb, s3.rssMb);
    console.log(
      [
        `  disk  ${disk.ms.toFixed(0).padStart(6)} ms  peak RSS ${disk.rssMb.toFixed(0)} MB  (${disk.rows.toLocaleString('en')} rows, ${disk.subscriptions.toLocaleString('en')} subscriptions)`,
        `  S3    ${s3.ms.toFixed(0).padStart(6)} ms  peak RSS ${s3.rssMb.toFixed(0)} MB  (s3rver on 127.0.0.1, streamed: no temp file)`,
        `  ratio S3 / disk  ${ratio.toFixed(2)}  (target <= ${TARGET_RATIO})`,
        `  reference: the same object downloaded by Node's http alone, nothing parsed: ${download.toFixed(0)} ms (${(download / disk.ms).toFixed(2)}x disk ingest)`,
      ].join('\n'),
    );
    const missed = [
      ratio > TARGET_RATIO &&
        `TARGET MISSED: S3 ingest takes ${ratio.toFixed(2)}x disk ingest, target <= ${TARGET_RATIO}x`,
      rss > TARGET_RSS_MB &&
        `TARGET MISSED: peak RSS ${rss.toFixed(0)} MB, target < ${TARGET_RSS_MB} MB`,
    ].filter((line): line is string => typeof line === 'string');
    console.log(missed.length > 0 ? missed.join('\n') : 'S3 ingest targets met');
  } finally {
    await server.stop();
    sandbox.restore();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
