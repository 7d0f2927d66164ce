// The instance identity document (/latest/dynamic/instance-identity/document): the JSON AWS signs,
// and what the engineer expects of it (the customer's account, the instance, the product code).
import { parseTypedAccount } from '../ids';

/** One line of the evidence: what was checked, whether it held, and what was seen. */
export interface IdentityCheck {
  /** e.g. "signature", "message-digest", "account", "product-code". */
  name: string;
  ok: boolean;
  detail: string;
}

/** What the engineer expects of the signed document; each one given becomes a check. */
export interface IdentityExpectations {
  /** A product code that must be among marketplaceProductCodes, billingProducts or devpayProductCodes. */
  productCode?: string;
  /** The customer's AWS account (dashes and spaces are fine). */
  account?: string;
  instanceId?: string;
  /**
   * A document whose instance started (pendingTime) more than this many days ago draws a warning:
   * an old document may be one copied from elsewhere. The playbook's eligibility.identityDocumentDays.
   */
  maxAgeDays?: number;
}

/** Warn past this many days when the playbook says nothing (most instances restart within a year). */
export const DEFAULT_IDENTITY_DOCUMENT_DAYS = 365;

/** The document's fields, or undefined when the bytes are not a JSON object. */
export function readIdentityDocument(bytes: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The checks that say what was expected of a document; every other check is about its signature. */
export const EXPECTATION_CHECKS: ReadonlySet<string> = new Set([
  'product-code',
  'account',
  'instance-id',
]);

const PRODUCT_CODE_FIELDS = [
  'marketplaceProductCodes',
  'billingProducts',
  'devpayProductCodes',
] as const;

/** Where the document carries `code`: the field holding it (null when none does) and every code it carries. */
export function productCodeIn(
  document: Record<string, unknown>,
  code: string,
): { field: string | null; found: { field: string; code: string }[] } {
  const found = PRODUCT_CODE_FIELDS.flatMap((field) => {
    const codes = document[field];
    return Array.isArray(codes)
      ? codes.filter((c): c is string => typeof c === 'string').map((c) => ({ field, code: c }))
      : [];
  });
  return { field: found.find((f) => f.code === code)?.field ?? null, found };
}

/** One check per expectation given, in the order product code, account, instance. */
export function expectationChecks(
  document: Record<string, unknown>,
  expected: IdentityExpectations,
): IdentityCheck[] {
  const checks: IdentityCheck[] = [];
  if (expected.productCode !== undefined) {
    const { field, found } = productCodeIn(document, expected.productCode);
    checks.push({
      name: 'product-code',
      ok: field !== null,
      detail: field
        ? `the instance runs product ${expected.productCode} (it is in the document's ${field})`
        : `the instance does not run product ${expected.productCode}: the document carries ${found.map((f) => `${f.code} (${f.field})`).join(', ') || 'no product code'}`,
    });
  }
  if (expected.account !== undefined) {
    const typed = parseTypedAccount(expected.account);
    const account = typed.ok ? typed.account : expected.account;
    const ok = document.accountId === account;
    checks.push({
      name: 'account',
      ok,
      detail: ok
        ? `the document is from account ${account}, the one expected`
        : `the document is from account ${String(document.accountId)}, not ${account}`,
    });
  }
  if (expected.instanceId !== undefined) {
    const ok = document.instanceId === expected.instanceId.trim();
    checks.push({
      name: 'instance-id',
      ok,
      detail: ok
        ? `the document is for instance ${expected.instanceId.trim()}, the one expected`
        : `the document is for instance ${String(document.instanceId)}, not ${expected.instanceId.trim()}`,
    });
  }
  return checks;
}

/**
 * The forms a pasted document may take and still be the signed bytes: as given, then with CRLF
 * turned to LF and the trailing newline an editor adds removed (IMDS sends none). Each form is
 * only ever compared with signed bytes, so leniency here cannot make a forged document pass.
 */
export function documentForms(bytes: Buffer): { bytes: Buffer; note: string }[] {
  const text = bytes
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .replace(/\r\n/g, '\n')
    .replace(/\s+$/, '');
  const normalised = Buffer.from(text, 'utf8');
  return normalised.equals(bytes)
    ? [{ bytes, note: 'as given' }]
    : [
        { bytes, note: 'as given' },
        { bytes: normalised, note: 'after turning CRLF into LF and dropping trailing blanks' },
      ];
}

/**
 * The document's pendingTime (when the instance last started, as AWS wrote it) as a Date; undefined
 * when it has none or it is not a time.
 */
export function startedAt(document: Record<string, unknown>): Date | undefined {
  const time = document.pendingTime;
  const date = typeof time === 'string' ? new Date(time) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

/** Whole days from `from` to `to` (UTC, rounded down). */
export function daysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / 86_400_000);
}

/** A time as the engineer reads it: 2016-04-08 03:01:38 UTC (no milliseconds). */
export function utcWords(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/**
 * The warning for a document from an instance started more than `maxAgeDays` before `now`;
 * undefined when it is younger or has no pendingTime.
 */
export function ageWarning(
  document: Record<string, unknown>,
  maxAgeDays: number,
  now: Date,
): string | undefined {
  const started = startedAt(document);
  if (!started) return undefined;
  const days = daysBetween(started, now);
  if (days <= maxAgeDays) return undefined;
  return (
    `the instance started ${utcWords(started)}, ${days.toLocaleString('en-US')} days ago (the playbook warns past ${maxAgeDays}): ` +
    'a document this old may be copied from elsewhere (old ones are published); ' +
    "confirm the instance with AWS, or ask the customer for the instance's launch time in the EC2 console"
  );
}
