// An account's verdict as plain text: what `lookup` prints, what "Copy evidence" copies and what
// an eligibility case carries. One wording, so the three never disagree.
import type { Freshness } from './eligibility';
import type { AccountVerdict, SupportContact } from './domain';

/**
 * "Account 111122223333: ELIGIBLE (as of 2026-11-22)" and, per product, its verdict and reasons
 * (each naming file:line, report date and last usage). Lines joined with "\n", no trailing newline.
 */
export function describeVerdict(verdict: AccountVerdict, asOf: string): string {
  const lines = [`Account ${verdict.account}: ${verdict.verdict.toUpperCase()} (as of ${asOf})`];
  if (verdict.subscriptions.length === 0) lines.push('  no products in the reports');
  for (const s of verdict.subscriptions) {
    const ids = [s.productTitle ? s.productId : undefined, s.productCode && `product code ${s.productCode}`].filter(Boolean).join(', ');
    lines.push(`  ${s.productTitle ?? s.productId}${ids ? ` (${ids})` : ''}: ${s.verdict}`);
    for (const reason of s.reasons) lines.push(`    - ${reason}`);
  }
  if (verdict.contacts.length > 0) lines.push('Support contacts:', ...verdict.contacts.map((c) => `  ${describeContact(c)}`));
  return lines.join('\n');
}

/** The verdict, then the freshness of the reports behind it: the evidence an engineer copies or files. */
export function describeEvidence(verdict: AccountVerdict, asOf: string, freshness: Freshness): string {
  return `${describeVerdict(verdict, asOf)}\nReports: ${freshness.message}${freshness.stale ? ' (stale)' : ''}`;
}

/** "Jane Doe for prod-x: jane@example.com; +1 555 0100; Acme" from a Product Support Connection row. */
export function describeContact(c: SupportContact): string {
  const name = [c.givenName, c.surname].filter(Boolean).join(' ') || '(no name)';
  const details = [c.email, c.telephone, c.organization?.replace(/\s*\n\s*/g, ', '), c.title, c.countryCode].filter(Boolean).join('; ');
  return `${name} for ${c.productId}${details ? `: ${details}` : ''}`;
}
