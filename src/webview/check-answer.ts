// The answer to a check as the section shows it: the verdict (the live one leads when an active
// agreement made the account eligible), the actions beside it, the Confirm and live-search areas, the
// reports' answer (folded under "Reports alone" when the live verdict leads), contacts, recorded proof
// and the account's recent confirmations.
import type { CheckAnswer, CheckResult } from '../shared/panel-protocol';
import { NO_AWS_CALL } from '../shared/restricted-words';
import { noteLine, VERDICT_LOOK } from './check-look';
import type { CheckScreen } from './check-screen';
import { confirm, confirmationItem, confirmationLine } from './confirm-with-aws';
import { act, h, icon } from './dom';
import { caseValues } from './eligibility-case';
import { ask } from './host';
import { checkLive, liveFor, liveLines } from './live-search';
import type { PanelView } from './panel-view';
import { reportsAloneContents, reportsAnswer } from './reports-answer';

/** The whole answer to `answer.check`, with `screen`'s notes and folds (see CheckScreen). */
export function renderAnswer(v: PanelView, screen: CheckScreen, answer: CheckAnswer): HTMLElement {
  const r = answer.check;
  const look = r.verdict
    ? VERDICT_LOOK[r.verdict]
    : { icon: 'circle-slash', words: 'No reports loaded' };
  const status = h('p', { id: 'check-status', role: 'status', class: 'muted' });
  const live = liveFor(answer);
  // An active agreement is the answer: the verdict with it leads, and the reports' own folds under it.
  // A search that found none or failed changes nothing: the heading stays the reports' verdict.
  const liveLeads = live?.live.verdict === 'active';
  const canConfirm = v.state.trusted && Boolean(v.ui.check.instanceId?.trim());
  const confirmWhy = !v.state.trusted
    ? NO_AWS_CALL
    : canConfirm
      ? ''
      : 'Type the instance id to confirm it with AWS.';
  const confirmation =
    answer.confirmation?.account === r.account ? answer.confirmation.result : undefined;
  const reports = reportsAnswer(r, status);
  return h(
    'div',
    { class: 'result' },
    liveLeads
      ? h(
          'h3',
          { class: `verdict verdict-${live.verdict}`, id: 'check-verdict' },
          icon(VERDICT_LOOK[live.verdict].icon),
          ` ${r.account}: ${VERDICT_LOOK[live.verdict].words} with live agreements (reports alone: ${look.words})`,
        )
      : h(
          'h3',
          { class: `verdict verdict-${r.verdict ?? 'none'}`, id: 'check-verdict' },
          icon(look.icon),
          ` ${r.account}: ${look.words}`,
        ),
    r.warnings.map((w) => h('p', { class: 'warning', role: 'alert' }, icon('warning'), ' ', w)),
    // The actions sit with the verdict, above the products however many the account holds.
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          type: 'button',
          id: 'confirm-aws',
          class: 'primary',
          disabled: !canConfirm,
          title:
            confirmWhy || 'ConfirmProductInstance with your AWS profile; recorded in the audit log',
          on: { click: () => void confirm(v, screen) },
        },
        icon('verified'),
        ' Confirm with AWS',
      ),
      h(
        'button',
        {
          type: 'button',
          id: 'check-live',
          disabled: !v.state.trusted,
          title: v.state.trusted
            ? 'SearchAgreements with your AWS profile, in us-east-1'
            : NO_AWS_CALL,
          on: { click: () => void checkLive(v, screen) },
        },
        icon('cloud'),
        ' Check live agreements',
      ),
      h(
        'button',
        {
          type: 'button',
          id: 'start-case',
          on: { click: () => v.startCase('eligibility', caseValues(v, answer)) },
        },
        icon('notebook'),
        ' Start case',
      ),
      h(
        'button',
        {
          type: 'button',
          id: 'copy-evidence',
          on: {
            click: () =>
              void act(status, ask({ kind: 'copy', text: r.evidenceText, what: 'the evidence' })),
          },
        },
        icon('copy'),
        ' Copy evidence',
      ),
    ),
    confirmWhy ? h('p', { class: 'hint' }, confirmWhy) : '',
    h(
      'div',
      { id: 'confirm-result', 'aria-live': 'polite' },
      noteLine(screen.confirmNote, r) ?? (confirmation ? confirmationLine(confirmation) : ''),
    ),
    h(
      'div',
      { id: 'live-result', 'aria-live': 'polite', class: liveLeads ? 'live-lead' : undefined },
      noteLine(screen.liveNote, r) ?? (live ? liveLines(v, live) : ''),
    ),
    status,
    h('p', { class: r.stale ? 'warning' : 'muted' }, `Reports: ${r.freshness}`),
    // The reports' answer (the good-faith rule for an unlisted account, each product's verdict) is no
    // longer the answer once live agreements made the account eligible: it folds under "Reports alone".
    liveLeads && r.verdict !== 'eligible' && reports.length
      ? h(
          'details',
          {
            id: 'reports-alone',
            class: 'reports-alone',
            open: screen.reportsAloneOpen,
            on: {
              toggle: (e) => (screen.reportsAloneOpen = (e.target as HTMLDetailsElement).open),
            },
          },
          h(
            'summary',
            {},
            icon(look.icon),
            ` Reports alone: ${look.words}`,
            h(
              'span',
              { class: 'muted' },
              ` · ${reportsAloneContents(r)}, superseded by the live agreement`,
            ),
          ),
          reports,
        )
      : reports,
    r.contacts.length
      ? h(
          'div',
          {},
          h('h4', {}, 'Customer support contacts'),
          h(
            'ul',
            {},
            r.contacts.map((c) => h('li', {}, c)),
          ),
        )
      : '',
    recordedEvidence(r),
    h('h4', {}, 'Recent confirmations of this account'),
    r.recentConfirmations.length === 0
      ? h('p', { class: 'muted', id: 'recent-confirmations' }, 'None in the audit log.')
      : h(
          'ul',
          { class: 'confirmations', id: 'recent-confirmations' },
          r.recentConfirmations.map((c) => confirmationItem(v, c)),
        ),
  );
}

/** The newest live agreement search and identity document in the audit log for the account, as recorded. */
function recordedEvidence(r: CheckResult): HTMLElement | '' {
  const { live, identity } = r.recorded;
  if (!live && !identity) return '';
  return h(
    'div',
    { id: 'recorded-evidence' },
    h('h4', {}, icon('law'), ' Recorded proof beyond the reports'),
    live ? h('pre', { class: 'preview', id: 'recorded-live' }, live) : '',
    identity ? h('pre', { class: 'preview', id: 'recorded-identity' }, identity) : '',
  );
}
