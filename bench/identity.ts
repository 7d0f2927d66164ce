// verify-identity's time per document: the real AWS /pkcs7 of 2016 verified in this process,
// 200 times after a warm-up, with the median and the 95th percentile printed (no assertion: a
// figure for the note, not a test). Run: npx tsc -p . && node out/bench/identity.js
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { verifyIdentity } from '../src/core/identity';

const RUNS = 200;
const signature = readFileSync(
  resolve(__dirname, '../../test/fixtures/identity/aws-pkcs7-us-east-1-2016.pem'),
  'utf8',
);

for (let i = 0; i < 20; i++) verifyIdentity({ method: 'pkcs7', signature });
const times: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const start = process.hrtime.bigint();
  const result = verifyIdentity({ method: 'pkcs7', signature }, { account: '121659014334' });
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
  if (!result.verified)
    throw new Error(`the real vector did not verify: ${result.reasons.join('; ')}`);
}
times.sort((a, b) => a - b);
const at = (q: number) =>
  times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(2);
console.log(
  `verify-identity, real AWS /pkcs7 (DSA, SHA-1), ${RUNS} runs in-process: median ${at(0.5)} ms, p95 ${at(0.95)} ms, min ${times[0].toFixed(2)} ms per document`,
);
