// The subscription rows of one report that were not kept, remembered by account, so that a verdict
// says "this account is on line 5, rejected because ..." instead of "not listed, maybe a new
// subscriber". Columns of numbers and a table of distinct texts, as for the kept rows: an export
// that went wrong can reject most of a million rows.
import { AccountIndex } from './account-index';
import { roundsTo } from '../ids';
import type { RejectedRow } from '../domain';
import { accountText } from './subscription-rows';

/** Past this many distinct reasons and product ids (junk input) new ones are not kept, so memory stays bounded. */
const MAX_TEXTS = 10_000;
const REASON_NOT_KEPT =
  'a value on this line is not valid (the report has too many distinct problems to keep each: see its problems)';
const SCIENTIFIC = -1; // in `accounts`: the account cell held scientific notation, kept in `scientific`

export class RejectedRows {
  private readonly accounts: number[] = [];
  private readonly lines: number[] = [];
  private readonly products: number[] = []; // index into `texts`, -1 for none
  private readonly reasons: number[] = []; // index into `texts`, -1 for REASON_NOT_KEPT
  /** Per row, the account's rejected row before it (-1 for none): with `byAccount`, each account's rows form a chain. */
  private readonly previous: number[] = [];
  private readonly byAccount = new AccountIndex();
  private readonly scientific = new Map<number, string>();
  private readonly texts: string[] = [];
  private readonly textIndex = new Map<string, number>();

  /** @param file the report's path, as its problems name it */
  constructor(readonly file: string) {}

  get length(): number {
    return this.accounts.length;
  }

  /**
   * Remembers a rejected row. `account` is the account number, or the cell's text when a
   * spreadsheet wrote it in scientific notation (any other unreadable account is not remembered:
   * no typed account can be matched to it).
   */
  add(account: number | string, line: number, productId: string | undefined, reason: string): void {
    const row = this.accounts.length;
    if (typeof account === 'string') {
      this.scientific.set(row, account);
      this.previous.push(-1);
    } else {
      this.previous.push(this.byAccount.push(account, row, 0));
    }
    this.accounts.push(typeof account === 'string' ? SCIENTIFIC : account);
    this.lines.push(line);
    this.products.push(productId === undefined ? -1 : this.text(productId));
    this.reasons.push(this.text(reason));
  }

  /** The rejected rows of `account` (12 digits), then those that may be its (scientific notation it rounds to), each in line order. */
  forAccount(account: string): RejectedRow[] {
    const rows: number[] = [];
    for (let row = this.byAccount.get(Number(account)); row >= 0; row = this.previous[row])
      rows.push(row);
    rows.reverse();
    for (const [row, text] of this.scientific) if (roundsTo(account, text)) rows.push(row);
    return rows.map((row) => this.at(row));
  }

  private at(row: number): RejectedRow {
    const account = this.accounts[row];
    const product = this.products[row];
    const reason = this.reasons[row];
    return {
      file: this.file,
      line: this.lines[row],
      account: account === SCIENTIFIC ? this.scientific.get(row)! : accountText(account),
      ...(product >= 0 ? { productId: this.texts[product] } : {}),
      reason: reason >= 0 ? this.texts[reason] : REASON_NOT_KEPT,
    };
  }

  /** The index of `text` in the table of distinct texts; -1 once the table is full. */
  private text(value: string): number {
    let index = this.textIndex.get(value);
    if (index === undefined) {
      if (this.texts.length === MAX_TEXTS) return -1;
      index = this.texts.push(value) - 1;
      this.textIndex.set(value, index);
    }
    return index;
  }
}
