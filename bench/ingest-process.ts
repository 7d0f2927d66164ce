// `npm run bench` (whole-process ingest): what an engineer waits for. `node dist/cli.js report
// inspect BIG --json` (start, load the bundle, read, validate, index, print) against a process doing
// papaparse's bare parse of the same file (start, load papaparse, parse, count rows): the reference.
// Runs alternate; the ratio is the median of each round's ours/papaparse, so a load that changes
// between rounds does not skew it. Each process's peak RSS is read by a preload that prints it at
// exit. A missed target prints TARGET MISSED but exits 0, as the other benchmarks do.
// `node out/bench/ingest-process.js [FILE]` measures FILE instead of generating the report.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generate } from './ingest-report';
import { median, missedTargets, run, type Run, writeUsagePreload } from './process-runs';

const ROUNDS = 7;
const TARGET_RATIO = 0.6;
const TARGET_RSS_MB = 400;
const CLI = resolve(__dirname, '../../dist/cli.js');

/** The reference: papaparse's bare parse, streamed as its documentation shows, counting rows. */
const PAPAPARSE = `
const Papa = require(${JSON.stringify(require.resolve('papaparse'))});
let rows = 0;
Papa.parse(require('node:fs').createReadStream(process.argv[1]), {
  chunk: (result) => { rows += result.data.length; },
  complete: () => console.log(rows),
  error: (error) => { console.error(error); process.exitCode = 1; },
});`;

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'support-desk-bench-process-'));
  try {
    const preload = writeUsagePreload(dir);
    let path = process.argv[2];
    if (!path) {
      path = join(dir, 'customer_subscriber_report_2026-11-22.csv');
      generate(path);
    }
    const ours: Run[] = [];
    const papa: Run[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      // Who goes first alternates too: a machine that warms up or cools down favours neither.
      const runOurs = () => run([CLI, 'report', 'inspect', path, '--json'], preload);
      const runPapaparse = () => run(['-e', PAPAPARSE, path], preload);
      let our: Run;
      let their: Run;
      if (round % 2 === 1) {
        our = runOurs();
        their = runPapaparse();
      } else {
        their = runPapaparse();
        our = runOurs();
      }
      ours.push(our);
      papa.push(their);
      console.log(
        `  round ${round}  ours ${our.ms.toFixed(0).padStart(6)} ms (peak RSS ${our.rssMb.toFixed(0)} MB)  papaparse ${their.ms.toFixed(0).padStart(6)} ms  ratio ${(our.ms / their.ms).toFixed(2)} (CPU ${(our.cpuMs / their.cpuMs).toFixed(2)})`,
      );
    }
    const report = JSON.parse(ours[0].out) as { files: { rows: number }[]; subscriptions: number };
    const ratios = ours.map((o, i) => o.ms / papa[i].ms);
    const ratio = median(ratios);
    const cpuRatio = median(ours.map((o, i) => o.cpuMs / papa[i].cpuMs));
    const rss = Math.max(...ours.map((o) => o.rssMb));
    console.log(
      [
        '',
        `whole-process ingest (${report.files[0].rows.toLocaleString('en')}-row report, ${ROUNDS} alternating rounds, medians)`,
        `  reference: papaparse bare parse (node -e, streamed)     ${median(papa.map((p) => p.ms))
          .toFixed(0)
          .padStart(6)} ms  (${papa[0].out.trim()} rows incl. header)`,
        `  ours: node dist/cli.js report inspect FILE --json      ${median(ours.map((o) => o.ms))
          .toFixed(0)
          .padStart(6)} ms  (${report.subscriptions.toLocaleString('en')} subscriptions)`,
        `  ratio ours / papaparse (median of rounds)              ${ratio.toFixed(2)}  (target <= ${TARGET_RATIO}; per round ${ratios.map((r) => r.toFixed(2)).join(' ')})`,
        `  same ratio in CPU time                                 ${cpuRatio.toFixed(2)}  (for comparison when the machine is loaded; the target is on wall time)`,
        `  ours peak RSS                                          ${rss.toFixed(0)} MB  (target <= ${TARGET_RSS_MB} MB)`,
      ].join('\n'),
    );
    const missed = missedTargets('the CLI', 'papaparse', {
      ratio,
      targetRatio: TARGET_RATIO,
      rss,
      targetRssMb: TARGET_RSS_MB,
    });
    console.log(missed.length > 0 ? missed.join('\n') : 'whole-process ingest targets met');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
