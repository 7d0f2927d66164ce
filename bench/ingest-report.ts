// The benchmarks' report: a deterministic 1,000,000-row legacy-subscriber report (the same file on
// every machine), written where a benchmark asks, ~123 MiB.
import { closeSync, openSync, statSync, writeSync } from 'node:fs';

/** Rows of the generated report (plus its header line). */
export const ROWS = 1_000_000;

const PRODUCTS = [
  ['Ubuntu Pro 22.04 LTS', 'prod-5qwz3vsg4kbfw', '8a2kq9xw3vbn7m4c1zt6ry5pd'],
  ['Ubuntu Pro 24.04 LTS', 'prod-q3v8kw4yn2xhd', '5tq1w9e8r7y6u4i3o2p0aslkd'],
  ['ElasticBox Enterprise', 'prod-eb7mxr2l9tqzs', '3jx9v2m8qk4p7w1n5r6t0ycbz'],
  ['Ubuntu Pro 20.04 LTS for SAP', 'prod-r8n2c5v1x7zqa', '9m3b6n1v8c4x2z7l5k0j4h3gf'],
  ['CloudForms Gateway (BYOL)', 'prod-w4t7y1u9i3opb', '1q2w3e4r5t6y7u8i9o0p1a2sd'],
  ['Ubuntu Pro FIPS 22.04', 'prod-k6j5h4g3f2dsa', '7z8x9c0v1b2n3m4l5k6j7h8gf'],
];

/** xorshift32: the same file on every machine. */
export function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x1_0000_0000;
  };
}

const DAYS = Array.from({ length: 1100 }, (_, offset) =>
  new Date(Date.UTC(2026, 10, 22) - offset * 86_400_000).toISOString().slice(0, 10),
);

function day(offset: number): string {
  return DAYS[offset];
}

/** Writes the report to `path`; its size in bytes, and the first 1,000 of its 400,000 accounts. */
export function generate(path: string): { bytes: number; sampleAccounts: string[] } {
  const next = random(20261122);
  const accounts = Array.from({ length: 400_000 }, () =>
    String(100_000_000_000 + Math.floor(next() * 899_999_999_999)),
  );
  const fd = openSync(path, 'w');
  writeSync(
    fd,
    '"Customer AWS Account Number","Product Title","Product Id","Product Code","Last Usage Date","Report Date","Subscription Start Date"\n',
  );
  let batch: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    const [title, id, code] = PRODUCTS[Math.floor(next() * PRODUCTS.length)];
    const account = accounts[Math.floor(next() * accounts.length)];
    batch.push(
      `"${account}","${title}","${id}","${code}","${day(Math.floor(next() * 90))}","2026-11-22","${day(90 + Math.floor(next() * 1000))}"`,
    );
    if (batch.length === 10_000) {
      writeSync(fd, `${batch.join('\n')}\n`);
      batch = [];
    }
  }
  writeSync(fd, batch.length ? `${batch.join('\n')}\n` : '');
  closeSync(fd);
  return { bytes: statSync(path).size, sampleAccounts: accounts.slice(0, 1000) };
}
