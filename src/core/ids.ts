// Identifier rules shared by reports, lookups and confirmations. Pure and dependency-free.

export const INSTANCE_ID = /^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
export const AMI_ID = /^ami-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
export const PRODUCT_CODE = /^[A-Za-z0-9]{1,25}$/;
// Partition-agnostic: us-east-1, eu-central-2, us-gov-west-1, cn-north-1, ap-southeast-5, il-central-1 ...
export const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

/** An account number a spreadsheet wrote in scientific notation ("4.44456E+11"): mantissa digits and exponent. */
export const SCIENTIFIC_ACCOUNT = /^(\d)(?:\.(\d+))?E\+(\d+)$/i;

export type AccountParse =
  { ok: true; account: string; padded: boolean } | { ok: false; reason: string };

/**
 * Strict rule for report cells and claimed accounts: digits only, at most 12. Shorter numbers are
 * left-padded with zeros (spreadsheets drop leading zeros; AWS pads the same way) and flagged.
 */
export function parseAccountNumber(raw: string): AccountParse {
  const value = raw.trim();
  if (value === '') return { ok: false, reason: 'account number is empty' };
  if (!/^\d+$/.test(value)) {
    const hint = SCIENTIFIC_ACCOUNT.test(value)
      ? ' (it looks like a spreadsheet turned it into scientific notation: export the column as text)'
      : '';
    return { ok: false, reason: `account number "${truncate(value)}" must be 12 digits${hint}` };
  }
  if (value.length > 12)
    return {
      ok: false,
      reason: `account number "${truncate(value)}" has ${value.length} digits; AWS account numbers have 12`,
    };
  return { ok: true, account: value.padStart(12, '0'), padded: value.length < 12 };
}

/**
 * Tolerant rule for what a person types or pastes: spaces and dashes are ignored
 * ("1111-2222-3333", "1111 2222 3333"), then the strict rule applies.
 */
export function parseTypedAccount(raw: string): AccountParse {
  return parseAccountNumber(raw.replace(/[\s-]/g, ''));
}

/**
 * How many of `words` (command-line arguments, from the account on) are one account number that the
 * shell split at its spaces ("1111 2222 3333" typed without quotes): 2 or more when the first words are
 * all digits and together exactly 12; else 0 (the first word is the account by itself, or is none).
 */
export function splitAccountWords(words: readonly string[]): number {
  let digits = 0;
  for (const [i, word] of words.entries()) {
    if (!/^\d+$/.test(word)) return 0;
    digits += word.length;
    if (digits >= 12) return digits === 12 && i > 0 ? i + 1 : 0;
  }
  return 0;
}

/**
 * The warning for a typed account that was shorter than 12 digits and padded (the same words in the
 * CLI and the panel); undefined when nothing was padded or the text is not an account number.
 */
export function paddingWarning(typed: string): string | undefined {
  const parsed = parseTypedAccount(typed);
  if (!parsed.ok || !parsed.padded) return undefined;
  const digits = typed.replace(/[\s-]/g, '');
  return `"${digits}" has ${digits.length} digit${digits.length === 1 ? '' : 's'}: it was padded with leading zeros to ${parsed.account}. Check the number with the customer.`;
}

/**
 * True when `scientific` ("4.44456E+11", as a spreadsheet shows a long number) is what the 12-digit
 * `account` becomes at that many significant digits: the row may be this account's, though a million
 * accounts round to the same text.
 */
export function roundsTo(account: string, scientific: string): boolean {
  const m = SCIENTIFIC_ACCOUNT.exec(scientific.trim());
  if (!m) return false;
  const digits = (m[2] ?? '').length;
  return (
    Number(account).toExponential(digits).toUpperCase() ===
    `${m[1]}${digits > 0 ? `.${m[2]}` : ''}E+${m[3]}`
  );
}

export function truncate(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
