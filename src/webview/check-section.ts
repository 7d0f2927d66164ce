// Check a customer: the verdict from the reports as the account is typed, with its evidence, and
// Confirm with AWS, Check live agreements, Start case and Copy evidence.
import type { Verdict } from '../core/domain';
import { VERDICT_LOOK as SHARED_LOOK, verdictWords } from '../shared/verdict-look';
import type { CheckResult, ConfirmationView, PanelReplies } from '../shared/panel-protocol';
import { act, debounce, fill, h, icon } from './dom';
import { ask } from './host';
import { followCustomer } from './line-bar';
import type { PanelView } from './panel-view';

// The tree's icons and words (src/shared/verdict-look.ts), capitalised at the start of a line.
const VERDICT_LOOK = Object.fromEntries(
  Object.entries(SHARED_LOOK).map(([verdict, look]) => [verdict, { icon: look.icon, words: verdictWords(verdict as Verdict) }]),
) as Record<Verdict, { icon: string; words: string }>;

let last: CheckResult | undefined;
let confirmation: ConfirmationView | null | undefined;
let liveAnswer: PanelReplies['checkLive'] | undefined;
/** Whether the engineer unfolded the reports' answer under a live eligible verdict (kept across redraws of the same check). */
let reportsAloneOpen = false;

export function renderCheck(v: PanelView): HTMLElement {
  const input = (id: string, label: string, key: 'account' | 'instanceId', placeholder: string, hint: string) =>
    h(
      'div',
      { class: 'field' },
      h('label', { for: id }, label),
      h('input', {
        id,
        type: 'text',
        value: v.ui.check[key] ?? '',
        placeholder,
        spellcheck: 'false',
        autocomplete: 'off',
        'aria-describedby': `${id}-hint`,
        on: {
          input: (e) => {
            v.ui.check[key] = (e.target as HTMLInputElement).value;
            v.save();
            typed(v);
          },
        },
      }),
      h('small', { id: `${id}-hint`, class: 'hint' }, hint),
    );
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
          void runCheck(v);
        },
      },
    },
    input('check-account', 'Customer AWS account', 'account', '1111-2222-3333', 'Dashes and spaces are fine.'),
    input('check-instance', 'Instance id (optional)', 'instanceId', 'i-0123456789abcdef0', 'Needed to confirm with AWS.'),
    h('div', { class: 'field' }, h('label', { for: 'check-product' }, 'Product (optional)'), products),
    h('div', { class: 'field buttons' }, h('button', { type: 'submit', class: 'primary' }, icon('search'), ' Check')),
  );
  const result = h('div', { id: 'check-result', 'aria-live': 'polite' });
  const section = h('div', {}, h('h2', {}, 'Check a customer'), reportsLine(v), form, result, identityForm(v));
  if (last && last.account && v.ui.check.account) fill(result, renderResult(v, last));
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

const typed = debounce((v: PanelView) => {
  if (/\d/.test(v.ui.check.account)) void runCheck(v);
}, 300);

/** Asks the host for the verdict of the account in the form and shows it. */
export async function runCheck(v: PanelView): Promise<void> {
  const target = document.getElementById('check-result');
  if (!target) return;
  try {
    last = await ask({ kind: 'check', input: v.ui.check });
    confirmation = undefined;
    liveAnswer = undefined;
    reportsAloneOpen = false;
    fill(target, renderResult(v, last));
    void followCustomer(v, last);
  } catch (error) {
    last = undefined;
    fill(target, h('p', { class: 'error', role: 'alert' }, icon('error'), ' ', (error as Error).message));
  }
}

function renderResult(v: PanelView, r: CheckResult): HTMLElement {
  const look = r.verdict ? VERDICT_LOOK[r.verdict] : { icon: 'circle-slash', words: 'No reports loaded' };
  const status = h('p', { id: 'check-status', role: 'status', class: 'muted' });
  const live = liveFor(r);
  // An active agreement that makes the account eligible is the answer: it leads, right under the heading.
  // A search that found nothing or failed stays beside its button, under the reports' answer.
  const liveLeads = live?.verdict === 'eligible' && live.live.verdict === 'active';
  const canConfirm = v.state.trusted && Boolean(v.ui.check.instanceId?.trim());
  const confirmWhy = !v.state.trusted ? 'Restricted Mode: no AWS calls.' : canConfirm ? '' : 'Type the instance id to confirm it with AWS.';
  const confirmArea = h('div', { id: 'confirm-result', 'aria-live': 'polite' }, confirmation ? confirmationLine(confirmation) : '');
  const liveArea = h('div', { id: 'live-result', 'aria-live': 'polite', class: liveLeads ? 'live-lead' : undefined }, liveAnswer ? liveLines(liveAnswer) : '');
  const reports = reportsAnswer(r, status);
  return h(
    'div',
    { class: 'result' },
    // After a live search of this account, its combined verdict leads; the reports' own stays beside it.
    live
      ? h(
          'h3',
          { class: `verdict verdict-${live.verdict}`, id: 'check-verdict' },
          icon(VERDICT_LOOK[live.verdict].icon),
          ` ${r.account}: ${VERDICT_LOOK[live.verdict].words} with live agreements (reports alone: ${look.words})`,
        )
      : h('h3', { class: `verdict verdict-${r.verdict ?? 'none'}`, id: 'check-verdict' }, icon(look.icon), ` ${r.account}: ${look.words}`),
    r.warnings.map((w) => h('p', { class: 'warning', role: 'alert' }, icon('warning'), ' ', w)),
    liveLeads ? liveArea : '',
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
          on: { click: () => void confirm(v, confirmArea, status) },
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
          on: { click: () => void checkLive(v, liveArea) },
        },
        icon('cloud'),
        ' Check live agreements',
      ),
      h('button', { type: 'button', id: 'start-case', on: { click: () => v.startCase('eligibility', caseValues(v, r)) } }, icon('notebook'), ' Start case'),
      h(
        'button',
        { type: 'button', id: 'copy-evidence', on: { click: () => void act(status, ask({ kind: 'copy', text: r.evidenceText, what: 'the evidence' })) } },
        icon('copy'),
        ' Copy evidence',
      ),
    ),
    confirmWhy ? h('p', { class: 'hint' }, confirmWhy) : '',
    confirmArea,
    liveLeads ? '' : liveArea,
    status,
    recordedEvidence(r),
    h('h4', {}, 'Recent confirmations of this account'),
    r.recentConfirmations.length === 0
      ? h('p', { class: 'muted' }, 'None in the audit log.')
      : gridTable(
          [
            { name: 'Time', kind: 'when' },
            { name: 'Instance', kind: 'id' },
            { name: 'Product code', kind: 'id' },
            { name: 'Verdict' },
            { name: 'Profile' },
            { name: 'Request id', kind: 'id' },
          ],
          r.recentConfirmations.map((c) => [
            c.time.replace('T', ' ').slice(0, 19),
            c.instanceId,
            c.productCode,
            c.message,
            c.profile ?? 'default chain',
            c.requestId ?? '-',
          ]),
        ),
  );
}

/** The reports' own answer: the good-faith rule when the account may be a new subscriber, then each product's verdict and evidence. */
function reportsAnswer(r: CheckResult, status: HTMLElement): HTMLElement[] {
  return [
    ...(r.goodFaith ? [h('div', { class: 'good-faith' }, h('h4', {}, icon('heart'), ' Good-faith rule'), h('p', {}, r.goodFaith))] : []),
    ...r.subscriptions.map((s) =>
      h(
        'div',
        { class: 'subscription' },
        h(
          'h4',
          {},
          icon(VERDICT_LOOK[s.verdict].icon),
          ` ${s.productTitle ?? s.productId}`,
          s.productTitle ? ` (${s.productId})` : '',
          s.productCode ? ` · code ${s.productCode}` : '',
          `: ${VERDICT_LOOK[s.verdict].words}`,
        ),
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
                    title: `Open ${e.file} at line ${e.line}`,
                    on: { click: () => void act(status, ask({ kind: 'openEvidence', file: e.file, line: e.line })) },
                  },
                  e.label,
                ),
              ]),
            )
          : '',
      ),
    ),
  ];
}

/** What the folded reports' answer holds, for its summary: "the good-faith rule and 5 products". */
function reportsAloneContents(r: CheckResult): string {
  const n = r.subscriptions.length;
  const products = n ? `${n} product${n === 1 ? '' : 's'}` : '';
  return [r.goodFaith ? 'the good-faith rule' : '', products].filter(Boolean).join(' and ');
}

/** A column of a grid table: its heading, and `kind` for values that must stay on one line (ids, times). */
interface GridColumn {
  name: string;
  kind?: 'id' | 'when';
}

/**
 * A table of `rows` (one string per column) in a box that scrolls sideways when the panel is narrower
 * than the table: an id or a time broken across lines ("i-" on one, the digits on the next) misreads.
 */
function gridTable(columns: readonly GridColumn[], rows: readonly string[][]): HTMLElement {
  return h(
    'div',
    { class: 'table-scroll' },
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
            {},
            row.map((value, i) => h('td', { class: columns[i].kind }, value)),
          ),
        ),
      ),
    ),
  );
}

/** The live search shown for this check's account, if one was made since the account was typed. */
function liveFor(r: CheckResult): PanelReplies['checkLive'] | undefined {
  return liveAnswer?.check.account === r.account ? liveAnswer : undefined;
}

function caseValues(v: PanelView, r: CheckResult): Record<string, string> {
  const product = r.subscriptions.find((s) => s.productCode);
  const live = liveFor(r);
  return {
    account: r.account,
    ...(v.ui.check.instanceId ? { instanceId: v.ui.check.instanceId.trim() } : {}),
    ...(product?.productCode ? { productCode: product.productCode } : {}),
    evidence: [
      ...(live ? [`Verdict with live agreements: ${VERDICT_LOOK[live.verdict].words.toUpperCase()}. ${live.reasons.join(' ')}`, ''] : []),
      r.evidenceText,
      ...(confirmation ? [`ConfirmProductInstance: ${confirmation.message} (request ${confirmation.requestId ?? 'none'}, ${confirmation.time})`] : []),
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
    h('small', { class: 'muted' }, ` Request id ${c.requestId ?? 'none'} · ${c.time} · profile ${c.profile ?? 'default chain'}`),
  );
}

async function confirm(v: PanelView, area: HTMLElement, status: HTMLElement): Promise<void> {
  fill(area, h('p', { class: 'muted' }, icon('loading'), ' Confirming with AWS…'));
  try {
    const reply = await ask({ kind: 'confirm', input: v.ui.check });
    last = reply.check;
    confirmation = reply.confirmation;
    const target = document.getElementById('check-result');
    if (target) fill(target, renderResult(v, last));
    if (!reply.confirmation) fill(document.getElementById('confirm-result') ?? area, h('p', { class: 'muted' }, 'Confirmation cancelled.'));
  } catch (error) {
    fill(area, h('p', { class: 'error', role: 'alert' }, icon('error'), ' ', (error as Error).message));
    status.textContent = '';
  }
}

/** Verify an identity document the customer pasted: offline, AWS's certificates only, recorded in the audit log. */
function identityForm(v: PanelView): HTMLElement {
  const method = h(
    'select',
    { id: 'identity-method' },
    h('option', { value: 'pkcs7' }, '/pkcs7 (PKCS7, carries the document)'),
    h('option', { value: 'rsa2048' }, '/rsa2048 (PKCS7, carries the document)'),
    h('option', { value: 'signature' }, '/signature (needs the document too)'),
  );
  const signature = h('textarea', { id: 'identity-signature', rows: 5, spellcheck: 'false', 'aria-describedby': 'identity-hint' });
  const document = h('textarea', { id: 'identity-document', rows: 4, spellcheck: 'false' });
  const answer = h('div', { id: 'identity-result', 'aria-live': 'polite' });
  const verify = async () => {
    const code = v.state.reports.products.find((p) => p.id === v.ui.check.productId)?.code;
    try {
      const r = await ask({
        kind: 'verifyIdentity',
        method: method.value as 'pkcs7' | 'rsa2048' | 'signature',
        signature: signature.value,
        document: document.value || undefined,
        account: v.ui.check.account || undefined,
        productCode: code,
      });
      fill(
        answer,
        h('p', { class: r.verified ? 'ok' : 'warning', id: 'identity-verdict' }, icon(r.verified ? 'verified-filled' : 'warning'), ' ', r.message),
        h(
          'ul',
          {},
          r.checks.map((c) => h('li', { class: c.ok ? '' : 'warning' }, `${c.ok ? '✓' : '✗'} ${c.name}: ${c.detail}`)),
        ),
        r.auditProblem ? h('p', { class: 'error' }, r.auditProblem) : '',
      );
      // The audit log has a new line: the account's recent confirmations list it.
      if (v.ui.check.account) void runCheck(v);
    } catch (error) {
      fill(answer, h('p', { class: 'error', role: 'alert', id: 'identity-verdict' }, icon('error'), ' ', (error as Error).message));
    }
  };
  return h(
    'details',
    { class: 'identity' },
    h('summary', {}, icon('shield'), ' Verify an instance identity document (offline)'),
    h(
      'p',
      { id: 'identity-hint', class: 'hint' },
      "Paste what the instance metadata service gave the customer. It is checked against AWS's published certificates only, with the account and product above as expectations, and recorded in the audit log.",
    ),
    h('div', { class: 'field' }, h('label', { for: 'identity-method' }, 'Signature'), method),
    h('div', { class: 'field' }, h('label', { for: 'identity-signature' }, 'Signature as pasted'), signature),
    h('div', { class: 'field' }, h('label', { for: 'identity-document' }, 'Document (/document), for /signature'), document),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', id: 'identity-verify', class: 'primary', on: { click: () => void verify() } }, icon('shield'), ' Verify'),
    ),
    answer,
  );
}

/** The account's live AWS Marketplace agreements beside the reports: the combined verdict and each agreement. */
async function checkLive(v: PanelView, area: HTMLElement): Promise<void> {
  fill(area, h('p', { class: 'muted' }, icon('loading'), ' Searching AWS Marketplace agreements (us-east-1)…'));
  try {
    const reply = await ask({ kind: 'checkLive', input: v.ui.check });
    // The check again: the search is now the account's newest recorded evidence.
    last = reply.check;
    liveAnswer = reply;
    const target = document.getElementById('check-result');
    const hadFocus = document.activeElement?.id === 'check-live';
    if (target) fill(target, renderResult(v, last));
    // The redraw replaced the button: a keyboard user stays where they were (the answer is announced).
    if (hadFocus) document.getElementById('check-live')?.focus();
  } catch (error) {
    fill(area, h('p', { class: 'error', role: 'alert' }, icon('error'), ' ', (error as Error).message));
  }
}

/** A live search's answer: the combined verdict, its reasons, each agreement, where and when it was asked. */
function liveLines(r: PanelReplies['checkLive']): (HTMLElement | '')[] {
  const look = VERDICT_LOOK[r.verdict];
  return [
    h(
      'p',
      { id: 'live-verdict', class: { active: 'ok', none: 'muted', error: 'warning' }[r.live.verdict] },
      icon(look.icon),
      ` With live agreements: ${look.words}`,
    ),
    h(
      'ul',
      {},
      r.reasons.map((reason) => h('li', {}, reason)),
    ),
    r.live.error ? h('p', { class: 'warning' }, `Search failed (${r.live.error.kind}): ${r.live.error.message}`) : '',
    r.live.agreements.length
      ? gridTable(
          [
            { name: 'Agreement', kind: 'id' },
            { name: 'Status' },
            { name: 'Product', kind: 'id' },
            { name: 'Start', kind: 'when' },
            { name: 'End', kind: 'when' },
          ],
          r.live.agreements.map((a) => [a.agreementId, a.status, a.productId ?? '-', a.startTime ?? '-', a.endTime ?? 'pay-as-you-go']),
        )
      : '',
    h(
      'p',
      { class: 'hint', id: 'live-request' },
      `Asked ${r.live.endpoint} at ${r.live.checkedAt} as ${r.live.profile ?? 'the default credential chain'}; request ids ${r.live.requestIds.join(', ') || 'none'}.`,
    ),
    r.auditProblem ? h('p', { class: 'error' }, r.auditProblem) : h('p', { class: 'hint' }, 'Recorded in the audit log.'),
  ];
}
