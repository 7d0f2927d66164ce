// Verify an instance identity document the customer pasted: offline, AWS's certificates only,
// recorded in the audit log. What was pasted is kept in the webview's state, so checking another
// account (which redraws the section) or hiding the panel does not wipe it; the answer says its two
// facts apart, whether AWS signed it and whether it confirms the product.
import type { IdentityDraft, IdentityFactView, PanelReplies } from '../shared/panel-protocol';
import { fill, h, icon } from './dom';
import { ask } from './host';
import type { PanelView } from './panel-view';

/** What the form shows beyond the saved draft, kept by the Check section's screen (check-screen.ts) across redraws. */
export interface IdentityScreen {
  /** The newest answer and the account it was asked for: shown again only while that account is on screen. */
  answered?: { account: string; reply: PanelReplies['verifyIdentity'] };
  /** Whether the engineer unfolded the form. */
  unfolded: boolean;
}

const EMPTY: IdentityDraft = { method: 'pkcs7', signature: '', document: '' };

/** The identity form under Check a customer, drawn from and keeping to `screen`; `recorded` runs after a verification is in the audit log. */
export function identityForm(
  v: PanelView,
  screen: IdentityScreen,
  recorded: () => void,
): HTMLElement {
  const draft = (): IdentityDraft => (v.ui.identity ??= { ...EMPTY });
  const keep = (key: 'signature' | 'document') => (e: Event) => {
    draft()[key] = (e.target as HTMLTextAreaElement).value;
    v.save();
  };
  const current = v.ui.identity ?? EMPTY;
  // /rsa2048 is left out until an AWS certificate for it is bundled: nothing here could verify it.
  const method = h(
    'select',
    {
      id: 'identity-method',
      on: {
        change: (e) => {
          draft().method =
            (e.target as HTMLSelectElement).value === 'signature' ? 'signature' : 'pkcs7';
          v.save();
        },
      },
    },
    h(
      'option',
      { value: 'pkcs7', selected: current.method === 'pkcs7' },
      '/pkcs7 (carries the document)',
    ),
    h(
      'option',
      { value: 'signature', selected: current.method === 'signature' },
      '/signature (needs the document too)',
    ),
  );
  const signature = h(
    'textarea',
    {
      id: 'identity-signature',
      rows: 5,
      spellcheck: 'false',
      'aria-describedby': 'identity-hint',
      on: { input: keep('signature') },
    },
    current.signature,
  );
  const document = h(
    'textarea',
    { id: 'identity-document', rows: 4, spellcheck: 'false', on: { input: keep('document') } },
    current.document,
  );
  const answer = h('div', { id: 'identity-result', 'aria-live': 'polite' });
  if (screen.answered && screen.answered.account === v.ui.check.account)
    fill(answer, answerLines(screen.answered.reply));
  const verify = async () => {
    const code = v.state.reports.products.find((p) => p.id === v.ui.check.productId)?.code;
    const account = v.ui.check.account;
    try {
      const reply = await ask({
        kind: 'verifyIdentity',
        method: method.value === 'signature' ? 'signature' : 'pkcs7',
        signature: signature.value,
        document: document.value || undefined,
        account: account || undefined,
        productCode: code,
      });
      screen.answered = { account, reply };
      fill(answer, answerLines(reply));
      // The audit log has a new line: the account's recent confirmations list it.
      if (account) recorded();
    } catch (error) {
      screen.answered = undefined;
      fill(
        answer,
        h(
          'p',
          { class: 'error', role: 'alert', id: 'identity-verdict' },
          icon('error'),
          ' ',
          (error as Error).message,
        ),
      );
    }
  };
  return h(
    'details',
    {
      class: 'identity',
      open: screen.unfolded,
      on: {
        toggle: (e) => {
          screen.unfolded = (e.target as HTMLDetailsElement).open;
        },
      },
    },
    h('summary', {}, icon('shield'), ' Verify an instance identity document (offline)'),
    h(
      'p',
      { id: 'identity-hint', class: 'hint' },
      "Paste what the instance metadata service gave the customer. It is checked against AWS's published certificates only, with the account and product above as expectations, and recorded in the audit log. " +
        '/rsa2048 is not offered: no AWS certificate for it is bundled yet, so ask the customer for /pkcs7.',
    ),
    h('div', { class: 'field' }, h('label', { for: 'identity-method' }, 'Signature'), method),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'identity-signature' }, 'Signature as pasted'),
      signature,
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'identity-document' }, 'Document (/document), for /signature'),
      document,
    ),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          type: 'button',
          id: 'identity-verify',
          class: 'primary',
          on: { click: () => void verify() },
        },
        icon('shield'),
        ' Verify',
      ),
    ),
    answer,
  );
}

/** Both facts apart (signed by AWS; confirms the product), when the instance started, warnings, then each check in words. */
function answerLines(r: PanelReplies['verifyIdentity']): (HTMLElement | '')[] {
  const fact = (id: string, f: IdentityFactView, good: string, bad: string, badClass: string) =>
    h(
      'p',
      { class: f.ok ? 'ok' : badClass, id },
      icon(f.ok ? good : bad),
      ' ',
      h('strong', {}, `${f.verdict}:`),
      ` ${f.text}`,
    );
  return [
    fact('identity-verdict', r.authenticity, 'verified-filled', 'error', 'error'),
    fact('identity-confirmation', r.confirmation, 'pass', 'warning', 'warning'),
    r.started
      ? h('p', { class: 'muted', id: 'identity-started' }, icon('clock'), ` ${r.started}`)
      : '',
    ...r.warnings.map((w) =>
      h('p', { class: 'warning', role: 'alert' }, icon('warning'), ` Warning: ${w}.`),
    ),
    h(
      'ul',
      { class: 'identity-checks' },
      r.checks.map((c) =>
        h('li', { class: c.ok ? '' : 'warning', title: c.name }, `${c.ok ? '✓' : '✗'} ${c.detail}`),
      ),
    ),
    r.auditProblem ? h('p', { class: 'error' }, r.auditProblem) : '',
  ];
}
