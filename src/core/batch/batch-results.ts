// The results file of a batch (one confirmation JSON per line) as the state of a resumable run:
// what is already answered for good, and what must be asked again; and the lock that lets only one
// run at a time use it, so that two runs on one file do not both send every instance.
import { mkdir, open, readlink, realpath, rename, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { CONFIRMATION_KEYS, isFinalResult, type ConfirmationResult } from '../confirmations';
import { FileWriteError, readTextIfExists, writeFailureReason } from '../files';
import {
  isNullableString,
  isString,
  isTime,
  shapeProblem,
  withKeys,
  type KeyRule,
} from '../json-shape';
import { readJsonLinesFile } from '../csv';
import { NamedFileError } from '../files';

export function resultKey(r: { instanceId: string; productCode: string }): string {
  return `${r.instanceId}\t${r.productCode}`;
}

export interface PriorResults {
  /** The keys (resultKey) of the final answers: these are not sent again. */
  final: Set<string>;
  /** Lines dropped from the file: retryable errors, repeats, a torn line, lines this product could not have written. */
  dropped: number;
  /** The first lines (up to 20) that are not results this product writes (a hand edit, a torn line), with why. */
  foreign: { line: number; problem: string }[];
}

/** Foreign lines named one by one; the rest are only counted in `dropped`. */
const FOREIGN_NAMED = 20;
/** The rewrite goes out in pieces of about this size. */
const REWRITE_PIECE_BYTES = 1 << 20;

/** A results file could not be written (full disk, read-only, permission); `reason` says why in words ("the disk is full"). */
export class ResultsWriteError extends FileWriteError {
  override name = 'ResultsWriteError';
}

/** As a ResultsWriteError of `path`, a system error met while writing it. */
export function resultsWriteError(path: string, error: unknown): ResultsWriteError {
  return error instanceof ResultsWriteError
    ? error
    : new ResultsWriteError(path, writeFailureReason(error as NodeJS.ErrnoException), {
        cause: error,
      });
}

/**
 * Reads the results of earlier runs, line by line (a file of any size), and rewrites the file to hold
 * only final answers this product could have written, once each, so that a re-run appends retried
 * instances without leaving a duplicate and never trusts a hand-edited line. The rewrite goes through a
 * temporary file and a rename, so a crash keeps either the old file or the new one. `path` should be the
 * real file (see realResultsPath): a rename onto a symbolic link would replace the link. Rejects with
 * a NamedFileError when the file cannot be read, and a ResultsWriteError when the rewrite cannot be
 * written (the file is then as it was).
 */
export async function resumeResults(path: string): Promise<PriorResults> {
  const prior: PriorResults = { final: new Set(), dropped: 0, foreign: [] };
  const temp = `${path}.${process.pid}.tmp`;
  const rewrite = await open(temp, 'w', 0o600).catch((error: unknown) => {
    throw resultsWriteError(path, error);
  });
  let piece = '';
  const flush = async () => {
    await rewrite.write(piece).catch((error: unknown) => {
      throw resultsWriteError(path, error);
    });
    piece = '';
  };
  try {
    try {
      for await (const read of readJsonLinesFile(path)) {
        const problem = read.problem ?? resultProblem(read.value);
        if (problem !== undefined) {
          if (prior.foreign.length < FOREIGN_NAMED)
            prior.foreign.push({ line: read.line, problem });
          prior.dropped++;
          continue;
        }
        const r = read.value as ConfirmationResult;
        if (!isFinalResult(r) || prior.final.has(resultKey(r))) {
          prior.dropped++;
          continue;
        }
        prior.final.add(resultKey(r));
        piece += `${JSON.stringify(r)}\n`;
        if (piece.length >= REWRITE_PIECE_BYTES) await flush();
      }
    } catch (error) {
      if (!(error instanceof NamedFileError && error.code === 'ENOENT')) throw error;
    }
    await flush();
    await rewrite.close();
    if (prior.dropped > 0)
      await rename(temp, path).catch((error: unknown) =>
        Promise.reject(resultsWriteError(path, error)),
      );
  } finally {
    await rewrite.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
  }
  return prior;
}

/**
 * Why `value` is not a result line this product could have written (ConfirmationResult), in words, or
 * undefined when it is one: every key of its type, a time, an error exactly on an 'error' verdict,
 * AWS's request id on every verdict (only EC2's answer gives one), the owner's 12 digits on 'confirmed'
 * and 'owner-mismatch'. `regionSource` may be absent (lines written before it was recorded).
 */
export function resultProblem(value: unknown): string | undefined {
  const problem = shapeProblem(value, RESULT_KEYS, 'a result');
  if (problem !== undefined) return problem;
  const r = value as ConfirmationResult;
  if (r.verdict === 'error')
    return r.error === null ? '"error" must say what went wrong on an error verdict' : undefined;
  if (r.error !== null) return '"error" must be null unless the verdict is error';
  if (r.requestId === null || r.requestId === '')
    return `"requestId" must be AWS's request id: a ${r.verdict} verdict comes only with EC2's answer`;
  if (
    (r.verdict === 'confirmed' || r.verdict === 'owner-mismatch') &&
    !/^\d{12}$/.test(r.ownerId ?? '')
  )
    return `"ownerId" must be the owner's 12-digit account on a ${r.verdict} verdict`;
  return undefined;
}

const RESULT_KEYS: KeyRule[] = [
  ...CONFIRMATION_KEYS,
  ['region', true, isNullableString, 'text or null'],
  ['regionSource', false, isNullableString, 'text or null'],
  ['claimedAccount', true, isNullableString, 'text or null'],
  ['ownerId', true, isNullableString, 'text or null'],
  [
    'error',
    true,
    (v) => v === null || withKeys({ kind: isString, code: isString, message: isString })(v),
    'null or {kind, code, message}',
  ],
  ['requestId', true, isNullableString, 'text or null'],
  ['checkedAt', true, isTime, 'an ISO 8601 time'],
  ['profile', true, isNullableString, 'text or null'],
];

/**
 * The file a results path stands for: symbolic links followed, the last one too even when its target
 * is not written yet, and the folders' links resolved, so that two spellings of one file (a link, a
 * relative path, a linked folder) lock and rewrite the same file. Rejects with ELOOP after 40 links.
 */
export async function realResultsPath(path: string): Promise<string> {
  let current = resolve(path);
  for (let links = 0; links <= 40; links++) {
    // The folder resolved first: a link's relative target is read from the folder it is really in.
    const folder = await realpath(dirname(current)).catch(() => dirname(current));
    current = join(folder, basename(current));
    const target = await readlink(current).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EINVAL' || error.code === 'ENOENT' || error.code === 'ENOTDIR')
        return undefined;
      throw error;
    });
    if (target === undefined) return current;
    current = resolve(folder, target);
  }
  throw Object.assign(
    new Error(`${path}: too many symbolic links (a link that points to itself?)`),
    { code: 'ELOOP' },
  );
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
  /** The real file the lock is for (realResultsPath): read, rewrite and append to this one. */
  resultsPath: string;
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
 * Takes `<real results file>.lock` (see realResultsPath: a link to the file, or another spelling of
 * it, takes the same lock), created exclusively and holding this process's pid, host and start time.
 * A lock whose process is gone (same host, pid no longer running) is taken over and returned as
 * `tookOver`. A live holder makes this throw ResultsFileInUse, or with `wait` makes it wait (telling
 * `onWait` once) until the holder is gone.
 */
export async function lockResults(
  resultsPath: string,
  options: { wait?: boolean; onWait?: (holder: LockHolder | null) => void } = {},
): Promise<ResultsLock> {
  await mkdir(dirname(resolve(resultsPath)), { recursive: true }).catch((error: unknown) =>
    Promise.reject(resultsWriteError(resultsPath, error)),
  );
  const real = await realResultsPath(resultsPath);
  const lockPath = `${real}.lock`;
  const me: LockHolder = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
  };
  let tookOver: LockHolder | null = null;
  let waiting = false;
  for (;;) {
    if (await createExclusive(lockPath, me))
      return { resultsPath: real, lockPath, tookOver, release: () => releaseLock(lockPath, me) };
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

/**
 * True when it was created; false when it exists already. A lock that cannot be written whole (a full
 * disk) is removed again, never left empty for the next run to wait on, and rejects with a ResultsWriteError.
 */
async function createExclusive(path: string, holder: LockHolder): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw resultsWriteError(path, error);
  }
  try {
    await handle.writeFile(`${JSON.stringify(holder)}\n`);
    return true;
  } catch (error) {
    await unlink(path).catch(() => undefined);
    throw resultsWriteError(path, error);
  } finally {
    await handle.close();
  }
}

/** The holder, null when the file does not say (being written, or damaged), undefined when there is no lock. */
async function readHolder(lockPath: string): Promise<LockHolder | null | undefined> {
  const text = await readTextIfExists(lockPath);
  if (text === undefined) return undefined;
  try {
    const v = JSON.parse(text) as LockHolder;
    return Number.isInteger(v.pid) && typeof v.host === 'string' && typeof v.startedAt === 'string'
      ? v
      : null;
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
