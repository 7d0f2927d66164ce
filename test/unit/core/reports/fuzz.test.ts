import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { readReport } from '../../../../src/core/reports/report-source';
import { temporaryFolder } from '../../../support/temporary-folder';

// Valid reports of every format, mutated at random: no exception, no hang, every problem on a real line.
const VALID = [
  'Product ID,AWS Account Number,Date of Last Usage\nprod-a,111122223333,2026-11-20\n"prod-b",444455556666,2026-11-21T10:00:00Z\n',
  '"Customer AWS Account Number","Product Title","Product Id","Product Code","Last Usage Date","Report Date","Subscription Start Date"\r\n' +
    '"111122223333","Ubuntu, Pro","prod-a","abc123","2026-11-20","2026-11-22","2025-01-01"\r\n"000012345678","T ""x""","prod-b","def","2026-10-01","2026-11-22",""\r\n',
  'Customer AWS Account Number,Product Id,Subscription Start Date\n111122223333,prod-a,2026-01-01\n',
  'Product Id,AWS Customer Id,Operation Type,Organization,Operation Time\nprod-a,111122223333,CREATE,"Multi\nline",2026-11-01T00:00:00Z\nprod-a,111122223333,DELETE,,2026-11-02\n',
];
const PIECES = [
  '"',
  ',',
  '\n',
  '\r\n',
  '""',
  '\uFEFF',
  '\uFFFD',
  '\u0000',
  'x',
  '2026-13-45',
  '1.2E+11',
  ' ',
  '\n\n"',
];

type Mutation = {
  at: number;
  kind: 'insert' | 'delete' | 'replace';
  piece: number;
  length: number;
};

function mutate(text: string, mutations: Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = m.at % (out.length + 1);
    const piece = PIECES[m.piece % PIECES.length];
    if (m.kind === 'insert') out = out.slice(0, at) + piece + out.slice(at);
    else if (m.kind === 'delete') out = out.slice(0, at) + out.slice(at + m.length);
    else out = out.slice(0, at) + piece + out.slice(at + m.length);
  }
  return out;
}

describe('fuzzed reports', () => {
  const tmp = temporaryFolder('fuzz-test-');

  it('never throw, and every problem names a line inside the file', async () => {
    const mutation = fc.record({
      at: fc.nat(400),
      kind: fc.constantFrom('insert', 'delete', 'replace'),
      piece: fc.nat(100),
      length: fc.integer({ min: 1, max: 12 }),
    }) as fc.Arbitrary<Mutation>;
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.nat(VALID.length - 1),
        fc.array(mutation, { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        async (which, mutations, asBytes) => {
          const text = mutate(VALID[which], mutations);
          const path = join(tmp(), `r${n++ % 8}_2026-11-22.csv`);
          // Half of the runs also corrupt raw bytes, to reach invalid UTF-8.
          const bytes = Buffer.from(text);
          if (asBytes && bytes.length > 0) bytes[mutations[0].at % bytes.length] = 0xff;
          writeFileSync(path, bytes);
          const report = await readReport(path);
          const lines = bytes.toString('utf8').split('\n').length;
          for (const p of report.problems) {
            assert.ok(
              Number.isInteger(p.line) && p.line >= 1 && p.line <= lines,
              `line ${p.line} of ${lines}: ${p.message}`,
            );
            assert.ok(p.message.length > 0);
          }
          assert.ok(report.kept <= report.rows);
          for (const r of report.records) assert.match(r.account, /^\d{12}$/);
        },
      ),
      { numRuns: 400, seed: 20261122 },
    );
  });
});
