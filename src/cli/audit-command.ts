// `support-desk audit`: reads the audit trail back (confirmations, identity documents, live agreement
// searches), optionally for one account.
import { AuditLog, resolveAuditPath, type AuditEntry } from '../core/audit';
import { parseTypedAccount } from '../core/ids';
import { defineCommand, SHARED_OPTIONS, splitAccountOptionMistake, usageMistake } from './command-definition';
import { UsageError } from './usage';

export const audit = defineCommand({
  name: 'audit',
  summary: 'the evidence recorded in the audit log (confirmations, identity documents, live searches), for one account or all',
  usage: ['audit [--account A] [--audit PATH] [--json]'],
  description: `Lists every confirmation recorded in the audit log, oldest first: time, profile, region, instance,
product code, claimed account, owner, verdict, error kind, request id; and every instance identity
document verified (its AWS certificate) and live agreement search (the account and product searched,
the live verdict, each agreement with its start, the request id).`,
  options: {
    account: { type: 'string', value: 'A', help: 'only entries where A is the claimed (or searched) account or the owner' },
    audit: SHARED_OPTIONS.audit,
    json: SHARED_OPTIONS.json,
  },
  exitCodes: '0 listed (a damaged line is said on stderr and skipped); 2 a usage error.',
  run: async ({ values, positionals }, io) => {
    const split = splitAccountOptionMistake('audit', values, positionals);
    if (split) throw split;
    if (positionals.length) throw usageMistake(`unexpected "${positionals[0]}": give the account with --account A`);
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
    if (entries.length === 0) io.out(`nothing recorded${account ? ` for ${account}` : ''} in ${log.path}`);
    for (const e of entries) io.out(describeEntry(e));
    return 0;
  },
});

function describeEntry(e: AuditEntry): string {
  const profile = `profile ${e.profile ?? '(default chain)'}  request ${e.requestId ?? '-'}`;
  if (e.source === 'marketplace-agreement') {
    const outcome = `live ${e.liveVerdict ?? 'error'}${e.errorKind ? ` (${e.errorKind})` : ''}`;
    const found = (e.agreements ?? []).map((a) => `${a.agreementId} ${a.status} from ${a.startTime?.slice(0, 10) ?? '?'}`).join(', ') || 'no agreement';
    return `${e.time}  ${outcome.padEnd(26)}  agreements of ${e.claimedAccount ?? '-'}  ${e.productId ?? 'any product'}  ${e.region ?? '-'}  ${found}  ${profile}`;
  }
  const outcome = `${e.verdict === 'error' ? `error (${e.errorKind})` : e.verdict}${e.source === 'identity-document' ? ' (identity document)' : ''}`;
  const accounts = `claimed ${e.claimedAccount ?? '-'}, owner ${e.ownerId ?? '-'}`;
  const proof = e.source === 'identity-document' ? `certificate ${e.certificate ?? '-'} (offline)` : profile;
  return `${e.time}  ${outcome.padEnd(26)}  ${e.instanceId}  ${e.productCode}  ${e.region ?? '-'}  ${accounts}  ${proof}`;
}
