// Check live agreements from "Check a customer": the account's AWS Marketplace agreements beside the
// reports (SearchAgreements through the host), its note while under way, and how the search reads.
import type { CheckAnswer, PanelReplies } from '../shared/panel-protocol';
import { shownTime } from '../shared/shown-time';
import { productName, VERDICT_LOOK } from './check-look';
import type { CheckScreen } from './check-screen';
import { h, icon } from './dom';
import { gridTable } from './grid-table';
import { askNewest, SUPERSEDED } from './host';
import type { PanelView } from './panel-view';

/** The live search of the account on screen, if this panel made one. */
export function liveFor(answer: CheckAnswer): PanelReplies['checkLive'] | undefined {
  return answer.live?.check.account === answer.check.account ? answer.live : undefined;
}

/**
 * Searches the live agreements of the account on screen (v.ui.answer must be set): the reply joins the
 * saved answer and its check is shown when newer. A newer search's reply supersedes this one's; an error stays in the note.
 */
export async function checkLive(v: PanelView, screen: CheckScreen): Promise<void> {
  const account = v.ui.answer!.check.account;
  screen.liveNote = {
    account,
    kind: 'busy',
    text: 'Searching AWS Marketplace agreements (us-east-1)…',
  };
  screen.redraw(v);
  try {
    const reply = await askNewest({ kind: 'checkLive', input: { ...v.ui.check } });
    if (reply === SUPERSEDED) return;
    screen.liveNote = undefined;
    v.ui.answer = { ...v.ui.answer!, live: reply };
    v.save();
    // The check again: the search is now the account's newest recorded evidence.
    screen.showIfNewer(v, reply.check);
  } catch (error) {
    screen.liveNote = { account, kind: 'error', text: (error as Error).message };
    screen.redraw(v);
  }
}

/**
 * A live search's answer: what the search found, in the word the recorded search uses (ACTIVE, NONE,
 * ERROR), the verdict with it when an active agreement changed it, each agreement, where and when.
 */
export function liveLines(v: PanelView, r: PanelReplies['checkLive']): (HTMLElement | '')[] {
  const found = r.live.verdict.toUpperCase();
  return [
    h(
      'p',
      {
        id: 'live-verdict',
        class: { active: 'ok', none: 'muted', error: 'warning' }[r.live.verdict],
      },
      icon(
        r.live.verdict === 'active'
          ? VERDICT_LOOK[r.verdict].icon
          : r.live.verdict === 'error'
            ? 'warning'
            : 'circle-slash',
      ),
      r.live.verdict === 'active'
        ? ` Live agreements: ${found}, verdict with them: ${VERDICT_LOOK[r.verdict].words}`
        : ` Live agreements: ${found}; the verdict stays the reports' own`,
    ),
    h(
      'ul',
      {},
      r.reasons.map((reason) => h('li', {}, reason)),
    ),
    r.live.error
      ? h(
          'p',
          { class: 'warning' },
          `Search failed (${r.live.error.kind}): ${r.live.error.message}`,
        )
      : '',
    r.live.agreements.length
      ? gridTable(
          'live-agreements',
          [
            { name: 'Agreement', kind: 'id' },
            { name: 'Status', kind: 'word' },
            { name: 'Product' },
            { name: 'Start', kind: 'when' },
            { name: 'End', kind: 'when' },
          ],
          r.live.agreements.map((a) => ({
            title: a.productId ?? undefined,
            cells: [
              a.agreementId,
              a.status,
              productName(v, { id: a.productId }),
              a.startTime ? shownTime(a.startTime) : '-',
              a.endTime ? shownTime(a.endTime) : 'pay-as-you-go',
            ],
          })),
        )
      : '',
    h(
      'p',
      { class: 'hint', id: 'live-request' },
      `Asked ${r.live.endpoint} at ${shownTime(r.live.checkedAt)} as ${r.live.profile ?? 'the default credential chain'}; request ids ${r.live.requestIds.join(', ') || 'none'}.`,
    ),
    r.auditProblem
      ? h('p', { class: 'error' }, r.auditProblem)
      : h('p', { class: 'hint' }, 'Recorded in the audit log.'),
  ];
}
