// AWS's published public certificates for instance identity documents: the only keys a
// verification trusts. They ship as data (aws-identity-certificates.json, with its source and
// the day it was read) so that a renewed certificate is a data change, not a code change.
import { X509Certificate } from 'node:crypto';
import bundle from './aws-identity-certificates.json';
import { issuerAndSerialOf } from './cms';

/** Which instance metadata signature a certificate checks: `/pkcs7`, `/rsa2048` or `/signature`. */
export type IdentityMethod = 'pkcs7' | 'rsa2048' | 'signature';

/** One published certificate, as the data file holds it. */
export interface IdentityCertificate {
  /** What the engineer reads in the evidence, e.g. "AWS DSA (pkcs7), Hong Kong (ap-east-1)". */
  name: string;
  method: IdentityMethod;
  /** The Regions it signs for; "other" is every Region no other certificate of the method names. */
  regions: string[] | 'other';
  /** aws, aws-cn or aws-us-gov. */
  partition: string;
  /** PEM text of the X.509 certificate. */
  pem: string;
}

/** A certificate ready to verify with: its data, the parsed X.509 certificate and the name a signer gives it. */
export interface TrustedCertificate extends IdentityCertificate {
  x509: X509Certificate;
  /** Its issuer (DER) and serial bytes, as a CMS signer names the certificate it signed with. */
  issuerAndSerial: { issuer: Buffer; serial: Buffer };
}

/** Every AWS certificate bundled with the support desk, parsed once on first use. */
export function awsIdentityCertificates(): TrustedCertificate[] {
  awsCertificates ??= trust(bundle.certificates as IdentityCertificate[]);
  return awsCertificates;
}
let awsCertificates: TrustedCertificate[] | undefined;

/** Parses certificates to trust. Throws when a PEM is not an X.509 certificate (a broken data file). */
export function trust(certificates: IdentityCertificate[]): TrustedCertificate[] {
  return certificates.map((c) => {
    const x509 = new X509Certificate(c.pem);
    return { ...c, x509, issuerAndSerial: issuerAndSerialOf(x509.raw) };
  });
}

/**
 * The certificates of `method`, those naming `region` first, then the "other" ones, then the rest:
 * the order only saves work; any of them verifying is proof, since all are AWS's.
 */
export function certificatesFor(
  method: IdentityMethod,
  region: string | undefined,
  from: TrustedCertificate[],
): TrustedCertificate[] {
  const rank = (c: TrustedCertificate) =>
    Array.isArray(c.regions) && region && c.regions.includes(region)
      ? 0
      : c.regions === 'other'
        ? 1
        : 2;
  return from.filter((c) => c.method === method).sort((a, b) => rank(a) - rank(b));
}
