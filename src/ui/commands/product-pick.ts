// Which product an instance is confirmed for: a product id turned into its code (the reports first,
// then the playbook), or the engineer's pick of the products known, the claimed account's own first.
// Confirm Instance asks it as one of its steps; the panel asks it alone when no product is chosen.
import * as vscode from 'vscode';
import { parseTypedAccount, PRODUCT_CODE } from '../../core/ids';
import type { SupportDeskContext } from '../context';
import { productChoices, type ProductChoice } from './product-choices';
import { askPick, askText, BACK, type Answer, type StepAt } from './steps';

/** The product code of `productId` in the loaded reports, else the playbook's; undefined when neither knows it. */
export function productCodeFor(
  ctx: SupportDeskContext,
  productId: string | undefined,
): string | undefined {
  if (!productId) return undefined;
  return (
    ctx.reports.current?.snapshot.store.productCodeFor(productId) ??
    ctx.playbook.latest?.playbook.products.find((p) => p.id === productId)?.code
  );
}

/**
 * Products from the reports and the playbook (by code), the claimed account's own first, or a code typed
 * by hand (Back returns to the list). Resolves to the code, BACK, or undefined when cancelled.
 */
export async function pickProductCode(
  ctx: SupportDeskContext,
  at: StepAt,
  current?: string,
  account?: string,
): Promise<Answer<string>> {
  const store = ctx.reports.current?.snapshot.store;
  const claimed = account ? parseTypedAccount(account) : undefined;
  const ownIds = new Set(
    claimed?.ok ? (store?.recordsForAccount(claimed.account) ?? []).map((r) => r.productId) : [],
  );
  const { own, others } = productChoices(
    store?.products() ?? [],
    (await ctx.playbook.current()).playbook.products,
    ownIds,
  );
  const byCode = new Map<string, vscode.QuickPickItem>();
  const row = (c: ProductChoice): vscode.QuickPickItem => {
    const item = {
      label: c.title,
      description: `${c.code} · ${c.id}`,
      detail: `from the ${c.from}`,
    };
    byCode.set(c.code, item);
    return item;
  };
  const separator = (label: string): vscode.QuickPickItem => ({
    label,
    kind: vscode.QuickPickItemKind.Separator,
  });
  const items = own.length
    ? [
        separator(`Products of account ${claimed?.ok ? claimed.account : ''}`),
        ...own.map(row),
        separator('Other products'),
        ...others.map(row),
      ]
    : others.map(row);
  const typeIt = { label: '$(edit) Enter a product code...', description: '' };
  for (;;) {
    const picked = await askPick(at, [...items, typeIt], {
      matchOnDescription: true,
      active: current ? byCode.get(current) : undefined,
    });
    if (picked === undefined || picked === BACK) return picked;
    if (picked !== typeIt) return [...byCode].find(([, item]) => item === picked)?.[0];
    const typed = await askText(
      { ...at, back: true },
      {
        prompt: 'The product code (1-25 letters or digits) from the Marketplace listing',
        value: current,
        validate: (v) =>
          PRODUCT_CODE.test(v.trim()) ? undefined : 'a product code is 1-25 letters or digits',
      },
    );
    if (typed !== BACK) return typed?.trim();
  }
}
