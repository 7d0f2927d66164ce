// The playbook's support lines as the panel shows them (scope, escalation, channels, set-up, FAQ, case
// forms, each line's own), and the line for a checked customer with why. Pure (no 'vscode'): unit-tested.
import { channelsForPurchase } from '../../core/playbook';
import { SCOPE_MATCHING } from '../../core/playbook';
import {
  chooseLine,
  describeLineProducts,
  lineView,
  productsOfAccount,
  type CustomerProduct,
} from '../../core/playbook';
import type { SubscriptionStore } from '../../core/reports';
import type { Channel, Fact, Playbook, SourceRef } from '../../core/playbook';
import { citation, outlineTemplate, telHref } from '../../core/case';
import type { ChannelView, FactView, LineChoiceView, LineView } from '../../shared/panel-protocol';

/** Markdown of the playbook's facts, as plain words: the webview shows text, never markup. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\(([^)]*)\)/g, '$1 ($2)')
    .replace(/(\*\*|__|`)/g, '')
    .replace(/<(https?:[^>]+)>/g, '$1');
}

const factView = (f: Fact): FactView => ({ text: plainText(f.text), cite: citation(f.source) });
const cite = (s: SourceRef): string => citation(s);

function channelView(c: Channel): ChannelView {
  return {
    id: c.id,
    name: c.name,
    provider: c.provider,
    phoneSupport: c.phoneSupport ?? null,
    bestEffort: c.bestEffort === true,
    email: c.email,
    url: c.url,
  };
}

/** Every support line of `playbook`, in its order, as the panel's sections show them. */
export function lineViews(playbook: Playbook): LineView[] {
  return playbook.lines.map((line) => {
    const p = lineView(playbook, line.id);
    const s = p.scope;
    return {
      id: line.id,
      name: line.name,
      ...(line.summary ? { summary: line.summary } : {}),
      covers: describeLineProducts(line.products),
      scope: {
        provider: s.provider,
        supportType: s.supportType,
        definition: factView(s.definition),
        inScope: s.inScope.map((i) => ({ text: i.item, cite: cite(i.source) })),
        outOfScope: s.outOfScope.map((i) => ({ text: i.item, cite: cite(i.source) })),
        managedServices: s.managedServices && {
          text: plainText(s.managedServices.text),
          url: s.managedServices.url,
          includes: s.managedServices.includes,
          cite: cite(s.managedServices.source),
        },
        notes: (s.notes ?? []).map(factView),
        matching: SCOPE_MATCHING,
      },
      escalation: {
        when: p.contacts.escalationWhen && factView(p.contacts.escalationWhen),
        phones: p.contacts.escalationPhones.map((x) => ({
          region: x.region,
          number: x.number,
          href: telHref(x.number),
          cite: cite(x.source),
        })),
        emails: (p.contacts.emails ?? []).map((e) => ({ address: e.address, purpose: e.purpose })),
        portals: (p.contacts.portals ?? []).map((l) => ({
          name: l.name,
          url: l.url,
          purpose: l.purpose,
        })),
        beforeCalling: (p.contacts.beforeCalling ?? []).map(factView),
      },
      purchasePaths: p.purchasePaths.map((path) => {
        const channels = channelsForPurchase(p, path.id)!;
        return {
          id: path.id,
          purchase: path.purchase,
          phoneSupport: path.phoneSupport,
          note: path.note,
          applies: channels.applies.map(channelView),
          doesNotApply: channels.doesNotApply.map(channelView),
          cite: cite(path.source),
        };
      }),
      ...(p.accountSetup
        ? {
            accountSetup: {
              title: p.accountSetup.title,
              steps: p.accountSetup.steps.map((x) => ({
                title: x.title,
                text: plainText(x.text),
                url: x.url,
                cite: cite(x.source),
              })),
            },
          }
        : {}),
      faq: p.faq.map((f) => ({
        question: f.question,
        answer: plainText(f.answer.join('\n\n')),
        cite: cite(f.source),
      })),
      templates: p.caseTemplates.map((t) => outlineTemplate(p, t)),
    };
  });
}

/**
 * The line for a customer the panel checked, as the switcher shows it: `account` (none: no customer in
 * hand) with the products the reports list for it, or only `productId` when the check was narrowed to it.
 */
export function lineChoiceView(
  playbook: Playbook,
  store: SubscriptionStore | undefined,
  account: string | undefined,
  productId?: string,
): LineChoiceView {
  const info = productId ? store?.productInfo(productId) : undefined;
  const products: CustomerProduct[] = productId
    ? [
        {
          productId,
          ...(info?.productCode ? { productCode: info.productCode } : {}),
          ...(info?.productTitle ? { productTitle: info.productTitle } : {}),
        },
      ]
    : store && account
      ? productsOfAccount(store, account)
      : [];
  const choice = chooseLine(playbook, account, products);
  return {
    ...(account ? { account } : {}),
    line: choice.line.id,
    by: choice.by,
    why: choice.why,
    matches: choice.matches.map((m) => ({ id: m.line.id, name: m.line.name, reasons: m.reasons })),
  };
}
