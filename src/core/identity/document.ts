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
}

/** The document's fields, or undefined when the bytes are not a JSON object. */
export function readIdentityDocument(bytes: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const PRODUCT_CODE_FIELDS = ['marketplaceProductCodes', 'billingProducts', 'devpayProductCodes'] as const;

/** One check per expectation given, in the order product code, account, instance. */
export function expectationChecks(document: Record<string, unknown>, expected: IdentityExpectations): IdentityCheck[] {
  const checks: IdentityCheck[] = [];
  if (expected.productCode !== undefined) {
    const found = PRODUCT_CODE_FIELDS.flatMap((field) => {
      const codes = document[field];
      return Array.isArray(codes) ? codes.filter((c): c is string => typeof c === 'string').map((code) => ({ field, code })) : [];
    });
    const hit = found.find((f) => f.code === expected.productCode);
    checks.push({
      name: 'product-code',
      ok: hit !== undefined,
      detail: hit
        ? `${hit.code} is in ${hit.field}`
        : `${expected.productCode} is not among the document's product codes (${found.map((f) => `${f.field}: ${f.code}`).join(', ') || 'it has none'})`,
    });
  }
  if (expected.account !== undefined) {
    const typed = parseTypedAccount(expected.account);
    const account = typed.ok ? typed.account : expected.account;
    const ok = document.accountId === account;
    checks.push({ name: 'account', ok, detail: ok ? `account ${account}` : `the document is from account ${String(document.accountId)}, not ${account}` });
  }
  if (expected.instanceId !== undefined) {
    const ok = document.instanceId === expected.instanceId.trim();
    checks.push({
      name: 'instance-id',
      ok,
      detail: ok ? `instance ${expected.instanceId.trim()}` : `the document is for instance ${String(document.instanceId)}, not ${expected.instanceId.trim()}`,
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
