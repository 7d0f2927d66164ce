// Issue 17, item 2: redaction takes time linear in its input. Each input that made the old rules
// backtrack is timed at 16 KB, 64 KB, 256 KB and 1 MB, in a child process (a runaway regular
// expression cannot be stopped from inside), by CPU time (less sensitive than wall time to the rest
// of a shared machine), the median of three runs. Linear growth is x4 for each x4 in size; quadratic
// is x16. A step over x8 fails, and so does a size that runs far past a budget scaled from the size
// before (an exponential rule never ends).
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { MAX_REDACTED_CHARS, redact } from '../../../../src/core/redaction/redaction';
import { ADVERSARIAL } from '../../../support/redaction-inputs';

const SIZES = [16_384, 65_536, 262_144, 1_048_576];
const RUNS = 3;
const GROWTH = SIZES[1] / SIZES[0];
/** Twice linear: noise passes, quadratic (x16) does not. */
const MAX_STEP_RATIO = 2 * GROWTH;
/** Below this a step is too quick to judge by its ratio on a shared machine (1 MB in 25 ms is 40 MB/s). */
const JUDGED_FROM_MS = 25;
/**
 * A CPU time too short to divide by: timer resolution, a JIT tier-up and one garbage collection swamp
 * it (seen: 2.8 ms at 64 KB, then 25.5 ms at 256 KB and 43.5 ms at 1 MB, on a loaded machine). The
 * rules that were quadratic took seconds at 100 KB, far above it.
 */
const MEASURABLE_MS = 10;
const TIMER = join(__dirname, '..', '..', '..', 'support', 'redaction-timer.js');

/** Timers still running: a test that times out stops its own. */
const running = new Set<ChildProcess>();

interface Point {
  size: number;
  cpuMs: number;
}

/**
 * Times one input at every size; resolves with the points measured and, when a size ran past its
 * budget (twenty times what linear growth from the size before takes, for every run), the size stopped.
 */
function timeGrowth(family: string): Promise<{ points: Point[]; stoppedAt?: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TIMER, family, SIZES.join(','), String(RUNS)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    running.add(child);
    const points: Point[] = [];
    let stoppedAt: number | undefined;
    let pending = '';
    let timer: NodeJS.Timeout;
    const arm = () => {
      clearTimeout(timer);
      const last = points.at(-1);
      // Wall time on a shared machine runs far behind CPU time: the budget only stops a runaway.
      const budgetMs = Math.min(
        60_000,
        Math.max(20_000, last ? 20 * GROWTH * last.cpuMs * (RUNS + 1) : 0),
      );
      timer = setTimeout(() => {
        stoppedAt = SIZES[points.length];
        child.kill('SIGKILL');
      }, budgetMs);
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) points.push(JSON.parse(line) as Point);
      arm();
    });
    child.on('error', reject);
    child.on('close', () => {
      running.delete(child);
      clearTimeout(timer);
      resolve({ points, stoppedAt });
    });
    arm();
  });
}

describe('redaction: time linear in the input, to 1 MB', function () {
  // Four sizes, each stopped at 60 s at most.
  this.timeout(300_000);
  afterEach(() => {
    for (const child of running) child.kill('SIGKILL');
  });
  for (const family of Object.keys(ADVERSARIAL)) {
    it(`grows linearly on ${family}`, async () => {
      const { points, stoppedAt } = await timeGrowth(family);
      const shown = points.map((p) => `${p.size / 1024} KB: ${p.cpuMs.toFixed(1)} ms`).join(', ');
      assert.equal(
        stoppedAt,
        undefined,
        `${stoppedAt! / 1024} KB ran past twenty times linear growth (${shown})`,
      );
      assert.equal(points.length, SIZES.length, `the timer stopped early (${shown})`);
      // Each step, and the first measurable size to the last (where one step's noise cannot hide a trend).
      const pairs = points.slice(1).map((p, i) => [points[i], p, MAX_STEP_RATIO]);
      const first = points.find((p) => p.cpuMs >= MEASURABLE_MS);
      const last = points[points.length - 1];
      if (first && first !== last) pairs.push([first, last, 2 * (last.size / first.size)]);
      for (const [small, large, limit] of pairs as [Point, Point, number][]) {
        if (large.cpuMs < JUDGED_FROM_MS || small.cpuMs < MEASURABLE_MS) continue;
        const ratio = large.cpuMs / small.cpuMs;
        assert.ok(
          ratio <= limit,
          `x${ratio.toFixed(1)} from ${small.size / 1024} KB to ${large.size / 1024} KB (${shown})`,
        );
      }
    });
  }

  it('withholds what lies past 16 MiB of one field, with a marker that says how much', () => {
    const head = `password=hunter2-head ${'a'.repeat(MAX_REDACTED_CHARS)}`;
    const { text, found } = redact(`${head} password=hunter2-tail more`);
    assert.ok(!text.includes('hunter2'), 'a secret survived');
    assert.match(text.slice(-80), /\[REDACTED:oversize\] \(\d+ more characters withheld\)$/);
    assert.ok(text.length < MAX_REDACTED_CHARS + 100, `${text.length} characters shown`);
    assert.deepEqual(
      found.map((f) => f.kind),
      ['oversize', 'password'],
    );
  });
});
