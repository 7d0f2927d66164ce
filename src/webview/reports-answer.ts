// The reports' own answer under a check: the good-faith rule when the account may be a new subscriber,
// each listed product's verdict with its reasons and evidence (a link to the report line), and the
// products the account is not listed for under one sentence.
import type { CheckResult } from '../shared/panel-protocol';
import { VERDICT_LOOK } from './check-look';
import { act, h, icon } from './dom';
import { ask } from './host';

type Subscription = CheckResult['subscriptions'][number];

/**
 * The blocks of the reports' answer for `r`, in order: good-faith rule, listed products, unlisted ones.
 * Opening an evidence line reports its outcome in `status`.
 */
export function reportsAnswer(r: CheckResult, status: HTMLElement): HTMLElement[] {
  const unlisted = r.subscriptions.filter((s) => s.verdict === 'unlisted');
  return [
    ...(r.goodFaith
      ? [
          h(
            'div',
            { class: 'good-faith' },
            h('h4', {}, icon('heart'), ' Good-faith rule'),
            h('p', {}, r.goodFaith),
          ),
        ]
      : []),
    ...r.subscriptions
      .filter((s) => s.verdict !== 'unlisted')
      .map((s) => subscriptionBlock(s, status)),
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
                  s.newestReport
                    ? h('span', { class: 'muted' }, ` · newest report ${s.newestReport}`)
                    : '',
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

/** What the folded reports' answer holds, for its summary: "the good-faith rule and 5 products". */
export function reportsAloneContents(r: CheckResult): string {
  const n = r.subscriptions.length;
  const products = n ? `${n} product${n === 1 ? '' : 's'}` : '';
  return [r.goodFaith ? 'the good-faith rule' : '', products].filter(Boolean).join(' and ');
}

function productHeading(s: Subscription): string {
  return `${s.productTitle ?? s.productId}${s.productTitle ? ` (${s.productId})` : ''}${s.productCode ? ` · code ${s.productCode}` : ''}`;
}

function subscriptionBlock(s: Subscription, status: HTMLElement): HTMLElement {
  return h(
    'div',
    { class: 'subscription' },
    h(
      'h4',
      {},
      icon(VERDICT_LOOK[s.verdict].icon),
      ` ${productHeading(s)}: ${VERDICT_LOOK[s.verdict].words}`,
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
                title: `Open ${e.label} in an editor`,
                on: {
                  click: () =>
                    void act(status, ask({ kind: 'openEvidence', file: e.file, line: e.line })),
                },
              },
              e.label,
            ),
          ]),
        )
      : '',
  );
}
