// The instance list of a batch, in the shapes engineers have it: one instance id per line; the AWS
// CLI's `--output text` (tab-separated, several ids on a line or one row per instance); a CSV whose
// header names the instance id column (`instanceId`, the console's "Instance ID", `instance_id`) and
// optionally productCode, productId, account, region; or a sheet without such a header, whose ids are
// the cells starting with `i-`. Blank lines and `#` comments are skipped.
import { CsvParser } from '../csv';
import { readCsvFile } from '../csv';
import type { Problem } from '../domain';

export interface BatchRow {
  line: number;
  instanceId: string;
  productCode?: string;
  productId?: string;
  account?: string;
  region?: string;
}

const COLUMNS = ['instanceId', 'productCode', 'productId', 'account', 'region'] as const;
type ColumnName = (typeof COLUMNS)[number];

/** What a file of instances must hold: the words of the error when it holds no instance id. */
export const BATCH_INPUT_SHAPES =
  'one instance id per line (i-0123456789abcdef0), the tab-separated text of `aws ec2 describe-instances --output text`, or a CSV whose header names an instanceId (or "Instance ID") column';

/**
 * The rows of the instance list at `path`, each with its line; a line of several ids gives a row per
 * id. Lines that hold no instance id among several cells are errors on their line, the others kept;
 * a one-cell line is taken as an id, for the confirmation's check to judge. Throws what reading the
 * file throws (ENOENT...).
 */
export async function readBatchInput(
  path: string,
): Promise<{ rows: BatchRow[]; problems: Problem[] }> {
  const rows: BatchRow[] = [];
  const problems: Problem[] = [];
  let columns: Map<ColumnName, number> | null | undefined; // undefined: not decided; null: no header naming the id column
  const parser = new CsvParser({
    record(fields, line) {
      // The AWS CLI's text output separates by tabs: a tab in a comma-separated cell separates too.
      const cells = fields.flatMap((f) => f.split('\t')).map((c) => c.trim());
      if (cells.every((c) => c === '') || cells[0].startsWith('#')) return;
      if (columns === undefined) {
        columns = headerColumns(cells);
        // Column names without the id's (e.g. "Name,ID,State"): the rows' `i-` cells are the ids.
        if (columns || (cells.length > 1 && !cells.some(isIdLike))) return;
      }
      if (columns) {
        const row: BatchRow = { line, instanceId: '' };
        for (const [name, index] of columns) if (cells[index]) row[name] = cells[index];
        rows.push(row);
        return;
      }
      const ids = cells.length === 1 ? cells : cells.filter(isIdLike);
      if (ids.length === 0)
        problems.push({
          file: path,
          line,
          severity: 'error',
          message: `no instance id on this line (an instance id starts with "i-")`,
        });
      for (const instanceId of ids) rows.push({ line, instanceId });
    },
    problem(line, message) {
      problems.push({ file: path, line, severity: 'error', message });
    },
    undecodable(line) {
      problems.push({
        file: path,
        line,
        severity: 'warning',
        message: 'bytes that are not UTF-8 on this line: save the file as UTF-8',
      });
    },
  });
  await readCsvFile(path, parser);
  return { rows, problems };
}

/** A cell that is meant as an instance id (the confirmation's check says whether it is a valid one). */
function isIdLike(cell: string): boolean {
  return cell.startsWith('i-');
}

/**
 * The column positions when the record is a header naming the instance id column, else null. Names
 * are compared without case, spaces, dashes or underscores: "Instance ID" is instanceId.
 */
function headerColumns(cells: string[]): Map<ColumnName, number> | null {
  const names = cells.map(columnKey);
  if (!names.includes('instanceid')) return null;
  const found = new Map<ColumnName, number>();
  for (const name of COLUMNS) {
    const index = names.indexOf(name.toLowerCase());
    if (index >= 0) found.set(name, index);
  }
  return found;
}

function columnKey(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, '');
}
