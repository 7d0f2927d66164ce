// `npm run bench` (ingest part): a deterministic 1,000,000-row legacy-subscriber report, read by
// papaparse (bare parse, the reference) and by our ingest (parse, validate, index) side by side.
// Every run is a fresh child process and runs alternate; the ratio is the median of each round's
// ingest/papaparse, so a load that changes between rounds does not skew it. A missed target prints
// TARGET MISSED but exits 0: the numbers are for people to judge, and `npm run bench` goes on.
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, openSync, readSync, closeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { judgeAccount } from '../src/core/eligibility';
import { loadReports } from '../src/core/reports';
import { generate, random, ROWS } from './ingest-report';

const ROUNDS = 5;
const LOOKUPS = 20_000;
const TARGET_RATIO = 0.75;
const TARGET_RSS_MB = 400;

type Job = 'floor' | 'papaparse' | 'ingest';
/**
 * `ms` wall time, `cpuMs` CPU time of the job (all threads: less sensitive to other load on the
 * machine), `rssMb` the child's peak RSS when the job was done (for the ingest: before the lookups).
 */
interface Measure {
  ms: number;
  cpuMs: number;
  rssMb: number;
  rows: number;
  lookupUs?: number;
  lookupRssMb?: number;
}

async function runJob(job: Job, path: string): Promise<Measure> {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  let rows = 0;
  if (job === 'floor') {
    const fd = openSync(path, 'r');
    const buffer = Buffer.allocUnsafe(1 << 20);
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) {
      for (let at = buffer.indexOf(10); at !== -1 && at < n; at = buffer.indexOf(10, at + 1))
        rows++;
    }
    closeSync(fd);
  } else if (job === 'papaparse') {
    await new Promise<void>((resolve, reject) => {
      Papa.parse(createReadStream(path), {
        chunk: (result: Papa.ParseResult<string[]>) => {
          rows += result.data.length;
        },
        complete: () => resolve(),
        error: reject,
      });
    });
  } else {
    const { files, store } = await loadReports([path]);
    rows = files[0].rows;
    const ms = elapsedMs(start);
    const cpuMs = cpuMsSince(cpu);
    const rssMb = peakRssMb();
    const accounts = store.accounts();
    const next = random(7);
    const times: number[] = [];
    for (let i = 0; i < LOOKUPS; i++) {
      // Half listed accounts, half unknown ones (those are judged against every product).
      const account =
        i % 2
          ? accounts[Math.floor(next() * accounts.length)]
          : String(Math.floor(next() * 1e12)).padStart(12, '0');
      const t = process.hrtime.bigint();
      judgeAccount(store, account, '2026-11-22');
      times.push(Number(process.hrtime.bigint() - t) / 1000);
    }
    return { ms, cpuMs, rssMb, rows, lookupUs: median(times), lookupRssMb: peakRssMb() };
  }
  return { ms: elapsedMs(start), cpuMs: cpuMsSince(cpu), rssMb: peakRssMb(), rows };
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}

function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function ms(value: number): string {
  return `${value.toFixed(0).padStart(6)} ms`;
}

function mb(value: number): string {
  return `${value.toFixed(0)} MB`;
}

function inChild(job: Job, path: string): Measure {
  return JSON.parse(
    execFileSync(process.execPath, [__filename, '--child', job, path], { encoding: 'utf8' }),
  ) as Measure;
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'support-desk-bench-'));
  try {
    const path = join(dir, 'customer_subscriber_report_2026-11-22.csv');
    const t = process.hrtime.bigint();
    const { bytes } = generate(path);
    console.log(
      `generated ${ROWS.toLocaleString('en')} rows, ${(bytes / 2 ** 20).toFixed(1)} MiB in ${elapsedMs(t).toFixed(0)} ms (${path})`,
    );
    const runs: Record<Job, Measure[]> = { floor: [], papaparse: [], ingest: [] };
    for (let round = 1; round <= ROUNDS; round++) {
      for (const job of ['floor', 'papaparse', 'ingest'] as Job[]) {
        const m = inChild(job, path);
        runs[job].push(m);
        console.log(
          `  round ${round} ${job.padEnd(9)} ${ms(m.ms)}  (CPU ${ms(m.cpuMs)})  ${m.rows} rows  peak RSS ${mb(m.rssMb)}`,
        );
      }
    }
    const floor = median(runs.floor.map((m) => m.ms));
    const papa = median(runs.papaparse.map((m) => m.ms));
    const ingest = median(runs.ingest.map((m) => m.ms));
    const ratios = runs.ingest.map((m, i) => m.ms / runs.papaparse[i].ms);
    const ratio = median(ratios);
    const cpuRatio = median(runs.ingest.map((m, i) => m.cpuMs / runs.papaparse[i].cpuMs));
    const rss = Math.max(...runs.ingest.map((m) => m.rssMb));
    const lookupRss = Math.max(...runs.ingest.map((m) => m.lookupRssMb ?? NaN));
    const lookup = median(runs.ingest.map((m) => m.lookupUs ?? NaN));
    const rows = (job: Job) => runs[job][0].rows.toLocaleString('en');
    console.log(
      [
        '',
        `ingest summary (${ROWS.toLocaleString('en')}-row legacy-subscriber report, ${ROUNDS} rounds, medians)`,
        `  reference: papaparse bare parse    ${ms(papa)}  (${rows('papaparse')} rows incl. header)`,
        `  ingest: parse, validate, index     ${ms(ingest)}  (${rows('ingest')} subscriptions)`,
        `  ratio ingest / papaparse           ${ratio.toFixed(2)}  (target <= ${TARGET_RATIO}; per round ${ratios.map((r) => r.toFixed(2)).join(' ')})`,
        `  same ratio in CPU time             ${cpuRatio.toFixed(2)}  (for comparison when the machine is loaded; the target is on wall time)`,
        `  floor: read file, count newlines   ${ms(floor)}`,
        `  ingest peak RSS                    ${mb(rss)}  (target <= ${TARGET_RSS_MB} MB; ${mb(lookupRss)} after the lookups)`,
        `  median account lookup              ${lookup.toFixed(1)} µs  (judgeAccount, ${LOOKUPS.toLocaleString('en')} lookups, half unknown accounts)`,
      ].join('\n'),
    );
    const missed = [
      ratio > TARGET_RATIO &&
        `TARGET MISSED: ingest takes ${ratio.toFixed(2)}x papaparse's time, target <= ${TARGET_RATIO}x`,
      rss > TARGET_RSS_MB &&
        `TARGET MISSED: ingest peak RSS ${mb(rss)}, target <= ${TARGET_RSS_MB} MB`,
    ].filter((line): line is string => typeof line === 'string');
    console.log(missed.length > 0 ? missed.join('\n') : 'ingest targets met');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  void runJob(process.argv[3] as Job, process.argv[4]).then((m) =>
    process.stdout.write(JSON.stringify(m)),
  );
} else if (process.argv[2] === '--generate') {
  // For profiling: `node out/bench/ingest.js --generate FILE` writes the report and stops.
  generate(process.argv[3]);
} else {
  main();
}
