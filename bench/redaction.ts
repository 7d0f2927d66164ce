// `npm run bench` (redaction part): the throughput of redaction on a realistic 10 MB support log
// (cloud-init, agent and HTTP lines, one secret a 50 lines), by CPU time, the median of 5 rounds.
//   node out/bench/redaction.js [FILE]   (FILE: redact that file instead of the generated log)
import { readFileSync } from 'node:fs';
import { redact } from '../src/core/redaction';
import { realisticLog } from '../test/support/redaction-inputs';

const ROUNDS = 5;
const file = process.argv[2];
const text = file ? readFileSync(file, 'utf8') : realisticLog(10 * 1024 * 1024);
const megabytes = Buffer.byteLength(text) / (1024 * 1024);
const times: number[] = [];
let found = '';
for (let round = 0; round < ROUNDS; round++) {
  const start = process.cpuUsage();
  const result = redact(text);
  const used = process.cpuUsage(start);
  times.push((used.user + used.system) / 1e6);
  found = result.found.map(({ kind, count }) => `${count} ${kind}`).join(', ');
}
const median = times.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)];
console.log(
  `redaction: ${megabytes.toFixed(1)} MB in ${median.toFixed(2)} s CPU (median of ${ROUNDS}): ${(megabytes / median).toFixed(1)} MB/s; found ${found}`,
);
