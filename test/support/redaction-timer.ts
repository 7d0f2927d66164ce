// Times redaction of one adversarial input at growing sizes, in a process of its own so that the
// test can stop a run that never ends (an exponential regular expression cannot be interrupted from
// inside): `node redaction-timer.js FAMILY SIZE[,SIZE...] RUNS`. Prints one JSON line a size, as soon
// as it is measured: {size, cpuMs} with cpuMs the median CPU time (ms) of RUNS runs after a warm-up.
import { redact } from '../../src/core/redaction/redaction';
import { ADVERSARIAL } from './redaction-inputs';

function cpuMsOf(text: string): number {
  const start = process.cpuUsage();
  redact(text);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

const [family, sizes, runs] = process.argv.slice(2);
const make = ADVERSARIAL[family];
if (!make) throw new Error(`no adversarial input named ${family}`);
for (const size of sizes.split(',').map(Number)) {
  const text = make(size);
  cpuMsOf(text);
  const times = Array.from({ length: Number(runs) }, () => cpuMsOf(text)).sort((a, b) => a - b);
  process.stdout.write(`${JSON.stringify({ size, cpuMs: times[Math.floor(times.length / 2)] })}\n`);
}
