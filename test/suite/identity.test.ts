// Verify Identity Document in the real extension host: a real AWS-signed document verified offline
// with the bundled certificate, the answer in the audit log and the Confirmations view; a wrong
// account or a forged document is never evidence.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { IdentityVerification } from '../../src/core/identity/verify';
import { FIXTURES, setSetting, supportDesk, waitFor } from './helpers';

const REAL = readFileSync(join(FIXTURES, 'identity', 'aws-pkcs7-us-east-1-2016.pem'), 'utf8');
const verify = (input: object) =>
  vscode.commands.executeCommand<IdentityVerification | undefined>(
    'supportDesk.verifyIdentityDocument',
    input,
  );

describe('Verify Identity Document', () => {
  let dir: string;
  let audit: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'support-desk-identity-'));
    audit = join(dir, 'audit.jsonl');
    await setSetting('audit.path', audit);
  });

  after(async () => {
    await setSetting('audit.path', undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('verifies a real AWS-signed document offline and records it as evidence', async () => {
    const result = await verify({
      method: 'pkcs7',
      signature: REAL,
      expected: { account: '1216-5901-4334' },
    });
    assert.equal(result?.verified, true, JSON.stringify(result?.reasons));
    assert.equal(result?.document.instanceId, 'i-f79fe56c');
    const line = JSON.parse(readFileSync(audit, 'utf8').trim().split('\n').at(-1)!);
    assert.deepEqual(
      [
        line.source,
        line.verdict,
        line.instanceId,
        line.ownerId,
        line.claimedAccount,
        line.region,
        line.profile,
      ],
      [
        'identity-document',
        'confirmed',
        'i-f79fe56c',
        '121659014334',
        '121659014334',
        'us-east-1',
        null,
      ],
    );
    assert.match(line.certificate, /^AWS's \/pkcs7 certificate/);
    assert.deepEqual([line.verified, line.productAttached], [true, null]);
    const api = await supportDesk();
    await waitFor('the Confirmations view to list it', async () => {
      const nodes = await api.context.confirmations.getChildren();
      return nodes.some((n) => api.context.confirmations.getTreeItem(n).label === 'i-f79fe56c');
    });
  });

  it('records an owner mismatch for another account, and an error for a forged document', async () => {
    const other = await verify({
      method: 'pkcs7',
      signature: REAL,
      expected: { account: '111122223333' },
    });
    // Authentic (AWS signed it), and not a confirmation of this account.
    assert.deepEqual([other?.verified, other?.confirmed], [true, false]);
    // Flip one base64 character inside the signed document: the digest no longer matches.
    const body = REAL.split('\n');
    body[2] = body[2].slice(0, 10) + (body[2][10] === 'A' ? 'B' : 'A') + body[2].slice(11);
    const forged = await verify({ method: 'pkcs7', signature: body.join('\n'), expected: {} });
    assert.equal(forged?.verified, false);
    const verdicts = readFileSync(audit, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).verdict);
    assert.deepEqual(verdicts.slice(-2), ['owner-mismatch', 'error']);
  });

  it('answers input that is not a signature with words and records nothing', async () => {
    const before = readFileSync(audit, 'utf8');
    assert.equal(
      await verify({ method: 'pkcs7', signature: 'hello, this is not a signature', expected: {} }),
      undefined,
    );
    assert.equal(readFileSync(audit, 'utf8'), before);
  });
});
