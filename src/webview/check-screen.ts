// What "Check a customer" shows beyond the saved state: one owner per panel, made by panel.ts and handed
// to every part of the section, so that no module keeps a piece of it (and a test makes its own).
// The answer itself (WebviewState.answer) stays in the saved state: hiding the panel loses nothing.
import type { CheckAnswer, CheckResult } from '../shared/panel-protocol';
import { debounce, fill, h, icon } from './dom';
import type { IdentityScreen } from './identity-section';
import type { PanelView } from './panel-view';

/** A request under way or failed, shown in its own area while its account is on screen. */
export interface Note {
  /** The 12-digit account the request was made for: another account on screen hides the note. */
  account: string;
  text: string;
  kind: 'busy' | 'error' | 'muted';
}

/** Draws an answer (CheckAnswer) as the section shows it, with `screen`'s notes and folds. */
export type AnswerDrawing = (v: PanelView, screen: CheckScreen, answer: CheckAnswer) => HTMLElement;

/**
 * The Check section's screen state and the one way to put an answer on it. Lives as long as the
 * webview: a redraw of the panel (another tab, a new PanelState) keeps every field.
 */
export class CheckScreen {
  /**
   * The CheckResult.sequence of the check on screen: an answer with a lower one for the same account read
   * the audit log earlier and is dropped. A restored answer counts as older than any the host gives now.
   */
  shownSequence = -1;
  /** Why the check failed (the account typed is not one), shown instead of the answer. */
  checkError: string | undefined;
  /** Confirm with AWS under way, cancelled or failed. */
  confirmNote: Note | undefined;
  /** Check live agreements under way or failed. */
  liveNote: Note | undefined;
  /** Whether the engineer unfolded the reports' answer under a live eligible verdict (kept across redraws of the same account). */
  reportsAloneOpen = false;
  /** The identity form under the answer: its newest answer and whether it is unfolded. */
  readonly identity: IdentityScreen = { unfolded: false };
  /** Runs what it is given once typing paused for 300 ms (the account field checks as it is typed). */
  readonly afterTyping = debounce((run: () => void) => run(), 300);

  constructor(private readonly drawAnswer: AnswerDrawing) {}

  /** Whether `check` read the audit log before the answer on screen for the same account did (it must not replace it). */
  isOlder(v: PanelView, check: CheckResult): boolean {
    return v.ui.answer?.check.account === check.account && check.sequence <= this.shownSequence;
  }

  /** Puts `check` on screen, keeping this account's confirmation and live search. */
  show(v: PanelView, check: CheckResult): void {
    if (v.ui.answer?.check.account !== check.account) this.reportsAloneOpen = false;
    v.ui.answer = { ...v.ui.answer, check };
    this.shownSequence = check.sequence;
    v.save();
    this.redraw(v);
  }

  /** The check a Confirm or a live search sent back: shown when it is of the account on screen and newer than what is. */
  showIfNewer(v: PanelView, check: CheckResult): void {
    const shown = v.ui.answer?.check;
    if (!shown || (shown.account === check.account && check.sequence > this.shownSequence))
      this.show(v, check);
    else this.redraw(v);
  }

  /** Draws the answer again where it is (#check-result), the keyboard focus kept on the control that had it. */
  redraw(v: PanelView): void {
    const target = document.getElementById('check-result');
    if (!target) return;
    const focused = target.contains(document.activeElement)
      ? document.activeElement?.id
      : undefined;
    this.fillResult(v, target);
    if (focused) document.getElementById(focused)?.focus();
  }

  /** Fills `target` with the error, the answer, or nothing, and marks which host answer it shows. */
  fillResult(v: PanelView, target: HTMLElement): void {
    // Which host answer is on screen: the e2e specs wait on it, and it costs nothing to show.
    target.setAttribute('data-sequence', String(this.shownSequence));
    if (this.checkError)
      fill(target, h('p', { class: 'error', role: 'alert' }, icon('error'), ' ', this.checkError));
    else fill(target, v.ui.answer ? this.drawAnswer(v, this, v.ui.answer) : '');
  }
}
