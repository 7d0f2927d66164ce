// Tests on a field's bytes without decoding it: a lookup's read of a million agreement rows keeps a
// handful, and turning each row's field into a string only to drop it was a third of the read.
import type { CsvRow } from '../csv';

// Past this many candidates of one length, decoding and a Set lookup is cheaper than comparing bytes.
const MAX_COMPARED = 16;

/** A set of strings that answers `has` on a row's field as bytes. */
export class FieldSet {
  private readonly byLength = new Map<number, Buffer[]>();
  private readonly values: Set<string>;

  constructor(values: Iterable<string>) {
    this.values = new Set(values);
    for (const v of this.values) {
      const bytes = Buffer.from(v);
      const list = this.byLength.get(bytes.length) ?? [];
      list.push(bytes);
      this.byLength.set(bytes.length, list);
    }
  }

  /** True when field `field` of `row` is one of the values (quoted fields with doubled quotes are decoded). */
  has(row: CsvRow, field: number): boolean {
    const start = row.starts[field];
    const end = row.ends[field];
    const candidates = this.byLength.get(end - start);
    if (!candidates)
      return row.escaped[field] === 1 || row.swapped ? this.values.has(row.text(field)) : false;
    if (candidates.length > MAX_COMPARED || row.escaped[field] === 1 || row.swapped)
      return this.values.has(row.text(field));
    const bytes = row.bytes;
    // By hand: Buffer#compare's argument checks cost more than the few bytes compared (GUIDs differ early).
    for (const c of candidates) {
      let i = 0;
      while (i < c.length && c[i] === bytes[start + i]) i++;
      if (i === c.length) return true;
    }
    return false;
  }
}

/** The field as a number when it is 1 to 12 ASCII digits (an account number), else NaN; no string made. */
export function digitsOf(row: CsvRow, field: number): number {
  const start = row.starts[field];
  const end = row.ends[field];
  if (end <= start || end - start > 12) return NaN;
  let value = 0;
  for (let i = start; i < end; i++) {
    const c = row.bytes[i] - 0x30;
    if (c < 0 || c > 9) return NaN;
    value = value * 10 + c;
  }
  return value;
}

/**
 * True when field `field` of `row` sorts after the first `length` bytes of `held`, byte by byte
 * (ISO 8601 instants of one format sort as text).
 */
export function fieldAfter(row: CsvRow, field: number, held: Buffer, length: number): boolean {
  const bytes = row.bytes;
  const start = row.starts[field];
  const size = row.ends[field] - start;
  for (let i = 0; i < size && i < length; i++) {
    if (bytes[start + i] !== held[i]) return bytes[start + i] > held[i];
  }
  return size > length;
}
