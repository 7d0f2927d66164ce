// The four report formats, told apart by their header: case, surrounding spaces and column order do
// not matter, extra columns are ignored.
import { truncate } from '../ids';
import type { ReportFormatId } from '../domain';

/** What a column means to us, whatever the report calls it. */
export type Column =
  | 'account'
  | 'productId'
  | 'productCode'
  | 'productTitle'
  | 'lastUsage'
  | 'reportDate'
  | 'subscriptionStart'
  | 'operation'
  | 'operationTime'
  | 'subscriptionId'
  | 'organization'
  | 'givenName'
  | 'surname'
  | 'telephone'
  | 'email'
  | 'title'
  | 'countryCode';

interface FormatSpec {
  id: ReportFormatId;
  required: Partial<Record<Column, string>>;
  optional: Partial<Record<Column, string>>;
  /** Columns whose presence means another format. Names as the reports write them; matched normalized. */
  absent?: string[];
}

const PRODUCT_DETAILS = {
  productCode: 'Product Code',
  productTitle: 'Product Title',
  reportDate: 'Report Date',
};
const LAST_USAGE_COLUMNS = ['Last Usage Date', 'Date of Last Usage'];

const FORMATS: readonly FormatSpec[] = [
  {
    id: 'legacy-subscriber',
    required: {
      account: 'Customer AWS Account Number',
      productId: 'Product ID',
      lastUsage: 'Last Usage Date',
    },
    optional: { ...PRODUCT_DETAILS, subscriptionStart: 'Subscription Start Date' },
  },
  {
    id: 'daily-subscriber',
    required: {
      account: 'Customer AWS Account Number',
      productId: 'Product ID',
      subscriptionStart: 'Subscription Start Date',
    },
    optional: PRODUCT_DETAILS,
    absent: LAST_USAGE_COLUMNS,
  },
  {
    id: 'subscription-usage',
    required: {
      productId: 'Product ID',
      account: 'AWS Account Number',
      lastUsage: 'Date of Last Usage',
    },
    optional: { ...PRODUCT_DETAILS, subscriptionStart: 'Subscription Start Date' },
  },
  {
    id: 'support-contacts',
    required: { account: 'AWS Customer ID', productId: 'Product ID', operation: 'Operation Type' },
    optional: {
      productCode: 'Product Code',
      subscriptionStart: 'Subscription Start Date',
      subscriptionId: 'Subscription Guid',
      organization: 'Organization',
      givenName: 'Given Name',
      surname: 'Surname',
      telephone: 'Telephone Number',
      email: 'Email',
      title: 'Title',
      countryCode: 'Country Code',
      operationTime: 'Operation Time',
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
  const spec = FORMATS.find(
    (f) =>
      Object.values(f.required).every((name) => positions.has(normalize(name))) &&
      !(f.absent ?? []).some((name) => positions.has(normalize(name))),
  );
  if (!spec) return undefined;
  const index: Partial<Record<Column, number>> = {};
  for (const [column, name] of Object.entries({ ...spec.optional, ...spec.required })) {
    const at = positions.get(normalize(name));
    if (at !== undefined) index[column as Column] = at;
  }
  return { id: spec.id, index, header: header.map((h) => h.trim()) };
}

/** The line-1 error for a header that names no known format: what was found, what is known. */
export function describeUnknownHeader(header: string[]): string {
  const known = FORMATS.map((f) => `${f.id} (${Object.values(f.required).join(', ')})`).join('; ');
  return `not a known report: the header has columns ${listColumns(header, 12)}. Known formats and their required columns: ${known}`;
}

/** The same in a few words, for a list of files that are not reports: `header names columns "Name", "Value"`. */
export function describeUnknownHeaderBriefly(header: string[]): string {
  return `header names columns ${listColumns(header, 4)}`;
}

/** The first `max` column names, quoted and shortened, and how many more there are. */
function listColumns(header: string[], max: number): string {
  const shown = header
    .slice(0, max)
    .map((h) => JSON.stringify(truncate(h.trim(), 40)))
    .join(', ');
  return header.length > max ? `${shown} and ${header.length - max} more` : shown;
}
