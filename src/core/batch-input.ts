// The instance list of a batch: one instance id per line, or a CSV whose header holds `instanceId`
// and optionally productCode, productId, account, region. Blank lines and `#` comments are skipped.
import { CsvParser } from './csv';
import { readCsvFile } from './csv-input';
import type { Problem } from './domain';

export interface BatchRow {
  line: number;
  instanceId: string;
  productCode?: string;
  productId?: string;
  account?: string;
  region?: string;
}

const COLUMNS = ['instanceId', 'productCode', 'productId', 'account', 'region'] as const;

export async function readBatchInput(path: string): Promise<{ rows: BatchRow[]; problems: Problem[] }> {
  const rows: BatchRow[] = [];
  const problems: Problem[] = [];
  let columns: Map<(typeof COLUMNS)[number], number> | null | undefined; // undefined: not decided; null: a plain list
  const parser = new CsvParser({
    record(fields, line) {
      const cells = fields.map((f) => f.trim());
      if (cells.every((c) => c === '') || cells[0].startsWith('#')) return;
      if (columns === undefined) {
        columns = headerColumns(cells);
        if (columns) return;
      }
      if (!columns) {
        rows.push({ line, instanceId: cells[0] });
        return;
      }
      const row: BatchRow = { line, instanceId: '' };
      for (const [name, index] of columns) if (cells[index]) row[name] = cells[index];
      rows.push(row);
    },
    problem(line, message) {
      problems.push({ file: path, line, severity: 'error', message });
    },
    undecodable(line) {
      problems.push({ file: path, line, severity: 'warning', message: 'bytes that are not UTF-8 on this line: save the file as UTF-8' });
    },
  });
  await readCsvFile(path, parser);
  return { rows, problems };
}

/** The column positions when the first record is a header naming instanceId, else null. */
function headerColumns(cells: string[]): Map<(typeof COLUMNS)[number], number> | null {
  const lower = cells.map((c) => c.toLowerCase());
  if (!lower.includes('instanceid')) return null;
  const found = new Map<(typeof COLUMNS)[number], number>();
  for (const name of COLUMNS) {
    const index = lower.indexOf(name.toLowerCase());
    if (index >= 0) found.set(name, index);
  }
  return found;
}
