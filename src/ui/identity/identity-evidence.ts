// An instance identity document verified offline, as evidence: the same verifier as
// `support-desk verify-identity` (AWS's bundled certificates only), the answer recorded in the audit
// log beside the confirmations. Bundled apart (dist/identity.js) and loaded on first use: the CMS
// parser is not paid for at activation.
import { identityAuditEntry } from '../../core/audit';
import { identityAnswer } from '../../core/identity';
import {
  verifyIdentity,
  type IdentityExpectations,
  type IdentityMethod,
  type IdentityVerification,
} from '../../core/identity';
import type { SupportDeskContext } from '../context';

export { NotASignatureError } from '../../core/identity';
export { identityAnswer } from '../../core/identity';

/** What the engineer was sent and expects: the signature as pasted, the document when apart from it. */
export interface IdentityEvidenceInput {
  method: IdentityMethod;
  signature: string;
  /** The document's text, for `signature` (and a PKCS7 that does not carry it). */
  document?: string;
  expected: IdentityExpectations;
}

/**
 * Verifies and records the answer in the audit log (the Confirmations view refreshes); the document's
 * age is judged against the playbook's eligibility.identityDocumentDays unless `expected` says. Throws
 * NotASignatureError (from the verifier) for input that is not a signature at all; an audit log
 * that cannot be written is said in the log and in the returned `auditProblem`, never hides the answer.
 */
export async function verifyAndRecord(
  ctx: SupportDeskContext,
  input: IdentityEvidenceInput,
): Promise<{ verification: IdentityVerification; auditProblem?: string }> {
  const maxAgeDays =
    input.expected.maxAgeDays ??
    (await ctx.playbook.current()).playbook.eligibility.identityDocumentDays;
  const expected = { ...input.expected, maxAgeDays };
  const verification = verifyIdentity(
    {
      method: input.method,
      signature: input.signature,
      document: input.document === undefined ? undefined : Buffer.from(input.document, 'utf8'),
    },
    expected,
  );
  const entry = identityAuditEntry(verification, expected);
  const { authenticity, confirmation } = identityAnswer(verification);
  ctx.log.info(
    `verify identity ${input.method}: ${authenticity.verdict.toLowerCase()}, ${confirmation.verdict.toLowerCase()}${verification.reasons.length ? ` (${verification.reasons.join('; ')})` : ''}, instance ${entry.instanceId || 'unknown'}, owner ${entry.ownerId ?? 'unknown'}`,
  );
  const auditProblem = await ctx.audit.append(entry);
  return auditProblem ? { verification, auditProblem } : { verification };
}

/** The answer for a notification or the panel: both facts apart, when the instance started, and any warning. */
export function describeVerification(v: IdentityVerification): string {
  const { authenticity, confirmation, started } = identityAnswer(v);
  return [
    `${authenticity.verdict}: ${authenticity.text}`,
    `${confirmation.verdict}: ${confirmation.text}`,
    started,
    ...v.warnings.map((w) => `Warning: ${w}.`),
  ]
    .filter(Boolean)
    .join(' ');
}
