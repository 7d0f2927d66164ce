// Support lines: which line of the playbook a customer belongs to, and the playbook as that line sees it.
//
// A team supports several product lines (Ubuntu Pro images, an AMI seller's own product, the AWS accounts
// a partner resells), each with its own scope, channels, escalation numbers and case templates. A line
// lists whom it is for (product ids, codes, title words, or accounts); the customer's products pick it.
import type { SubscriptionStore } from '../reports';
import type { LinePlaybook, LineProducts, Playbook, SupportLine } from './types';

/** A product a customer holds, as the reports name it. */
export interface CustomerProduct {
  productId: string;
  productCode?: string;
  productTitle?: string;
}

/** A line that covers the customer, with why in words ("product prod-... (Ubuntu Pro 22.04 LTS) is in the Ubuntu Pro line: ..."). */
export interface LineMatch {
  line: SupportLine;
  reasons: string[];
}

/** The line the panel and the CLI use for a customer, why, and every line that covers them (for a switcher). */
export interface LineChoice {
  line: SupportLine;
  /** One sentence per reason; for the default line, why no other applies. */
  why: string[];
  /** How the line was picked: it covers the customer, it was asked for by id, or it is the playbook's default. */
  by: 'customer' | 'asked' | 'default';
  /** Every line covering the customer, in playbook order (empty when none does). */
  matches: LineMatch[];
}

/** The products `account` holds in the reports (each once, as the reports name it); [] for an account they do not list. */
export function productsOfAccount(store: SubscriptionStore, account: string): CustomerProduct[] {
  const ids = [...new Set(store.recordsForAccount(account).map((r) => r.productId))];
  return ids.map((productId) => {
    const info = store.productInfo(productId);
    return {
      productId,
      ...(info?.productCode ? { productCode: info.productCode } : {}),
      ...(info?.productTitle ? { productTitle: info.productTitle } : {}),
    };
  });
}

/** "titles containing "Ubuntu Pro"; accounts 723456789012": whom a line is for, in words. */
export function describeLineProducts(products: LineProducts = {}): string {
  const parts = [
    products.ids?.length ? `product ids ${products.ids.join(', ')}` : '',
    products.codes?.length ? `product codes ${products.codes.join(', ')}` : '',
    products.titles?.length
      ? `titles containing ${products.titles.map((t) => `"${t}"`).join(' or ')}`
      : '',
    products.accounts?.length ? `accounts ${products.accounts.join(', ')}` : '',
  ].filter(Boolean);
  return parts.join('; ') || 'no products or accounts listed (reached with --line)';
}

/**
 * The lines covering `account` (undefined: no customer in hand) and the products it holds: lines that list
 * the account first (an account a partner resells is the partner's customer, whatever it runs), then the
 * lines of its products, each group in playbook order.
 */
export function linesForCustomer(
  playbook: Playbook,
  account: string | undefined,
  products: readonly CustomerProduct[],
): LineMatch[] {
  const byAccount: LineMatch[] = [];
  const matches: LineMatch[] = [];
  for (const line of playbook.lines) {
    const reasons = [
      ...(account && line.products?.accounts?.includes(account)
        ? [`account ${account} is one of the accounts the ${line.name} line covers`]
        : []),
      ...products.flatMap((product) => {
        const basis = matchBasis(line.products ?? {}, product);
        if (!basis) return [];
        const title = product.productTitle ? ` (${product.productTitle})` : '';
        return [`product ${product.productId}${title} is in the ${line.name} line: ${basis}`];
      }),
    ];
    if (reasons.length > 0)
      (account && line.products?.accounts?.includes(account) ? byAccount : matches).push({
        line,
        reasons,
      });
  }
  return [...byAccount, ...matches];
}

function matchBasis(listed: LineProducts, product: CustomerProduct): string | undefined {
  if (listed.ids?.includes(product.productId)) return 'the line lists its product id';
  if (product.productCode && listed.codes?.includes(product.productCode))
    return `the line lists its product code ${product.productCode}`;
  const title = product.productTitle?.toLowerCase();
  const word =
    title === undefined ? undefined : listed.titles?.find((t) => title.includes(t.toLowerCase()));
  return word === undefined ? undefined : `its title has "${word}"`;
}

/**
 * The line for a customer: the one asked for by id when it exists (a switcher, `--line`), else the first
 * line covering the customer, else the playbook's default line. Throws a RangeError naming the known lines
 * when `asked` is not a line id.
 */
export function chooseLine(
  playbook: Playbook,
  account: string | undefined,
  products: readonly CustomerProduct[],
  asked?: string,
): LineChoice {
  const matches = linesForCustomer(playbook, account, products);
  if (asked !== undefined && asked !== '') {
    const line = findLine(playbook, asked);
    const covering = matches.find((m) => m.line.id === line.id);
    return {
      line,
      by: 'asked',
      matches,
      why: covering ? covering.reasons : [`the ${line.name} line was chosen by hand`],
    };
  }
  if (matches.length > 0)
    return { line: matches[0].line, by: 'customer', matches, why: matches[0].reasons };
  const line = findLine(playbook, playbook.defaultLine);
  const held = products.map((p) => p.productId);
  const why =
    account === undefined
      ? `no customer in hand: the default line, ${line.name}, applies`
      : `no line lists account ${account}${held.length ? ` or its products (${held.join(', ')})` : ''}: the default line, ${line.name}, applies`;
  return { line, by: 'default', matches, why: [why] };
}

/**
 * The id of the line a case template renders in when no line is asked for: the default line when it has
 * the template, else the first line that has it; undefined when no line does.
 */
export function lineForTemplate(playbook: Playbook, templateId: string): string | undefined {
  const has = (id: string) =>
    lineList(playbook, findLine(playbook, id), 'caseTemplates').some((t) => t.id === templateId);
  return has(playbook.defaultLine)
    ? playbook.defaultLine
    : playbook.lines.find((l) => has(l.id))?.id;
}

/** The line with id `id`; a RangeError naming the known ids when there is none. */
export function findLine(playbook: Playbook, id: string): SupportLine {
  const line = playbook.lines.find((l) => l.id === id);
  if (!line)
    throw new RangeError(
      `no support line "${id}"; the playbook's lines: ${playbook.lines.map((l) => l.id).join(', ')}`,
    );
  return line;
}

type ListSection = 'channels' | 'purchasePaths' | 'faq' | 'caseTemplates';

/** What identifies an entry of a list section (an id; a FAQ entry's question), so a line's own entry replaces the shared one. */
const keyOf = (entry: object): string =>
  'id' in entry ? String(entry.id) : String((entry as { question: string }).question);

/** A list section of `line`: its own entries first, then the shared (top-level) ones it does not replace. */
export function lineList<S extends ListSection>(
  playbook: Playbook,
  line: SupportLine,
  section: S,
): NonNullable<Playbook[S]> {
  const own: object[] = line[section] ?? [];
  const ownKeys = new Set(own.map(keyOf));
  const shared = (playbook[section] ?? []).filter((entry: object) => !ownKeys.has(keyOf(entry)));
  return [...own, ...shared] as NonNullable<Playbook[S]>;
}

/**
 * The playbook as the line with id `lineId` sees it (see LinePlaybook). Throws a RangeError for an
 * unknown id, and an Error when the line has no scope or contacts of its own or shared (crossCheck
 * reports that before any playbook is used).
 */
export function lineView(playbook: Playbook, lineId: string = playbook.defaultLine): LinePlaybook {
  const line = findLine(playbook, lineId);
  const scope = line.scope ?? playbook.scope;
  const contacts = line.contacts ?? playbook.contacts;
  if (!scope || !contacts)
    throw new Error(`support line "${line.id}" has no ${scope ? 'contacts' : 'scope'}`);
  const accountSetup = line.accountSetup ?? playbook.accountSetup;
  const channels = lineList(playbook, line, 'channels');
  const purchasePaths = lineList(playbook, line, 'purchasePaths');
  const caseTemplates = lineList(playbook, line, 'caseTemplates');
  // A channel another line defines, named by this line's templates or purchase paths (a flat-shape team
  // file's templates name any channel of the desk), comes along: the case must say where it goes.
  const named = new Set([
    ...caseTemplates.flatMap((t) => (t.channel ? [t.channel] : [])),
    ...purchasePaths.flatMap((p) => p.channels),
  ]);
  for (const other of playbook.lines)
    for (const channel of other.channels ?? [])
      if (named.has(channel.id) && !channels.some((c) => c.id === channel.id))
        channels.push(channel);
  return {
    name: playbook.name,
    line: { id: line.id, name: line.name, ...(line.summary ? { summary: line.summary } : {}) },
    products: playbook.products,
    eligibility: playbook.eligibility,
    marketplace: playbook.marketplace,
    scope,
    contacts,
    channels,
    purchasePaths,
    ...(accountSetup ? { accountSetup } : {}),
    faq: lineList(playbook, line, 'faq'),
    caseTemplates,
  };
}
