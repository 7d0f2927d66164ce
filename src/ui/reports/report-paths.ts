// Where the configured report paths point: folders, single files or globs, resolved the way the
// settings describe them, and s3:// URLs (read by s3-report-sync.ts). Pure Node (no 'vscode'), so the
// rules are unit-tested without VS Code.
import { stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import picomatch from 'picomatch';
// require(), so esbuild bundles the CommonJS build (the ESM one reads import.meta, empty in a CJS bundle).
import tinyglobby = require('tinyglobby');
import { isS3Url } from '../../aws/s3-url';
import { expandReportPaths } from '../../core/reports';

export interface ReportLocation {
  /** The setting's entry as written, for messages. */
  entry: string;
  /** Folder to watch (and to glob from). */
  base: string;
  /** Files under `base` that count as reports, as a glob relative to it. */
  pattern: string;
  kind: 'folder' | 'file' | 'glob';
}

export interface PathContext {
  workspaceFolder?: string;
  home: string;
}

/**
 * What Retry Reports from S3 says when `entries` (supportDesk.reports.paths) name no s3:// location:
 * there is nothing to retry, and what to add; undefined when one is there.
 */
export function s3RetryProblem(entries: readonly string[]): string | undefined {
  if (entries.some((e) => isS3Url(e.trim()))) return undefined;
  return (
    'Retry Reports from S3: supportDesk.reports.paths names no S3 location, so there is nothing to retry. ' +
    'Add one such as s3://my-bucket/marketplace-reports/ (the bucket and prefix where AWS Marketplace delivers your reports), then retry.'
  );
}

/**
 * Resolves `~`, `${workspaceFolder}` and relative entries; entries that cannot be resolved come back
 * as problems. `s3://` entries come back as they are, in `s3`.
 */
export function resolveReportSources(
  entries: readonly string[],
  ctx: PathContext,
): { sources: ReportLocation[]; unresolved: string[]; s3: string[] } {
  const sources: ReportLocation[] = [];
  const unresolved: string[] = [];
  const s3: string[] = [];
  for (const raw of entries) {
    const entry = raw.trim();
    if (entry === '') continue;
    if (isS3Url(entry)) {
      s3.push(entry);
      continue;
    }
    let path = entry.replace(/^~(?=$|[\\/])/, ctx.home);
    if (path.includes('${workspaceFolder}')) {
      if (!ctx.workspaceFolder) {
        unresolved.push(`"${entry}" names \${workspaceFolder}, but no folder is open`);
        continue;
      }
      path = path.split('${workspaceFolder}').join(ctx.workspaceFolder);
    }
    if (!isAbsolute(path)) {
      if (!ctx.workspaceFolder) {
        unresolved.push(`"${entry}" is relative, but no folder is open: use an absolute path`);
        continue;
      }
      path = join(ctx.workspaceFolder, path);
    }
    const scan = picomatch.scan(path.replace(/\\/g, '/'));
    if (scan.isGlob) {
      sources.push({ entry, base: resolve(scan.base || '/'), pattern: scan.glob, kind: 'glob' });
    } else {
      // Folder or file is only known once it exists; folder is the common case.
      // What a folder stands for (see core findReportFiles): its reports, gzipped ones and one level of subfolders.
      sources.push({
        entry,
        base: resolve(path),
        pattern: '{*,*/*}.{csv,CSV,csv.gz}',
        kind: 'folder',
      });
    }
  }
  return { sources, unresolved, s3 };
}

export interface ExpandedSources {
  files: string[];
  /** Sources as found on disk (a configured file becomes kind 'file', watched by name). */
  sources: ReportLocation[];
  /** Entries that point nowhere, in words that say what to do. */
  missing: string[];
}

/** The report files the sources hold now, de-duplicated and sorted. */
export async function expandReportSources(
  sources: readonly ReportLocation[],
): Promise<ExpandedSources> {
  const files = new Set<string>();
  const found: ReportLocation[] = [];
  const missing: string[] = [];
  for (const source of sources) {
    if (source.kind === 'glob') {
      const matches = await tinyglobby.glob(source.pattern, {
        cwd: source.base,
        absolute: true,
        onlyFiles: true,
      });
      if (matches.length === 0)
        missing.push(`"${source.entry}" matches no file yet (watching ${source.base})`);
      for (const m of matches) files.add(resolve(m));
      found.push(source);
      continue;
    }
    const info = await stat(source.base).catch(() => undefined);
    if (!info) {
      missing.push(
        `"${source.entry}" does not exist: fix supportDesk.reports.paths or run Load Reports...`,
      );
      continue;
    }
    const located: ReportLocation = info.isDirectory()
      ? source
      : { ...source, base: dirname(source.base), pattern: basename(source.base), kind: 'file' };
    for (const file of await expandReportPaths([source.base])) files.add(resolve(file));
    found.push(located);
  }
  return { files: [...files].sort(), sources: found, missing };
}
