// `support-desk verify-identity`: proves an instance from its identity document and signature,
// offline, against AWS's published certificates only (a certificate inside the PKCS7 is ignored).
import type { IdentityMethod, IdentityVerification } from '../core/identity';
import { AuditLog, identityAuditEntry, resolveAuditPath } from '../core/audit';
import { identityAnswer } from '../core/identity';
import { DEFAULT_IDENTITY_DOCUMENT_DAYS } from '../core/identity';
import { lazyBundle } from '../core/lazy-bundle';
import { loadPlaybook, TEAM_PLAYBOOK_PATH } from '../core/playbook';
import { exitRecorded } from './audit-record';
import { defineCommand, SHARED_OPTIONS } from './command-definition';
import { OPTION_FILE_LIMITS, readOptionFile } from './option-file';
import { EXIT, UsageError } from './usage';

// The CMS/X.509 parser loads when this command runs: every other command starts without parsing it.
const identityVerifier = lazyBundle<typeof import('../core/identity')>('identity-verifier');

export const verifyIdentityCommand = defineCommand({
  name: 'verify-identity',
  summary: 'prove an instance offline from its identity document, signed by AWS',
  usage: [
    'verify-identity (--pkcs7 FILE | --rsa2048 FILE --document FILE | --signature FILE --document FILE)\n[--document FILE] [--product-code C] [--account A] [--instance-id I] [--playbook PATH] [--audit PATH] [--json]',
  ],
  description: `Verifies an EC2 instance identity document with AWS's public certificates, without calling AWS.
The customer runs on the instance (IMDSv2 needs a token, see the AWS guide):
  curl http://169.254.169.254/latest/dynamic/instance-identity/pkcs7      (or /rsa2048, /signature)
  curl http://169.254.169.254/latest/dynamic/instance-identity/document
and sends both. Pasted text is fine: with or without the -----BEGIN PKCS7----- lines, wrapped, CRLF.
The answer says two things apart: whether AWS signed the document (AUTHENTIC, or NOT SIGNED BY AWS),
and whether it confirms what was asked (the instance runs --product-code, in --account). It shows when
the instance started (pendingTime) and warns when that is more than the playbook's
eligibility.identityDocumentDays ago (default ${DEFAULT_IDENTITY_DOCUMENT_DAYS}).
Every verification of a signature, verified or not, is recorded in the audit log.`,
  options: {
    pkcs7: {
      type: 'string',
      value: 'FILE',
      help: 'the /pkcs7 signature (SHA-1 with DSA), which carries the document',
    },
    rsa2048: {
      type: 'string',
      value: 'FILE',
      help: 'the /rsa2048 signature (SHA-256 with RSA-2048): no AWS certificate for it is bundled yet,\nso the answer says it cannot be checked; ask for /pkcs7',
    },
    signature: {
      type: 'string',
      value: 'FILE',
      help: 'the /signature value (base64 RSA SHA-256 over the document)',
    },
    document: {
      type: 'string',
      value: 'FILE',
      help: 'the document; beside a PKCS7 it must be the signed one',
    },
    'product-code': {
      type: 'string',
      value: 'C',
      help: 'the product code must be among its marketplaceProductCodes, billingProducts or devpayProductCodes',
    },
    account: { type: 'string', value: 'A', help: 'the document must be from this AWS account' },
    'instance-id': { type: 'string', value: 'I', help: 'the document must be for this instance' },
    playbook: {
      ...SHARED_OPTIONS.playbook,
      help: `team playbook whose identityDocumentDays applies (default: ${TEAM_PLAYBOOK_PATH})`,
    },
    audit: SHARED_OPTIONS.audit,
    json: SHARED_OPTIONS.json,
  },
  exitCodes: `0 AWS signed it and every expectation holds; 1 it is not signed by AWS, or an
expectation does not hold (each named); 2 a usage error, a missing file, or input that is not a signature;
3 the answer was printed but the audit log could not be written.`,
  run: async ({ values, positionals }, io) => {
    if (positionals.length)
      throw new UsageError(
        `unexpected "${positionals[0]}": give the signature file with --pkcs7, --rsa2048 or --signature`,
      );
    const given = (['pkcs7', 'rsa2048', 'signature'] as const).filter(
      (m) => values[m] !== undefined,
    );
    if (given.length !== 1) {
      throw new UsageError(
        given.length === 0
          ? 'give the signature: --pkcs7 FILE, --rsa2048 FILE --document FILE or --signature FILE --document FILE'
          : `give one signature, not ${given.map((m) => `--${m}`).join(' and ')}`,
        { ownWords: true },
      );
    }
    const method: IdentityMethod = given[0];
    if (method !== 'pkcs7' && values.document === undefined)
      throw new UsageError(`--${method} needs the document it signs: add --document FILE`, {
        ownWords: true,
      });
    const signature = (
      await readOptionFile(values[method]!, `--${method}`, OPTION_FILE_LIMITS.identity)
    ).toString('utf8');
    const document =
      values.document === undefined
        ? undefined
        : await readOptionFile(values.document, '--document', OPTION_FILE_LIMITS.identity);
    const { playbook, problems } = await loadPlaybook(values.playbook ?? TEAM_PLAYBOOK_PATH);
    for (const p of problems) io.err(`${p.file}:${p.line}: ${p.severity}: ${p.message}`);
    const expected = {
      productCode: values['product-code'],
      account: values.account,
      instanceId: values['instance-id'],
      maxAgeDays: playbook.eligibility.identityDocumentDays,
    };
    const { NotASignatureError, verifyIdentity } = identityVerifier.load();
    let result: IdentityVerification;
    try {
      result = verifyIdentity({ method, signature, document }, expected);
    } catch (error) {
      if (error instanceof NotASignatureError) throw new UsageError(error.message);
      throw error;
    }
    io.out(values.json ? JSON.stringify(result, null, 2) : describe(result));
    const unrecorded = await new AuditLog(resolveAuditPath(values.audit)).tryAppend(
      identityAuditEntry(result, expected),
    );
    return exitRecorded(result.confirmed ? EXIT.ok : EXIT.notDone, [unrecorded], io, {
      evidence: () => 'the verification is',
      again: 'verify again',
    });
  },
});

function describe(result: IdentityVerification): string {
  // The document is the customer's JSON: a field that is not a string is shown as missing, not as "[object Object]".
  const field = (name: string) =>
    typeof result.document[name] === 'string' ? result.document[name] : '-';
  const { authenticity, confirmation, started } = identityAnswer(result);
  const lines = [
    `${authenticity.verdict.toUpperCase()}: ${authenticity.text}`,
    `${confirmation.verdict.toUpperCase()}: ${confirmation.text}`,
    `  account ${field('accountId')}  instance ${field('instanceId')}  region ${field('region')}  image ${field('imageId')}`,
    ...(started ? [`  ${started}`] : []),
    ...result.warnings.map((w) => `  WARNING: ${w}`),
    ...result.checks.map((c) => `  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`),
  ];
  return lines.join('\n');
}
