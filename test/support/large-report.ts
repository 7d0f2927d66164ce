// A generated subscriber report with one product of many accounts, written where a test asks:
// big fixtures are made at run time, never committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LargeProduct {
  title: string;
  productId: string;
  productCode: string;
}

/** Sorts after the basic fixture's products, so it is the last node of the Subscriptions tree. */
export const LARGE_PRODUCT: LargeProduct = {
  title: 'Workstation Fleet',
  productId: 'prod-large0000001',
  productCode: 'largecode0001',
};

/** Account i of the generated report (12 digits, in the order written). */
export function largeReportAccount(i: number): string {
  return String(500000000000 + i * 7).padStart(12, '0');
}

/** Writes customer_subscriber_report_2026-11-22.csv with `rows` accounts, last used between 2026-11-01 and 2026-11-22. */
export function writeLargeReport(dir: string, rows: number, product = LARGE_PRODUCT): string {
  mkdirSync(dir, { recursive: true });
  const lines = [
    '"Customer AWS Account Number","Product Title","Product Id","Product Code","Last Usage Date","Report Date","Subscription Start Date"',
  ];
  for (let i = 0; i < rows; i++) {
    const day = String(1 + (i % 22)).padStart(2, '0');
    lines.push(
      `"${largeReportAccount(i)}","${product.title}","${product.productId}","${product.productCode}","2026-11-${day}","2026-11-22","2025-01-01"`,
    );
  }
  const file = join(dir, 'customer_subscriber_report_2026-11-22.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
