// `support-desk audit`: reads the audit trail of confirmations back, optionally for one account.
import { AuditLog, resolveAuditPath, type AuditEntry } from '../core/audit';
import { parseTypedAccount } from '../core/ids';
import { parseCommandArgs, UsageError, type Command } from './usage';

const HELP = `Usage: support-desk audit [--account A] [--audit PATH] [--json]

Lists every confirmation recorded in the audit log, oldest first: time, profile, region, instance,
product code, claimed account, owner, verdict, error kind, request id.
  --account A   only entries where A is the claimed account or the owner
  --audit PATH  audit log (default: $SUPPORT_DESK_AUDIT, else ~/.support-desk/audit.jsonl)`;

export const audit: Command = async (argv, io) => {
  const { values } = parseCommandArgs(argv, {
    account: { type: 'string' },
    audit: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  let account: string | undefined;
  if (values.account !== undefined) {
    const parsed = parseTypedAccount(values.account);
    if (!parsed.ok) throw new UsageError(`${parsed.reason}; give the 12-digit AWS account number, e.g. 111122223333`);
    account = parsed.account;
  }
  const log = new AuditLog(resolveAuditPath(values.audit));
  const { entries, skippedLines } = await log.readChecked(account ? { account } : {});
  if (skippedLines.length) {
    const lines = skippedLines.length === 1 ? `line ${skippedLines[0]} is` : `lines ${skippedLines.join(', ')} are`;
    io.err(`${log.path}: ${lines} not a whole audit entry (a crash mid-write cuts the last line short) and skipped; the other entries follow`);
  }
  if (values.json) {
    io.out(JSON.stringify(entries, null, 2));
    return 0;
  }
  if (entries.length === 0) io.out(`no confirmations recorded${account ? ` for ${account}` : ''} in ${log.path}`);
  for (const e of entries) io.out(describeEntry(e));
  return 0;
};

function describeEntry(e: AuditEntry): string {
  const outcome = e.verdict === 'error' ? `error (${e.errorKind})` : e.verdict;
  const accounts = `claimed ${e.claimedAccount ?? '-'}, owner ${e.ownerId ?? '-'}`;
  return `${e.time}  ${outcome.padEnd(26)}  ${e.instanceId}  ${e.productCode}  ${e.region ?? '-'}  ${accounts}  profile ${e.profile ?? '(default chain)'}  request ${e.requestId ?? '-'}`;
}
