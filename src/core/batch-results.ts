// The results file of a batch (one confirmation JSON per line) as the state of a resumable run:
// what is already answered for good, and what must be asked again; and the lock that lets only one
// run at a time use it, so that two runs on one file do not both send every instance.
import { mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { isFinalResult, type ConfirmationResult } from './confirmation';
import { readTextIfExists } from './files';
import { readJsonLines } from './jsonl';

export function resultKey(r: { instanceId: string; productCode: string }): string {
  return `${r.instanceId}\t${r.productCode}`;
}

export interface PriorResults {
  /** Final answers by resultKey: these are not sent again. */
  final: Map<string, ConfirmationResult>;
  /** Lines dropped from the file: retryable errors, repeats, a torn line. */
  dropped: number;
}

/**
 * Reads the results of earlier runs and rewrites the file to hold only final answers, once each,
 * so that a re-run appends retried instances without leaving a duplicate. The rewrite goes through
 * a temporary file and a rename, so a crash keeps either the old file or the new one.
 */
export async function resumeResults(path: string): Promise<PriorResults> {
  const text = await readTextIfExists(path);
  if (text === undefined) return { final: new Map(), dropped: 0 };
  const lines = text.split('\n').filter((l) => l.trim() !== '').length;
  const final = new Map<string, ConfirmationResult>();
  for (const r of readJsonLines(text, isResult)) if (isFinalResult(r) && !final.has(resultKey(r))) final.set(resultKey(r), r);
  const dropped = lines - final.size;
  if (dropped > 0 || (text !== '' && !text.endsWith('\n'))) {
    const temp = `${path}.${process.pid}.tmp`;
    await writeFile(temp, [...final.values()].map((r) => `${JSON.stringify(r)}\n`).join(''), { mode: 0o600 });
    await rename(temp, path);
  }
  return { final, dropped };
}

function isResult(value: unknown): value is ConfirmationResult {
  const v = value as ConfirmationResult;
  return typeof v === 'object' && v !== null && typeof v.instanceId === 'string' && typeof v.productCode === 'string' && typeof v.verdict === 'string';
}

/** Who holds a results file, as written in its lock file `<results>.lock`. */
export interface LockHolder {
  pid: number;
  host: string;
  /** ISO time the holding run took the lock. */
  startedAt: string;
}

/** A results file taken by this process; `tookOver` is the dead run whose lock it replaced, if any. */
export interface ResultsLock {
  lockPath: string;
  tookOver: LockHolder | null;
  /** Removes the lock if it is still this process's. */
  release(): Promise<void>;
}

/** Another run holds the results file; the message names it and says what to do. */
export class ResultsFileInUse extends Error {
  constructor(
    readonly resultsPath: string,
    readonly lockPath: string,
    readonly holder: LockHolder | null,
  ) {
    super(
      `${resultsPath} is in use by ${holder ? describeHolder(holder) : 'another run (its lock file does not say which)'}: ` +
        `wait for it to finish or add --wait; if it is no longer running, delete ${lockPath}`,
    );
  }
}

const POLL_MS = 500;
/** A takeover that has not finished in this long was interrupted; its guard file may be removed. */
const TAKEOVER_GUARD_MS = 10_000;

/**
 * Takes `<resultsPath>.lock`, created exclusively and holding this process's pid, host and start time.
 * A lock whose process is gone (same host, pid no longer running) is taken over and returned as
 * `tookOver`. A live holder makes this throw ResultsFileInUse, or with `wait` makes it wait (telling
 * `onWait` once) until the holder is gone.
 */
export async function lockResults(resultsPath: string, options: { wait?: boolean; onWait?: (holder: LockHolder | null) => void } = {}): Promise<ResultsLock> {
  const lockPath = `${resultsPath}.lock`;
  const me: LockHolder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  await mkdir(dirname(lockPath), { recursive: true });
  let tookOver: LockHolder | null = null;
  let waiting = false;
  for (;;) {
    if (await createExclusive(lockPath, me)) return { lockPath, tookOver, release: () => releaseLock(lockPath, me) };
    const holder = await readHolder(lockPath);
    if (holder === undefined) continue; // released in between: try again
    if (holder && isGone(holder)) {
      if (await removeStale(lockPath, holder, me)) tookOver = holder;
      continue;
    }
    if (!options.wait) throw new ResultsFileInUse(resultsPath, lockPath, holder);
    if (!waiting) options.onWait?.(holder);
    waiting = true;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** "pid 123 on host h (started T)", for messages. */
export function describeHolder(holder: LockHolder): string {
  return `pid ${holder.pid} on host ${holder.host} (started ${holder.startedAt})`;
}

/** True when it was created; false when it exists already. */
async function createExclusive(path: string, holder: LockHolder): Promise<boolean> {
  try {
    await writeFile(path, `${JSON.stringify(holder)}\n`, { flag: 'wx', mode: 0o600 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** The holder, null when the file does not say (being written, or damaged), undefined when there is no lock. */
async function readHolder(lockPath: string): Promise<LockHolder | null | undefined> {
  const text = await readTextIfExists(lockPath);
  if (text === undefined) return undefined;
  try {
    const v = JSON.parse(text) as LockHolder;
    return Number.isInteger(v.pid) && typeof v.host === 'string' && typeof v.startedAt === 'string' ? v : null;
  } catch {
    return null;
  }
}

/** A holder on this host whose process no longer runs. One on another host cannot be checked, so it counts as alive. */
function isGone(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Deletes a dead run's lock, true when this process did. Two runs that find the same dead lock take
 * turns through a guard file, and each deletes the lock only if it still names the dead run: neither
 * can delete the lock the other has just created.
 */
async function removeStale(lockPath: string, stale: LockHolder, me: LockHolder): Promise<boolean> {
  const guard = `${lockPath}.takeover`;
  if (!(await createExclusive(guard, me))) {
    const age = await stat(guard).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if (age > TAKEOVER_GUARD_MS) await unlink(guard).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    return false;
  }
  try {
    const current = await readHolder(lockPath);
    if (!current || !sameHolder(current, stale)) return false;
    await unlink(lockPath);
    return true;
  } finally {
    await unlink(guard).catch(() => undefined);
  }
}

async function releaseLock(lockPath: string, me: LockHolder): Promise<void> {
  const current = await readHolder(lockPath);
  if (current && sameHolder(current, me)) await unlink(lockPath).catch(() => undefined);
}

function sameHolder(a: LockHolder, b: LockHolder): boolean {
  return a.pid === b.pid && a.host === b.host && a.startedAt === b.startedAt;
}
