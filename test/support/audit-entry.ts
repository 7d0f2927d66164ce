// A valid audit line of each source, for tests that write or show hand-made evidence: every field the source
// writes is set, and `over` replaces any of them (a field set to undefined is left out).
import type { LiveAgreement } from '../../src/core/agreements/live-verdict';
import type { AuditEntry, AuditSource } from '../../src/core/audit/audit';

const ACCOUNT = '111122223333';

/** The fields every line has, as `confirm` writes them: a confirmed instance of product code abc123. */
const CONFIRMATION: AuditEntry = {
  time: '2026-11-23T10:00:00.000Z',
  profile: 'seller',
  region: 'us-east-1',
  regionSource: 'flag',
  instanceId: 'i-0123456789abcdef0',
  productCode: 'abc123',
  claimedAccount: ACCOUNT,
  ownerId: ACCOUNT,
  verdict: 'confirmed',
  errorKind: null,
  requestId: 'req-1',
};

/** The one agreement of the default agreement search: active, pay-as-you-go. */
export const LIVE_AGREEMENT: LiveAgreement = {
  agreementId: 'agmt-00000000000000000000',
  status: 'ACTIVE',
  productId: 'prod-abcdefghijklm',
  offerId: 'offer-abcdefghijklmnopqrstu',
  startTime: '2026-01-01T00:00:00.000Z',
  endTime: null,
};

const BY_SOURCE: Record<AuditSource, AuditEntry> = {
  'confirm-product-instance': CONFIRMATION,
  // Verified offline: no profile, no request id, the certificate and every check.
  'identity-document': {
    ...CONFIRMATION,
    profile: null,
    regionSource: null,
    requestId: null,
    source: 'identity-document',
    certificate: 'AWS us-east-1',
    checks: [
      { name: 'signature', ok: true, detail: 'verified with the AWS certificate for us-east-1' },
    ],
    verified: true,
    productAttached: true,
  },
  // A live agreement search: no instance or product code; the searched account is claimedAccount.
  'marketplace-agreement': {
    ...CONFIRMATION,
    regionSource: null,
    instanceId: '',
    productCode: '',
    ownerId: null,
    source: 'marketplace-agreement',
    productId: 'prod-abcdefghijklm',
    liveVerdict: 'active',
    agreements: [LIVE_AGREEMENT],
    endpoint: 'https://agreement-marketplace.us-east-1.amazonaws.com',
    requestIds: ['req-1'],
    errorMessage: null,
  },
};

/**
 * A valid audit line of `over.source` (absent: a `confirm` line, which writes no source), with `over`'s fields in
 * place of the defaults; a field given as undefined is left out (an older line without `regionSource`).
 */
export function auditEntry(over: Partial<AuditEntry> = {}): AuditEntry {
  const entry: Record<string, unknown> = {
    ...BY_SOURCE[over.source ?? 'confirm-product-instance'],
    ...over,
  };
  for (const key of Object.keys(entry)) if (entry[key] === undefined) delete entry[key];
  return entry as unknown as AuditEntry;
}
