// `npm run bench` (feeds): a generated Seller Delivery Data Feeds root of 1,000,000 agreements,
// 400,000 accounts with addresses, 300 products, 24 months plus the 2010-01 backfill
// (test/support/feed-generator.ts), then, whole process against whole process in alternating rounds,
// `node dist/cli.js lookup ACCOUNT --reports ROOT --json` against DuckDB running the same entitlement
// as SQL with AWS's idioms (bench/feeds-sql.ts). Ratio = median of each round's ours/DuckDB; peak RSS
// from a preload. Then 1,000 sampled accounts (every trap's examples among them) are answered by both
// and compared, as of the last day delivered and, bi-temporally, as of an earlier day as AWS knew it
// before. A missed target prints TARGET MISSED and different answers ANSWERS DIFFER; the
// benchmark exits 0 on a missed target (as the others do) and 1 on different answers.
// `node out/bench/feeds.js [ROOT]` measures an existing feed root instead of generating one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  feedEntitlement,
  feedMoment,
  loadFeedFolder,
  loadFeeds,
  feedInputsFromFolder,
  listFeedFiles,
} from '../src/core/feeds';
import { generateFeeds } from '../test/support/feed-generator';
import { referenceVerdicts } from './feeds-duckdb';
import { median, missedTargets, run, type Run, writeUsagePreload } from './process-runs';
import type { ReferenceVerdict } from './feeds-sql';

const ROUNDS = 5;
const TARGET_RATIO = 1.5;
const TARGET_RSS_MB = 600;
const SAMPLE = 1000;
const AS_OF_DAY = '2026-11-30';
const AS_OF = `${AS_OF_DAY}T23:59:59.999Z`;
// The bi-temporal check: as of this day, as AWS knew it at the end of 2025.
const EARLIER_DAY = '2026-03-01';
const KNOWN_AT = '2025-12-31T00:00:00Z';
/** An account with no agreement, or one AWS had not recorded yet (DuckDB then returns no row). */
const UNLISTED = '- unlisted -';
const CLI = resolve(__dirname, '../../dist/cli.js');
const REFERENCE = resolve(__dirname, 'feeds-duckdb.js');

/** One account's answer as comparable text: `product verdict covering` per product, sorted. */
type Answer = string;

function ourAnswers(entitlements: ReturnType<typeof feedEntitlement>[]): Map<string, Answer> {
  const answers = new Map<string, Answer>();
  for (const e of entitlements) {
    const lines = e.products.map(
      (p) => `${p.productId ?? '-'} ${p.verdict} ${p.verdict === 'eligible' ? p.covering : '-'}`,
    );
    answers.set(e.account, (lines.length > 0 ? lines : [UNLISTED]).sort().join('; '));
  }
  return answers;
}

function referenceAnswers(rows: ReferenceVerdict[]): Map<string, Answer> {
  const lines = new Map<string, string[]>();
  for (const r of rows)
    lines.set(r.account, [
      ...(lines.get(r.account) ?? []),
      `${r.productId ?? '-'} ${r.verdict} ${r.covering ?? '-'}`,
    ]);
  return new Map([...lines].map(([account, list]) => [account, list.sort().join('; ')]));
}

/** Accounts to check: every trap's examples, then evenly spread accounts up to SAMPLE. */
function sampleAccounts(all: readonly string[], examples: readonly string[]): string[] {
  const chosen = new Set(examples);
  const step = Math.max(1, Math.floor(all.length / SAMPLE));
  for (let i = 0; chosen.size < SAMPLE && i < all.length; i += step) chosen.add(all[i]);
  return [...chosen].slice(0, SAMPLE);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'support-desk-bench-feeds-'));
  try {
    const preload = writeUsagePreload(dir);
    let root = process.argv[2];
    let sample: string[];
    let timed: string;
    if (root) {
      const accountFiles = (await listFeedFiles(root)).filter((p) => p.startsWith('accountfeed_'));
      const accounts = (await loadFeeds(feedInputsFromFolder(root, accountFiles))).accounts();
      sample = sampleAccounts(accounts, []);
      timed = sample[Math.floor(sample.length / 2)];
    } else {
      root = join(dir, 'feeds');
      const started = Date.now();
      const truth = generateFeeds(root, {
        accounts: 400_000,
        agreements: 1_000_000,
        products: 300,
      });
      console.log(
        `generated ${truth.rows.agreementfeed_v1.toLocaleString('en')} agreement rows, ${truth.rows.accountfeed_v1.toLocaleString('en')} account rows, ${(truth.bytes / 2 ** 20).toFixed(0)} MiB in ${((Date.now() - started) / 1000).toFixed(0)} s`,
      );
      sample = sampleAccounts(truth.accounts, Object.values(truth.examples).flat());
      // The timed account has Concurrent Agreements: the lookup has something to say.
      timed = truth.examples.concurrent[0];
    }
    const ours: Run[] = [];
    const duck: Run[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const runOurs = () =>
        run([CLI, 'lookup', timed, '--reports', root, '--as-of', AS_OF_DAY, '--json'], preload);
      const runDuck = () => run([REFERENCE, root, AS_OF, timed], preload);
      // Who goes first alternates: a machine that warms up or cools down favours neither.
      const [our, their] =
        round % 2 === 1 ? [runOurs(), runDuck()] : (([d, o]) => [o, d])([runDuck(), runOurs()]);
      ours.push(our);
      duck.push(their);
      console.log(
        `  round ${round}  ours ${our.ms.toFixed(0).padStart(6)} ms (peak RSS ${our.rssMb.toFixed(0)} MB)  DuckDB ${their.ms.toFixed(0).padStart(6)} ms (peak RSS ${their.rssMb.toFixed(0)} MB)  ratio ${(our.ms / their.ms).toFixed(2)} (CPU ${(our.cpuMs / their.cpuMs).toFixed(2)})`,
      );
    }
    const ratios = ours.map((o, i) => o.ms / duck[i].ms);
    const ratio = median(ratios);
    const rss = Math.max(...ours.map((o) => o.rssMb));

    // The same answers: our focused read of the sampled accounts against DuckDB's SQL over them,
    // as of the last day delivered, and as of an earlier day as AWS knew it before that day.
    const set = await loadFeedFolder(root, { focus: { accounts: sample } });
    const checks = [];
    for (const [asOf, knownAt] of [
      [AS_OF_DAY, undefined],
      [EARLIER_DAY, KNOWN_AT],
    ] as const) {
      const moment = feedMoment({ asOf, knownAt });
      const entitlements = sample.map((account) => feedEntitlement(set, account, moment));
      const mine = ourAnswers(entitlements);
      const theirs = referenceAnswers(
        await referenceVerdicts(root, moment.asOf, sample, moment.knownAt),
      );
      const differ = sample.filter(
        (account) => mine.get(account) !== (theirs.get(account) ?? UNLISTED),
      );
      const verdicts = new Map<string, number>();
      for (const e of entitlements) verdicts.set(e.verdict, (verdicts.get(e.verdict) ?? 0) + 1);
      checks.push({ asOf, knownAt, differ, verdicts, mine, theirs });
    }
    const differ = checks.flatMap((c) => c.differ);
    console.log(
      [
        '',
        `feeds lookup, whole process (${ROUNDS} alternating rounds, medians; as of ${AS_OF_DAY})`,
        `  reference: DuckDB, AWS's idioms in SQL (node, @duckdb/node-api)  ${median(
          duck.map((d) => d.ms),
        )
          .toFixed(0)
          .padStart(6)} ms  (peak RSS ${Math.max(...duck.map((d) => d.rssMb)).toFixed(0)} MB)`,
        `  ours: node dist/cli.js lookup ACCOUNT --reports ROOT --json      ${median(
          ours.map((o) => o.ms),
        )
          .toFixed(0)
          .padStart(6)} ms`,
        `  ratio ours / DuckDB (median of rounds)                           ${ratio.toFixed(2)}  (target <= ${TARGET_RATIO}; per round ${ratios.map((r) => r.toFixed(2)).join(' ')})`,
        `  same ratio in CPU time                                           ${median(ours.map((o, i) => o.cpuMs / duck[i].cpuMs)).toFixed(2)}  (DuckDB uses every core; the target is on wall time)`,
        `  ours peak RSS                                                    ${rss.toFixed(0)} MB  (target <= ${TARGET_RSS_MB} MB)`,
        ...checks.map(
          (c) =>
            `  answers for ${sample.length} sampled accounts as of ${c.asOf}${c.knownAt ? `, known at ${c.knownAt}` : ''}: ${sample.length - c.differ.length} the same, ${c.differ.length} different  (${[...c.verdicts].map(([v, n]) => `${n} ${v}`).join(', ')})`,
        ),
      ].join('\n'),
    );
    for (const c of checks) {
      for (const account of c.differ.slice(0, 5))
        console.log(
          `  ANSWERS DIFFER for ${account} as of ${c.asOf}:\n    ours   ${c.mine.get(account)}\n    DuckDB ${c.theirs.get(account)}`,
        );
    }
    const missed = missedTargets('the lookup', 'DuckDB', {
      ratio,
      targetRatio: TARGET_RATIO,
      rss,
      targetRssMb: TARGET_RSS_MB,
    });
    console.log(missed.length > 0 ? missed.join('\n') : 'feeds lookup targets met');
    if (differ.length > 0) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
