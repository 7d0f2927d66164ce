// Loads the configured reports in the background, watches them, and publishes each new snapshot.
// Bad rows go to the Problems view; a fixed file clears its entries on the next load.
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { problemDiagnostic } from '../diagnostics';
import { affects, judgingDay, readSettings } from '../settings';
import { expandReportSources, resolveReportSources, type ReportSource } from './report-paths';
import { ReportSet, type ReportSnapshot } from './report-set';

export type ReportsState = 'empty' | 'loading' | 'loaded';

export interface ReportsLoaded {
  snapshot: ReportSnapshot;
  /** Configured entries that point nowhere, in words that say what to do. */
  missing: string[];
  /** Set when the bundled sample reports are shown instead of the configured ones. */
  samples: boolean;
}

const DEBOUNCE_MS = 300;

export class ReportsController implements vscode.Disposable {
  private readonly reportSet = new ReportSet();
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('supportDesk.reports');
  private readonly changed = new vscode.EventEmitter<ReportsLoaded | undefined>();
  private readonly disposables: vscode.Disposable[] = [this.diagnostics, this.changed];
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
  current?: ReportsLoaded;

  /** Fires after every load; undefined when nothing is configured. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affects(e, 'reports.paths')) {
          this.samplesFolder = undefined;
          void this.reload();
        } else if (affects(e, 'eligibility.asOf')) {
          // A report dated after the day judged on is a problem on its line: the files are read again for the new day.
          void this.reload();
        }
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.reload()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.reload()),
    );
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

  /** Re-reads every report (a full refresh); `changedFiles` limits parsing to those files. */
  reload(changedFiles: ReadonlySet<string> | 'all' = 'all'): Promise<void> {
    this.stale = changedFiles === 'all' || this.stale === 'all' ? 'all' : new Set([...this.stale, ...changedFiles]);
    this.running?.abort();
    const controller = new AbortController();
    this.running = controller;
    // One load at a time: a newer request aborts the older one and runs after it stops.
    this.queue = this.queue.then(() => this.load(controller.signal)).catch((error: unknown) => {
      if (!controller.signal.aborted) this.log.error(`loading reports failed: ${String(error)}`);
    });
    return this.queue;
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
    const { sources, unresolved } = resolveReportSources(entries, { workspaceFolder, home: homedir() });
    if (sources.length === 0 && unresolved.length === 0) {
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
    const expanded = await expandReportSources(sources);
    this.watch(expanded.sources);
    const snapshot = await vscode.window.withProgress(
      { location: { viewId: 'supportDesk.subscriptions' } },
      () => vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Support Desk' }, (progress) =>
        this.reportSet.sync(expanded.files, stale, {
          signal,
          asOf: judgingDay().day,
          onFile: (file, index, total) => progress.report({ message: `reading report ${index + 1}/${total}: ${file.path}` }),
        }),
      ),
    );
    if (this.stale === stale) this.stale = new Set();
    const missing = [...unresolved, ...expanded.missing];
    for (const m of missing) this.log.warn(`report path ${m}`);
    this.log.info(
      `loaded ${snapshot.files.length} report file(s), ${snapshot.store.subscriptionCount} subscriptions ` +
        `(${snapshot.parsed.length} parsed) in ${Math.round(performance.now() - started)} ms; ${snapshot.problems.length} problem(s)`,
    );
    this.showProblems(snapshot);
    this.current = { snapshot, missing, samples: this.samplesFolder !== undefined };
    this.setState('loaded');
    this.changed.fire(this.current);
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
    this.diagnostics.set([...byFile].map(([file, list]) => [vscode.Uri.file(file), list]));
  }

  /** (Re)creates the file watchers when the watched sources changed. */
  private watch(sources: ReportSource[]): void {
    const key = sources.map((s) => `${s.base}|${s.pattern}`).join('\n');
    if (key === this.watchedKey) return;
    this.watchedKey = key;
    for (const w of this.watchers) w.dispose();
    this.watchers = sources.map((source) => {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(source.base), source.pattern));
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

  dispose(): void {
    this.running?.abort();
    clearTimeout(this.debounce);
    for (const d of [...this.watchers, ...this.disposables]) d.dispose();
  }
}
