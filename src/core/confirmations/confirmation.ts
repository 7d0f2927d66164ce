// What a ConfirmProductInstance check asks and answers, independent of the AWS SDK, so the CLI,
// the extension and the audit log share one shape.
import { INSTANCE_ID, PRODUCT_CODE, REGION, parseTypedAccount, truncate } from '../ids';
import { isString, oneOf, type KeyRule } from '../json-shape';

/**
 * What EC2 said about an instance and a product code: `confirmed` (it carries the code and, when an
 * account was claimed, that account owns it), `owner-mismatch` (it carries the code, another account
 * owns it), `not-attached` (it does not carry the code), or `error` (no answer: see ConfirmationError).
 */
export type ConfirmationVerdict = 'confirmed' | 'owner-mismatch' | 'not-attached' | 'error';

/** Why there is no verdict; src/aws/errors.ts maps the SDK's errors to these. */
export type ConfirmationErrorKind =
  /** The request was never sent (a bad instance id, product code, account or region), or EC2 called it malformed. Final. */
  | 'malformed-input'
  /** EC2 does not know the instance in that region (InvalidInstanceID.NotFound). Final. */
  | 'instance-not-found'
  /** The profile may not call ec2:ConfirmProductInstance (UnauthorizedOperation, AccessDenied). Final. */
  | 'unauthorized'
  /** No usable credentials: missing, expired (SSO), or refused (AuthFailure). */
  | 'credentials'
  /** AWS throttled the call (RequestLimitExceeded, Throttling). */
  | 'throttled'
  /** No answer: DNS, connection, TLS or a time-out. */
  | 'network'
  /** EC2 answered (HTTP 2xx) with a body that is not a ConfirmProductInstance answer: empty, not XML, or another shape. Never a verdict. */
  | 'bad-answer'
  | 'unknown';

/**
 * Where the region of a confirmation came from. Without a region named for the instance, AWS's own
 * order applies: the --region flag (in VS Code its equivalent, the supportDesk.aws.region setting),
 * then AWS_REGION, then AWS_DEFAULT_REGION, then the profile's `region`. 'auto' is a region found by
 * searching the account's enabled regions.
 */
export type RegionSource =
  'request' | 'flag' | 'setting' | 'AWS_REGION' | 'AWS_DEFAULT_REGION' | 'profile' | 'auto';

/** One instance to confirm, as the engineer gave it (checked by validateConfirmationRequest before it is sent). */
export interface ConfirmationRequest {
  /** "i-" and 8 or 17 lowercase hex digits. */
  instanceId: string;
  /** The product code (1-25 letters or digits), never a product id (prod-...). */
  productCode: string;
  /** The account the customer claims: 12 digits, dashes and spaces allowed. */
  claimedAccount?: string;
  /**
   * A region named for this instance only (a batch file's region column, the region picked in VS Code),
   * or 'auto' to search the account's enabled regions. Without it the session's default region applies.
   */
  region?: string;
}

/** Why a confirmation has no verdict. */
export interface ConfirmationError {
  kind: ConfirmationErrorKind;
  /** AWS's error code (e.g. UnauthorizedOperation), or ours for a request never sent (MalformedInput, BadAnswer). */
  code: string;
  /** What went wrong and what to do next, in words for the engineer; secrets are never in it. */
  message: string;
}

/**
 * The answer to one ConfirmProductInstance check: the evidence an engineer pastes into a case. The same
 * shape is printed by `support-desk confirm --json`, written one per line by `confirm-batch` (the results
 * file) and appended to the audit log (as an AuditEntry), so every field is JSON: no undefined, no Date.
 * Made by src/aws/confirm-product-instance.ts from EC2's answer, or by malformedResult for a request never sent.
 */
export interface ConfirmationResult {
  /** As requested ("i-" and hex digits). */
  instanceId: string;
  /** As requested; '' when a product id did not resolve to a code (then `error.kind` is 'malformed-input'). */
  productCode: string;
  /** The region the call went to (e.g. us-east-1); null when none was chosen (the request failed before). */
  region: string | null;
  /**
   * Where `region` came from; null when no region was chosen (the request failed before). Every new
   * result has it; results files written by earlier versions do not.
   */
  regionSource?: RegionSource | null;
  /** The account the customer claims, as given (12 digits once valid); null when none was given. */
  claimedAccount: string | null;
  /** The 12-digit account EC2 says owns the instance (OwnerId); null when EC2 did not say or did not answer. */
  ownerId: string | null;
  verdict: ConfirmationVerdict;
  /** Set exactly when `verdict` is 'error'. */
  error: ConfirmationError | null;
  /** AWS's request id (x-amzn-RequestId), the proof AWS Support can trace; null when AWS did not answer. */
  requestId: string | null;
  /**
   * Only when `requestId` is not EC2's: 'sts' when STS refused the profile's role (EC2 was never asked).
   * Results written by earlier versions never have it.
   */
  requestIdService?: 'sts';
  /** When the answer came (or the request was refused here): ISO 8601 in UTC, e.g. 2026-11-23T10:00:00.000Z. */
  checkedAt: string;
  /** The AWS profile that asked; null for the SDK's default credential chain. */
  profile: string | null;
}

/**
 * Problems with a request, in words that say what to fix; empty when it may be sent.
 * `productProblem` says why there is no product code (a product id that did not resolve) and
 * stands in for the check of the code.
 */
export function validateConfirmationRequest(
  req: ConfirmationRequest,
  productProblem?: string,
): string[] {
  const problems: string[] = [];
  if (!INSTANCE_ID.test(req.instanceId ?? '')) {
    problems.push(
      `instance id "${truncate(req.instanceId ?? '')}" must be "i-" followed by 8 or 17 lowercase hex digits, e.g. i-0123456789abcdef0`,
    );
  }
  if (productProblem) {
    problems.push(productProblem);
  } else if (!PRODUCT_CODE.test(req.productCode ?? '')) {
    problems.push(
      `product code "${truncate(req.productCode ?? '')}" must be 1-25 letters or digits (find it in the product's Marketplace listing or the subscription report)`,
    );
  }
  if (req.claimedAccount !== undefined) {
    const parsed = parseTypedAccount(req.claimedAccount);
    if (!parsed.ok) problems.push(`claimed ${parsed.reason}`);
  }
  const region = req.region === undefined ? null : regionProblem(req.region, 'request');
  if (region) problems.push(region);
  return problems;
}

/** Why a region cannot be used, naming where it came from; null for a region name or 'auto'. */
export function regionProblem(region: string, source: RegionSource): string | null {
  if (region === 'auto' || REGION.test(region)) return null;
  const from = source === 'request' ? '' : ` (${REGION_SOURCE_WORDS[source]})`;
  return `region "${truncate(region)}"${from} is not a region name like us-east-1 (or use "auto" to search the enabled regions)`;
}

const REGION_SOURCE_WORDS: Record<RegionSource, string> = {
  request: 'given for this instance',
  flag: 'from --region',
  setting: 'from the supportDesk.aws.region setting',
  AWS_REGION: 'from AWS_REGION',
  AWS_DEFAULT_REGION: 'from AWS_DEFAULT_REGION',
  profile: 'from the profile',
  auto: 'found by searching the enabled regions',
};

/** The claimed account as 12 digits (typed forms like "1111-2222-3333" accepted), or null. */
export function normalizeClaimedAccount(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const parsed = parseTypedAccount(raw);
  return parsed.ok ? parsed.account : null;
}

/** The verdict for a successful call: `attached` is the API's Return, `ownerId` its OwnerId. */
export function verdictFor(
  attached: boolean,
  ownerId: string | null,
  claimedAccount: string | null,
): ConfirmationVerdict {
  if (!attached) return 'not-attached';
  if (claimedAccount !== null && ownerId !== claimedAccount) return 'owner-mismatch';
  return 'confirmed';
}

/** Confirmations in flight at once in a batch unless the engineer says otherwise. */
export const DEFAULT_CONCURRENCY = 8;

/** Verdicts EC2 gave; anything else in a results file (a line of another version, a hand edit) is not one. */
const VERDICTS: ReadonlySet<string> = new Set(['confirmed', 'owner-mismatch', 'not-attached']);

/** Error kinds that will not change by asking again: a re-run of a batch skips them. */
const FINAL_ERROR_KINDS: ReadonlySet<string> = new Set([
  'malformed-input',
  'instance-not-found',
  'unauthorized',
]);

/**
 * True when the result is an answer worth keeping; false when a retry may give a different one,
 * including every error kind not known to be final (a bad answer, a time-out, an unknown kind).
 */
export function isFinalResult(result: Pick<ConfirmationResult, 'verdict' | 'error'>): boolean {
  if (result.verdict === 'error') return FINAL_ERROR_KINDS.has(result.error?.kind ?? '');
  return VERDICTS.has(result.verdict);
}

/** The region a result names before any call: the one given for the instance, or none for none or 'auto' (not searched yet). */
export function namedRegion(
  region: string | undefined,
): Pick<ConfirmationResult, 'region' | 'regionSource'> {
  return region && region !== 'auto'
    ? { region, regionSource: 'request' }
    : { region: null, regionSource: null };
}

/** A result for a request that was never sent because its input is malformed. */
export function malformedResult(
  req: ConfirmationRequest,
  problems: string[],
  profile: string | null,
  now = new Date(),
): ConfirmationResult {
  return {
    instanceId: req.instanceId,
    productCode: req.productCode,
    ...namedRegion(req.region),
    claimedAccount: req.claimedAccount ?? null,
    ownerId: null,
    verdict: 'error',
    error: { kind: 'malformed-input', code: 'MalformedInput', message: problems.join('; ') },
    requestId: null,
    checkedAt: now.toISOString(),
    profile,
  };
}

/** One line a person reads: the verdict and its evidence. */
export function describeResult(r: ConfirmationResult): string {
  const where = `${r.instanceId} (${r.productCode || 'no product code'}${r.region ? `, ${r.region}` : ''})`;
  const evidence = r.requestId
    ? ` [${r.requestIdService === 'sts' ? 'STS ' : ''}request ${r.requestId}, ${r.checkedAt}]`
    : ` [${r.checkedAt}]`;
  switch (r.verdict) {
    case 'confirmed':
      return `confirmed: ${where} carries the product code and is owned by ${r.ownerId ?? 'an unreported account'}${evidence}`;
    case 'owner-mismatch':
      return `owner-mismatch: ${where} carries the product code but is owned by ${r.ownerId}, not the claimed ${r.claimedAccount}${evidence}`;
    case 'not-attached':
      return `not-attached: ${where} does not carry the product code${evidence}`;
    case 'error':
      return `error (${r.error?.kind}): ${where}: ${r.error?.message}${evidence}`;
  }
}

/** The verdict and its evidence as lines to paste into a support case. */
export function describeConfirmationEvidence(r: ConfirmationResult): string {
  const headline = r.error ? `error (${r.error.kind}): ${r.error.message}` : describeResult(r);
  const rows: [string, string | null][] = [
    ['Verdict', r.error ? `error (${r.error.kind})` : r.verdict],
    ['Instance', r.instanceId],
    ['Product code', r.productCode || '(none)'],
    [
      'Region',
      r.region
        ? `${r.region}${r.regionSource ? ` (${REGION_SOURCE_WORDS[r.regionSource]})` : ''}`
        : '-',
    ],
    ['Claimed account', r.claimedAccount ?? '(none given)'],
    ['Owner', r.ownerId ?? '(not reported)'],
    ['Error code', r.error?.code ?? null],
    [
      'Request id',
      r.requestId
        ? `${r.requestId}${r.requestIdService === 'sts' ? " (STS's, for AssumeRole: EC2 was not asked)" : ''}`
        : '(none: AWS did not answer)',
    ],
    ['Checked at', r.checkedAt],
    ['Profile', r.profile ?? '(default credential chain)'],
  ];
  return [
    headline,
    ...rows
      .filter(([, value]) => value !== null)
      .map(([label, value]) => `  ${`${label}:`.padEnd(17)}${value}`),
  ].join('\n');
}

/** The keys every confirmation line has, in a results file and in the audit log alike (see json-shape). */
export const CONFIRMATION_KEYS: readonly KeyRule[] = [
  ['instanceId', true, isString, 'text (the instance id)'],
  ['productCode', true, isString, 'text (the product code)'],
  [
    'verdict',
    true,
    oneOf('confirmed', 'owner-mismatch', 'not-attached', 'error'),
    'confirmed, owner-mismatch, not-attached or error',
  ],
];
