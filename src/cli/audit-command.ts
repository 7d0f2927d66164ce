// `support-desk audit`: reads the audit trail back (confirmations, identity documents, live agreement
// searches), optionally for one account.
import { AuditLog, resolveAuditPath, type AuditEntry, type SkippedLine } from '../core/audit';
import { parseTypedAccount } from '../core/ids';
import {
  defineCommand,
  SHARED_OPTIONS,
  splitAccountOptionMistake,
  usageMistake,
} from './command-definition';
import { UsageError, type CliIo } from './usage';

export const audit = defineCommand({
  name: 'audit',
  summary:
    'the evidence recorded in the audit log (confirmations, identity documents, live searches), for one account or all',
  usage: ['audit [--account A] [--audit PATH] [--json]'],
  description: `Lists every confirmation recorded in the audit log, oldest first: time, profile, region, instance,
product code, claimed account, owner, verdict, error kind, request id; and every instance identity
document verified (its AWS certificate) and live agreement search (the account and product searched,
the live verdict, each agreement with its start, the request id).`,
  options: {
    account: {
      type: 'string',
      value: 'A',
      help: 'only entries where A is the claimed (or searched) account or the owner',
    },
    audit: SHARED_OPTIONS.audit,
    json: SHARED_OPTIONS.json,
  },
  exitCodes:
    '0 listed (a damaged line is named on stderr with its number and skipped); 2 a usage error.',
  run: async ({ values, positionals }, io) => {
    const split = splitAccountOptionMistake('audit', values, positionals);
    if (split) throw split;
    if (positionals.length)
      throw usageMistake(`unexpected "${positionals[0]}": give the account with --account A`);
    let account: string | undefined;
    if (values.account !== undefined) {
      const parsed = parseTypedAccount(values.account);
      if (!parsed.ok)
        throw new UsageError(
          `${parsed.reason}; give the 12-digit AWS account number, e.g. 111122223333`,
        );
      account = parsed.account;
    }
    const log = new AuditLog(resolveAuditPath(values.audit));
    // Printed as read, one entry at a time: a log of any size is listed in bounded memory.
    const list = new EntryList(io, values.json === true);
    const skip = (s: SkippedLine) =>
      io.err(`${log.path}: line ${s.line} skipped, the other entries are listed: ${s.problem}`);
    for await (const entry of log.entries(account ? { account } : {}, skip)) list.add(entry);
    list.end(`nothing recorded${account ? ` for ${account}` : ''} in ${log.path}`);
    return 0;
  },
});

/**
 * The entries as `audit` prints them: a line each, or with --json the same array JSON.stringify(entries,
 * null, 2) would give, written an entry at a time (the comma goes out with the next one).
 */
class EntryList {
  private held?: string;
  private count = 0;

  constructor(
    private readonly io: CliIo,
    private readonly json: boolean,
  ) {}

  add(entry: AuditEntry): void {
    this.count++;
    if (!this.json) return this.io.out(describeEntry(entry));
    this.io.out(this.held === undefined ? '[' : `${this.held},`);
    this.held = JSON.stringify(entry, null, 2).replace(/^/gm, '  ');
  }

  end(nothing: string): void {
    if (this.json) this.io.out(this.held === undefined ? '[]' : `${this.held}\n]`);
    else if (this.count === 0) this.io.out(nothing);
  }
}

function describeEntry(e: AuditEntry): string {
  const profile = `profile ${e.profile ?? '(default chain)'}  request ${e.requestId ?? '-'}`;
  if (e.source === 'marketplace-agreement') {
    const outcome = `live ${e.liveVerdict ?? 'error'}${e.errorKind ? ` (${e.errorKind})` : ''}`;
    const found =
      (e.agreements ?? [])
        .map((a) => `${a.agreementId} ${a.status} from ${a.startTime?.slice(0, 10) ?? '?'}`)
        .join(', ') || 'no agreement';
    return `${e.time}  ${outcome.padEnd(26)}  agreements of ${e.claimedAccount ?? '-'}  ${e.productId ?? 'any product'}  ${e.region ?? '-'}  ${found}  ${profile}`;
  }
  const outcome = `${e.verdict === 'error' ? `error (${e.errorKind})` : e.verdict}${e.source === 'identity-document' ? ' (identity document)' : ''}`;
  const accounts = `claimed ${e.claimedAccount ?? '-'}, owner ${e.ownerId ?? '-'}`;
  const proof =
    e.source === 'identity-document' ? `certificate ${e.certificate ?? '-'} (offline)` : profile;
  return `${e.time}  ${outcome.padEnd(26)}  ${e.instanceId}  ${e.productCode}  ${e.region ?? '-'}  ${accounts}  ${proof}`;
}
