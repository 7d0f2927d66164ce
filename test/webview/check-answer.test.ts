// src/webview/check-answer.ts and the parts it draws (reports-answer, confirm-with-aws, live-search,
// eligibility-case): every string from the host (reports, the audit log, AWS's answers, errors) is shown
// as text, whatever markup it holds; Start case carries the answer on screen.
import * as assert from 'node:assert/strict';
import type { CheckAnswer, CheckResult, PanelState } from '../../src/shared/panel-protocol';
import { NO_AWS_CALL } from '../../src/shared/restricted-words';
import { newCheckScreen, renderCheck } from '../../src/webview/check-section';
import {
  activeAgreement,
  checkResult,
  confirmation,
  panelState,
  panelView,
} from './support/check-answers';
import { panelHost, settle } from './support/panel-host';

const ACCOUNT = '111122223333';

/** Markup that would run or draw if parsed, told apart per field by `what`. */
const hostile = (what: string) =>
  `<img src=x onerror="alert('${what}')"><script>alert('${what}')</script><b>${what}</b>`;
const benign = (what: string) => `plain ${what}`;

/** An answer with every string the host sends made by `text` (the verdicts and numbers stay valid). */
function answerOf(text: (what: string) => string): { state: PanelState; answer: CheckAnswer } {
  const confirmed = confirmation(ACCOUNT, {
    message: text('confirmation'),
    profile: text('profile'),
    requestId: text('request id'),
    instanceId: text('instance'),
  });
  const check: CheckResult = checkResult(ACCOUNT, 1, {
    verdict: 'lapsed',
    warnings: [text('warning')],
    subscriptions: [
      {
        productId: text('product id'),
        productTitle: text('product title'),
        productCode: text('product code'),
        verdict: 'lapsed',
        reasons: [text('reason')],
        evidence: [{ file: '/reports/r.csv', line: 2, label: text('evidence label') }],
      },
      {
        productId: 'prod-2',
        productTitle: text('unlisted title'),
        verdict: 'unlisted',
        reasons: [text('unlisted reason')],
        evidence: [],
        newestReport: text('newest'),
      },
    ],
    notListed: text('not listed'),
    goodFaith: text('good faith'),
    freshness: text('freshness'),
    contacts: [text('contact')],
    recentConfirmations: [confirmed],
    recorded: { live: text('recorded live'), identity: text('recorded identity') },
  });
  const live = activeAgreement(check, {
    agreements: [
      {
        agreementId: text('agreement'),
        status: text('status'),
        productId: text('agreement product'),
        startTime: null,
        endTime: null,
      },
    ],
    error: { kind: text('error kind'), message: text('error message') },
    endpoint: text('endpoint'),
    requestIds: [text('live request id')],
    profile: text('live profile'),
  });
  live.reasons = [text('live reason')];
  live.auditProblem = text('audit problem');
  return {
    state: panelState({ productTitle: text('reports product') }),
    answer: { check, confirmation: { account: ACCOUNT, result: confirmed }, live },
  };
}

/** Draws the section with `answer` on screen, as a restored panel does, and returns its answer area. */
function drawn(state: PanelState, answer: CheckAnswer): HTMLElement {
  const v = panelView(state, {
    check: { account: ACCOUNT, instanceId: 'i-0a1b2c3d4e5f60718' },
    answer,
  });
  const section = renderCheck(v, newCheckScreen());
  document.body.replaceChildren(section);
  // The reports' answer folds under the live verdict: unfold it so that its text is on the page as shown.
  section.querySelector<HTMLDetailsElement>('#reports-alone')!.open = true;
  return section.querySelector('#check-result')!;
}

/** The elements and attribute names of `root` in document order: what markup in a string would change. */
function shape(root: Element): string[] {
  return [root, ...root.querySelectorAll('*')].map(
    (e) => `${e.tagName.toLowerCase()}[${e.getAttributeNames().sort().join(',')}]`,
  );
}

describe('the answer to a check: text from the host stays text', () => {
  it('draws an answer whose every string holds markup with exactly the elements of a plain one, the markup as its characters', () => {
    const plain = answerOf(benign);
    const expected = shape(drawn(plain.state, plain.answer));
    const attack = answerOf(hostile);
    const result = drawn(attack.state, attack.answer);
    assert.deepEqual(shape(result), expected, 'no element or attribute came from a string');
    assert.equal(result.querySelectorAll('script, img, b').length, 0);
    const text = result.textContent;
    const fields = [
      'warning',
      'product title',
      'product id',
      'product code',
      'reason',
      'evidence label',
      'unlisted title',
      'unlisted reason',
      'newest',
      'not listed',
      'good faith',
      'freshness',
      'contact',
      'recorded live',
      'recorded identity',
      'confirmation',
      'profile',
      'request id',
      'instance',
      'reports product',
      'agreement',
      'agreement product',
      'status',
      'error kind',
      'error message',
      'endpoint',
      'live request id',
      'live profile',
      'live reason',
      'audit problem',
    ];
    for (const what of fields)
      assert.ok(text.includes(hostile(what)), `the ${what} is shown as typed: ${hostile(what)}`);
    // A recent confirmation's sentence is its tooltip: an attribute value, never parsed.
    assert.equal(
      result.querySelector('#recent-confirmations li')!.getAttribute('title'),
      hostile('confirmation'),
    );
  });

  it("shows the host's words for a failed Check and a failed live search as text", async () => {
    const v = panelView(panelState(), { check: { account: ACCOUNT } });
    const screen = newCheckScreen();
    document.body.replaceChildren(renderCheck(v, screen));
    document.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    panelHost.reply(panelHost.only('check'), checkResult(ACCOUNT, 1));
    await settle();
    document.querySelector<HTMLElement>('#check-live')!.click();
    panelHost.fail(panelHost.only('checkLive'), hostile('live failure'));
    await settle();
    const live = document.querySelector('#live-result')!;
    assert.equal(live.textContent, ` ${hostile('live failure')}`);
    assert.equal(live.querySelectorAll('script, img, b').length, 0);
    document.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    panelHost.fail(panelHost.only('check'), hostile('check failure'));
    await settle();
    const result = document.querySelector('#check-result')!;
    assert.equal(result.textContent, ` ${hostile('check failure')}`);
    assert.equal(result.querySelectorAll('script, img, b').length, 0);
  });
});

describe('Start case from the answer', () => {
  it('hands the eligibility form the account, instance, product code and evidence, the live verdict first when it leads', () => {
    const check = checkResult(ACCOUNT, 1, {
      verdict: 'lapsed',
      evidenceText: `Account ${ACCOUNT}: LAPSED`,
      recorded: {
        confirmation: 'Confirmed by ConfirmProductInstance',
        live: 'Live agreements: ACTIVE',
        identity: 'Identity document: Authentic',
      },
    });
    const v = panelView(panelState(), {
      check: { account: ACCOUNT, instanceId: ' i-0a1b2c3d4e5f60718 ' },
      answer: { check, live: activeAgreement(check) },
    });
    document.body.replaceChildren(renderCheck(v, newCheckScreen()));
    document.querySelector<HTMLElement>('#start-case')!.click();
    assert.deepEqual(v.started, [
      {
        templateId: 'eligibility',
        values: {
          account: ACCOUNT,
          instanceId: 'i-0a1b2c3d4e5f60718',
          productCode: '8a2kq9xw3vbn7m4c1zt6ry5pd',
          evidence: [
            'Verdict with live agreements: ELIGIBLE. agreement agmt-1 is ACTIVE for prod-5qwz3vsg4kbfw',
            '',
            `Account ${ACCOUNT}: LAPSED`,
            'Confirmed by ConfirmProductInstance',
          ].join('\n'),
          liveAgreement: 'Live agreements: ACTIVE',
          identityDocument: 'Identity document: Authentic',
        },
      },
    ]);
  });
});

describe('the AWS buttons in Restricted Mode', () => {
  it('are off and say the one wording of the extension, whatever was typed; on when trusted', () => {
    const check = checkResult(ACCOUNT, 1, { verdict: 'eligible' });
    const buttons = (trusted: boolean) => {
      const v = panelView(panelState({ trusted }), {
        check: { account: ACCOUNT, instanceId: 'i-0a1b2c3d4e5f60718' },
        answer: { check },
      });
      document.body.replaceChildren(renderCheck(v, newCheckScreen()));
      return ['#confirm-aws', '#check-live']
        .map((id) => document.querySelector<HTMLButtonElement>(id)!)
        .map((b) => ({ disabled: b.disabled, title: b.title }));
    };
    assert.deepEqual(buttons(false), [
      { disabled: true, title: NO_AWS_CALL },
      { disabled: true, title: NO_AWS_CALL },
    ]);
    for (const button of buttons(true)) {
      assert.equal(button.disabled, false);
      assert.doesNotMatch(button.title, /Restricted Mode/);
    }
  });
});
