// Verifies an instance identity document offline, against AWS's published certificates only.
// `/pkcs7` (SHA-1 with DSA; RSA in China) and `/rsa2048` (SHA-256 with RSA-2048) are CMS
// SignedData; `/signature` is a bare RSA SHA-256 signature over the document's bytes.
import { createHash, verify as verifySignature } from 'node:crypto';
import {
  certificatesFor,
  awsIdentityCertificates,
  trust,
  type IdentityCertificate,
  type IdentityMethod,
  type TrustedCertificate,
} from './certificates';
import { ID_DATA, parseSignedData, sameSerial, type CmsSigner } from './cms';
import {
  ageWarning,
  DEFAULT_IDENTITY_DOCUMENT_DAYS,
  documentForms,
  EXPECTATION_CHECKS,
  expectationChecks,
  productCodeIn,
  readIdentityDocument,
  utcWords,
  type IdentityCheck,
  type IdentityExpectations,
} from './document';
import { NotASignatureError, notPastedOutput, readPastedSignature } from './pasted';

export type { IdentityCheck, IdentityExpectations } from './document';
export type { IdentityCertificate, IdentityMethod } from './certificates';
export { NotASignatureError } from './pasted';
export { DEFAULT_IDENTITY_DOCUMENT_DAYS } from './document';

/** What the customer sent: the signature as pasted, and the document when it is apart from it. */
export interface IdentityInput {
  method: IdentityMethod;
  /** The signature text as pasted (armour, wrapping and CRLF are fine). */
  signature: string;
  /** The document's bytes: required for `signature`, and for a PKCS7 that does not carry it. */
  document?: Buffer;
}

/**
 * The answer, as `verify-identity --json` prints it. Two facts apart: `verified` says AWS signed
 * the document (the customer did not forge it); `product` and `confirmed` say whether it proves what
 * was expected of it (the instance runs the product, in the customer's account).
 */
export interface IdentityVerification {
  /** True when AWS signed these bytes: the signature verifies with an AWS certificate and the document is the one signed. */
  verified: boolean;
  /** True when verified AND every expectation given (product code, account, instance) holds. */
  confirmed: boolean;
  method: IdentityMethod;
  /** The name of the AWS certificate whose key verified the signature; null when none did. */
  certificate: string | null;
  /**
   * The product code asked about (null when none was): `attached` true only when the verified
   * document carries it, in `field` (marketplaceProductCodes, billingProducts or devpayProductCodes).
   */
  product: { code: string; attached: boolean; field: string | null } | null;
  /** The signed document's fields ({} when the signed bytes are not a JSON object). */
  document: Record<string, unknown>;
  checks: IdentityCheck[];
  /** The detail of every check that failed, in order: what the engineer tells the customer. */
  reasons: string[];
  /** What the engineer should weigh though no check failed: a verified document older than `maxAgeDays`. */
  warnings: string[];
}

/** Options: `certificates` replaces AWS's bundled ones (tests only, the CLI never passes it); `now` for the document's age. */
export interface VerifyOptions {
  certificates?: IdentityCertificate[];
  now?: Date;
}

const DIGESTS: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** Signature algorithm OIDs by the key type that can make them. */
const SIGNATURE_KEYS: Record<string, string> = {
  '1.2.840.10040.4.1': 'dsa',
  '1.2.840.10040.4.3': 'dsa',
  '2.16.840.1.101.3.4.3.2': 'dsa',
  '1.2.840.113549.1.1.1': 'rsa',
  '1.2.840.113549.1.1.5': 'rsa',
  '1.2.840.113549.1.1.11': 'rsa',
  '1.2.840.113549.1.1.12': 'rsa',
  '1.2.840.113549.1.1.13': 'rsa',
};

/**
 * Verifies `input` and checks `expected`. Throws NotASignatureError when the input is not a
 * signature at all (not base64, not SignedData, a PKCS7 without a document and none given);
 * every other failure is a check that does not hold, with its reason.
 */
export function verifyIdentity(
  input: IdentityInput,
  expected: IdentityExpectations = {},
  options: VerifyOptions = {},
): IdentityVerification {
  const trusted = options.certificates ? trust(options.certificates) : awsIdentityCertificates();
  const outcome =
    input.method === 'signature'
      ? verifyBareSignature(input, trusted)
      : verifyPkcs7(input, trusted);
  const document = readIdentityDocument(outcome.signedBytes);
  const checks = [
    ...outcome.checks,
    {
      name: 'document',
      ok: document !== undefined,
      detail: document
        ? 'the signed bytes are an instance identity document'
        : 'the signed bytes are not a JSON instance identity document',
    },
    ...expectationChecks(document ?? {}, expected),
  ];
  const reasons = checks.filter((c) => !c.ok).map((c) => c.detail);
  const verified =
    outcome.certificate !== undefined &&
    checks.every((c) => c.ok || EXPECTATION_CHECKS.has(c.name));
  const fields = document ?? {};
  const code = expected.productCode;
  const field = code === undefined ? null : productCodeIn(fields, code).field;
  const warning = verified
    ? ageWarning(
        fields,
        expected.maxAgeDays ?? DEFAULT_IDENTITY_DOCUMENT_DAYS,
        options.now ?? new Date(),
      )
    : undefined;
  return {
    verified,
    confirmed: verified && reasons.length === 0,
    method: input.method,
    certificate: outcome.certificate?.name ?? null,
    product: code === undefined ? null : { code, attached: verified && field !== null, field },
    document: fields,
    checks,
    reasons,
    warnings: warning ? [warning] : [],
  };
}

interface Outcome {
  checks: IdentityCheck[];
  certificate?: TrustedCertificate;
  /** The bytes the signature covers (or would): the document read from here, never from elsewhere. */
  signedBytes: Buffer;
}

function verifyPkcs7(input: IdentityInput, trusted: TrustedCertificate[]): Outcome {
  const what = `the /${input.method} signature`;
  const bytes = readPastedSignature(input.signature, what, input.method);
  if (bytes[0] !== 0x30)
    throw new NotASignatureError(
      `${what} is base64 but not a PKCS7 (a bare signature? use --signature)`,
    );
  const signed = parseSignedData(bytes);
  const content = signed.content ?? input.document;
  if (!content)
    throw new NotASignatureError(
      `${what} does not carry the document: give the document too (--document FILE)`,
    );
  const checks: IdentityCheck[] = [];
  if (signed.content && input.document) {
    const form = documentForms(input.document).find((f) => f.bytes.equals(signed.content!));
    checks.push({
      name: 'document-matches',
      ok: form !== undefined,
      detail: form
        ? `the document given is the one signed (${form.note})`
        : 'the document given is not the one signed: trust only the signed one, shown here',
    });
  }
  const data = signed.contentType === ID_DATA;
  checks.push({
    name: 'content-type',
    ok: data,
    detail: data
      ? 'the signature covers plain data, as AWS signs a document'
      : `the signature covers content of another type (OID ${signed.contentType}), never a document`,
  });
  if (signed.signers.length !== 1) {
    checks.push({
      name: 'signature',
      ok: false,
      detail: `the PKCS7 has ${signed.signers.length} signers, and AWS signs with exactly one`,
    });
    return { checks, signedBytes: content };
  }
  const signer = signed.signers[0];
  if (signer.unreadable) {
    checks.push({
      name: 'signature',
      ok: false,
      detail: `its signer cannot be read (${signer.unreadable}), and AWS's always can`,
    });
    return { checks, signedBytes: content };
  }
  const digestName = DIGESTS[signer.digestAlgorithm];
  if (!digestName) {
    checks.push({
      name: 'signature',
      ok: false,
      detail: `its digest algorithm (OID ${signer.digestAlgorithm}) is not one AWS uses`,
    });
    return { checks, signedBytes: content };
  }
  const digestWords = digestName.toUpperCase().replace('SHA', 'SHA-');
  let signedData = content;
  if (signer.signedAttributes) {
    const digest = createHash(digestName).update(content).digest();
    const same = signer.messageDigest?.equals(digest) ?? false;
    checks.push({
      name: 'message-digest',
      ok: same,
      detail: same
        ? `the document is unchanged since it was signed (its ${digestWords} digest is the signed one)`
        : 'the document was changed after it was signed (its digest is not the signed one)',
    });
    const typeOk = signer.contentType === signed.contentType;
    checks.push({
      name: 'content-type-attribute',
      ok: typeOk,
      detail: typeOk
        ? 'the signed attributes name the content the message carries'
        : `the signed attributes name other content (${signer.contentType ? `OID ${signer.contentType}` : 'none'}) than the message carries`,
    });
    signedData = signer.signedAttributes;
  }
  const candidates = certificatesFor(input.method, regionOf(content), trusted);
  if (candidates.length === 0) {
    checks.push({
      name: 'certificate',
      ok: false,
      detail:
        `no AWS certificate for /${input.method} is bundled, so it cannot be checked here (this is not a sign of forgery; ` +
        'AWS hands out the RSA-2048 certificates through AWS Support): ask the customer for /pkcs7 or /signature instead',
    });
    return { checks, signedBytes: content };
  }
  const found = signerCertificate(signer, digestName, signedData, candidates);
  const time = signer.signingTime ? `, signed ${utcWords(signer.signingTime)}` : '';
  checks.push({
    name: 'signature',
    ok: found.certificate !== undefined,
    detail: found.certificate
      ? `signed by AWS, checked with ${found.certificate.name}${time}`
      : found.why,
  });
  return { checks, certificate: found.certificate, signedBytes: content };
}

/** The trusted certificate whose key verifies the signer's signature, or why none does. */
function signerCertificate(
  signer: CmsSigner,
  digestName: string,
  data: Buffer,
  candidates: TrustedCertificate[],
): { certificate?: TrustedCertificate; why: string } {
  let pool = candidates;
  if (signer.issuerAndSerial) {
    const { issuer, serial } = signer.issuerAndSerial;
    pool = candidates.filter((c) => {
      const own = c.issuerAndSerial;
      return own.issuer.equals(issuer) && sameSerial(own.serial, serial);
    });
    if (pool.length === 0) {
      return {
        why:
          `signed by a certificate that is not one of AWS's published instance identity certificates (serial ${serial.toString('hex')}); ` +
          'a certificate carried inside the PKCS7 proves nothing. Ask the customer for the output of the metadata service itself',
      };
    }
  }
  const keyType = SIGNATURE_KEYS[signer.signatureAlgorithm];
  for (const certificate of pool) {
    const key = certificate.x509.publicKey;
    if (keyType !== undefined && key.asymmetricKeyType !== keyType) continue;
    if (verifySignature(digestName, data, key, signer.signature)) return { certificate, why: '' };
  }
  return {
    why:
      `the signature does not verify with ${pool.length === 1 ? pool[0].name : `any of ${pool.length} AWS certificates for this method`}; ` +
      'the document or its signature was changed, or someone else signed it',
  };
}

function verifyBareSignature(input: IdentityInput, trusted: TrustedCertificate[]): Outcome {
  const signature = readPastedSignature(input.signature, 'the /signature value', 'signature');
  if (signature[0] === 0x30 && signature.length > 300)
    throw new NotASignatureError(
      'the /signature value looks like a PKCS7: use --pkcs7 (or --rsa2048)',
    );
  if (!input.document)
    throw new NotASignatureError(
      'the /signature value signs the document, which was not given: give --document FILE',
    );
  const mistake = notPastedOutput(input.document.toString('utf8'), 'the document', 'document');
  if (mistake) throw new NotASignatureError(mistake);
  const forms = documentForms(input.document);
  const candidates = certificatesFor('signature', regionOf(forms[forms.length - 1].bytes), trusted);
  for (const form of forms) {
    for (const certificate of candidates) {
      if (certificate.x509.publicKey.asymmetricKeyType !== 'rsa') continue;
      if (verifySignature('sha256', form.bytes, certificate.x509.publicKey, signature)) {
        return {
          certificate,
          signedBytes: form.bytes,
          checks: [
            {
              name: 'signature',
              ok: true,
              detail: `signed by AWS, checked with ${certificate.name} (the document ${form.note})`,
            },
          ],
        };
      }
    }
  }
  return {
    signedBytes: input.document,
    checks: [
      {
        name: 'signature',
        ok: false,
        detail: `the signature does not verify with any of ${candidates.length} AWS certificates for /signature; the document or its signature was changed, or someone else signed it`,
      },
    ],
  };
}

/** The region the document names, only to try its certificate first. */
function regionOf(content: Buffer): string | undefined {
  const region = readIdentityDocument(content)?.region;
  return typeof region === 'string' ? region : undefined;
}
