// CMS / PKCS #7 SignedData (RFC 5652) as AWS signs instance identity documents: parsed with
// @peculiar/asn1-cms, which reads BER (AWS's /pkcs7 uses indefinite lengths), and reduced to the
// few parts a signature check needs. Certificates carried inside the message are ignored on
// purpose: anyone can put a certificate with AWS's name in a message they signed themselves.
import { AsnConvert, AsnObjectIdentifierConverter } from '@peculiar/asn1-schema';
import {
  CertificateChoices,
  ContentInfo,
  SignedData,
  id_data,
  id_signedData,
  type Attribute,
} from '@peculiar/asn1-cms';
import { NotASignatureError } from './pasted';

const ID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const ID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const ID_SIGNING_TIME = '1.2.840.113549.1.9.5';

/** One signer of the message, with the bytes its signature covers. */
export interface CmsSigner {
  /** The signer's certificate as the message names it (issuer DER and serial bytes), when it does. */
  issuerAndSerial?: { issuer: Buffer; serial: Buffer };
  /** Digest algorithm OID (e.g. 1.3.14.3.2.26 for SHA-1). */
  digestAlgorithm: string;
  /** Signature algorithm OID (e.g. 1.2.840.10040.4.3 for DSA with SHA-1). */
  signatureAlgorithm: string;
  signature: Buffer;
  /**
   * The DER of the signed attributes as a SET OF, which is what the signature covers when the
   * message has signed attributes; undefined when the signature covers the content itself.
   */
  signedAttributes?: Buffer;
  /** The messageDigest attribute: the digest of the content the signer saw. */
  messageDigest?: Buffer;
  /** The contentType attribute's OID. */
  contentType?: string;
  /** The signingTime attribute, when present and a time (UTC offsets, legal in BER, are read). */
  signingTime?: Date;
  /** Why the signer could not be read, when it could not: the signature then cannot be checked. */
  unreadable?: string;
}

/** A SignedData message: the content it carries (undefined when detached) and its signers. */
export interface CmsSignedData {
  contentType: string;
  content?: Buffer;
  signers: CmsSigner[];
}

/** Parses DER or BER SignedData. Throws NotASignatureError when the bytes are not one. */
export function parseSignedData(bytes: Buffer): CmsSignedData {
  let signed: SignedData;
  try {
    const info = AsnConvert.parse(bytes, ContentInfo);
    if (info.contentType !== id_signedData)
      throw new Error(`its content type is ${info.contentType}, not signed data`);
    signed = AsnConvert.parse(info.content, SignedData);
  } catch (error) {
    throw new NotASignatureError(
      `this is not a PKCS7 signature (${(error as Error).message}): ` +
        'paste the output of /latest/dynamic/instance-identity/pkcs7',
    );
  }
  const encapsulated = signed.encapContentInfo;
  const eContent = encapsulated.eContent;
  const content = eContent?.single
    ? Buffer.from(eContent.single.buffer)
    : eContent?.any
      ? octetStringValue(Buffer.from(eContent.any))
      : undefined;
  return {
    contentType: encapsulated.eContentType,
    content,
    signers: signed.signerInfos.map((info) => {
      try {
        return readSigner(info);
      } catch (error) {
        // A signer the parser cannot read (a value its schema refuses) is a signature that does not
        // verify, not a crash: the answer is still "not signed by AWS", and it is recorded.
        return {
          digestAlgorithm: '',
          signatureAlgorithm: '',
          signature: Buffer.alloc(0),
          unreadable: (error as Error).message,
        };
      }
    }),
  };
}

function readSigner(info: SignedData['signerInfos'][number]): CmsSigner {
  const attrs = info.signedAttrs;
  const value = (oid: string) => {
    const found = attrs?.find((a) => a.attrType === oid)?.attrValues;
    return found?.length === 1 ? Buffer.from(found[0]) : undefined;
  };
  const sid = info.sid.issuerAndSerialNumber;
  const digest = value(ID_MESSAGE_DIGEST);
  const type = value(ID_CONTENT_TYPE);
  const time = value(ID_SIGNING_TIME);
  return {
    issuerAndSerial: sid && {
      issuer: Buffer.from(AsnConvert.serialize(sid.issuer)),
      serial: Buffer.from(sid.serialNumber),
    },
    digestAlgorithm: info.digestAlgorithm.algorithm,
    signatureAlgorithm: info.signatureAlgorithm.algorithm,
    signature: Buffer.from(info.signature.buffer),
    // The signature covers the attributes encoded as a SET OF (tag 0x31), not as the [0] field
    // of the message (RFC 5652 5.4). Each attribute is encoded again in the message's order, its
    // values as the message holds them: the parser's own serializer re-reads them and throws on a
    // BER time such as 190423163341-0700.
    signedAttributes: attrs && derOf(0x31, Buffer.concat(attrs.map(attributeDer))),
    messageDigest: digest && octetStringValue(digest),
    contentType: type && readObjectIdentifier(type),
    signingTime: time && readTime(time),
  };
}

/** SEQUENCE { attrType OBJECT IDENTIFIER, attrValues SET OF ANY } with the values' bytes untouched. */
function attributeDer(a: Attribute): Buffer {
  const type = Buffer.from(AsnObjectIdentifierConverter.toASN(a.attrType).toBER());
  return derOf(
    0x30,
    Buffer.concat([type, derOf(0x31, Buffer.concat(a.attrValues.map((v) => Buffer.from(v))))]),
  );
}

export const ID_DATA = id_data;

/** The issuer DER and serial bytes of an X.509 certificate, to match a signer's issuerAndSerial. */
export function issuerAndSerialOf(certificateDer: Buffer): { issuer: Buffer; serial: Buffer } {
  const tbs = AsnConvert.parse(certificateDer, CertificateChoices).certificate!.tbsCertificate;
  return {
    issuer: Buffer.from(AsnConvert.serialize(tbs.issuer)),
    serial: Buffer.from(tbs.serialNumber),
  };
}

/** The same INTEGER whatever its leading zero bytes (DER keeps one before a high bit). */
export function sameSerial(a: Buffer, b: Buffer): boolean {
  const trim = (x: Buffer) =>
    x.subarray(
      Math.max(
        0,
        x.findIndex((byte) => byte !== 0),
      ),
    );
  return trim(a).equals(trim(b));
}

/** DER tag-length-value. */
function derOf(tag: number, value: Buffer): Buffer {
  const n = value.length;
  const length =
    n < 0x80
      ? Buffer.from([n])
      : Buffer.concat([
          Buffer.from([0x80 | byteCount(n)]),
          Buffer.from(n.toString(16).padStart(byteCount(n) * 2, '0'), 'hex'),
        ]);
  return Buffer.concat([Buffer.from([tag]), length, value]);
}

function byteCount(n: number): number {
  return Math.ceil(n.toString(16).length / 2);
}

/**
 * The value of a BER OCTET STRING, primitive (0x04) or constructed (0x24, segments, definite or
 * indefinite length): AWS's /pkcs7 carries the document as a constructed one.
 */
export function octetStringValue(ber: Buffer): Buffer {
  const [value, end] = readOctetString(ber, 0);
  if (end !== ber.length)
    throw new NotASignatureError('the signed content has bytes after its end');
  return value;
}

function readOctetString(ber: Buffer, at: number): [Buffer, number] {
  const tag = ber[at];
  if (tag !== 0x04 && tag !== 0x24)
    throw new NotASignatureError(
      `the signed content is not an OCTET STRING (tag 0x${(tag ?? 0).toString(16)})`,
    );
  const [length, contentStart] = readLength(ber, at + 1);
  let start = contentStart;
  if (tag === 0x04) {
    if (length === undefined || start + length > ber.length)
      throw new NotASignatureError('the signed content is cut short');
    return [ber.subarray(start, start + length), start + length];
  }
  const segments: Buffer[] = [];
  const stop = length === undefined ? Infinity : start + length;
  while (start < stop) {
    if (length === undefined && ber[start] === 0 && ber[start + 1] === 0)
      return [Buffer.concat(segments), start + 2];
    if (start >= ber.length) throw new NotASignatureError('the signed content is cut short');
    const [segment, next] = readOctetString(ber, start);
    segments.push(segment);
    start = next;
  }
  return [Buffer.concat(segments), start];
}

/** A BER length at `at`: [length, first content byte]; length undefined for indefinite (0x80). */
function readLength(ber: Buffer, at: number): [number | undefined, number] {
  const first = ber[at];
  if (first === undefined) throw new NotASignatureError('the signed content is cut short');
  if (first < 0x80) return [first, at + 1];
  if (first === 0x80) return [undefined, at + 1];
  const count = first & 0x7f;
  if (count > 4 || at + 1 + count > ber.length)
    throw new NotASignatureError('the signed content has a length it cannot have');
  return [ber.readUIntBE(at + 1, count), at + 1 + count];
}

/** An OBJECT IDENTIFIER (0x06) in dotted form; undefined when the bytes are not one. */
function readObjectIdentifier(der: Buffer): string | undefined {
  if (der[0] !== 0x06 || der[1] !== der.length - 2 || der.length < 3) return undefined;
  const arcs: number[] = [];
  let arc = 0;
  for (const byte of der.subarray(2)) {
    arc = arc * 128 + (byte & 0x7f);
    if (byte & 0x80) continue;
    arcs.push(arc);
    arc = 0;
  }
  const first = Math.min(2, Math.floor(arcs[0] / 40));
  return [first, arcs[0] - first * 40, ...arcs.slice(1)].join('.');
}

/**
 * UTCTime (0x17) or GeneralizedTime (0x18), as signingTime holds it: DER's YYMMDDHHMMSSZ, and what
 * BER also allows (no seconds, an offset such as -0700 instead of Z); undefined for anything else.
 */
export function readTime(der: Buffer): Date | undefined {
  const text = der.subarray(2, 2 + der[1]).toString('latin1');
  const m = /^(\d{2}|\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:Z|([+-])(\d{2})(\d{2}))$/.exec(
    text,
  );
  if (!m || (der[0] !== 0x17 && der[0] !== 0x18) || (der[0] === 0x17) !== (m[1].length === 2))
    return undefined;
  const year = m[1].length === 4 ? Number(m[1]) : Number(m[1]) + (Number(m[1]) < 50 ? 2000 : 1900);
  const local = Date.UTC(
    year,
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6] ?? 0),
  );
  const offsetMinutes = m[7] ? (m[7] === '-' ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9])) : 0;
  return new Date(local - offsetMinutes * 60_000);
}
