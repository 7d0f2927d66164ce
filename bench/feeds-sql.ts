// The benchmark's reference: the same entitlement as src/core/feeds, written as SQL over the same
// CSVs with the idioms of AWS's sample queries for the feeds (row_number over the key and valid_from
// ordered by update_date, soft-deleted rows dropped, '' read as null, account ids repadded to 12
// digits, a record's first version widened back for backdated BYOL acceptances). Run by DuckDB
// (`@duckdb/node-api`, a dev dependency: the reference, never shipped).

/** One answer row: an account, a product (null when the offer names none) and its verdict. */
export interface ReferenceVerdict {
  account: string;
  productId: string | null;
  verdict: 'eligible' | 'ended' | 'unlisted';
  covering: string | null;
}

const ts = (column: string) => `try_cast(nullif(${column}, '') AS TIMESTAMPTZ)`;

/**
 * A feed's rows as AWS's queries read them (`where` filters them first, on a column that is the same
 * in every version of a record, so that DuckDB need not number the rows of other records): all text, '' as null, the history columns as instants,
 * rows recorded after `knownAt` left out, and per key and valid_from the latest update_date kept.
 */
function history(
  root: string,
  folder: string,
  key: string,
  columns: string,
  knownAt: string | undefined,
  where = 'true',
): string {
  return `
    (SELECT * FROM (
      SELECT ${columns}, ${ts('valid_from')} AS vf, coalesce(${ts('update_date')}, ${ts('insert_date')}) AS ud, coalesce(delete_date, '') <> '' AS deleted
      FROM read_csv('${root}/${folder}/*/*/data.csv', header = true, all_varchar = true, ignore_errors = true, null_padding = false)
    ) WHERE vf IS NOT NULL AND ud IS NOT NULL AND (${where}) ${knownAt ? `AND ud <= TIMESTAMPTZ '${knownAt}'` : ''}
    QUALIFY row_number() OVER (PARTITION BY ${key}, vf ORDER BY ud DESC) = 1)`;
}

/** The version standing at `asOf`: not deleted, latest valid_from at or before it, else the first one. */
function standing(source: string, key: string, asOf: string, group = '0'): string {
  const before = `vf <= TIMESTAMPTZ '${asOf}'`;
  return `(SELECT * FROM ${source} WHERE NOT deleted
    QUALIFY row_number() OVER (PARTITION BY ${key} ORDER BY ${before} DESC, CASE WHEN ${before} THEN ${group} END DESC, CASE WHEN ${before} THEN vf END DESC, vf ASC) = 1)`;
}

/**
 * The SQL answering every account of `accounts` (12 digits) at `asOf` (an ISO 8601 instant), as AWS
 * knew it at `knownAt` when given: one row per account and product, and one row with a null product
 * and verdict `unlisted` for an account with no agreement.
 */
export function entitlementSql(
  root: string,
  accounts: readonly string[],
  asOf: string,
  knownAt?: string,
): string {
  const at = `TIMESTAMPTZ '${asOf}'`;
  const status = `lower(regexp_replace(coalesce(status, ''), '[^A-Za-z]', '', 'g'))`;
  const group = `CASE ${status} WHEN 'superseded' THEN 0 WHEN 'rolledback' THEN 1 ELSE 2 END`;
  const list = accounts.map((a) => `'${a.replace(/'/g, '')}'`).join(', ');
  // Repadded to 12 digits: the column is sometimes imported as a number (AWS's agreement report).
  const padded = `CASE WHEN regexp_full_match(aws_account_id, '[0-9]{1,11}') THEN substring('000000000000' || aws_account_id, -12) ELSE aws_account_id END`;
  return `
  WITH
  account AS ${standing(history(root, 'accountfeed_v1', 'account_id', `account_id, ${padded} AS aws_account_id`, knownAt, `${padded} IN (${list})`), 'account_id', asOf)},
  agreement AS ${standing(
    history(
      root,
      'agreementfeed_v1',
      'agreement_id',
      `agreement_id, acceptor_account_id, nullif(offer_id, '') AS offer_id, nullif(offer_revision_at_acceptance, '') AS revision, status, start_time, end_time, acceptance_time`,
      knownAt,
      'acceptor_account_id IN (SELECT account_id FROM account)',
    ),
    'agreement_id',
    asOf,
    group,
  )},
  offer_product_all AS (SELECT DISTINCT offer_id, offer_revision FROM read_csv('${root}/offerproductfeed_v1/*/*/data.csv', header = true, all_varchar = true, ignore_errors = true)
    UNION SELECT DISTINCT offer_id, offer_revision FROM read_csv('${root}/offertargetfeed_v1/*/*/data.csv', header = true, all_varchar = true, ignore_errors = true)),
  offer_product AS ${standing(history(root, 'offerproductfeed_v1', 'offer_id, offer_revision, product_id', 'offer_id, offer_revision, product_id', knownAt), 'offer_id, offer_revision, product_id', asOf)},
  product AS ${standing(history(root, 'productfeed_v1', 'product_id', 'product_id', knownAt), 'product_id', asOf)},
  mapping AS ${standing(history(root, 'legacyidmappingfeed_v1', 'mapping_type, legacy_id', 'mapping_type, legacy_id, new_id', knownAt), 'mapping_type, legacy_id', asOf)},
  asked AS (SELECT account_id, aws_account_id FROM account WHERE aws_account_id IN (${list})),
  accepted AS (
    SELECT a.aws_account_id AS account, g.agreement_id, g.revision, g.status, g.vf,
      CASE WHEN EXISTS (SELECT 1 FROM offer_product_all o WHERE o.offer_id = g.offer_id AND o.offer_revision IS NOT DISTINCT FROM g.revision) THEN g.offer_id
           ELSE coalesce((SELECT m.new_id FROM mapping m WHERE m.mapping_type = 'OFFER' AND m.legacy_id = g.offer_id), g.offer_id) END AS offer_id,
      coalesce(${ts('g.start_time')}, ${ts('g.acceptance_time')}, g.vf) AS start_at,
      ${ts('g.end_time')} AS end_at
    FROM asked a JOIN agreement g ON g.acceptor_account_id = a.account_id
  ),
  joined AS (
    SELECT c.*, CASE WHEN op.product_id IS NULL THEN NULL
        WHEN EXISTS (SELECT 1 FROM product p WHERE p.product_id = op.product_id) THEN op.product_id
        ELSE coalesce((SELECT m.new_id FROM mapping m WHERE m.mapping_type = 'PRODUCT' AND m.legacy_id = op.product_id), op.product_id) END AS product_id,
      ${status.replace('status', 'c.status')} = 'active' AND c.start_at <= ${at} AND (c.end_at IS NULL OR c.end_at > ${at}) AS active,
      c.start_at <= ${at} AS started
    FROM accepted c LEFT JOIN offer_product op ON op.offer_id = c.offer_id AND op.offer_revision IS NOT DISTINCT FROM c.revision
  ),
  verdicts AS (
    SELECT account, product_id,
      CASE WHEN bool_or(active) THEN 'eligible' WHEN bool_or(started) THEN 'ended' ELSE 'unlisted' END AS verdict,
      arg_max(agreement_id, CASE WHEN active THEN [epoch_ms(coalesce(end_at, TIMESTAMPTZ '9999-12-31')), epoch_ms(start_at)] END) AS covering
    FROM joined GROUP BY account, product_id
  )
  SELECT account, product_id, verdict, CASE WHEN verdict = 'eligible' THEN covering END AS covering FROM verdicts
  UNION ALL
  SELECT DISTINCT a.aws_account_id, NULL, 'unlisted', NULL FROM asked a WHERE NOT EXISTS (SELECT 1 FROM agreement g JOIN asked b ON g.acceptor_account_id = b.account_id WHERE b.aws_account_id = a.aws_account_id)
  ORDER BY 1, 2`;
}
