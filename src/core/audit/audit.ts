// The audit trail: one JSON line per confirmation asked for, append-only, readable after a crash.
// It names the profile used, never keys, tokens or signatures.
import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  CONFIRMATION_KEYS,
  type ConfirmationErrorKind,
  type ConfirmationResult,
  type ConfirmationVerdict,
} from '../confirmations';
import {
  isNullableString,
  isString,
  isTime,
  listOf,
  oneOf,
  shapeProblem,
  withKeys,
  type KeyRule,
} from '../json-shape';
import { FileWriteError, writeFailureReason } from '../files';
import { JsonLinesWriter, readJsonLinesFile } from '../csv';
import type { IdentityExpectations, IdentityVerification } from '../identity';
import { parseTypedAccount } from '../ids';
import type { LiveAgreement, LiveEvidence, LiveVerdict } from '../agreements';
import { NamedFileError } from '../files';
import { redactDeep } from '../redaction';

/**
 * One line of the audit log (JSON Lines, a public format): who asked what, and what EC2 answered.
 * `time` is ISO 8601 UTC; `profile` the AWS profile name (null: the default credential chain), never
 * a key; `regionSource` where the region came from ('request', 'flag', 'setting', 'AWS_REGION',
 * 'AWS_DEFAULT_REGION', 'profile', 'auto'; absent in lines written before it was recorded).
 * Other sources of proof share the shape, so older readers still read every line: an identity
 * document (`source: 'identity-document'`) and a live agreement search (`source: 'marketplace-agreement'`:
 * `instanceId` and `productCode` are '', the searched account is `claimedAccount`, and `verdict` is the
 * nearest confirmation verdict, 'confirmed' for `active`, 'not-attached' for `none`, 'error').
 */
export interface AuditEntry {
  time: string;
  profile: string | null;
  region: string | null;
  regionSource?: ConfirmationResult['regionSource'];
  instanceId: string;
  productCode: string;
  claimedAccount: string | null;
  ownerId: string | null;
  verdict: ConfirmationVerdict;
  errorKind: ConfirmationErrorKind | null;
  requestId: string | null;
  /** Only when `requestId` is not the asked service's: 'sts' when STS refused the profile's role. */
  requestIdService?: 'sts';
  /**
   * What proved it: absent or 'confirm-product-instance' (EC2, live), 'identity-document' (verified
   * offline), 'marketplace-agreement' (SearchAgreements, live).
   */
  source?: AuditSource;
  /** For an identity document: the name of the AWS certificate whose key verified it. */
  certificate?: string | null;
  /** For an identity document: every check made (signature, certificate, expectations), as verify-identity gives them. */
  checks?: { name: string; ok: boolean; detail: string }[];
  /** For an identity document: AWS signed it (the customer did not forge it), whatever was expected of it. */
  verified?: boolean;
  /** For an identity document: the verified document carries `productCode` (the instance runs it); null when none was asked about. */
  productAttached?: boolean | null;
  /** For an agreement search: the product asked about (prod-...), null for any product. */
  productId?: string | null;
  /** For an agreement search: its own verdict, `active`, `none` or `error`. */
  liveVerdict?: LiveVerdict;
  /** For an agreement search: every agreement found, times ISO 8601 (`endTime` null: pay-as-you-go). */
  agreements?: LiveAgreement[];
  /** For an agreement search: the endpoint asked. */
  endpoint?: string;
  /** For an agreement search: every request id, one per page (and the failed attempt's); `requestId` is the last. */
  requestIds?: string[];
  /** For a failed agreement search: what went wrong and what to do, as the engineer was told. */
  errorMessage?: string | null;
}

/** The sources of proof an audit line can record. */
export type AuditSource =
  'confirm-product-instance' | 'identity-document' | 'marketplace-agreement';

/**
 * Who asked, as every view shows it beside an entry: the profile name; "offline (identity document)"
 * for a document checked with no AWS call; null for the SDK's default credential chain.
 */
export function askedAs(entry: Pick<AuditEntry, 'source' | 'profile'>): string | null {
  return entry.source === 'identity-document' ? 'offline (identity document)' : entry.profile;
}

/** The audit line of a confirmation: what was asked, what EC2 answered, with which profile; no secret. */
export function auditEntryFor(r: ConfirmationResult): AuditEntry {
  return {
    time: r.checkedAt,
    profile: r.profile,
    region: r.region,
    regionSource: r.regionSource ?? null,
    instanceId: r.instanceId,
    productCode: r.productCode,
    claimedAccount: r.claimedAccount,
    ownerId: r.ownerId,
    verdict: r.verdict,
    errorKind: r.error?.kind ?? null,
    requestId: r.requestId,
    ...(r.requestIdService ? { requestIdService: r.requestIdService } : {}),
  };
}

/**
 * An instance identity document verified offline, as an audit line beside the confirmations (the
 * Confirmations view and `audit` read it), its two facts apart: `verified` (AWS signed it) and
 * `productAttached`. Its verdict: 'confirmed' when the signature verified and every expectation
 * held, 'owner-mismatch' or 'not-attached' when the signature verified but the account or the product
 * code did not hold, 'error' when the signature did not verify. Only a verified document names an
 * owner: an unsigned one's accountId is the sender's claim, not evidence of whose the instance is.
 */
export function identityAuditEntry(
  v: IdentityVerification,
  expected: IdentityExpectations,
  time = new Date(),
): AuditEntry {
  const field = (name: string): string | null => {
    const value = v.document[name];
    return typeof value === 'string' ? value : null;
  };
  const failed = new Set(v.checks.filter((c) => !c.ok).map((c) => c.name));
  const verdict: ConfirmationVerdict = v.confirmed
    ? 'confirmed'
    : !v.verified
      ? 'error'
      : failed.has('account')
        ? 'owner-mismatch'
        : failed.has('product-code')
          ? 'not-attached'
          : 'error';
  const claimed = expected.account === undefined ? null : parseTypedAccount(expected.account);
  return {
    time: time.toISOString(),
    profile: null,
    region: field('region'),
    regionSource: null,
    instanceId: field('instanceId') ?? '',
    productCode: expected.productCode ?? '',
    claimedAccount: claimed?.ok ? claimed.account : null,
    ownerId: v.verified ? field('accountId') : null,
    verdict,
    errorKind: verdict === 'error' ? 'unknown' : null,
    requestId: null,
    source: 'identity-document',
    certificate: v.certificate,
    checks: v.checks,
    verified: v.verified,
    productAttached: v.product ? v.product.attached : null,
  };
}

/**
 * A live agreement search (SearchAgreements, `lookup --live` or the panel's Check live agreements) as
 * an audit line: the account and product asked about, the live verdict, every agreement, the request
 * ids, endpoint, profile and time. A failed search is recorded too, with its error kind and message.
 */
export function agreementAuditEntry(
  live: LiveEvidence,
  query: { account: string; productId?: string },
): AuditEntry {
  return {
    time: live.checkedAt,
    profile: live.profile,
    region: live.region,
    regionSource: null,
    instanceId: '',
    productCode: '',
    claimedAccount: query.account,
    ownerId: null,
    verdict:
      live.verdict === 'active' ? 'confirmed' : live.verdict === 'none' ? 'not-attached' : 'error',
    errorKind: live.error?.kind ?? null,
    requestId: live.requestIds.at(-1) ?? null,
    ...(live.requestIdService ? { requestIdService: live.requestIdService } : {}),
    source: 'marketplace-agreement',
    productId: query.productId ?? null,
    liveVerdict: live.verdict,
    agreements: live.agreements,
    endpoint: live.endpoint,
    requestIds: live.requestIds,
    errorMessage: live.error?.message ?? null,
  };
}

/**
 * The audit log could not be written (a folder, a path under a file, no permission, /proc...).
 * `path` is the log's path, `reason` says why in words ("it is a folder, not a file"); the answer
 * itself is not lost, so callers print it and then this.
 */
export class AuditWriteError extends FileWriteError {
  override name = 'AuditWriteError';
}

export class AuditLog {
  private readonly writer: JsonLinesWriter;

  constructor(readonly path: string) {
    this.writer = new JsonLinesWriter(path);
  }

  /** Appends the line of one confirmation; rejects with an AuditWriteError when the log cannot be written. */
  append(result: ConfirmationResult): Promise<void> {
    return this.appendEntry(auditEntryFor(result));
  }

  /** Appends an audit line built elsewhere (an identity document verified offline); same errors as append. */
  appendEntry(entry: AuditEntry): Promise<void> {
    // What was typed is kept as typed (malformed input too), but never a secret pasted into it.
    return this.writer.append(redactDeep(entry)).catch((error: NodeJS.ErrnoException) => {
      throw new AuditWriteError(this.path, writeFailureReason(error), { cause: error });
    });
  }

  /**
   * Appends `entry` like appendEntry, but never rejects: resolves to undefined when it was recorded, or to
   * "the audit write failed: PATH: REASON" when it was not. The one form of "a failed audit write never hides the
   * answer": the caller prints the answer, then this (the CLI's commands, the extension's AuditTrail).
   */
  async tryAppend(entry: AuditEntry): Promise<string | undefined> {
    try {
      await this.appendEntry(entry);
      return undefined;
    } catch (error) {
      const reason =
        error instanceof AuditWriteError
          ? error.reason
          : error instanceof Error
            ? error.message
            : String(error);
      return `the audit write failed: ${this.path}: ${reason}`;
    }
  }

  /** Entries oldest first; lines that are not audit entries (a torn last line, a hand edit) are skipped. */
  async read(filter: { account?: string } = {}): Promise<AuditEntry[]> {
    return (await this.readChecked(filter)).entries;
  }

  /** As read, and every line skipped with the reason, so a reader can say the log was damaged and where. */
  async readChecked(
    filter: { account?: string } = {},
  ): Promise<{ entries: AuditEntry[]; skipped: SkippedLine[] }> {
    const entries: AuditEntry[] = [];
    const skipped: SkippedLine[] = [];
    for await (const entry of this.entries(filter, (s) => skipped.push(s))) entries.push(entry);
    return { entries, skipped };
  }

  /**
   * The entries oldest first, line by line: a log of any size is read in bounded memory. A line that
   * is not an audit entry (not JSON, or a key of the wrong type: see auditEntryProblem) is handed to
   * `onSkipped` with its number and reason, and the lines after it are read on. An absent log has no
   * entries; a log that cannot be opened (a FIFO, a folder) rejects with a NamedFileError.
   */
  async *entries(
    filter: { account?: string } = {},
    onSkipped?: (skipped: SkippedLine) => void,
  ): AsyncGenerator<AuditEntry> {
    try {
      for await (const read of readJsonLinesFile(this.path)) {
        const problem = read.problem ?? auditEntryProblem(read.value);
        if (problem !== undefined) onSkipped?.({ line: read.line, problem });
        else if (matchesAccount(read.value as AuditEntry, filter.account))
          yield read.value as AuditEntry;
      }
    } catch (error) {
      if (!(error instanceof NamedFileError && error.code === 'ENOENT')) throw error;
    }
  }
}

/** A line of the audit log that is not an entry: its number (from 1) and why, in words. */
export interface SkippedLine {
  line: number;
  problem: string;
}

function matchesAccount(e: AuditEntry, account: string | undefined): boolean {
  return account === undefined || e.claimedAccount === account || e.ownerId === account;
}

/**
 * Why `value` is not an audit line the product could have written, in words naming the key ("\"agreements\"
 * must be a list of agreements"), or undefined when it is one. Keys added in later versions may be
 * absent (older lines lack them); a key that is there must have its type, since every reader relies on it.
 */
export function auditEntryProblem(value: unknown): string | undefined {
  return shapeProblem(value, AUDIT_KEYS, 'an audit entry');
}

/** Every key an audit line may have. */
const AUDIT_KEYS: KeyRule[] = [
  ['time', true, isTime, 'an ISO 8601 time'],
  ...CONFIRMATION_KEYS,
  ['profile', false, isNullableString, 'text or null'],
  ['region', false, isNullableString, 'text or null'],
  ['regionSource', false, isNullableString, 'text or null'],
  ['claimedAccount', false, isNullableString, 'text or null'],
  ['ownerId', false, isNullableString, 'text or null'],
  ['errorKind', false, isNullableString, 'text or null'],
  ['requestId', false, isNullableString, 'text or null'],
  [
    'source',
    false,
    oneOf('confirm-product-instance', 'identity-document', 'marketplace-agreement'),
    'confirm-product-instance, identity-document or marketplace-agreement',
  ],
  ['certificate', false, isNullableString, 'text or null'],
  [
    'checks',
    false,
    listOf(withKeys({ name: isString, ok: (v) => typeof v === 'boolean', detail: isString })),
    'a list of checks ({name, ok, detail})',
  ],
  ['productId', false, isNullableString, 'text or null'],
  ['liveVerdict', false, oneOf('active', 'none', 'error'), 'active, none or error'],
  [
    'agreements',
    false,
    listOf(
      withKeys({
        agreementId: isString,
        status: isString,
        productId: isNullableString,
        offerId: isNullableString,
        startTime: isNullableString,
        endTime: isNullableString,
      }),
    ),
    'a list of agreements ({agreementId, status, productId, offerId, startTime, endTime})',
  ],
  ['endpoint', false, isString, 'text'],
  ['requestIds', false, listOf(isString), 'a list of request ids (text)'],
  ['errorMessage', false, isNullableString, 'text or null'],
];

/** $SUPPORT_DESK_AUDIT is read by callers; this is the place when nothing is configured. */
export function defaultAuditPath(env: NodeJS.ProcessEnv = process.env): string {
  if (process.platform === 'win32' && env.LOCALAPPDATA)
    return join(env.LOCALAPPDATA, 'support-desk', 'audit.jsonl');
  if (env.XDG_STATE_HOME) return join(env.XDG_STATE_HOME, 'support-desk', 'audit.jsonl');
  return join(homedir(), '.support-desk', 'audit.jsonl');
}

/** The audit path a command uses: its option, else $SUPPORT_DESK_AUDIT, else the default. */
export function resolveAuditPath(
  option: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  return option || env.SUPPORT_DESK_AUDIT || defaultAuditPath(env);
}
