import * as assert from 'node:assert/strict';
import {
  parseAccountNumber,
  parseTypedAccount,
  splitAccountWords,
  INSTANCE_ID,
  PRODUCT_CODE,
  REGION,
} from '../../../src/core/ids';

describe('ids', () => {
  it('pads short account numbers and flags them', () => {
    assert.deepEqual(parseAccountNumber('12345'), {
      ok: true,
      account: '000000012345',
      padded: true,
    });
    assert.deepEqual(parseAccountNumber(' 111122223333 '), {
      ok: true,
      account: '111122223333',
      padded: false,
    });
  });
  it('rejects letters, scientific notation and too many digits', () => {
    assert.equal(parseAccountNumber('1.23457E+11').ok, false);
    assert.match(
      (parseAccountNumber('1.23457E+11') as { reason: string }).reason,
      /scientific notation/,
    );
    assert.equal(parseAccountNumber('12a').ok, false);
    assert.equal(parseAccountNumber('1234567890123').ok, false);
    assert.equal(parseAccountNumber('').ok, false);
  });
  it('tolerates spaces and dashes in typed accounts', () => {
    assert.deepEqual(parseTypedAccount('1111-2222 3333'), {
      ok: true,
      account: '111122223333',
      padded: false,
    });
  });
  it('finds an account the shell split at its spaces: digit words that make 12 digits together', () => {
    assert.equal(splitAccountWords(['1111', '2222', '3333', 'reports']), 3);
    assert.equal(splitAccountWords(['1111', '22223333']), 2);
    for (const words of [
      ['111122223333', '4444'],
      ['1111', '2222'],
      ['1111', 'reports', '3333'],
      ['1111', '2222', '33334'],
      [],
    ]) {
      assert.equal(splitAccountWords(words), 0, words.join(' '));
    }
  });
  it('validates instance ids, product codes and regions', () => {
    assert.ok(INSTANCE_ID.test('i-10a64379'));
    assert.ok(INSTANCE_ID.test('i-0123456789abcdef0'));
    assert.ok(!INSTANCE_ID.test('i-123'));
    assert.ok(!INSTANCE_ID.test('i-0123456789ABCDEF0'));
    assert.ok(PRODUCT_CODE.test('4w1vgsrkqdkypbz43g7qkk4uz'));
    assert.ok(!PRODUCT_CODE.test('4w1vgsrkqdkypbz43g7qkk4uz1'));
    assert.ok(REGION.test('us-gov-west-1') && REGION.test('eu-central-2') && !REGION.test('auto'));
  });
});
