// An identity document verified offline is evidence like a confirmation: its audit line and how the
// Confirmations view shows it.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { identityAuditEntry } from '../../../../src/core/audit/audit';
import { verifyIdentity, type IdentityExpectations } from '../../../../src/core/identity/verify';
import { confirmationLook } from '../../../../src/ui/looks';

const REAL = readFileSync(
  join(
    __dirname,
    '..',
    '..',
    '..',
    '..',
    '..',
    'test',
    'fixtures',
    'identity',
    'aws-pkcs7-us-east-1-2016.pem',
  ),
  'utf8',
);
const entry = (expected: IdentityExpectations, signature = REAL) =>
  identityAuditEntry(
    verifyIdentity({ method: 'pkcs7', signature }, expected),
    expected,
    new Date('2026-11-30T10:00:00Z'),
  );

describe('identity document as audit evidence', () => {
  it('records a verified document as confirmed, with the instance, owner, region and certificate', () => {
    const e = entry({ account: '1216-5901-4334' });
    assert.deepEqual(
      [
        e.verdict,
        e.source,
        e.instanceId,
        e.ownerId,
        e.claimedAccount,
        e.region,
        e.profile,
        e.requestId,
        e.time,
      ],
      [
        'confirmed',
        'identity-document',
        'i-f79fe56c',
        '121659014334',
        '121659014334',
        'us-east-1',
        null,
        null,
        '2026-11-30T10:00:00.000Z',
      ],
    );
    assert.match(e.certificate ?? '', /^AWS's \/pkcs7 certificate/);
    assert.deepEqual([e.verified, e.productAttached], [true, null]);
    const look = confirmationLook({ kind: 'confirmation', id: 'x', entry: e });
    assert.match(look.description ?? '', /^confirmed \(identity document\) · owner 121659014334/);
    // Checked offline: no profile asked AWS, and the tooltip does not say the default chain did.
    assert.match(String(look.tooltip), /Profile: offline \(identity document\)/);
  });

  it('records another account as an owner mismatch and a missing product code as not attached', () => {
    assert.equal(entry({ account: '111122223333' }).verdict, 'owner-mismatch');
    assert.equal(entry({ productCode: '4w1vgsrkqdkypbz43g7qkk4uz' }).verdict, 'not-attached');
  });

  it('records the two facts apart: a genuine document without the product is verified, the product not attached', () => {
    const e = entry({ productCode: '4w1vgsrkqdkypbz43g7qkk4uz', account: '121659014334' });
    assert.deepEqual(
      [e.verified, e.productAttached, e.verdict, e.ownerId],
      [true, false, 'not-attached', '121659014334'],
    );
  });

  it('records a document changed after signing as an error, never as evidence', () => {
    const lines = REAL.split('\n');
    lines[2] = lines[2].slice(0, 10) + (lines[2][10] === 'A' ? 'B' : 'A') + lines[2].slice(11);
    const e = entry({ account: '121659014334' }, lines.join('\n'));
    assert.equal(e.verdict, 'error');
  });

  it("records no owner when the signature fails: the document's own account is the sender's claim, not evidence", () => {
    // The signed document's account changed from 121659014334 to 111122223333 after AWS signed it.
    const der = Buffer.from(REAL.replace(/-----[A-Z0-9 ]+-----|\s+/g, ''), 'base64');
    der.write('111122223333', der.indexOf('121659014334'), 'latin1');
    const e = entry({ account: '111122223333' }, der.toString('base64'));
    assert.deepEqual(
      [e.verdict, e.verified, e.ownerId, e.claimedAccount, e.instanceId],
      ['error', false, null, '111122223333', 'i-f79fe56c'],
    );
  });
});
