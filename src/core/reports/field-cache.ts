// What a field's bytes mean, remembered by the bytes themselves: a report repeats a handful of
// product ids, titles and date-times a million times, and this answers them without decoding a
// string per cell. Only a miss decodes the field and asks `resolve`.
import type { CsvRow } from '../csv';

/** Longer values are resolved every time: caching them would buy little and cost memory. */
const MAX_CACHED_BYTES = 256;
/**
 * The hash reads only a few bytes (the bytes are compared in full on a hit anyway), so values that
 * differ elsewhere collide; past this many probes a value is treated as a miss, so junk input costs
 * a bounded number of comparisons per cell rather than a scan of the table.
 */
const MAX_PROBES = 8;

export class FieldCache {
  private readonly mask: number;
  private readonly slots: Int32Array; // entry number + 1; 0 is a free slot
  private readonly hashes: Int32Array;
  private readonly offsets: Int32Array;
  private readonly lengths: Int32Array;
  private readonly escaped: Uint8Array;
  private readonly results: Float64Array;
  private pool = new Uint8Array(4096); // the bytes of every entry, one after another
  private poolView = new DataView(this.pool.buffer);
  private poolUsed = 0;
  private size = 0;
  /** The entry `get` last answered from or made; -1 when it resolved the value without caching it. */
  lastEntry = -1;

  /**
   * @param resolve what the field means, as a number (e.g. an index into a table of values)
   * @param maxEntries past this many distinct values (junk input) the cache starts over, so it stays small
   */
  /** How many values a cache holds by default (its entries are numbered below this). */
  static readonly MAX_ENTRIES = 4096;

  constructor(
    private readonly resolve: (row: CsvRow, field: number) => number,
    private readonly maxEntries = FieldCache.MAX_ENTRIES,
  ) {
    let slots = 16;
    while (slots < maxEntries * 2) slots *= 2;
    this.mask = slots - 1;
    this.slots = new Int32Array(slots);
    this.hashes = new Int32Array(maxEntries);
    this.offsets = new Int32Array(maxEntries);
    this.lengths = new Int32Array(maxEntries);
    this.escaped = new Uint8Array(maxEntries);
    this.results = new Float64Array(maxEntries);
  }

  get(row: CsvRow, field: number): number {
    const bytes = row.bytes;
    const start = row.starts[field];
    const end = row.ends[field];
    const escaped = row.escaped[field];
    const length = end - start;
    this.lastEntry = -1;
    if (length > MAX_CACHED_BYTES) return this.resolve(row, field);
    let hash = length * 31 + escaped;
    if (length > 0) {
      const last = end - 1;
      hash = Math.imul(hash ^ bytes[start], 0x01000193);
      hash = Math.imul(hash ^ bytes[last], 0x01000193);
      hash = Math.imul(hash ^ bytes[start + (length >> 1)], 0x01000193);
      hash = Math.imul(hash ^ bytes[start + (length >> 2)], 0x01000193);
      hash = Math.imul(hash ^ bytes[last - (length >> 2)], 0x01000193);
      hash ^= hash >>> 15;
    }
    let slot = hash & this.mask;
    let probes = 0;
    for (let entry = this.slots[slot] - 1; entry >= 0; entry = this.slots[slot] - 1) {
      if (
        this.hashes[entry] === hash &&
        this.lengths[entry] === length &&
        this.escaped[entry] === escaped &&
        this.holds(entry, row, start, end)
      ) {
        this.lastEntry = entry;
        return this.results[entry];
      }
      if (++probes === MAX_PROBES) return this.resolve(row, field);
      slot = (slot + 1) & this.mask;
    }
    const result = this.resolve(row, field);
    if (this.size === this.maxEntries) {
      this.clear();
      slot = hash & this.mask;
    }
    if (this.poolUsed + length > this.pool.length) this.growPool(length);
    const entry = this.size++;
    this.pool.set(bytes.subarray(start, end), this.poolUsed);
    this.offsets[entry] = this.poolUsed;
    this.poolUsed += length;
    this.hashes[entry] = hash;
    this.lengths[entry] = length;
    this.escaped[entry] = escaped;
    this.results[entry] = result;
    this.slots[slot] = entry + 1;
    this.lastEntry = entry;
    return result;
  }

  /**
   * get(), trying `entry` first (an earlier lastEntry): a value that mostly comes with another (a
   * product's title with its id) is then compared, not hashed and looked up.
   */
  getExpecting(entry: number, row: CsvRow, field: number): number {
    const start = row.starts[field];
    const end = row.ends[field];
    if (
      entry >= 0 &&
      entry < this.size &&
      this.lengths[entry] === end - start &&
      this.escaped[entry] === row.escaped[field] &&
      this.holds(entry, row, start, end)
    ) {
      this.lastEntry = entry;
      return this.results[entry];
    }
    return this.get(row, field);
  }

  /** Compares four bytes at a time: twice as fast as byte by byte. */
  private holds(entry: number, row: CsvRow, start: number, end: number): boolean {
    const { pool, poolView } = this;
    const { bytes, view } = row;
    let at = this.offsets[entry];
    let i = start;
    for (; i + 4 <= end; i += 4, at += 4)
      if (poolView.getInt32(at) !== view.getInt32(i)) return false;
    for (; i < end; i++, at++) if (pool[at] !== bytes[i]) return false;
    return true;
  }

  private clear(): void {
    this.slots.fill(0);
    this.size = 0;
    this.poolUsed = 0;
  }

  private growPool(needed: number): void {
    const pool = new Uint8Array(Math.max(this.pool.length * 2, this.poolUsed + needed));
    pool.set(this.pool.subarray(0, this.poolUsed));
    this.pool = pool;
    this.poolView = new DataView(pool.buffer);
  }
}
