// Check a customer: the verdict from the reports as the account is typed, with its evidence, and
// Confirm with AWS, Check live agreements, Start case and Copy evidence beside it. Each kind of answer
// has its own place: only the reply to the newest request of a kind lands, a check never clears a
// confirmation or a live search, and the answer is kept in the saved state (hiding the panel loses nothing).
// This file is the form and the Check request; the answer is drawn by check-answer.ts, the requests
// beside it live in confirm-with-aws.ts and live-search.ts, and what the screen holds in check-screen.ts.
import { renderAnswer } from './check-answer';
import { CheckScreen } from './check-screen';
import { h, icon, textField } from './dom';
import { askNewest, SUPERSEDED } from './host';
import { identityForm } from './identity-section';
import { followCustomer } from './line-bar';
import type { PanelView } from './panel-view';
import {
  clearWho,
  isWhoText,
  momentFields,
  runWhoIsCalling,
  whoResult,
} from './who-is-calling-section';

/** A new, empty screen for the section: one per panel, kept for as long as the webview lives. */
export function newCheckScreen(): CheckScreen {
  return new CheckScreen(renderAnswer);
}

/** The section: the reports line, the form (account, instance, product), the answer on `screen` and the identity form. */
export function renderCheck(v: PanelView, screen: CheckScreen): HTMLElement {
  const input = (
    id: string,
    label: string,
    key: 'account' | 'instanceId',
    placeholder: string,
    hint: string,
  ) =>
    textField(id, label, v.ui.check[key] ?? '', placeholder, hint, (value) => {
      v.ui.check[key] = value;
      v.save();
      screen.afterTyping(() => lookUp(v, screen));
    });
  const products = h(
    'select',
    {
      id: 'check-product',
      on: {
        change: (e) => {
          v.ui.check.productId = (e.target as HTMLSelectElement).value || undefined;
          v.save();
          void runCheck(v, screen);
        },
      },
    },
    h('option', { value: '' }, 'Any product'),
    v.state.playbook &&
      v.state.reports.products.map((p) =>
        h(
          'option',
          { value: p.id, selected: p.id === v.ui.check.productId },
          `${p.title ?? p.id}${p.title ? ` (${p.id})` : ''}`,
        ),
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
          lookUp(v, screen, true);
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
    input(
      'check-instance',
      'Instance id (optional)',
      'instanceId',
      'i-0123456789abcdef0',
      'Needed to confirm with AWS.',
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'check-product' }, 'Product (optional)'),
      products,
    ),
    momentFields(() => lookUp(v, screen)),
    h(
      'div',
      { class: 'field buttons' },
      h('button', { type: 'submit', class: 'primary' }, icon('search'), ' Check'),
    ),
  );
  const result = h('div', { id: 'check-result', 'aria-live': 'polite' });
  const section = h(
    'div',
    {},
    h('h2', {}, 'Check a customer'),
    reportsLine(v),
    form,
    whoResult((account) => checkFound(v, screen, account)),
    result,
    identityForm(v, screen.identity, () => void runCheck(v, screen)),
  );
  if (v.ui.check.account) screen.fillResult(v, result);
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

/** An account is checked; anything else in the box (an e-mail, a company) is looked up in the feeds. */
function lookUp(v: PanelView, screen: CheckScreen, submitted = false): void {
  const text = v.ui.check.account;
  if (isWhoText(text))
    return void runWhoIsCalling(text, (account) => checkFound(v, screen, account));
  clearWho();
  if (submitted || /\d/.test(text)) void runCheck(v, screen);
}

/** A feeds match picked: its account goes into the box and is checked. */
function checkFound(v: PanelView, screen: CheckScreen, account: string): void {
  v.ui.check.account = account;
  v.save();
  const box = document.getElementById('check-account') as HTMLInputElement | null;
  if (box) box.value = account;
  clearWho();
  void runCheck(v, screen);
}

/** Asks the host for the verdict of the account in the form and shows it on `screen` (the newest Check's answer only). */
export async function runCheck(v: PanelView, screen: CheckScreen): Promise<void> {
  try {
    const reply = await askNewest({ kind: 'check', input: { ...v.ui.check } });
    if (reply === SUPERSEDED) return;
    screen.checkError = undefined;
    // A Confirm or a live search answered after this check was asked has the newer audit log: it stays.
    if (screen.isOlder(v, reply)) return screen.redraw(v);
    screen.show(v, reply);
    void followCustomer(v, reply);
  } catch (error) {
    screen.checkError = (error as Error).message;
    screen.redraw(v);
  }
}

/**
 * The audit log changed (a confirmation from the palette or the CLI, another window): the account on
 * screen is checked again, so its recent confirmations and recorded proof follow the trail.
 */
export function auditChanged(v: PanelView, screen: CheckScreen): void {
  if (v.ui.answer && v.ui.check.account) void runCheck(v, screen);
}
