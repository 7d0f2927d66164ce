// Confirm with AWS from "Check a customer": the request (ConfirmProductInstance through the host, the
// product picker when the product is not known), its note while under way, and how a confirmation reads.
import { productToConfirm, type ConfirmationView } from '../shared/panel-protocol';
import { shownTime } from '../shared/shown-time';
import { productName } from './check-look';
import type { CheckScreen } from './check-screen';
import { h, icon } from './dom';
import { askNewest, SUPERSEDED } from './host';
import type { PanelView } from './panel-view';

/**
 * Confirms the instance typed for the account on screen (v.ui.answer must be set): the note says what is
 * awaited, the reply's confirmation joins the saved answer, and the check it sends back is shown when newer.
 * A newer Confirm's reply supersedes this one's; an error stays in the note.
 */
export async function confirm(v: PanelView, screen: CheckScreen): Promise<void> {
  const r = v.ui.answer!.check;
  // While the product picker is open nothing has gone to AWS yet: say what is awaited.
  const picking = productToConfirm(r, v.ui.check.productId) === undefined;
  screen.confirmNote = {
    account: r.account,
    kind: 'busy',
    text: picking
      ? 'Choose the product in the picker at the top of the window; the instance is then confirmed with AWS.'
      : 'Confirming with AWS…',
  };
  screen.redraw(v);
  try {
    const reply = await askNewest({ kind: 'confirm', input: { ...v.ui.check } });
    if (reply === SUPERSEDED) return;
    screen.confirmNote = reply.confirmation
      ? undefined
      : {
          account: r.account,
          kind: 'muted',
          text: 'Confirmation cancelled: nothing was sent to AWS.',
        };
    if (reply.confirmation)
      v.ui.answer = {
        ...v.ui.answer!,
        confirmation: { account: reply.check.account, result: reply.confirmation },
      };
    v.save();
    screen.showIfNewer(v, reply.check);
  } catch (error) {
    screen.confirmNote = { account: r.account, kind: 'error', text: (error as Error).message };
    screen.redraw(v);
  }
}

/** This panel's newest confirmation of the account: its sentence, then the request id, when and as whom. */
export function confirmationLine(c: ConfirmationView): HTMLElement {
  const good = c.verdict === 'confirmed';
  return h(
    'p',
    { class: good ? 'ok' : 'warning', id: 'confirmation-verdict' },
    icon(good ? 'verified-filled' : 'warning'),
    ' ',
    c.message,
    h(
      'small',
      { class: 'muted' },
      ` Request id ${c.requestId ?? 'none'} · ${shownTime(c.time)} · profile ${c.profile ?? 'default chain'}`,
    ),
  );
}

/**
 * One confirmation of the account in the audit log, on two lines that never clip nor break an id: the
 * verdict, the instance and the product; then when, as whom, and the request id. The full sentence is its tooltip.
 */
export function confirmationItem(v: PanelView, c: ConfirmationView): HTMLElement {
  const good = c.verdict === 'confirmed';
  return h(
    'li',
    { title: c.message },
    h(
      'span',
      { class: `verdict-word ${good ? 'ok' : 'warning'}` },
      icon(good ? 'verified-filled' : 'warning'),
      ` ${c.verdict.replace('-', ' ')}`,
    ),
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
