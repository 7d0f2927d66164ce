// Whole-process runs for the benchmarks that time what an engineer waits for: a child Node process,
// its wall time, CPU time and peak RSS (read by a preload that prints them at exit).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Preloaded into every process: its peak RSS (KiB) and CPU time (µs, all threads) on stderr's last line at exit. */
const USAGE_PRELOAD = `process.on('exit', () => {
  const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage();
  process.stderr.write('\\nusage ' + maxRSS + ' ' + (userCPUTime + systemCPUTime) + '\\n');
});`;

/** `ms` wall time from spawn to exit, `cpuMs` the process's CPU time (less sensitive to a loaded machine), `rssMb` its peak RSS. */
export interface Run {
  ms: number;
  cpuMs: number;
  rssMb: number;
  out: string;
}

/** Writes the preload into `dir` and returns its path, for `run`. */
export function writeUsagePreload(dir: string): string {
  const preload = join(dir, 'usage.js');
  writeFileSync(preload, USAGE_PRELOAD);
  return preload;
}

/** Runs `node --require PRELOAD ...args` to its end; throws with its stderr when it fails. */
export function run(args: string[], preload: string): Run {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['--require', preload, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const usage = /usage (\d+) (\d+)\s*$/.exec(child.stderr);
  if (child.status !== 0 || !usage)
    throw new Error(`${args.join(' ')} failed (exit ${child.status}): ${child.stderr}`);
  return { ms, cpuMs: Number(usage[2]) / 1000, rssMb: Number(usage[1]) / 1024, out: child.stdout };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * The "TARGET MISSED" lines of a whole-process benchmark: `what` (e.g. "the CLI") against `reference`'s
 * time as a ratio (target at most `targetRatio`), and its peak RSS in MB (target at most `targetRssMb`).
 * Empty when both targets are met.
 */
export function missedTargets(
  what: string,
  reference: string,
  {
    ratio,
    targetRatio,
    rss,
    targetRssMb,
  }: { ratio: number; targetRatio: number; rss: number; targetRssMb: number },
): string[] {
  return [
    ratio > targetRatio &&
      `TARGET MISSED: ${what} takes ${ratio.toFixed(2)}x ${reference}'s time, target <= ${targetRatio}x`,
    rss > targetRssMb &&
      `TARGET MISSED: ${what}'s peak RSS ${rss.toFixed(0)} MB, target <= ${targetRssMb} MB`,
  ].filter((line): line is string => typeof line === 'string');
}
