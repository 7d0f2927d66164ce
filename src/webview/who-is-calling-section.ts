// "Who is calling?" inside Check a customer: when the box holds an e-mail address, a domain or a
// company name instead of an account, the host searches the Seller Delivery Data Feeds and each
// matching account is shown with the feeds' verdict, its agreements and their feed lines, and a
// button that checks it. The moment (as of, known at) is asked beside the box. Text nodes only.
import type { WhoIsCallingAnswer } from '../shared/panel-protocol';
import { debounce, fill, h, icon, textField } from './dom';
import { askNewest, SUPERSEDED } from './host';

/** The moment fields' values and the last answer (or error), kept while the panel lives. */
const moment = { asOf: '', knownAt: '' };
let shown: WhoIsCallingAnswer | undefined;
let failed: string | undefined;

/** True when the box holds something other than an account number (digits, dashes, spaces): an e-mail, a domain, a company. */
export function isWhoText(text: string): boolean {
  return /[^\d\s-]/.test(text.trim());
}

/** The as-of and known-at fields (a day or an instant; empty means now and everything delivered). */
export function momentFields(onChange: () => void): HTMLElement {
  const field = (id: string, key: 'asOf' | 'knownAt', label: string, hint: string) =>
    textField(
      id,
      label,
      moment[key],
      key === 'asOf' ? '2026-11-22 or 2026-11-21T18:30:00Z' : '2026-11-01T00:00:00Z',
      hint,
      (value) => {
        moment[key] = value.trim();
        later(onChange);
      },
    );
  return h(
    'div',
    { class: 'who-moment' },
    field('check-as-of', 'asOf', 'As of (feeds)', 'A day means its end in UTC; empty is now.'),
    field(
      'check-known-at',
      'knownAt',
      'As AWS knew it at (feeds)',
      'What AWS recorded later is ignored; empty is everything delivered.',
    ),
  );
}

const later = debounce((fn: () => void) => fn(), 300);

/** Asks the host who `text` is (the newest search's answer only) and shows it in `#who-result`. */
export async function runWhoIsCalling(
  text: string,
  onCheck: (account: string) => void,
): Promise<void> {
  try {
    const reply = await askNewest({
      kind: 'whoIsCalling',
      text,
      ...(moment.asOf ? { asOf: moment.asOf } : {}),
      ...(moment.knownAt ? { knownAt: moment.knownAt } : {}),
    });
    if (reply === SUPERSEDED) return;
    shown = reply;
    failed = undefined;
  } catch (error) {
    failed = (error as Error).message;
  }
  fillWho(onCheck);
}

/** Forgets the answer on screen (an account was typed instead). */
export function clearWho(): void {
  shown = undefined;
  failed = undefined;
  const target = document.getElementById('who-result');
  if (target) fill(target);
}

/** The place the answer shows, filled with the last one. */
export function whoResult(onCheck: (account: string) => void): HTMLElement {
  const target = h('div', { id: 'who-result', 'aria-live': 'polite' });
  fillInto(target, onCheck);
  return target;
}

function fillWho(onCheck: (account: string) => void): void {
  const target = document.getElementById('who-result');
  if (target) fillInto(target, onCheck);
}

function fillInto(target: HTMLElement, onCheck: (account: string) => void): void {
  if (failed)
    return fill(target, h('p', { class: 'error', role: 'alert' }, icon('error'), ' ', failed));
  if (!shown) return fill(target);
  const a = shown;
  fill(
    target,
    h(
      'h3',
      { id: 'who-heading' },
      icon('person'),
      ` ${a.matches.length} account${a.matches.length === 1 ? '' : 's'} in the feeds for ${a.searched}`,
    ),
    h('p', { class: 'muted' }, `Judged ${a.moment}; ${a.delivered}.`),
    ...a.matches.map((m) =>
      h(
        'div',
        { class: 'who-match' },
        h(
          'h4',
          { class: `verdict feed-verdict-${m.verdict}` },
          `${m.account}: ${m.verdict}`,
          m.company || m.emailDomain
            ? ` (${[m.company, m.emailDomain].filter(Boolean).join(', ')})`
            : '',
        ),
        h('ul', {}, ...m.reasons.map((r) => h('li', {}, r))),
        ...m.agreements.map((g) =>
          h(
            'p',
            { class: 'who-agreement' },
            `${g.agreementId}: ${g.status}${g.productTitle ? ` · ${g.productTitle}` : ''} · ${g.visibility} offer ${g.offerId}${g.reseller ? ' · resold by a channel partner' : ''}`,
            h('br'),
            `starts ${g.startTime ?? '-'}, ${g.endTime ? `ends ${g.endTime}` : 'no end (pay-as-you-go)'}, accepted ${g.acceptanceTime ?? '-'}`,
            h('br'),
            'Evidence: ',
            ...g.evidence.flatMap((e, i) => [
              i > 0 ? ', ' : '',
              h('code', { class: 'feed-evidence' }, e.label),
            ]),
          ),
        ),
        h(
          'button',
          { type: 'button', class: 'who-check', on: { click: () => onCheck(m.account) } },
          icon('search'),
          ` Check ${m.account}`,
        ),
      ),
    ),
  );
}
