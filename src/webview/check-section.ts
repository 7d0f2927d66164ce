// Check a customer: the verdict from the reports as the account is typed, with its evidence, and
// Confirm with AWS, Check live agreements, Start case and Copy evidence beside it. Each kind of answer
// has its own place: only the reply to the newest request of a kind lands, a check never clears a
// confirmation or a live search, and the answer is kept in the saved state (hiding the panel loses nothing).
import type { Verdict } from '../core/domain';
import { VERDICT_LOOK as SHARED_LOOK, verdictWords } from '../shared/verdict-look';
import { productToConfirm, type CheckAnswer, type CheckResult, type ConfirmationView, type PanelReplies } from '../shared/panel-protocol';
import { shownTime } from '../shared/shown-time';
import { act, debounce, fill, h, icon, textField } from './dom';
import { ask, askNewest, SUPERSEDED } from './host';
import { identityForm } from './identity-section';
import { followCustomer } from './line-bar';
import type { PanelView } from './panel-view';
import { clearWho, isWhoText, momentFields, runWhoIsCalling, whoResult } from './who-is-calling-section';

// The tree's icons and words (src/shared/verdict-look.ts), capitalised at the start of a line.
const VERDICT_LOOK = Object.fromEntries(
  Object.entries(SHARED_LOOK).map(([verdict, look]) => [verdict, { icon: look.icon, words: verdictWords(verdict as Verdict) }]),
) as Record<Verdict, { icon: string; words: string }>;

/**
 * The CheckResult.sequence of the check on screen: an answer with a lower one for the same account read
 * the audit log earlier and is dropped. A restored answer counts as older than any the host gives now.
 */
let shownSequence = -1;
/** Why the check failed (the account typed is not one), shown instead of the answer. */
let checkError: string | undefined;
/**
 * One confirmation of the account, on two lines that never clip nor break an id: the verdict, the
 * instance and the product; then when, as whom, and the request id. The full sentence is its tooltip.
 */
function confirmationItem(v: PanelView, c: ConfirmationView): HTMLElement {
  const good = c.verdict === 'confirmed';
  return h(
    'li',
    { title: c.message },
    h('span', { class: `verdict-word ${good ? 'ok' : 'warning'}` }, icon(good ? 'verified-filled' : 'warning'), ` ${c.verdict.replace('-', ' ')}`),
    ' ',
    h('span', { class: 'id' }, c.instanceId),
    ` · ${productName(v, { code: c.productCode })}`,
    h(
      'small',
      { class: 'muted' },
      h('span', { class: 'id' }, shownTime(c.time)),
      ` · ${c.profile ?? 'default chain'} · request `,
      h('span', { class: 'id' }, c.requestId ?? 'none'),
    ),
  );
}

/** A request under way or failed, shown in its own area while its account is on screen. */
interface Note {
  account: string;
  text: string;
  kind: 'busy' | 'error' | 'muted';
}
let confirmNote: Note | undefined;
let liveNote: Note | undefined;
/** Whether the engineer unfolded the reports' answer under a live eligible verdict (kept across redraws of the same account). */
let reportsAloneOpen = false;

export function renderCheck(v: PanelView): HTMLElement {
  const input = (id: string, label: string, key: 'account' | 'instanceId', placeholder: string, hint: string) =>
    textField(id, label, v.ui.check[key] ?? '', placeholder, hint, (value) => {
      v.ui.check[key] = value;
      v.save();
      typed(v);
    });
  const products = h(
    'select',
    {
      id: 'check-product',
      on: {
        change: (e) => {
          v.ui.check.productId = (e.target as HTMLSelectElement).value || undefined;
          v.save();
          void runCheck(v);
        },
      },
    },
    h('option', { value: '' }, 'Any product'),
    v.state.playbook &&
      v.state.reports.products.map((p) =>
        h('option', { value: p.id, selected: p.id === v.ui.check.productId }, `${p.title ?? p.id}${p.title ? ` (${p.id})` : ''}`),
      ),
  );
  const form = h(
    'form',
    {
      class: 'check-form',
      'aria-label': 'Check a customer',
      on: {
        submit: (e) => {
          e.preventDefault();
          lookUp(v, true);
        },
      },
    },
    input(
      'check-account',
      'Customer: AWS account, e-mail or company',
      'account',
      '1111-2222-3333',
      'Dashes and spaces are fine; an e-mail or a company name is looked up in the feeds.',
    ),
    input('check-instance', 'Instance id (optional)', 'instanceId', 'i-0123456789abcdef0', 'Needed to confirm with AWS.'),
    h('div', { class: 'field' }, h('label', { for: 'check-product' }, 'Product (optional)'), products),
    momentFields(() => lookUp(v)),
    h('div', { class: 'field buttons' }, h('button', { type: 'submit', class: 'primary' }, icon('search'), ' Check')),
  );
  const result = h('div', { id: 'check-result', 'aria-live': 'polite' });
  const section = h(
    'div',
    {},
    h('h2', {}, 'Check a customer'),
    reportsLine(v),
    form,
    whoResult((account) => checkFound(v, account)),
    result,
    identityForm(v, () => void runCheck(v)),
  );
  if (v.ui.check.account) fillResult(v, result);
  return section;
}

function reportsLine(v: PanelView): HTMLElement {
  const r = v.state.reports;
  return h(
    'p',
    { class: r.stale ? 'warning' : 'muted' },
    icon(r.stale ? 'warning' : 'database'),
    ` Reports: ${r.files} file${r.files === 1 ? '' : 's'}, ${r.freshness}; judged as of ${r.asOf}.`,
  );
}

const typed = debounce((v: PanelView) => lookUp(v), 300);

/** An account is checked; anything else in the box (an e-mail, a company) is looked up in the feeds. */
function lookUp(v: PanelView, submitted = false): void {
  const text = v.ui.check.account;
  if (isWhoText(text)) return void runWhoIsCalling(text, (account) => checkFound(v, account));
  clearWho();
  if (submitted || /\d/.test(text)) void runCheck(v);
}

/** A feeds match picked: its account goes into the box and is checked. */
function checkFound(v: PanelView, account: string): void {
  v.ui.check.account = account;
  v.save();
  const box = document.getElementById('check-account') as HTMLInputElement | null;
  if (box) box.value = account;
  clearWho();
  void runCheck(v);
}

/** Asks the host for the verdict of the account in the form and shows it (the newest Check's answer only). */
export async function runCheck(v: PanelView): Promise<void> {
  try {
    const reply = await askNewest({ kind: 'check', input: { ...v.ui.check } });
    if (reply === SUPERSEDED) return;
    checkError = undefined;
    // A Confirm or a live search answered after this check was asked has the newer audit log: it stays.
    if (v.ui.answer?.check.account === reply.account && reply.sequence <= shownSequence) return redraw(v);
    show(v, reply);
    void followCustomer(v, reply);
  } catch (error) {
    checkError = (error as Error).message;
    redraw(v);
  }
}

/**
 * The audit log changed (a confirmation from the palette or the CLI, another window): the account on
 * screen is checked again, so its recent confirmations and recorded proof follow the trail.
 */
export function auditChanged(v: PanelView): void {
  if (v.ui.answer && v.ui.check.account) void runCheck(v);
}

/** Puts `check` on screen, keeping this account's confirmation and live search. */
function show(v: PanelView, check: CheckResult): void {
  if (v.ui.answer?.check.account !== check.account) reportsAloneOpen = false;
  v.ui.answer = { ...v.ui.answer, check };
  shownSequence = check.sequence;
  v.save();
  redraw(v);
}

/** The check a Confirm or a live search sent back: shown when it is of the account on screen and newer than what is. */
function showIfNewer(v: PanelView, check: CheckResult): void {
  const shown = v.ui.answer?.check;
  if (!shown || (shown.account === check.account && check.sequence > shownSequence)) show(v, check);
  else redraw(v);
}

/** Draws the answer again where it is, the keyboard focus kept on the control that had it. */
function redraw(v: PanelView): void {
  const target = document.getElementById('check-result');
  if (!target) return;
  const focused = target.contains(document.activeElement) ? document.activeElement?.id : undefined;
  fillResult(v, target);
  if (focused) document.getElementById(focused)?.focus();
}

function fillResult(v: PanelView, target: HTMLElement): void {
  // Which host answer is on screen: the e2e specs wait on it, and it costs nothing to show.
  target.setAttribute('data-sequence', String(shownSequence));
  if (checkError) fill(target, h('p', { class: 'error', role: 'alert' }, icon('error'), ' ', checkError));
  else fill(target, v.ui.answer ? renderResult(v, v.ui.answer) : '');
}

function renderResult(v: PanelView, answer: CheckAnswer): HTMLElement {
  const r = answer.check;
  const look = r.verdict ? VERDICT_LOOK[r.verdict] : { icon: 'circle-slash', words: 'No reports loaded' };
  const status = h('p', { id: 'check-status', role: 'status', class: 'muted' });
  const live = liveFor(answer);
  // An active agreement is the answer: the verdict with it leads, and the reports' own folds under it.
  // A search that found none or failed changes nothing: the heading stays the reports' verdict.
  const liveLeads = live?.live.verdict === 'active';
  const canConfirm = v.state.trusted && Boolean(v.ui.check.instanceId?.trim());
  const confirmWhy = !v.state.trusted ? 'Restricted Mode: no AWS calls.' : canConfirm ? '' : 'Type the instance id to confirm it with AWS.';
  const confirmation = answer.confirmation?.account === r.account ? answer.confirmation.result : undefined;
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
      : h('h3', { class: `verdict verdict-${r.verdict ?? 'none'}`, id: 'check-verdict' }, icon(look.icon), ` ${r.account}: ${look.words}`),
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
          title: confirmWhy || 'ConfirmProductInstance with your AWS profile; recorded in the audit log',
          on: { click: () => void confirm(v) },
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
          title: v.state.trusted ? 'SearchAgreements with your AWS profile, in us-east-1' : 'Restricted Mode: no AWS calls',
          on: { click: () => void checkLive(v) },
        },
        icon('cloud'),
        ' Check live agreements',
      ),
      h(
        'button',
        { type: 'button', id: 'start-case', on: { click: () => v.startCase('eligibility', caseValues(v, answer)) } },
        icon('notebook'),
        ' Start case',
      ),
      h(
        'button',
        { type: 'button', id: 'copy-evidence', on: { click: () => void act(status, ask({ kind: 'copy', text: r.evidenceText, what: 'the evidence' })) } },
        icon('copy'),
        ' Copy evidence',
      ),
    ),
    confirmWhy ? h('p', { class: 'hint' }, confirmWhy) : '',
    h('div', { id: 'confirm-result', 'aria-live': 'polite' }, noteLine(confirmNote, r) ?? (confirmation ? confirmationLine(confirmation) : '')),
    h(
      'div',
      { id: 'live-result', 'aria-live': 'polite', class: liveLeads ? 'live-lead' : undefined },
      noteLine(liveNote, r) ?? (live ? liveLines(v, live) : ''),
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
            open: reportsAloneOpen,
            on: { toggle: (e) => (reportsAloneOpen = (e.target as HTMLDetailsElement).open) },
          },
          h(
            'summary',
            {},
            icon(look.icon),
            ` Reports alone: ${look.words}`,
            h('span', { class: 'muted' }, ` · ${reportsAloneContents(r)}, superseded by the live agreement`),
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

/** A request under way or failed for the account on screen, in its area; undefined when there is none. */
function noteLine(note: Note | undefined, r: CheckResult): HTMLElement | undefined {
  if (!note || note.account !== r.account) return undefined;
  if (note.kind === 'error') return h('p', { class: 'error', role: 'alert' }, icon('error'), ' ', note.text);
  return h('p', { class: 'muted' }, note.kind === 'busy' ? [icon('loading'), ' '] : '', note.text);
}

/** A product as the engineer knows it: its title from the reports or the playbook, else its id or code. */
function productName(v: PanelView, p: { id?: string | null; code?: string }): string {
  const known = v.state.reports.products.find((x) => (p.id && x.id === p.id) || (p.code && x.code === p.code));
  return known?.title ?? (p.id || p.code || 'no product named');
}

/**
 * The reports' own answer: the good-faith rule when the account may be a new subscriber, the products
 * it is not listed for under one sentence, then each listed product's verdict and evidence.
 */
function reportsAnswer(r: CheckResult, status: HTMLElement): HTMLElement[] {
  const unlisted = r.subscriptions.filter((s) => s.verdict === 'unlisted');
  return [
    ...(r.goodFaith ? [h('div', { class: 'good-faith' }, h('h4', {}, icon('heart'), ' Good-faith rule'), h('p', {}, r.goodFaith))] : []),
    ...r.subscriptions.filter((s) => s.verdict !== 'unlisted').map((s) => subscriptionBlock(s, status)),
    ...(unlisted.length
      ? [
          h(
            'div',
            { class: 'subscription unlisted', id: 'unlisted-products' },
            h('h4', {}, icon(VERDICT_LOOK.unlisted.icon), ` ${VERDICT_LOOK.unlisted.words}`),
            h('p', {}, r.notListed ?? ''),
            h(
              'ul',
              {},
              unlisted.map((s) =>
                h(
                  'li',
                  {},
                  productHeading(s),
                  s.newestReport ? h('span', { class: 'muted' }, ` · newest report ${s.newestReport}`) : '',
                  s.reasons.length
                    ? h(
                        'ul',
                        {},
                        s.reasons.map((reason) => h('li', {}, reason)),
                      )
                    : '',
                ),
              ),
            ),
          ),
        ]
      : []),
  ];
}

function productHeading(s: CheckResult['subscriptions'][number]): string {
  return `${s.productTitle ?? s.productId}${s.productTitle ? ` (${s.productId})` : ''}${s.productCode ? ` · code ${s.productCode}` : ''}`;
}

function subscriptionBlock(s: CheckResult['subscriptions'][number], status: HTMLElement): HTMLElement {
  return h(
    'div',
    { class: 'subscription' },
    h('h4', {}, icon(VERDICT_LOOK[s.verdict].icon), ` ${productHeading(s)}: ${VERDICT_LOOK[s.verdict].words}`),
    h(
      'ul',
      {},
      s.reasons.map((reason) => h('li', {}, reason)),
    ),
    s.evidence.length
      ? h(
          'p',
          { class: 'evidence' },
          'Evidence: ',
          s.evidence.map((e, i) => [
            i ? ', ' : '',
            h(
              'button',
              {
                type: 'button',
                class: 'link',
                title: `Open ${e.label} in an editor`,
                on: { click: () => void act(status, ask({ kind: 'openEvidence', file: e.file, line: e.line })) },
              },
              e.label,
            ),
          ]),
        )
      : '',
  );
}

/** What the folded reports' answer holds, for its summary: "the good-faith rule and 5 products". */
function reportsAloneContents(r: CheckResult): string {
  const n = r.subscriptions.length;
  const products = n ? `${n} product${n === 1 ? '' : 's'}` : '';
  return [r.goodFaith ? 'the good-faith rule' : '', products].filter(Boolean).join(' and ');
}

/** A column of a grid table: its heading, and `kind` for values that must stay on one line (ids, times, one-word verdicts). */
interface GridColumn {
  name: string;
  kind?: 'id' | 'when' | 'word';
}

/**
 * A table of `rows` (one string per column, and the row's tooltip) in a box that scrolls sideways when
 * the panel is narrower than the table: an id or a time broken across lines ("i-" on one, the digits on
 * the next) misreads.
 */
function gridTable(id: string, columns: readonly GridColumn[], rows: readonly { cells: string[]; title?: string }[]): HTMLElement {
  return h(
    'div',
    { class: 'table-scroll', id },
    h(
      'table',
      { class: 'grid' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          columns.map((c) => h('th', { scope: 'col' }, c.name)),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((row) =>
          h(
            'tr',
            { title: row.title },
            row.cells.map((value, i) => h('td', { class: columns[i].kind }, value)),
          ),
        ),
      ),
    ),
  );
}

/** The live search of the account on screen, if this panel made one. */
function liveFor(answer: CheckAnswer): PanelReplies['checkLive'] | undefined {
  return answer.live?.check.account === answer.check.account ? answer.live : undefined;
}

function caseValues(v: PanelView, answer: CheckAnswer): Record<string, string> {
  const r = answer.check;
  const product = r.subscriptions.find((s) => s.productCode);
  const live = liveFor(answer);
  return {
    account: r.account,
    ...(v.ui.check.instanceId ? { instanceId: v.ui.check.instanceId.trim() } : {}),
    ...(product?.productCode ? { productCode: product.productCode } : {}),
    evidence: [
      ...(live?.live.verdict === 'active'
        ? [`Verdict with live agreements: ${VERDICT_LOOK[live.verdict].words.toUpperCase()}. ${live.reasons.join(' ')}`, '']
        : []),
      r.evidenceText,
      // The account's newest confirmation in the audit log, whoever asked for it and when.
      ...(r.recorded.confirmation ? [r.recorded.confirmation] : []),
    ].join('\n'),
    ...(r.recorded.live ? { liveAgreement: r.recorded.live } : {}),
    ...(r.recorded.identity ? { identityDocument: r.recorded.identity } : {}),
  };
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

function confirmationLine(c: ConfirmationView): HTMLElement {
  const good = c.verdict === 'confirmed';
  return h(
    'p',
    { class: good ? 'ok' : 'warning', id: 'confirmation-verdict' },
    icon(good ? 'verified-filled' : 'warning'),
    ' ',
    c.message,
    h('small', { class: 'muted' }, ` Request id ${c.requestId ?? 'none'} · ${shownTime(c.time)} · profile ${c.profile ?? 'default chain'}`),
  );
}

async function confirm(v: PanelView): Promise<void> {
  const r = v.ui.answer!.check;
  // While the product picker is open nothing has gone to AWS yet: say what is awaited.
  const picking = productToConfirm(r, v.ui.check.productId) === undefined;
  confirmNote = {
    account: r.account,
    kind: 'busy',
    text: picking ? 'Choose the product in the picker at the top of the window; the instance is then confirmed with AWS.' : 'Confirming with AWS…',
  };
  redraw(v);
  try {
    const reply = await askNewest({ kind: 'confirm', input: { ...v.ui.check } });
    if (reply === SUPERSEDED) return;
    confirmNote = reply.confirmation ? undefined : { account: r.account, kind: 'muted', text: 'Confirmation cancelled: nothing was sent to AWS.' };
    if (reply.confirmation) v.ui.answer = { ...v.ui.answer!, confirmation: { account: reply.check.account, result: reply.confirmation } };
    v.save();
    showIfNewer(v, reply.check);
  } catch (error) {
    confirmNote = { account: r.account, kind: 'error', text: (error as Error).message };
    redraw(v);
  }
}

/** The account's live AWS Marketplace agreements beside the reports: the combined verdict and each agreement. */
async function checkLive(v: PanelView): Promise<void> {
  const account = v.ui.answer!.check.account;
  liveNote = { account, kind: 'busy', text: 'Searching AWS Marketplace agreements (us-east-1)…' };
  redraw(v);
  try {
    const reply = await askNewest({ kind: 'checkLive', input: { ...v.ui.check } });
    if (reply === SUPERSEDED) return;
    liveNote = undefined;
    v.ui.answer = { ...v.ui.answer!, live: reply };
    v.save();
    // The check again: the search is now the account's newest recorded evidence.
    showIfNewer(v, reply.check);
  } catch (error) {
    liveNote = { account, kind: 'error', text: (error as Error).message };
    redraw(v);
  }
}

/**
 * A live search's answer: what the search found, in the word the recorded search uses (ACTIVE, NONE,
 * ERROR), the verdict with it when an active agreement changed it, each agreement, where and when.
 */
function liveLines(v: PanelView, r: PanelReplies['checkLive']): (HTMLElement | '')[] {
  const found = r.live.verdict.toUpperCase();
  return [
    h(
      'p',
      { id: 'live-verdict', class: { active: 'ok', none: 'muted', error: 'warning' }[r.live.verdict] },
      icon(r.live.verdict === 'active' ? VERDICT_LOOK[r.verdict].icon : r.live.verdict === 'error' ? 'warning' : 'circle-slash'),
      r.live.verdict === 'active'
        ? ` Live agreements: ${found}, verdict with them: ${VERDICT_LOOK[r.verdict].words}`
        : ` Live agreements: ${found}; the verdict stays the reports' own`,
    ),
    h(
      'ul',
      {},
      r.reasons.map((reason) => h('li', {}, reason)),
    ),
    r.live.error ? h('p', { class: 'warning' }, `Search failed (${r.live.error.kind}): ${r.live.error.message}`) : '',
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
    r.auditProblem ? h('p', { class: 'error' }, r.auditProblem) : h('p', { class: 'hint' }, 'Recorded in the audit log.'),
  ];
}
