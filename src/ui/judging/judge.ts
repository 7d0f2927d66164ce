// The one answer to "where does the verdict come from?" in the extension: the Judge holds the sources of evidence
// (the loaded reports today), the judging day and the eligibility window, and builds one Judgement per change of any
// of them. The tree, the panel, Check live agreements and the API ask it; none assembles a policy of its own.
import * as vscode from 'vscode';
import { today } from '../../core/dates';
import { Judgement, ReportsEvidence, type EvidenceSources, type Hearing } from '../../core/judging';
import { Disposable } from '../dispose';
import type { PlaybookSource } from '../playbook/playbook-source';
import type { ReportsController } from '../reports/reports-controller';
import { affects, eligibilityPolicy, judgingDay } from '../settings';

/**
 * The verdicts of now. Rebuilt (and `onDidChange` fired with the new Judgement, once) when the reports load, when
 * the playbook changes (its eligibility window, once the new one is read) and when a supportDesk.eligibility.*
 * setting changes; `current` also rebuilds when the day turned over and no as-of day is set. A source that issue
 * 19's feeds, live agreements or events add is handed to the Judgement in `sources()`, beside the reports.
 */
export class Judge extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<Judgement>());
  /** Fires with each new Judgement: the views re-judge from it. */
  readonly onDidChange = this.changed.event;
  private judgement: Judgement;

  constructor(
    private readonly reports: ReportsController,
    private readonly playbook: PlaybookSource,
  ) {
    super();
    this.judgement = this.build();
    this._register(reports.onDidChange(() => this.rejudge()));
    this._register(playbook.onDidChange(() => void playbook.current().then(() => this.rejudge())));
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affects(e, 'eligibility')) this.rejudge();
      }),
    );
  }

  /** The Judgement in force: the sources held, judged on the judging day under the window in effect. */
  get current(): Judgement {
    if (!this.judgement.on.fixed && this.judgement.on.day !== today()) this.rejudge();
    return this.judgement;
  }

  /** The account's verdict from each source held (Judgement.account). `account`: 12 digits. */
  account(account: string): Hearing<'account'> {
    return this.current.account(account);
  }

  /** The account's verdict for one product from each source held (Judgement.subscription). */
  subscription(account: string, productId: string): Hearing<'subscription'> {
    return this.current.subscription(account, productId);
  }

  /** How current each source held is (Judgement.freshness). */
  freshness(): Hearing<'freshness'> {
    return this.current.freshness();
  }

  private rejudge(): void {
    if (this.disposed) return;
    this.judgement = this.build();
    this.changed.fire(this.judgement);
  }

  private build(): Judgement {
    const { day, fixed } = judgingDay();
    return new Judgement(
      { day, fixed, policy: eligibilityPolicy(this.playbook.latest?.playbook.eligibility) },
      this.sources(),
    );
  }

  /** Every source of evidence held now, each apart. */
  private sources(): EvidenceSources {
    const snapshot = this.reports.current?.snapshot;
    return snapshot ? { reports: new ReportsEvidence(snapshot.store, snapshot.files.length) } : {};
  }
}
