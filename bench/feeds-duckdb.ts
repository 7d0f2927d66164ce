// The reference process of the feed benchmark: `node out/bench/feeds-duckdb.js ROOT ASOF ACCOUNT...`
// prints, as JSON, DuckDB's answer (entitlementSql) for those accounts: the whole process is timed
// against `support-desk lookup`, as an engineer would run either.
import { DuckDBInstance } from '@duckdb/node-api';
import { entitlementSql, type ReferenceVerdict } from './feeds-sql';

/** DuckDB's verdicts for `accounts` at `asOf` (ISO 8601 instant), rows as ReferenceVerdict. */
export async function referenceVerdicts(
  root: string,
  asOf: string,
  accounts: readonly string[],
  knownAt?: string,
): Promise<ReferenceVerdict[]> {
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  try {
    await connection.run("SET TimeZone = 'UTC'");
    const reader = await connection.runAndReadAll(entitlementSql(root, accounts, asOf, knownAt));
    // Every column of the query is text (or null).
    return reader.getRowObjectsJS().map((r) => ({
      account: r.account as string,
      productId: r.product_id as string | null,
      verdict: r.verdict as ReferenceVerdict['verdict'],
      covering: r.covering as string | null,
    }));
  } finally {
    connection.closeSync();
    db.closeSync();
  }
}

if (require.main === module) {
  const [root, asOf, ...accounts] = process.argv.slice(2);
  referenceVerdicts(root, asOf, accounts).then(
    (rows) => console.log(JSON.stringify(rows)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
