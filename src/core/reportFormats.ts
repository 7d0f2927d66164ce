// The four report formats, told apart by their header: case, surrounding spaces and column order do
// not matter, extra columns are ignored.
import { truncate } from './ids';
import type { ReportFormatId } from './model';

/** What a column means to us, whatever the report calls it. */
export type Column =
  | 'account' | 'productId' | 'productCode' | 'productTitle' | 'lastUsage' | 'reportDate' | 'subscriptionStart'
  | 'operation' | 'operationTime' | 'subscriptionId' | 'organization' | 'givenName' | 'surname' | 'telephone'
  | 'email' | 'title' | 'countryCode';

interface FormatSpec {
  id: ReportFormatId;
  required: Partial<Record<Column, string>>;
  optional: Partial<Record<Column, string>>;
  /** Columns whose presence means another format. */
  absent?: string[];
}

const PRODUCT_DETAILS = { productCode: 'product code', productTitle: 'product title', reportDate: 'report date' };
const LAST_USAGE_COLUMNS = ['last usage date', 'date of last usage'];

const FORMATS: readonly FormatSpec[] = [
  {
    id: 'legacy-subscriber',
    required: { account: 'customer aws account number', productId: 'product id', lastUsage: 'last usage date' },
    optional: { ...PRODUCT_DETAILS, subscriptionStart: 'subscription start date' },
  },
  {
    id: 'daily-subscriber',
    required: { account: 'customer aws account number', productId: 'product id', subscriptionStart: 'subscription start date' },
    optional: PRODUCT_DETAILS,
    absent: LAST_USAGE_COLUMNS,
  },
  {
    id: 'seed',
    required: { productId: 'product id', account: 'aws account number', lastUsage: 'date of last usage' },
    optional: { ...PRODUCT_DETAILS, subscriptionStart: 'subscription start date' },
  },
  {
    id: 'support-contacts',
    required: { account: 'aws customer id', productId: 'product id', operation: 'operation type' },
    optional: {
      productCode: 'product code', subscriptionStart: 'subscription start date', subscriptionId: 'subscription guid',
      organization: 'organization', givenName: 'given name', surname: 'surname', telephone: 'telephone number',
      email: 'email', title: 'title', countryCode: 'country code', operationTime: 'operation time',
    },
  },
];

export interface DetectedFormat {
  id: ReportFormatId;
  /** Field index of each column the file has. */
  index: Partial<Record<Column, number>>;
  /** The header as written, for messages that name a column the way the file does. */
  header: string[];
}

function normalize(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

export function detectFormat(header: string[]): DetectedFormat | undefined {
  const positions = new Map<string, number>();
  header.forEach((name, i) => {
    const key = normalize(name);
    if (!positions.has(key)) positions.set(key, i);
  });
  const spec = FORMATS.find((f) =>
    Object.values(f.required).every((name) => positions.has(name)) && !(f.absent ?? []).some((name) => positions.has(name)));
  if (!spec) return undefined;
  const index: Partial<Record<Column, number>> = {};
  for (const [column, name] of Object.entries({ ...spec.optional, ...spec.required })) {
    const at = positions.get(name);
    if (at !== undefined) index[column as Column] = at;
  }
  return { id: spec.id, index, header: header.map((h) => h.trim()) };
}

/** The line-1 error for a header that names no known format: what was found, what is known. */
export function describeUnknownHeader(header: string[]): string {
  const shown = header.slice(0, 12).map((h) => JSON.stringify(truncate(h.trim(), 40))).join(', ');
  const more = header.length > 12 ? ` and ${header.length - 12} more` : '';
  const known = FORMATS.map((f) => `${f.id} (${Object.values(f.required).map(titleCase).join(', ')})`).join('; ');
  return `not a known report: the header has columns ${shown}${more}. Known formats and their required columns: ${known}`;
}

function titleCase(name: string): string {
  return name.replace(/\b([a-z])/g, (c) => c.toUpperCase()).replace(/\bAws\b/, 'AWS').replace(/\bId\b/, 'ID');
}
