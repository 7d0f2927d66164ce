// Which files a report path stands for, and whether a file can be read without waiting. A folder
// gives its .csv and .csv.gz files, symbolic links followed (each file read once, whatever links
// lead to it), and one level down when the reports sit in subfolders. What is not a regular file is
// named rather than opened: opening a named pipe waits for a writer forever.
import type { Stats } from 'node:fs';
import { readdir, readlink, realpath, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Problem } from '../domain';

const REPORT_FILE_NAME = /\.csv(?:\.gz)?$/i;

/**
 * True for the names report files have: `.csv`, or `.csv.gz` for a gzipped one (any case). A folder
 * listing and an S3 listing (a key, or its last segment) both pick reports by it.
 */
export function isReportFileName(name: string): boolean {
  return REPORT_FILE_NAME.test(name);
}

/** A report path given that cannot be used (missing, a symbolic link loop, unreadable); the message says what to give instead. */
export class ReportPathError extends Error {}

export class PathNotFoundError extends ReportPathError {
  constructor(readonly path: string) {
    super(`no such file or folder: ${path} (give a report .csv file or a folder of them)`);
  }
}

export interface FoundReportFiles {
  /**
   * Each file once, folders expanded (sorted within a folder), in the order the paths were given.
   * Entries named like reports that cannot be read (a link loop, a named pipe) are listed too, so
   * that reading them says what they are.
   */
  files: string[];
  /** Per folder that held no report file itself: where the reports were found, or what it holds instead (line 1). */
  notes: Problem[];
}

/** A path that is there but holds no readable report file. */
export interface Unreadable {
  /** A few words for a list of files: "a named pipe (FIFO)", "a symbolic link loop". */
  what: string;
  /** What it is and what to do, for the problem on its line 1. */
  message: string;
}

/** Expands report paths as `findReportFiles` does, keeping only the files. */
export async function expandReportPaths(paths: string[]): Promise<string[]> {
  return (await findReportFiles(paths)).files;
}

/**
 * The report files that `paths` stand for. Throws a PathNotFoundError for a path that does not
 * exist, a ReportPathError for one that cannot be used as given (link loop, no permission).
 */
export async function findReportFiles(paths: string[]): Promise<FoundReportFiles> {
  const files: string[] = [];
  const notes: Problem[] = [];
  for (const path of paths) {
    if (!(await statGivenPath(path)).isDirectory()) {
      files.push(path);
      continue;
    }
    const listing = await listFolder(path);
    if (listing.reports.length > 0) {
      files.push(...listing.reports);
      continue;
    }
    const below = await reportsOneLevelDown(path, listing.subfolders);
    files.push(...below.flatMap((sub) => sub.reports));
    notes.push(folderNote(path, listing, below));
  }
  return { files: await oncePerFile(files), notes };
}

/**
 * What reading `path` will meet: its Stats when it is a regular file, else what it is instead.
 * Throws a PathNotFoundError when nothing is there at all.
 */
export async function inspectReportFile(
  path: string,
): Promise<{ stats: Stats } | { unreadable: Unreadable }> {
  let stats: Stats;
  try {
    stats = await stat(path);
  } catch (error) {
    const failure = await describePathFailure(path, error);
    if (!failure) throw new PathNotFoundError(path);
    return { unreadable: failure };
  }
  if (stats.isFile()) return { stats };
  if (stats.isDirectory()) {
    return {
      unreadable: {
        what: 'a folder',
        message:
          'a folder where a report file is expected: give the folder as a report path to read the reports in it',
      },
    };
  }
  const kind = stats.isFIFO() ? 'a named pipe (FIFO)' : stats.isSocket() ? 'a socket' : 'a device';
  return {
    unreadable: {
      what: kind,
      message: `${kind}, not a regular file: skipped without reading, since reading it could wait forever; save the report as a file`,
    },
  };
}

interface FolderListing {
  reports: string[];
  subfolders: string[];
  /** Names of the other entries, for saying what a folder holds instead. */
  others: string[];
}

async function listFolder(folder: string): Promise<FolderListing> {
  const listing: FolderListing = { reports: [], subfolders: [], others: [] };
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    throw new ReportPathError(
      `cannot list the folder ${folder}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  for (const entry of entries) {
    const path = join(folder, entry.name);
    // A symbolic link counts as what it leads to; one that leads nowhere stays a file name, so that
    // a report-named one is read and its problem says why it could not be.
    const folderLink =
      entry.isSymbolicLink() && (await stat(path).catch(() => undefined))?.isDirectory();
    if (entry.isDirectory() || folderLink) listing.subfolders.push(path);
    else if (isReportFileName(entry.name)) listing.reports.push(path);
    else listing.others.push(entry.name);
  }
  listing.reports.sort();
  listing.subfolders.sort();
  listing.others.sort();
  return listing;
}

/** The subfolders that hold report files, with them; a subfolder that is the folder itself again (a link back) is skipped. */
async function reportsOneLevelDown(
  folder: string,
  subfolders: string[],
): Promise<{ folder: string; reports: string[] }[]> {
  const self = await realpath(folder);
  const found: { folder: string; reports: string[] }[] = [];
  for (const sub of subfolders) {
    if ((await realpath(sub).catch(() => self)) === self) continue;
    const listing = await listFolder(sub).catch(() => undefined);
    if (listing && listing.reports.length > 0)
      found.push({ folder: sub, reports: listing.reports });
  }
  return found;
}

/** For a folder without report files of its own: where they were found instead, or what it holds. */
function folderNote(
  folder: string,
  listing: FolderListing,
  below: { folder: string; reports: string[] }[],
): Problem {
  if (below.length > 0) {
    const count = below.reduce((n, sub) => n + sub.reports.length, 0);
    const where = below.map((sub) => `${basename(sub.folder)}/`).join(', ');
    return {
      file: folder,
      line: 1,
      severity: 'info',
      message: `no report files (.csv, .csv.gz) in this folder itself: read the ${count} in its subfolder${below.length === 1 ? '' : 's'} ${where} (one level down)`,
    };
  }
  const entries = [...listing.subfolders.map((sub) => `${basename(sub)}/`), ...listing.others];
  const holds =
    entries.length === 0
      ? 'it is empty'
      : `it holds ${entries.slice(0, 5).join(', ')}${entries.length > 5 ? ` and ${entries.length - 5} more` : ''}`;
  const subfolders = listing.subfolders.length > 0 ? ' or its subfolders' : '';
  return {
    file: folder,
    line: 1,
    severity: 'warning',
    message: `no report files (.csv, .csv.gz) in this folder${subfolders}: ${holds}`,
  };
}

/** A path given as a report path, stat'ed through links; what cannot be used becomes an error with words. */
async function statGivenPath(path: string): Promise<Stats> {
  try {
    return await stat(path);
  } catch (error) {
    const failure = await describePathFailure(path, error);
    throw failure
      ? new ReportPathError(`${path}: ${failure.message}`)
      : new PathNotFoundError(path);
  }
}

/** Why stat failed, in words; undefined when nothing at all is at `path` (not even a link). */
async function describePathFailure(path: string, error: unknown): Promise<Unreadable | undefined> {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') {
    return {
      what: 'a symbolic link loop',
      message:
        'a symbolic link loop (following it leads back to it): point the link at a report file',
    };
  }
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    const target = await readlink(path).catch(() => undefined);
    if (target === undefined) return undefined;
    return {
      what: 'a link to a missing file',
      message: `a symbolic link to ${target}, which does not exist: point the link at a report file, or remove it`,
    };
  }
  const reason =
    code === 'EACCES' || code === 'EPERM'
      ? 'permission denied'
      : (code ?? (error as Error).message);
  return { what: `unreadable (${reason})`, message: `cannot be read: ${reason}` };
}

/** Drops the files already listed under another name (a link to a file also listed, a folder given twice). */
async function oncePerFile(files: string[]): Promise<string[]> {
  const seen = new Set<string>();
  const once: string[] = [];
  for (const file of files) {
    const real = await realpath(file).catch(() => file);
    if (seen.has(real)) continue;
    seen.add(real);
    once.push(file);
  }
  return once;
}
