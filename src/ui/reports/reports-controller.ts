// Loads the configured reports in the background, watches them, and publishes each new snapshot.
// Bad rows go to the Problems view; a fixed file clears its entries on the next load. Reports in S3
// come through the cache (s3-report-sync.ts): re-listed on a full refresh, a Retry or every
// supportDesk.reports.s3RefreshMinutes, never in Restricted Mode.
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { isTrusted, NO_AWS_CALL, onDidGrantTrust } from '../restricted-mode';
import type { AwsSettings } from '../../aws';
import { loadS3Layer } from '../../aws/lazy';
import { isS3Url } from '../../aws/s3-url';
import { problemDiagnostic } from '../diagnostics';
import { readFeedRoots, type LoadedFeeds } from '../feeds/feed-roots';
import { Disposable, disposeAll } from '../dispose';
import { affects, judgingDay, readSettings } from '../settings';
import {
  expandReportSources,
  resolveReportSources,
  s3RetryProblem,
  type ReportLocation,
} from './report-paths';
import { describeLoad, ReportSet, type ReportSnapshot } from './report-set';
import { S3ReportCache } from './s3-report-cache';
import { syncS3Reports, type S3SyncResult, type ServedFromCache } from './s3-report-sync';

export type ReportsState = 'empty' | 'loading' | 'loaded';

export interface ReportsLoaded {
  snapshot: ReportSnapshot;
  /** Configured entries that point nowhere, in words that say what to do. */
  missing: string[];
  /** Set when the bundled sample reports are shown instead of the configured ones. */
  samples: boolean;
  /** The S3 report paths served from the cache because S3 could not be used, with when they were fetched. */
  cached: ServedFromCache[];
  /** The Seller Delivery Data Feeds roots among the report folders, read apart from the reports (undefined when none). */
  feeds?: LoadedFeeds;
}

/** Who reads S3: the engineer's profile and region, and where a credentials failure is shown (the status bar, with its retry). */
export interface S3Access {
  settings(): AwsSettings;
  noteCredentialsProblem(problem: string): void;
}

const DEBOUNCE_MS = 300;
/** The context key that shows Retry in the Subscriptions view's title while S3 could not be used. */
const S3_CACHED_CONTEXT = 'supportDesk.reports.s3Cached';
const OPEN_PATHS_SETTING = 'Open Setting';

export class ReportsController extends Disposable {
  private readonly reportSet = new ReportSet();
  private readonly diagnostics = this._register(
    vscode.languages.createDiagnosticCollection('supportDesk.reports'),
  );
  private readonly changed = this._register(new vscode.EventEmitter<ReportsLoaded | undefined>());
  private watchers: vscode.Disposable[] = [];
  private watchedKey = '';
  private debounce?: NodeJS.Timeout;
  private pendingChanges = new Set<string>();
  private running?: AbortController;
  private queue: Promise<void> = Promise.resolve();
  /** Files to re-parse on the next load; kept until a load finishes, so an aborted one loses nothing. */
  private stale: Set<string> | 'all' = 'all';
  private samplesFolder?: string;
  private stateValue: ReportsState = 'empty';
  private readonly s3Cache: S3ReportCache;
  /** The last S3 sync, reused until a full refresh, a Retry or the refresh interval asks S3 again. */
  private s3Result?: { urls: string; result: S3SyncResult };
  private s3Due = true;
  private s3Timer?: NodeJS.Timeout;
  private s3TimerMinutes = 0;
  current?: ReportsLoaded;

  /** Fires after every load; undefined when nothing is configured. */
  readonly onDidChange = this.changed.event;

  /** `storage`: the extension's global storage folder, where copies of S3 reports are kept. */
  constructor(
    private readonly log: vscode.LogOutputChannel,
    storage: string,
    private readonly s3Access: S3Access,
  ) {
    super();
    this.s3Cache = new S3ReportCache(storage);
    for (const owned of [
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affects(e, 'reports.s3RefreshMinutes')) this.scheduleS3Refresh();
        if (affects(e, 'reports.paths')) {
          this.samplesFolder = undefined;
          void this.reload();
        } else if (affects(e, 'eligibility.asOf')) {
          // A report dated after the day judged on is a problem on its line: the files are read again for the new day.
          void this.reload();
        }
      }),
      onDidGrantTrust(() => void this.reload()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.reload()),
    ])
      this._register(owned);
    this.setState('empty');
  }

  get state(): ReportsState {
    return this.stateValue;
  }

  /** Shows the bundled sample reports for this session (settings stay untouched). */
  showSamples(folder: string): Promise<void> {
    this.samplesFolder = folder;
    return this.reload();
  }

  /** Re-reads every report (a full refresh, S3 listed again); `changedFiles` limits parsing to those files. */
  reload(changedFiles: ReadonlySet<string> | 'all' = 'all'): Promise<void> {
    if (changedFiles === 'all') this.s3Due = true;
    this.stale =
      changedFiles === 'all' || this.stale === 'all'
        ? 'all'
        : new Set([...this.stale, ...changedFiles]);
    this.running?.abort();
    const controller = new AbortController();
    this.running = controller;
    // One load at a time: a newer request aborts the older one and runs after it stops.
    this.queue = this.queue
      .then(() => this.load(controller.signal))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) this.log.error(`loading reports failed: ${String(error)}`);
      });
    return this.queue;
  }

  /**
   * Asks S3 again (Retry, the refresh interval): only objects whose ETag changed are downloaded and
   * read. With no s3:// path configured it says what to set, and opens the setting on request.
   */
  retryS3(): Promise<void> {
    const problem = s3RetryProblem(this.samplesFolder ? [] : readSettings().reportPaths);
    if (problem) {
      void vscode.window
        .showWarningMessage(problem, OPEN_PATHS_SETTING)
        .then(
          (choice) =>
            choice &&
            vscode.commands.executeCommand(
              'workbench.action.openSettings',
              'supportDesk.reports.paths',
            ),
        );
      return Promise.resolve();
    }
    this.s3Due = true;
    return this.reload(new Set());
  }

  /**
   * The file that shows the loaded report `name` at its lines: the file itself, or an S3 object's
   * cached copy; undefined for a name that is not among the loaded reports (nothing else may be opened).
   */
  localCopyOf(name: string): string | undefined {
    if (!this.current?.snapshot.files.some((f) => f.path === name)) return undefined;
    return isS3Url(name) ? this.s3Cache.copyOf(name) : name;
  }

  /** Resolves when no load is queued or running (tests and commands wait on it). */
  async whenIdle(): Promise<void> {
    let seen: Promise<void>;
    do {
      seen = this.queue;
      await seen;
    } while (seen !== this.queue);
  }

  private async load(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    const stale = this.stale;
    const entries = this.samplesFolder ? [this.samplesFolder] : readSettings().reportPaths;
    const workspaceFolder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const { sources, unresolved, s3 } = resolveReportSources(entries, {
      workspaceFolder,
      home: homedir(),
    });
    if (sources.length === 0 && unresolved.length === 0 && s3.length === 0) {
      this.reportSet.clear();
      this.diagnostics.clear();
      this.watch([]);
      this.current = undefined;
      this.setState('empty');
      this.changed.fire(undefined);
      return;
    }
    this.setState(this.current ? 'loaded' : 'loading');
    const started = performance.now();
    const { reports, feeds } = await readFeedRoots(sources, signal);
    const expanded = await expandReportSources(reports);
    this.watch(expanded.sources);
    const fromS3 = s3.length > 0 ? await this.syncS3(s3, signal) : undefined;
    const changed = stale === 'all' ? 'all' : new Set([...stale, ...(fromS3?.fetched ?? [])]);
    const snapshot = await vscode.window.withProgress(
      { location: { viewId: 'supportDesk.subscriptions' } },
      () =>
        vscode.window.withProgress(
          { location: vscode.ProgressLocation.Window, title: 'Support Desk' },
          (progress) =>
            this.reportSet.sync([...expanded.files, ...(fromS3?.sources ?? [])], changed, {
              signal,
              notes: fromS3?.notes,
              asOf: judgingDay().day,
              onFile: (file, index, total) =>
                progress.report({ message: `reading report ${index + 1}/${total}: ${file.path}` }),
            }),
        ),
    );
    if (this.stale === stale) this.stale = new Set();
    const missing = [
      ...unresolved,
      ...expanded.missing,
      ...(fromS3?.failures.map((f) => `${f.url}: ${f.message}`) ?? []),
    ];
    for (const m of missing) this.log.warn(`report path ${m}`);
    this.log.info(describeLoad(snapshot, performance.now() - started));
    this.showProblems(snapshot);
    if (feeds)
      this.log.info(
        `read ${feeds.set.files.length} feed files of ${feeds.roots.length} feed root(s); ${feeds.set.problems.length} problem(s)`,
      );
    this.current = {
      snapshot,
      missing,
      samples: this.samplesFolder !== undefined,
      cached: fromS3?.cached ?? [],
      feeds,
    };
    void vscode.commands.executeCommand(
      'setContext',
      S3_CACHED_CONTEXT,
      (fromS3?.cached.length ?? 0) + (fromS3?.failures.length ?? 0) > 0,
    );
    this.scheduleS3Refresh(s3.length > 0);
    this.setState('loaded');
    this.changed.fire(this.current);
  }

  /**
   * The S3 paths' objects, from the cache, after listing them again when due. S3 is not asked in
   * Restricted Mode (the SDK is not even loaded); a credentials failure also turns the status bar red.
   */
  private async syncS3(urls: string[], signal: AbortSignal): Promise<S3SyncResult> {
    const key = urls.join('\n');
    if (!this.s3Due && this.s3Result?.urls === key)
      return { ...this.s3Result.result, fetched: new Set() };
    const s3 = isTrusted()
      ? new (await loadS3Layer()).S3Reports(this.s3Access.settings())
      : undefined;
    let result: S3SyncResult;
    try {
      result = await syncS3Reports(urls, this.s3Cache, s3, NO_AWS_CALL, signal);
    } finally {
      s3?.destroy();
    }
    this.s3Due = false;
    this.s3Result = { urls: key, result };
    for (const c of result.cached)
      this.log.warn(
        `${c.url}: served from the copies fetched ${c.fetchedAt.toISOString()}: ${c.reason}`,
      );
    for (const f of result.failures) this.log.error(`${f.url}: ${f.message}`);
    if (result.fetched.size > 0)
      this.log.info(`downloaded ${result.fetched.size} changed report object(s) from S3`);
    const credentials = [
      ...result.cached.map((c) => ({ kind: c.kind, message: c.reason })),
      ...result.failures,
    ].find((f) => f.kind === 'credentials');
    if (credentials) this.s3Access.noteCredentialsProblem(credentials.message);
    return result;
  }

  /** Re-lists S3 every supportDesk.reports.s3RefreshMinutes (0: on demand only) while S3 paths are configured. */
  private scheduleS3Refresh(hasS3 = this.s3Result !== undefined): void {
    const minutes = readSettings().s3RefreshMinutes;
    const wanted = hasS3 && minutes > 0 ? minutes : 0;
    if (wanted === this.s3TimerMinutes) return;
    clearInterval(this.s3Timer);
    this.s3TimerMinutes = wanted;
    this.s3Timer = wanted > 0 ? setInterval(() => void this.retryS3(), wanted * 60_000) : undefined;
  }

  private showProblems(snapshot: ReportSnapshot): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const p of snapshot.problems) {
      const diagnostic = problemDiagnostic(p);
      const list = byFile.get(p.file);
      if (list) list.push(diagnostic);
      else byFile.set(p.file, [diagnostic]);
    }
    // Replacing the whole collection is what clears the entries of a file that was fixed.
    this.diagnostics.clear();
    this.diagnostics.set([...byFile].map(([file, list]) => [this.problemUri(file), list]));
  }

  /** Where a problem shows: the file, or an S3 object's cached copy (its s3:// name when none is cached). */
  private problemUri(file: string): vscode.Uri {
    if (!isS3Url(file)) return vscode.Uri.file(file);
    const copy = this.s3Cache.copyOf(file);
    return copy ? vscode.Uri.file(copy) : vscode.Uri.parse(file);
  }

  /** (Re)creates the file watchers when the watched sources changed. */
  private watch(sources: ReportLocation[]): void {
    const key = sources.map((s) => `${s.base}|${s.pattern}`).join('\n');
    if (key === this.watchedKey) return;
    this.watchedKey = key;
    disposeAll(this.watchers);
    this.watchers = sources.map((source) => {
      const watcher = vscode.workspace.createFileSystemWatcher(
        new vscode.RelativePattern(vscode.Uri.file(source.base), source.pattern),
      );
      const note = (uri: vscode.Uri) => this.noteChange(uri.fsPath);
      watcher.onDidCreate(note);
      watcher.onDidChange(note);
      watcher.onDidDelete(note);
      return watcher;
    });
  }

  /** Waits for a quiet moment, so a report being written is read once, whole. */
  private noteChange(file: string): void {
    this.pendingChanges.add(file);
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      const changed = this.pendingChanges;
      this.pendingChanges = new Set();
      this.log.info(`report file(s) changed: ${[...changed].join(', ')}`);
      void this.reload(changed);
    }, DEBOUNCE_MS);
  }

  private setState(state: ReportsState): void {
    this.stateValue = state;
    void vscode.commands.executeCommand('setContext', 'supportDesk.reports.state', state);
  }

  override dispose(): void {
    this.running?.abort();
    clearTimeout(this.debounce);
    clearInterval(this.s3Timer);
    disposeAll(this.watchers);
    super.dispose();
  }
}
