// Issue 9, section 2: instance identity documents verified offline. A real document signed by
// AWS in 2016 (us-east-1, BER with indefinite lengths) is the reference; documents signed in the
// tests with keys made by openssl are in test/integration/core/identity/identity-openssl.test.ts.
import * as assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import bundle from '../../../../src/core/identity/aws-identity-certificates.json';
import {
  awsIdentityCertificates,
  type IdentityCertificate,
} from '../../../../src/core/identity/certificates';
import { octetStringValue, parseSignedData, readTime } from '../../../../src/core/identity/cms';
import { identityAnswer } from '../../../../src/core/identity/identity-answer';
import { NotASignatureError, verifyIdentity } from '../../../../src/core/identity/verify';
import { redact } from '../../../../src/core/redaction/redaction';
import { runCli } from '../../../support/cli-in-process';
import { temporaryFolder } from '../../../support/temporary-folder';

const FIXTURES = resolve(__dirname, '../../../../../test/fixtures/identity');
const REAL = readFileSync(join(FIXTURES, 'aws-pkcs7-us-east-1-2016.pem'), 'utf8');
const BODY = REAL.replace(/-----[A-Z0-9 ]+-----/g, '').replace(/\s+/g, '');
const awsCertificate = (name: string) =>
  (bundle.certificates as IdentityCertificate[]).find((c) => c.name.includes(name))!;

/** The real PKCS7 with `from` replaced by `to` (same length) inside its DER. */
function tampered(from: string, to: string): string {
  const der = Buffer.from(BODY, 'base64');
  const at = der.indexOf(from);
  assert.ok(at > 0, `${from} is in the signed document`);
  der.write(to, at, 'latin1');
  return der.toString('base64');
}

describe('identity: AWS certificates', () => {
  it('ships every certificate exactly as published: each parses and its self-signature verifies', () => {
    assert.equal(bundle.read, '2026-11-30');
    assert.match(bundle.source, /regions-certs\.html/);
    for (const c of bundle.certificates as IdentityCertificate[]) {
      const x509 = new X509Certificate(c.pem);
      assert.ok(x509.verify(x509.publicKey), `${c.name} is copied exactly`);
      assert.ok(['pkcs7', 'rsa2048', 'signature'].includes(c.method), c.name);
      assert.ok(c.regions === 'other' || c.regions.length > 0, c.name);
      assert.match(c.partition, /^aws(-cn|-us-gov)?$/, c.name);
    }
    assert.equal(awsIdentityCertificates().length, bundle.certificates.length);
  });

  it('matches the DSA certificate AWS publishes for most Regions with the one openssl verified the real vector with', () => {
    const published = new X509Certificate(
      readFileSync(join(FIXTURES, 'aws-dsa-other-regions.pem')),
    );
    assert.ok(
      published.raw.equals(
        new X509Certificate(awsCertificate('/pkcs7 certificate for most Regions').pem).raw,
      ),
    );
  });
});

describe('identity: the real AWS /signature of 2024 (us-east-1)', () => {
  // A document AWS signed on 2024-02-15, published with its signature in rspamd/awsregioncertificates' tests.
  const document = readFileSync(join(FIXTURES, 'aws-signature-us-east-1-2024.json'));
  const signature = readFileSync(join(FIXTURES, 'aws-signature-us-east-1-2024.sig'), 'utf8');

  it('verifies with the renewed us-east-1 certificate, which carries the key of the archived one', () => {
    const renewed = new X509Certificate(awsCertificate('us-east-1), renewed 2024').pem);
    assert.match(renewed.subject, /O=Amazon Web Services LLC/);
    assert.equal(renewed.validTo, 'Apr 28 17:34:01 2029 GMT');
    assert.ok(
      renewed.publicKey.equals(
        new X509Certificate(awsCertificate('/signature certificate for most Regions').pem)
          .publicKey,
      ),
    );
    const result = verifyIdentity(
      { method: 'signature', signature, document },
      { account: '975050371289', instanceId: 'i-0b02d936754a6d637' },
    );
    assert.equal(result.verified, true, result.reasons.join('; '));
    assert.equal(result.certificate, awsCertificate('us-east-1), renewed 2024').name);
  });

  it('does not verify the same signature over a document with one byte changed', () => {
    const changed = Buffer.from(document.toString('utf8').replace('t2.micro', 't3.micro'));
    assert.equal(
      verifyIdentity({ method: 'signature', signature, document: changed }, {}).verified,
      false,
    );
  });
});

describe('identity: the real AWS /pkcs7 of 2016', () => {
  it("verifies with AWS's DSA certificate and reads the document's fields", () => {
    const result = verifyIdentity(
      { method: 'pkcs7', signature: REAL },
      { account: '121659014334', instanceId: 'i-f79fe56c' },
    );
    assert.equal(result.verified, true, result.reasons.join('; '));
    assert.deepEqual(result.reasons, []);
    assert.equal(result.method, 'pkcs7');
    assert.equal(result.certificate, awsCertificate('/pkcs7 certificate for most Regions').name);
    assert.equal(result.document.accountId, '121659014334');
    assert.equal(result.document.instanceId, 'i-f79fe56c');
    assert.equal(result.document.region, 'us-east-1');
    assert.equal(result.document.pendingTime, '2016-04-08T03:01:38Z');
    assert.deepEqual(
      result.checks.map((c) => c.name),
      [
        'content-type',
        'message-digest',
        'content-type-attribute',
        'signature',
        'document',
        'account',
        'instance-id',
      ],
    );
    assert.match(
      result.checks.find((c) => c.name === 'signature')!.detail,
      /signed 2016-04-08 03:01:44 UTC/,
    );
  });

  it('accepts what customers paste: no armour, one line, CRLF, rewrapped at 76, leading blanks', () => {
    const forms = {
      'no armour': BODY.match(/.{1,64}/g)!.join('\n'),
      'one line': BODY,
      CRLF: REAL.replace(/\n/g, '\r\n'),
      rewrapped: `-----BEGIN PKCS7-----\n${BODY.match(/.{1,76}/g)!.join('\n')}\n-----END PKCS7-----\n`,
      'blanks around': `\n\n   ${REAL}\n\n`,
    };
    for (const [form, signature] of Object.entries(forms)) {
      assert.equal(verifyIdentity({ method: 'pkcs7', signature }).verified, true, form);
    }
  });

  it('fails when the signed document was changed, naming the digest', () => {
    const result = verifyIdentity({
      method: 'pkcs7',
      signature: tampered('121659014334', '111122223333'),
    });
    assert.equal(result.verified, false);
    assert.equal(result.checks.find((c) => c.name === 'message-digest')!.ok, false);
    assert.match(result.reasons.join('\n'), /changed after it was signed/);
  });

  it('fails when the signed attributes were changed (the signature no longer verifies)', () => {
    // The signing time, 160408030144Z, is inside the signed attributes.
    const result = verifyIdentity({
      method: 'pkcs7',
      signature: tampered('160408030144Z', '170408030144Z'),
    });
    assert.equal(result.verified, false);
    assert.equal(result.checks.find((c) => c.name === 'signature')!.ok, false);
    assert.equal(result.certificate, null);
  });

  it("fails with a certificate that did not sign it (another AWS Region's, injected as the only one trusted)", () => {
    const result = verifyIdentity(
      { method: 'pkcs7', signature: REAL },
      {},
      { certificates: [awsCertificate('/pkcs7 certificate for Hong Kong')] },
    );
    assert.equal(result.verified, false);
    assert.match(
      result.reasons.join('\n'),
      /not one of AWS's published instance identity certificates/,
    );
  });

  it('says that no /rsa2048 certificate is bundled rather than calling an AWS signature forged', () => {
    const result = verifyIdentity({ method: 'rsa2048', signature: REAL });
    assert.equal(result.verified, false);
    assert.match(
      result.reasons.join('\n'),
      /no AWS certificate for \/rsa2048 is bundled, so it cannot be checked here \(this is not a sign of forgery/,
    );
    assert.deepEqual(identityAnswer(result).authenticity, {
      verdict: 'Not checked',
      ok: false,
      text: `${result.reasons[0]}.`,
    });
  });

  it('says which expectation does not hold: account, instance, product code', () => {
    const result = verifyIdentity(
      { method: 'pkcs7', signature: REAL },
      { account: '1111-2222-3333', instanceId: 'i-0123456789abcdef0', productCode: 'abc123' },
    );
    assert.equal(result.verified, true, 'AWS signed it: the signature itself holds');
    assert.equal(result.confirmed, false);
    assert.equal(
      result.checks.find((c) => c.name === 'signature')!.ok,
      true,
      'the signature itself holds',
    );
    assert.deepEqual(result.reasons, [
      'the instance does not run product abc123: the document carries no product code',
      'the document is from account 121659014334, not 111122223333',
      'the document is for instance i-f79fe56c, not i-0123456789abcdef0',
    ]);
  });

  it('checks a --document given beside the PKCS7 against the signed one (CRLF and a trailing newline are the same document)', () => {
    const signed = parseSignedData(Buffer.from(BODY, 'base64')).content!;
    const same = verifyIdentity({
      method: 'pkcs7',
      signature: REAL,
      document: Buffer.from(`${signed.toString('utf8').replace(/\n/g, '\r\n')}\r\n`),
    });
    assert.equal(same.verified, true, same.reasons.join('; '));
    const other = verifyIdentity({
      method: 'pkcs7',
      signature: REAL,
      document: Buffer.from(signed.toString('utf8').replace('121659014334', '111122223333')),
    });
    assert.equal(other.verified, false);
    assert.match(other.reasons[0], /not the one signed/);
    assert.equal(other.document.accountId, '121659014334', 'the fields shown are the signed ones');
  });

  it('reads BER OCTET STRINGs: primitive, constructed with definite and indefinite lengths, nested', () => {
    assert.equal(octetStringValue(Buffer.from('0403616263', 'hex')).toString(), 'abc');
    assert.equal(octetStringValue(Buffer.from('240704016104026263', 'hex')).toString(), 'abc');
    assert.equal(
      octetStringValue(Buffer.from('248004016124800402626300000000', 'hex')).toString(),
      'abc',
    );
    assert.throws(() => octetStringValue(Buffer.from('24800401', 'hex')), NotASignatureError);
  });
});

describe('identity: input that is not a signature', () => {
  for (const [what, text] of Object.entries({
    empty: '   \n',
    'not base64': 'hello, here is my document!',
    'a JSON document': '{"accountId": "111122223333"}',
    'base64 of something else': Buffer.from('just some text, not a signature').toString('base64'),
  })) {
    it(`${what} is NotASignatureError`, () => {
      assert.throws(() => verifyIdentity({ method: 'pkcs7', signature: text }), NotASignatureError);
    });
  }

  it('/signature without its document, or with a PKCS7 pasted in, is NotASignatureError', () => {
    assert.throws(
      () => verifyIdentity({ method: 'signature', signature: 'AAAA' }),
      /which was not given/,
    );
    assert.throws(
      () => verifyIdentity({ method: 'signature', signature: REAL, document: Buffer.from('{}') }),
      /use --pkcs7/,
    );
  });
});

describe('identity: support-desk verify-identity', () => {
  const tmp = temporaryFolder('verify-identity-');
  const real = join(FIXTURES, 'aws-pkcs7-us-east-1-2016.pem');

  it("exits 0 when the signature verifies and the account is the customer's", async () => {
    const run = await runCli('verify-identity', '--pkcs7', real, '--account', '121659014334');
    assert.equal(run.code, 0, run.err);
    assert.match(
      run.out,
      /^AUTHENTIC: AWS signed this document \(checked with AWS's \/pkcs7 certificate for most Regions/,
    );
    assert.match(
      run.out,
      /^NO PRODUCT CHECKED: the document names instance i-f79fe56c of account 121659014334 in us-east-1/m,
    );
  });

  it('records every verification in the audit log, and exits 3 after the answer when it cannot', async () => {
    const audit = join(tmp(), 'audit.jsonl');
    const ok = await runCli(
      'verify-identity',
      '--pkcs7',
      real,
      '--account',
      '121659014334',
      '--audit',
      audit,
    );
    const other = await runCli(
      'verify-identity',
      '--pkcs7',
      real,
      '--account',
      '111122223333',
      '--audit',
      audit,
    );
    assert.deepEqual([ok.code, other.code], [0, 1]);
    const lines = readFileSync(audit, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(
      lines.map((l) => [l.source, l.ownerId, l.claimedAccount, l.instanceId, l.verdict]),
      [
        ['identity-document', '121659014334', '121659014334', 'i-f79fe56c', 'confirmed'],
        ['identity-document', '121659014334', '111122223333', 'i-f79fe56c', 'owner-mismatch'],
      ],
    );
    const unwritable = await runCli('verify-identity', '--pkcs7', real, '--audit', tmp());
    assert.equal(unwritable.code, 3);
    assert.match(unwritable.out, /^AUTHENTIC/);
    assert.match(
      unwritable.err,
      /the audit write failed: .*the verification is not in the audit log/,
    );
  });

  it("exits 1 naming the account when it is another account's", async () => {
    const run = await runCli('verify-identity', '--pkcs7', real, '--account', '111122223333');
    assert.equal(run.code, 1);
    assert.match(
      run.out,
      /FAIL account: the document is from account 121659014334, not 111122223333/,
    );
  });

  it('exits 1 when the document was tampered with, and --json has the documented shape', async () => {
    const file = join(tmp(), 'tampered.pem');
    writeFileSync(file, tampered('i-f79fe56c', 'i-f79fe56d'));
    const run = await runCli('verify-identity', '--pkcs7', file, '--json');
    assert.equal(run.code, 1);
    const json = JSON.parse(run.out) as Record<string, unknown>;
    assert.deepEqual(Object.keys(json), [
      'verified',
      'confirmed',
      'method',
      'certificate',
      'product',
      'document',
      'checks',
      'reasons',
      'warnings',
    ]);
    assert.equal(json.verified, false);
  });

  it('exits 2 for garbage, a missing file, or no signature option', async () => {
    const garbage = join(tmp(), 'garbage.txt');
    writeFileSync(garbage, 'Hi, this is the document you asked for: ...');
    for (const argv of [
      ['--pkcs7', garbage],
      ['--pkcs7', join(tmp(), 'missing.pem')],
      ['--account', '121659014334'],
      ['--signature', real],
      ['--pkcs7', real, '--rsa2048', real],
    ]) {
      const run = await runCli('verify-identity', ...argv);
      assert.equal(run.code, 2, argv.join(' '));
      assert.match(run.err, /^support-desk verify-identity: /);
    }
  });

  it('is listed by --help and has its own help', async () => {
    assert.match((await runCli('--help')).out, /^ {2}verify-identity +\S.{20,}$/m);
    const help = await runCli('help', 'verify-identity');
    assert.equal(help.code, 0);
    assert.match(help.out, /--product-code C/);
  });

  describe('two facts apart, the document in words, its age, and what customers send instead', () => {
    const NOW = new Date('2026-12-07T12:00:00Z');

    it('calls a genuine AWS document without the product code authentic AND not a confirmation, in the core, the CLI text and --json', async () => {
      const result = verifyIdentity(
        { method: 'pkcs7', signature: REAL },
        { productCode: '4w1vgsrkqdkypbz43g7qkk4uz', account: '121659014334' },
      );
      assert.deepEqual([result.verified, result.confirmed], [true, false]);
      assert.deepEqual(result.product, {
        code: '4w1vgsrkqdkypbz43g7qkk4uz',
        attached: false,
        field: null,
      });
      const { authenticity, confirmation } = identityAnswer(result);
      assert.equal(authenticity.verdict, 'Authentic');
      assert.match(authenticity.text, /the customer did not forge it/);
      assert.deepEqual(
        [confirmation.verdict, confirmation.text],
        [
          'Not a confirmation',
          'the instance does not run product 4w1vgsrkqdkypbz43g7qkk4uz: the document carries no product code.',
        ],
      );

      const run = await runCli(
        'verify-identity',
        '--pkcs7',
        real,
        '--product-code',
        '4w1vgsrkqdkypbz43g7qkk4uz',
        '--audit',
        join(tmp(), 'a.jsonl'),
      );
      assert.equal(run.code, 1);
      const [first, second] = run.out.split('\n');
      assert.match(first, /^AUTHENTIC: AWS signed this document/);
      assert.match(
        second,
        /^NOT A CONFIRMATION: the instance does not run product 4w1vgsrkqdkypbz43g7qkk4uz/,
      );
      assert.doesNotMatch(run.out, /NOT VERIFIED|NOT SIGNED/);

      const json = JSON.parse(
        (
          await runCli(
            'verify-identity',
            '--pkcs7',
            real,
            '--product-code',
            '4w1vgsrkqdkypbz43g7qkk4uz',
            '--json',
          )
        ).out,
      ) as Record<string, unknown>;
      assert.deepEqual(
        [json.verified, json.confirmed, json.product],
        [true, false, { code: '4w1vgsrkqdkypbz43g7qkk4uz', attached: false, field: null }],
      );
    });

    it('writes the checklist and the certificate for a person: no OIDs, no "AWS\'s AWS DSA (pkcs7)"', () => {
      const result = verifyIdentity(
        { method: 'pkcs7', signature: REAL },
        { account: '121659014334' },
      );
      const words = [
        identityAnswer(result).authenticity.text,
        ...result.checks.map((c) => c.detail),
      ].join('\n');
      assert.doesNotMatch(words, /\b\d+\.\d+\.\d+\.\d+/, 'no OID');
      assert.doesNotMatch(words, /AWS's AWS|\(pkcs7\)|messageDigest|contentType/);
      assert.match(
        words,
        /checked with AWS's \/pkcs7 certificate for most Regions \(all but Hong Kong, Bahrain, China and GovCloud\)/,
      );
      for (const c of awsIdentityCertificates())
        assert.match(c.name, /^AWS's \/(pkcs7|signature) certificate for /, c.name);
    });

    it("shows when the instance started and warns past the playbook's age (default 365 days); the playbook moves the line", async () => {
      const result = verifyIdentity({ method: 'pkcs7', signature: REAL }, {}, { now: NOW });
      assert.equal(result.warnings.length, 1);
      assert.match(
        result.warnings[0],
        /^the instance started 2016-04-08 03:01:38 UTC, 3,895 days ago \(the playbook warns past 365\)/,
      );
      assert.equal(
        identityAnswer(result, NOW).started,
        'The instance started 2016-04-08 03:01:38 UTC, 3,895 days ago.',
      );
      assert.deepEqual(
        verifyIdentity({ method: 'pkcs7', signature: REAL }, { maxAgeDays: 4000 }, { now: NOW })
          .warnings,
        [],
      );
      assert.equal(result.confirmed, true, 'a warning is not a failure');

      const run = await runCli('verify-identity', '--pkcs7', real);
      assert.match(
        run.out,
        /^ {2}The instance started 2016-04-08 03:01:38 UTC, [\d,]+ days ago\.$/m,
      );
      assert.match(
        run.out,
        /^ {2}WARNING: the instance started 2016-04-08 03:01:38 UTC, .*past 365\)/m,
      );
      const playbook = join(tmp(), 'playbook.json');
      writeFileSync(
        playbook,
        JSON.stringify({
          name: 'old fleet',
          eligibility: { lastUsageDays: 30, goodFaithDays: 3, identityDocumentDays: 3650 },
        }),
      );
      const lenient = await runCli(
        'verify-identity',
        '--pkcs7',
        real,
        '--playbook',
        playbook,
        '--json',
      );
      assert.equal(lenient.err, '');
      assert.match(
        (JSON.parse(lenient.out) as { warnings: string[] }).warnings[0],
        /\(the playbook warns past 3650\)/,
      );
    });

    it('says what the customer did when they sent the metadata service\'s "401 - Unauthorized" page, and what to ask for', async () => {
      const page = [
        '<?xml version="1.0" encoding="iso-8859-1"?>',
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"',
        '\t"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">',
        '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">',
        ' <head>',
        '  <title>401 - Unauthorized</title>',
        ' </head>',
        ' <body>',
        '  <h1>401 - Unauthorized</h1>',
        ' </body>',
        '</html>',
        '',
      ].join('\n');
      assert.throws(
        () => verifyIdentity({ method: 'pkcs7', signature: page }),
        (e: Error) =>
          e instanceof NotASignatureError &&
          /^the \/pkcs7 signature is the instance metadata service's "401 - Unauthorized" page, not its output: the instance requires IMDSv2/.test(
            e.message,
          ) &&
          /then http:\/\/169\.254\.169\.254\/latest\/dynamic\/instance-identity\/pkcs7 with that token in the X-aws-ec2-metadata-token header$/.test(
            e.message,
          ),
      );
      const file = join(tmp(), 'pkcs7-401.txt');
      writeFileSync(file, page);
      const run = await runCli('verify-identity', '--pkcs7', file);
      assert.equal(run.code, 2);
      assert.match(
        run.err,
        /"401 - Unauthorized" page, not its output: the instance requires IMDSv2 and the customer's curl sent no session token;/,
      );
      const document = join(tmp(), 'document-401.txt');
      writeFileSync(document, page);
      const signature = await runCli(
        'verify-identity',
        '--signature',
        join(FIXTURES, 'aws-signature-us-east-1-2024.sig'),
        '--document',
        document,
      );
      assert.equal(signature.code, 2);
      assert.match(
        signature.err,
        /the document is the instance metadata service's "401 - Unauthorized" page.*instance-identity\/document with that token/,
      );
    });

    it("says what the customer did when they sent AWS's binary /signature (the guide's base64 -d), and what to ask for", async () => {
      const binary = join(tmp(), 'signature.bin');
      writeFileSync(
        binary,
        Buffer.from(
          readFileSync(join(FIXTURES, 'aws-signature-us-east-1-2024.sig'), 'utf8'),
          'base64',
        ),
      );
      const run = await runCli(
        'verify-identity',
        '--signature',
        binary,
        '--document',
        join(FIXTURES, 'aws-signature-us-east-1-2024.json'),
      );
      assert.equal(run.code, 2);
      assert.match(
        run.err,
        /the \/signature value is binary, not the base64 text the metadata service returns: the customer decoded it \(the AWS guide's "base64 -d" step\)/,
      );
      assert.match(
        run.err,
        /Ask for the output of http:\/\/169\.254\.169\.254\/latest\/dynamic\/instance-identity\/signature itself, unchanged, or encode their file again with: base64 -w0 FILE/,
      );
    });

    it('reads a BER signing time with an offset (190423163341-0700), and DER times, to the second', () => {
      const time = (tag: number, text: string) =>
        readTime(Buffer.concat([Buffer.from([tag, text.length]), Buffer.from(text, 'latin1')]));
      assert.equal(time(0x17, '190423163341-0700')?.toISOString(), '2019-04-23T23:33:41.000Z');
      assert.equal(time(0x17, '1904231633+0130')?.toISOString(), '2019-04-23T15:03:00.000Z');
      assert.equal(time(0x17, '160408030144Z')?.toISOString(), '2016-04-08T03:01:44.000Z');
      assert.equal(time(0x18, '20160408030144Z')?.toISOString(), '2016-04-08T03:01:44.000Z');
      assert.equal(time(0x17, 'not a time'), undefined);
    });
  });
});

describe('identity: its words survive redaction (the panel and the case redact everything they show)', () => {
  it('keeps every sentence of each answer unchanged: authentic, not signed, not checked, not a confirmation, old, and not a signature', () => {
    const changed = Buffer.from(BODY, 'base64');
    changed.write('111122223333', changed.indexOf('121659014334'), 'latin1');
    const answers = [
      verifyIdentity(
        { method: 'pkcs7', signature: REAL },
        { account: '121659014334', productCode: 'abc123', instanceId: 'i-0123456789abcdef0' },
      ),
      verifyIdentity(
        { method: 'pkcs7', signature: changed.toString('base64') },
        { account: '111122223333' },
      ),
      verifyIdentity({ method: 'rsa2048', signature: REAL }),
      verifyIdentity(
        { method: 'pkcs7', signature: REAL },
        {},
        { certificates: [awsCertificate('/pkcs7 certificate for Hong Kong')] },
      ),
    ];
    const words = answers.flatMap((v) => {
      const { authenticity, confirmation, started } = identityAnswer(v);
      return [
        authenticity.text,
        confirmation.text,
        started ?? '',
        ...v.warnings,
        ...v.checks.map((c) => `  FAIL ${c.name}: ${c.detail}`),
      ];
    });
    const refused = [
      '<html><head><title>401 - Unauthorized</title></head></html>',
      '\u0000\u0001binary',
      'hello!',
    ].map((text) => {
      try {
        verifyIdentity({ method: 'signature', signature: text, document: Buffer.from('{}') });
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    });
    for (const text of [...words, ...refused]) assert.equal(redact(text).text, text);
  });
});
