// Issue 9, section 2: identity documents signed in the test, by keys and certificates that
// openssl makes here in a temporary folder (no private key is ever committed). The test
// certificates reach the verifier only through its `certificates` parameter: the CLI trusts
// AWS's bundled certificates and nothing else.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContentInfo, SignedData } from '@peculiar/asn1-cms';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import type {
  IdentityCertificate,
  IdentityMethod,
} from '../../../../src/core/identity/certificates';
import { identityAnswer } from '../../../../src/core/identity/identity-answer';
import { NotASignatureError, verifyIdentity } from '../../../../src/core/identity/verify';
import { runCli } from '../../../support/cli-in-process';

/** A signing time legal in BER (an offset, not Z) and not in DER, as a customer-side tool wrote it. */
const BER_TIME = '190423163341-0700';
/** A DER-valid UTCTime of the same length: the ASN.1 library refuses to write BER_TIME, so the bytes are swapped after. */
const STAND_IN = '0000190423163341Z';

/** The subject AWS's DSA certificate has; a forger can put it in any certificate they make. */
const AWS_SUBJECT = '/C=US/ST=Washington State/L=Seattle/O=Amazon Web Services LLC';
const DOCUMENT = JSON.stringify(
  {
    accountId: '111122223333',
    architecture: 'x86_64',
    availabilityZone: 'eu-west-1b',
    billingProducts: null,
    devpayProductCodes: null,
    marketplaceProductCodes: ['1abc2defghijklm3nopqrs4tu'],
    imageId: 'ami-0123456789abcdef0',
    instanceId: 'i-0123456789abcdef0',
    instanceType: 't3.micro',
    pendingTime: '2026-11-29T08:00:00Z',
    privateIp: '10.0.0.5',
    region: 'eu-west-1',
    version: '2017-09-30',
  },
  null,
  2,
);

describe('identity: documents signed in the test with openssl', function () {
  let dir: string;
  const openssl = (...args: string[]) =>
    execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const file = (name: string) => join(dir, name);
  const read = (name: string) => readFileSync(file(name), 'utf8');
  const certificate = (name: string, method: IdentityMethod): IdentityCertificate => ({
    name: `test ${name}`,
    method,
    regions: 'other',
    partition: 'aws',
    pem: read(`${name}.crt`),
  });

  /** A key and a self-signed certificate: `dsa` (2048-bit parameters) or `rsa`. */
  function makeSigner(
    name: string,
    kind: 'dsa' | 'rsa',
    subject = `/CN=support-desk test ${name}`,
    serial?: string,
  ) {
    const key = kind === 'dsa' ? `dsa:${file('dsa-params.pem')}` : 'rsa:2048';
    openssl(
      'req',
      '-x509',
      '-newkey',
      key,
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.crt`,
      '-subj',
      subject,
      '-days',
      '2',
      ...(serial ? ['-set_serial', serial] : []),
    );
  }

  /** `openssl smime -sign` of the document: -nodetach carries it, as AWS's /pkcs7 does. */
  function smimeSign(
    signer: string,
    md: 'sha1' | 'sha256',
    out: string,
    attach = true,
    content = 'document.json',
  ) {
    openssl(
      'smime',
      '-sign',
      ...(attach ? ['-nodetach'] : []),
      '-binary',
      '-md',
      md,
      '-in',
      content,
      '-signer',
      `${signer}.crt`,
      '-inkey',
      `${signer}.key`,
      '-outform',
      'PEM',
      '-out',
      out,
    );
  }

  /**
   * `source` (a PKCS7 openssl signed, DER) with its signingTime replaced by BER_TIME and the signed
   * attributes signed again by openssl with `signer`'s key: a PKCS7 whose signature is good for
   * the certificate it carries, with a time only BER allows.
   */
  function withBerSigningTime(source: string, signer: string, out: string): void {
    const info = AsnConvert.parse(readFileSync(file(source)), ContentInfo);
    const signed = AsnConvert.parse(info.content, SignedData);
    const signerInfo = signed.signerInfos[0];
    const utcTime = (text: string) =>
      new Uint8Array(Buffer.concat([Buffer.from([0x17, text.length]), Buffer.from(text, 'latin1')]))
        .buffer;
    for (const a of signerInfo.signedAttrs!)
      if (a.attrType === '1.2.840.113549.1.9.5') a.attrValues = [utcTime(STAND_IN)];
    const swap = (der: Buffer) =>
      Buffer.from(der.toString('latin1').replace(STAND_IN, BER_TIME), 'latin1');
    const attributes = Buffer.concat(
      signerInfo.signedAttrs!.map((a) => Buffer.from(AsnConvert.serialize(a))),
    );
    assert.ok(attributes.length > 127 && attributes.length < 256);
    writeFileSync(
      file(`${out}.attrs`),
      swap(Buffer.concat([Buffer.from([0x31, 0x81, attributes.length]), attributes])),
    );
    openssl('dgst', '-sha1', '-sign', `${signer}.key`, '-out', `${out}.sig`, `${out}.attrs`);
    signerInfo.signature = new OctetString(readFileSync(file(`${out}.sig`)));
    info.content = AsnConvert.serialize(signed);
    writeFileSync(file(`${out}.der`), swap(Buffer.from(AsnConvert.serialize(info))));
    writeFileSync(
      file(`${out}.pem`),
      `-----BEGIN PKCS7-----\n${readFileSync(file(`${out}.der`)).toString('base64')}\n-----END PKCS7-----\n`,
    );
  }

  before(function () {
    this.timeout(120000);
    dir = mkdtempSync(join(tmpdir(), 'identity-openssl-'));
    writeFileSync(file('document.json'), DOCUMENT);
    openssl('dsaparam', '-out', 'dsa-params.pem', '2048');
    makeSigner('dsa', 'dsa');
    makeSigner('other-dsa', 'dsa');
    makeSigner('rsa', 'rsa');
    makeSigner('forger', 'dsa', AWS_SUBJECT);
    smimeSign('dsa', 'sha1', 'pkcs7.pem');
    smimeSign('rsa', 'sha256', 'rsa2048.pem');
    smimeSign('forger', 'sha1', 'forged.pem');
    openssl(
      'smime',
      '-sign',
      '-nodetach',
      '-binary',
      '-md',
      'sha1',
      '-in',
      'document.json',
      '-signer',
      'forger.crt',
      '-inkey',
      'forger.key',
      '-outform',
      'DER',
      '-out',
      'forged.der',
    );
    withBerSigningTime('forged.der', 'forger', 'forged-ber-time');
    // The same certificate again, but encoded as AWS's is (PrintableString) and with its serial:
    // the message then names AWS's own certificate, whose key must refuse the signature.
    writeFileSync(
      file('aws-name.cnf'),
      '[req]\ndistinguished_name=dn\nprompt=no\nstring_mask=default\n' +
        '[dn]\nC=US\nST=Washington State\nL=Seattle\nO=Amazon Web Services LLC\n',
    );
    openssl(
      'req',
      '-config',
      'aws-name.cnf',
      '-x509',
      '-newkey',
      `dsa:${file('dsa-params.pem')}`,
      '-nodes',
      '-keyout',
      'twin-aws.key',
      '-out',
      'twin-aws.crt',
      '-days',
      '2',
      '-set_serial',
      '0x96BA48D9E55E1A67',
    );
    smimeSign('twin-aws', 'sha1', 'forged-twin.pem');
    smimeSign('dsa', 'sha1', 'detached.pem', false);
    openssl('dgst', '-sha256', '-sign', 'rsa.key', '-out', 'signature.bin', 'document.json');
    writeFileSync(file('signature.b64'), readFileSync(file('signature.bin')).toString('base64'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('verifies a /pkcs7-like SHA-1 DSA PKCS7 with the test certificate, and reads its fields', () => {
    const result = verifyIdentity(
      { method: 'pkcs7', signature: read('pkcs7.pem') },
      {
        account: '111122223333',
        instanceId: 'i-0123456789abcdef0',
        productCode: '1abc2defghijklm3nopqrs4tu',
      },
      { certificates: [certificate('other-dsa', 'pkcs7'), certificate('dsa', 'pkcs7')] },
    );
    assert.equal(result.verified, true, result.reasons.join('; '));
    assert.equal(result.certificate, 'test dsa');
    assert.equal(result.document.region, 'eu-west-1');
    assert.match(
      result.checks.find((c) => c.name === 'product-code')!.detail,
      /is in the document's marketplaceProductCodes/,
    );
  });

  it('verifies a /rsa2048-like SHA-256 RSA PKCS7 beside its document', () => {
    const result = verifyIdentity(
      { method: 'rsa2048', signature: read('rsa2048.pem'), document: Buffer.from(DOCUMENT) },
      {},
      { certificates: [certificate('rsa', 'rsa2048')] },
    );
    assert.equal(result.verified, true, result.reasons.join('; '));
    assert.equal(result.checks.find((c) => c.name === 'document-matches')!.ok, true);
    assert.match(
      result.checks.find((c) => c.name === 'message-digest')!.detail,
      /its SHA-256 digest is the signed one/,
    );
  });

  it('verifies a /signature value (base64 RSA SHA-256), also when the document came back with CRLF and a newline', () => {
    const trusted = { certificates: [certificate('rsa', 'signature')] };
    const exact = verifyIdentity(
      { method: 'signature', signature: read('signature.b64'), document: Buffer.from(DOCUMENT) },
      {},
      trusted,
    );
    assert.equal(exact.verified, true, exact.reasons.join('; '));
    const pasted = verifyIdentity(
      {
        method: 'signature',
        signature: `${read('signature.b64')
          .match(/.{1,64}/g)!
          .join('\r\n')}\r\n`,
        document: Buffer.from(`${DOCUMENT.replace(/\n/g, '\r\n')}\r\n`),
      },
      {},
      trusted,
    );
    assert.equal(pasted.verified, true, pasted.reasons.join('; '));
    assert.match(pasted.checks[0].detail, /after turning CRLF into LF/);
    const changed = verifyIdentity(
      {
        method: 'signature',
        signature: read('signature.b64'),
        document: Buffer.from(DOCUMENT.replace('111122223333', '444455556666')),
      },
      {},
      trusted,
    );
    assert.equal(changed.verified, false);
    assert.equal(changed.certificate, null);
  });

  it('fails on tampered content: the document inside the PKCS7 changed after signing', () => {
    const der = Buffer.from(read('pkcs7.pem').replace(/-----[A-Z0-9 ]+-----|\s+/g, ''), 'base64');
    const at = der.indexOf('111122223333');
    der.write('444455556666', at, 'latin1');
    const result = verifyIdentity(
      { method: 'pkcs7', signature: der.toString('base64') },
      {},
      { certificates: [certificate('dsa', 'pkcs7')] },
    );
    assert.equal(result.verified, false);
    assert.equal(result.checks.find((c) => c.name === 'message-digest')!.ok, false);
    assert.equal(
      result.document.accountId,
      '444455556666',
      'the fields are shown, but not as verified',
    );
  });

  it('fails with the wrong certificate: one with the same name and serial but another key', () => {
    makeSigner('twin-a', 'dsa', '/CN=support-desk twin', '0x1234');
    makeSigner('twin-b', 'dsa', '/CN=support-desk twin', '0x1234');
    smimeSign('twin-a', 'sha1', 'twin.pem');
    const result = verifyIdentity(
      { method: 'pkcs7', signature: read('twin.pem') },
      {},
      { certificates: [certificate('twin-b', 'pkcs7')] },
    );
    assert.equal(result.verified, false);
    assert.match(result.reasons.join('\n'), /does not verify with test twin-b/);
    const right = verifyIdentity(
      { method: 'pkcs7', signature: read('twin.pem') },
      {},
      { certificates: [certificate('twin-a', 'pkcs7')] },
    );
    assert.equal(right.verified, true);
  });

  it("fails a PKCS7 that carries its own self-made certificate with AWS's subject name, in the core and the CLI", async () => {
    assert.match(
      execFileSync('openssl', [
        'pkcs7',
        '-in',
        file('forged.pem'),
        '-print_certs',
        '-noout',
      ]).toString(),
      /Amazon Web Services LLC/,
    );
    const result = verifyIdentity({ method: 'pkcs7', signature: read('forged.pem') });
    assert.equal(result.verified, false);
    assert.equal(result.certificate, null);
    assert.match(
      result.reasons.join('\n'),
      /not one of AWS's published instance identity certificates/,
    );
    const twin = verifyIdentity({ method: 'pkcs7', signature: read('forged-twin.pem') });
    assert.equal(twin.verified, false);
    assert.match(
      twin.reasons.join('\n'),
      /does not verify with any of 2 AWS certificates/,
      "it names AWS's certificate (most Regions and GovCloud share it)",
    );
    for (const forged of ['forged.pem', 'forged-twin.pem']) {
      const run = await runCli(
        'verify-identity',
        '--pkcs7',
        file(forged),
        '--account',
        '111122223333',
      );
      assert.equal(run.code, 1, forged);
      assert.match(run.out, /^NOT SIGNED BY AWS/);
    }
  });

  it('answers "not signed by AWS" for a foreign-signed PKCS7 with a BER signing time (openssl accepts its signature), and records it with no owner', async () => {
    // openssl, the referee: the time is the BER one, and the signature is good for the certificate carried inside.
    assert.match(
      execFileSync('openssl', [
        'asn1parse',
        '-inform',
        'DER',
        '-in',
        file('forged-ber-time.der'),
      ]).toString(),
      /UTCTIME\s*:190423163341-0700/,
    );
    execFileSync(
      'openssl',
      [
        'cms',
        '-verify',
        '-noverify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        file('forged-ber-time.der'),
        '-out',
        file('forged-ber-time.out'),
      ],
      {
        stdio: 'ignore',
      },
    );
    assert.equal(read('forged-ber-time.out'), DOCUMENT);

    const result = verifyIdentity(
      { method: 'pkcs7', signature: read('forged-ber-time.pem') },
      { account: '111122223333' },
    );
    assert.deepEqual([result.verified, result.confirmed, result.certificate], [false, false, null]);
    assert.match(
      result.reasons.join('\n'),
      /signed by a certificate that is not one of AWS's published instance identity certificates/,
    );
    assert.equal(identityAnswer(result).authenticity.verdict, 'Not signed by AWS');
    // Trusted (as a test certificate), the same message verifies: the BER time is read, to the second.
    const trusted = verifyIdentity(
      { method: 'pkcs7', signature: read('forged-ber-time.pem') },
      {},
      { certificates: [certificate('forger', 'pkcs7')] },
    );
    assert.equal(trusted.verified, true, trusted.reasons.join('; '));
    assert.match(
      trusted.checks.find((c) => c.name === 'signature')!.detail,
      /signed 2019-04-23 23:33:41 UTC$/,
    );

    const audit = file('ber-audit.jsonl');
    const run = await runCli(
      'verify-identity',
      '--pkcs7',
      file('forged-ber-time.pem'),
      '--account',
      '111122223333',
      '--audit',
      audit,
    );
    assert.equal(run.code, 1, run.err);
    assert.equal(run.err, '');
    assert.match(run.out, /^NOT SIGNED BY AWS: signed by a certificate that is not one of AWS's/);
    assert.match(run.out, /^NOT A CONFIRMATION: /m);
    const line = JSON.parse(readFileSync(audit, 'utf8').trim()) as Record<string, unknown>;
    assert.deepEqual(
      [
        line.source,
        line.verdict,
        line.verified,
        line.ownerId,
        line.claimedAccount,
        line.certificate,
      ],
      ['identity-document', 'error', false, null, '111122223333', null],
    );
  });

  it("fails, in the CLI, documents signed by the test certificates: the CLI trusts only AWS's", async () => {
    for (const argv of [
      ['--pkcs7', file('pkcs7.pem')],
      ['--rsa2048', file('rsa2048.pem'), '--document', file('document.json')],
      ['--signature', file('signature.b64'), '--document', file('document.json')],
    ]) {
      const run = await runCli('verify-identity', ...argv);
      assert.equal(run.code, 1, argv.join(' '));
    }
  });

  it('verifies a detached PKCS7 with its document, and calls one without it not a signature to check', () => {
    const trusted = { certificates: [certificate('dsa', 'pkcs7')] };
    const result = verifyIdentity(
      { method: 'pkcs7', signature: read('detached.pem'), document: Buffer.from(DOCUMENT) },
      {},
      trusted,
    );
    assert.equal(result.verified, true, result.reasons.join('; '));
    assert.throws(
      () => verifyIdentity({ method: 'pkcs7', signature: read('detached.pem') }, {}, trusted),
      NotASignatureError,
    );
  });
});
