// src/webview/check-section.ts and check-screen.ts: which reply lands when requests cross (only the
// newest of a kind, and never a check older than the one on screen), and what the section keeps across
// a redraw (another tab and back, a new state from the host) in its CheckScreen.
import * as assert from 'node:assert/strict';
import type { PanelState, WebviewState } from '../../src/shared/panel-protocol';
import type { CheckScreen } from '../../src/webview/check-screen';
import { newCheckScreen, renderCheck } from '../../src/webview/check-section';
import type { PanelView } from '../../src/webview/panel-view';
import {
  activeAgreement,
  checkResult,
  confirmation,
  panelState,
  panelView,
} from './support/check-answers';
import { panelHost, settle } from './support/panel-host';

const A = '111122223333';
const B = '444455556666';
const INSTANCE = 'i-0a1b2c3d4e5f60718';
const PRODUCT = 'prod-5qwz3vsg4kbfw';

/** Draws the section as panel.ts does (again on every tab switch or new state), into the page. */
function mount(v: PanelView, screen: CheckScreen): HTMLElement {
  const section = renderCheck(v, screen);
  document.body.replaceChildren(section);
  return section;
}

function el<T extends HTMLElement = HTMLElement>(selector: string): T {
  const found = document.querySelector<T>(selector);
  assert.ok(found, `nothing on the page matches ${selector}`);
  return found;
}

const shown = (): string | undefined =>
  document.querySelector('#check-verdict')?.textContent?.trim();
const sequence = (): string | null => el('#check-result').getAttribute('data-sequence');

/** The engineer presses Check for `account` (what typing would have put in the form). */
function check(v: PanelView, account: string): void {
  v.ui.check.account = account;
  el('form.check-form').dispatchEvent(new Event('submit', { cancelable: true }));
}

/** A section for `account` with its check (number `seq`) on screen. */
async function checked(account: string, seq: number, state: PanelState = panelState()) {
  const v = panelView(state, { check: { account, instanceId: INSTANCE, productId: PRODUCT } });
  const screen = newCheckScreen();
  mount(v, screen);
  check(v, account);
  panelHost.reply(panelHost.only('check'), checkResult(account, seq));
  await settle();
  assert.equal(shown(), `${account}: Eligible`);
  return { v, screen };
}

/** An empty section where the engineer pressed Check for A, then for B, both still asked. */
function twoChecks() {
  const v = panelView(panelState());
  mount(v, newCheckScreen());
  check(v, A);
  check(v, B);
  const [first, second] = panelHost.pending('check');
  return { v, first, second };
}

describe('Check a customer: the reply that lands', () => {
  it('shows the newest Check when it answers first and drops the older one answering after it', async () => {
    const { first, second } = twoChecks();
    assert.deepEqual(
      [first.request, second.request],
      [
        { kind: 'check', input: { account: A } },
        { kind: 'check', input: { account: B } },
      ],
    );
    panelHost.reply(second, checkResult(B, 2));
    await settle();
    assert.equal(shown(), `${B}: Eligible`);
    panelHost.reply(first, checkResult(A, 1));
    await settle();
    assert.equal(shown(), `${B}: Eligible`);
    assert.equal(sequence(), '2');
    assert.equal(
      (panelHost.saved as WebviewState).answer?.check.account,
      B,
      'the saved answer (setState) is the newest check too',
    );
  });

  it('drops an older Check answering first, while a newer one is still asked, and shows the newer when it comes', async () => {
    const { v, first, second } = twoChecks();
    panelHost.reply(first, checkResult(A, 1));
    await settle();
    assert.equal(shown(), undefined, `the check of ${A} was superseded by the one of ${B}`);
    assert.equal(v.ui.answer, undefined);
    panelHost.reply(second, checkResult(B, 2));
    await settle();
    assert.equal(shown(), `${B}: Eligible`);
  });

  it("keeps a Confirm's newer check when a Check asked before the Confirm answered answers after it", async () => {
    const { v } = await checked(A, 1);
    check(v, A);
    el('#confirm-aws').click();
    assert.match(el('#confirm-result').textContent, /Confirming with AWS…/);
    const confirmed = confirmation(A);
    panelHost.reply(panelHost.only('confirm'), {
      confirmation: confirmed,
      check: checkResult(A, 3, { recentConfirmations: [confirmed] }),
    });
    await settle();
    assert.equal(sequence(), '3');
    assert.match(el('#confirmation-verdict').textContent, new RegExp(`^ Confirmed: ${INSTANCE}`));
    // The Check was asked before the Confirm answered: it read the audit log without the confirmation.
    panelHost.reply(panelHost.only('check'), checkResult(A, 2));
    await settle();
    assert.equal(sequence(), '3');
    assert.match(el('#recent-confirmations').textContent, new RegExp(INSTANCE));
    assert.ok(document.querySelector('#confirmation-verdict'), 'the confirmation stays on screen');
    assert.equal(v.ui.answer?.check.sequence, 3);
  });

  it("drops an older Confirm's reply once a newer Confirm answered", async () => {
    const { v } = await checked(A, 1);
    el('#confirm-aws').click();
    el('#confirm-aws').click();
    const [older, newer] = panelHost.pending('confirm');
    panelHost.reply(newer, { confirmation: null, check: checkResult(A, 2) });
    await settle();
    assert.equal(
      el('#confirm-result').textContent,
      'Confirmation cancelled: nothing was sent to AWS.',
    );
    panelHost.reply(older, { confirmation: confirmation(A), check: checkResult(A, 3) });
    await settle();
    assert.equal(document.querySelector('#confirmation-verdict'), null);
    assert.equal(v.ui.answer?.confirmation, undefined);
    assert.equal(sequence(), '2');
  });

  it('keeps a live search that answers after another account is on screen, and shows it when that account is back', async () => {
    const { v } = await checked(A, 1, panelState());
    el('#check-live').click();
    assert.match(el('#live-result').textContent, /Searching AWS Marketplace agreements/);
    check(v, B);
    panelHost.reply(panelHost.only('check'), checkResult(B, 2));
    await settle();
    panelHost.reply(panelHost.only('checkLive'), activeAgreement(checkResult(A, 3)));
    await settle();
    assert.equal(
      shown(),
      `${B}: Eligible`,
      `the search of ${A} does not take the screen from ${B}`,
    );
    assert.equal(document.querySelector('#live-verdict'), null);
    check(v, A);
    panelHost.reply(panelHost.only('check'), checkResult(A, 4));
    await settle();
    assert.equal(
      el('#live-verdict').textContent,
      ' Live agreements: ACTIVE, verdict with them: Eligible',
    );
    assert.match(el('#live-agreements').textContent, /agmt-1/);
  });

  it('checks as the account is typed, once typing paused, and not for text without a digit', async () => {
    const v = panelView(panelState());
    mount(v, newCheckScreen());
    const account = el<HTMLInputElement>('#check-account');
    for (const text of ['1111', '1111-2222', '1111-2222-3333']) {
      account.value = text;
      account.dispatchEvent(new Event('input'));
    }
    assert.equal(v.ui.check.account, '1111-2222-3333', 'what is typed is kept at once');
    assert.equal(panelHost.pending('check').length, 0, 'no check before the pause');
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.deepEqual(
      panelHost.pending('check').map((r) => r.request),
      [{ kind: 'check', input: { account: '1111-2222-3333' } }],
    );
    account.value = 'acme';
    account.dispatchEvent(new Event('input'));
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(panelHost.pending('check').length, 1, 'a name is not an account: no check');
  });
});

describe('Check a customer: what a redraw keeps', () => {
  it("keeps a failed Confirm's words in their place through a redraw, for its account only", async () => {
    const { v, screen } = await checked(A, 1);
    el('#confirm-aws').click();
    panelHost.fail(
      panelHost.only('confirm'),
      'AccessDeniedException: not authorized to perform ec2:ConfirmProductInstance',
    );
    await settle();
    const failed = () => document.querySelector('#confirm-result [role="alert"]')?.textContent;
    assert.equal(
      failed(),
      ' AccessDeniedException: not authorized to perform ec2:ConfirmProductInstance',
    );
    mount(v, screen);
    assert.equal(
      failed(),
      ' AccessDeniedException: not authorized to perform ec2:ConfirmProductInstance',
      'drawn again (another tab and back)',
    );
    check(v, B);
    panelHost.reply(panelHost.only('check'), checkResult(B, 2));
    await settle();
    assert.equal(failed(), undefined, `not under ${B}`);
    check(v, A);
    panelHost.reply(panelHost.only('check'), checkResult(A, 3));
    await settle();
    assert.match(failed() ?? '', /AccessDeniedException/, `back under ${A}`);
  });

  it('keeps "Reports alone" unfolded through redraws of the account, and folds it for another account', async () => {
    const lapsed = (account: string, seq: number) =>
      checkResult(account, seq, {
        verdict: 'lapsed',
        subscriptions: [{ ...checkResult(account, seq).subscriptions[0], verdict: 'lapsed' }],
      });
    const v = panelView(panelState(), { check: { account: A } });
    const screen = newCheckScreen();
    mount(v, screen);
    check(v, A);
    panelHost.reply(panelHost.only('check'), lapsed(A, 1));
    await settle();
    el('#check-live').click();
    panelHost.reply(panelHost.only('checkLive'), activeAgreement(lapsed(A, 2)));
    await settle();
    assert.equal(shown(), `${A}: Eligible with live agreements (reports alone: Lapsed)`);
    const fold = () => el<HTMLDetailsElement>('#reports-alone');
    assert.equal(fold().open, false);
    fold().open = true;
    fold().dispatchEvent(new Event('toggle'));
    mount(v, screen);
    assert.equal(fold().open, true, 'unfolded after the section is drawn again');
    check(v, A);
    panelHost.reply(panelHost.only('check'), lapsed(A, 3));
    await settle();
    assert.equal(fold().open, true, 'unfolded after a new check of the same account');
    check(v, B);
    panelHost.reply(panelHost.only('check'), lapsed(B, 4));
    await settle();
    check(v, A);
    panelHost.reply(panelHost.only('check'), lapsed(A, 5));
    await settle();
    assert.equal(fold().open, false, 'folded again once another account was on screen');
  });

  it("keeps a failed check's words in place of the answer through a redraw, until a check answers", async () => {
    const { v, screen } = await checked(A, 1);
    check(v, '12');
    panelHost.fail(
      panelHost.only('check'),
      '12 is not an AWS account: it has 2 digits, an account has 12',
    );
    await settle();
    const error = () => document.querySelector('#check-result > [role="alert"]')?.textContent;
    assert.equal(error(), ' 12 is not an AWS account: it has 2 digits, an account has 12');
    assert.equal(shown(), undefined);
    mount(v, screen);
    assert.equal(error(), ' 12 is not an AWS account: it has 2 digits, an account has 12');
    check(v, B);
    panelHost.reply(panelHost.only('check'), checkResult(B, 2));
    await settle();
    assert.equal(error(), undefined);
    assert.equal(shown(), `${B}: Eligible`);
  });

  it('keeps the identity form unfolded, and its answer while its account is on screen', async () => {
    const { v, screen } = await checked(A, 1);
    const form = () => el<HTMLDetailsElement>('details.identity');
    form().open = true;
    form().dispatchEvent(new Event('toggle'));
    el<HTMLTextAreaElement>('#identity-signature').value =
      'MIAGCSqGSIb3DQEHAqCAMIACAQExDzANBglghkgBZQMEAgEFADCABgkqhkiG9w0BBwGggCSABIIB';
    el('#identity-verify').click();
    const asked = panelHost.only('verifyIdentity');
    assert.deepEqual(asked.request, {
      kind: 'verifyIdentity',
      method: 'pkcs7',
      signature: 'MIAGCSqGSIb3DQEHAqCAMIACAQExDzANBglghkgBZQMEAgEFADCABgkqhkiG9w0BBwGggCSABIIB',
      account: A,
      productCode: '8a2kq9xw3vbn7m4c1zt6ry5pd',
    });
    panelHost.reply(asked, {
      verified: true,
      message: 'Authentic',
      authenticity: {
        verdict: 'Authentic',
        text: 'signed by AWS (us-east-1 certificate)',
        ok: true,
      },
      confirmation: {
        verdict: 'Confirmed',
        text: `account ${A} runs product code 8a2kq9xw3vbn7m4c1zt6ry5pd`,
        ok: true,
      },
      warnings: [],
      checks: [],
    });
    await settle();
    const verdict = () => document.querySelector('#identity-verdict')?.textContent;
    assert.equal(verdict(), ' Authentic: signed by AWS (us-east-1 certificate)');
    mount(v, screen);
    assert.equal(form().open, true);
    assert.equal(verdict(), ' Authentic: signed by AWS (us-east-1 certificate)');
    v.ui.check.account = B;
    mount(v, screen);
    assert.equal(form().open, true);
    assert.equal(verdict(), undefined, `the answer was for ${A}`);
  });

  it('keeps the keyboard on the button pressed when its area is drawn again', async () => {
    await checked(A, 1);
    el('#check-live').focus();
    el('#check-live').click();
    assert.match(el('#live-result').textContent, /Searching/);
    assert.equal(document.activeElement?.id, 'check-live');
  });
});
