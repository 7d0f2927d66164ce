// The products Confirm Instance offers to pick from: by product code, the claimed account's own first.
// Pure (no 'vscode'): the picker maps these onto its rows, and a unit test holds the order.
import type { ProductInfo } from '../../core/reports';

/** One product to pick: its code (what ConfirmProductInstance asks about), title, id and where it is known from. */
export interface ProductChoice {
  code: string;
  title: string;
  id: string;
  from: 'reports' | 'playbook';
}

/**
 * The products with a code, each once (the reports' words win over the playbook's), split into the
 * account's own (`accountProductIds`, from the reports' rows naming it) and the others, each in the
 * order given. `own` is empty when no account is known or the reports do not list it.
 */
export function productChoices(
  reports: readonly ProductInfo[],
  playbook: readonly { id: string; code?: string; title: string }[],
  accountProductIds: ReadonlySet<string>,
): { own: ProductChoice[]; others: ProductChoice[] } {
  const byCode = new Map<string, ProductChoice>();
  for (const p of reports) {
    if (p.productCode)
      byCode.set(p.productCode, {
        code: p.productCode,
        title: p.productTitle ?? p.productId,
        id: p.productId,
        from: 'reports',
      });
  }
  for (const p of playbook) {
    if (p.code && !byCode.has(p.code))
      byCode.set(p.code, { code: p.code, title: p.title, id: p.id, from: 'playbook' });
  }
  const all = [...byCode.values()];
  return {
    own: all.filter((c) => accountProductIds.has(c.id)),
    others: all.filter((c) => !accountProductIds.has(c.id)),
  };
}
