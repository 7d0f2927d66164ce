// An instance identity document verified offline, as evidence: the same verifier as
// `support-desk verify-identity` (AWS's bundled certificates only), the answer recorded in the audit
// log beside the confirmations. Bundled apart (dist/identity.js) and loaded on first use: the CMS
// parser is not paid for at activation.
import { identityAuditEntry } from '../../core/audit';
import { verifyIdentity, type IdentityExpectations, type IdentityMethod, type IdentityVerification } from '../../core/identity/verify';
import type { SupportDeskContext } from '../context';
import { recordEvidence } from '../record-evidence';

export { NotASignatureError } from '../../core/identity/verify';

/** What the engineer was sent and expects: the signature as pasted, the document when apart from it. */
export interface IdentityEvidenceInput {
  method: IdentityMethod;
  signature: string;
  /** The document's text, for `signature` (and a PKCS7 that does not carry it). */
  document?: string;
  expected: IdentityExpectations;
}

/**
 * Verifies and records the answer in the audit log (the Confirmations view refreshes). Throws
 * NotASignatureError (from the verifier) for input that is not a signature at all; an audit log
 * that cannot be written is said in the log and in the returned `auditProblem`, never hides the answer.
 */
export async function verifyAndRecord(
  ctx: SupportDeskContext,
  input: IdentityEvidenceInput,
): Promise<{ verification: IdentityVerification; auditProblem?: string }> {
  const verification = verifyIdentity(
    { method: input.method, signature: input.signature, document: input.document === undefined ? undefined : Buffer.from(input.document, 'utf8') },
    input.expected,
  );
  const entry = identityAuditEntry(verification, input.expected);
  ctx.log.info(
    `verify identity ${input.method}: ${verification.verified ? 'verified' : `not verified (${verification.reasons.join('; ')})`}, instance ${entry.instanceId || 'unknown'}, account ${entry.ownerId ?? 'unknown'}`,
  );
  const auditProblem = await recordEvidence(ctx, entry);
  return auditProblem ? { verification, auditProblem } : { verification };
}

/** One sentence for a notification or the panel: what was proven, or why not. */
export function describeVerification(v: IdentityVerification): string {
  // The document is what the customer sent: a field that is not a string is named as unknown.
  const field = (name: string, unknown: string) => (typeof v.document[name] === 'string' ? v.document[name] : unknown);
  const what = `instance ${field('instanceId', 'unknown')} of account ${field('accountId', 'unknown')} in ${field('region', 'an unknown region')}`;
  return v.verified
    ? `Verified by AWS's ${v.certificate} certificate: ${what}.`
    : `Not verified (${v.method}): ${v.reasons.join('; ')}${v.certificate ? ` (signature checked with AWS's ${v.certificate} certificate, ${what})` : ''}.`;
}
