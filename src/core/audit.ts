// The audit trail: one JSON line per confirmation asked for, append-only, readable after a crash.
// It names the profile used, never keys, tokens or signatures.
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ConfirmationErrorKind, ConfirmationResult, ConfirmationVerdict } from './confirmation';
import { readTextIfExists } from './files';
import { JsonLinesWriter, readJsonLines } from './jsonl';

export interface AuditEntry {
  time: string;
  profile: string | null;
  region: string | null;
  instanceId: string;
  productCode: string;
  claimedAccount: string | null;
  ownerId: string | null;
  verdict: ConfirmationVerdict;
  errorKind: ConfirmationErrorKind | null;
  requestId: string | null;
}

/** The audit line of a confirmation: what was asked, what EC2 answered, with which profile; no secret. */
export function auditEntryFor(r: ConfirmationResult): AuditEntry {
  return {
    time: r.checkedAt,
    profile: r.profile,
    region: r.region,
    instanceId: r.instanceId,
    productCode: r.productCode,
    claimedAccount: r.claimedAccount,
    ownerId: r.ownerId,
    verdict: r.verdict,
    errorKind: r.error?.kind ?? null,
    requestId: r.requestId,
  };
}

export class AuditLog {
  private readonly writer: JsonLinesWriter;

  constructor(readonly path: string) {
    this.writer = new JsonLinesWriter(path);
  }

  append(result: ConfirmationResult): Promise<void> {
    return this.writer.append(auditEntryFor(result));
  }

  /** Entries oldest first; lines that are not whole entries (a torn last line) are skipped. */
  async read(filter: { account?: string } = {}): Promise<AuditEntry[]> {
    return (await this.readChecked(filter)).entries;
  }

  /** As read, and the numbers of the lines skipped, so a reader can say the log was damaged. */
  async readChecked(filter: { account?: string } = {}): Promise<{ entries: AuditEntry[]; skippedLines: number[] }> {
    const text = await readTextIfExists(this.path);
    if (text === undefined) return { entries: [], skippedLines: [] };
    const skippedLines: number[] = [];
    const entries = readJsonLines(text, isAuditEntry, (line) => skippedLines.push(line)).filter(
      (e) => filter.account === undefined || e.claimedAccount === filter.account || e.ownerId === filter.account,
    );
    return { entries, skippedLines };
  }
}

function isAuditEntry(value: unknown): value is AuditEntry {
  const v = value as AuditEntry;
  return typeof v === 'object' && v !== null && typeof v.instanceId === 'string' && typeof v.verdict === 'string' && typeof v.time === 'string';
}

/** $SUPPORT_DESK_AUDIT is read by callers; this is the place when nothing is configured. */
export function defaultAuditPath(env: NodeJS.ProcessEnv = process.env): string {
  if (process.platform === 'win32' && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, 'support-desk', 'audit.jsonl');
  if (env.XDG_STATE_HOME) return join(env.XDG_STATE_HOME, 'support-desk', 'audit.jsonl');
  return join(homedir(), '.support-desk', 'audit.jsonl');
}

/** The audit path a command uses: its option, else $SUPPORT_DESK_AUDIT, else the default. */
export function resolveAuditPath(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return option || env.SUPPORT_DESK_AUDIT || defaultAuditPath(env);
}
