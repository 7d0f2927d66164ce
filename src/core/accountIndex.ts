// Account numbers to the newest row that lists them, by open addressing on typed arrays: a Map of
// a few hundred thousand non-small-integer keys costs several times the memory and time.

export class AccountIndex {
  private keys = new Float64Array(1024);
  private rows = new Int32Array(1024).fill(-1); // -1 marks a free slot
  private mask = 1023;
  size = 0;

  /** Makes `row` the newest row of `account`; returns the row it follows, or -1 for a new account. */
  push(account: number, row: number): number {
    let slot = this.slot(account);
    const previous = this.rows[slot];
    if (previous < 0) {
      if ((this.size + 1) * 2 > this.keys.length) {
        this.grow();
        slot = this.slot(account);
      }
      this.size++;
      this.keys[slot] = account;
    }
    this.rows[slot] = row;
    return previous;
  }

  /** The newest row of `account`, or -1. */
  get(account: number): number {
    return this.rows[this.slot(account)];
  }

  /** Every account, ascending. */
  accounts(): Float64Array {
    const found = new Float64Array(this.size);
    let n = 0;
    for (let slot = 0; slot < this.keys.length; slot++) if (this.rows[slot] >= 0) found[n++] = this.keys[slot];
    return found.sort();
  }

  /** The slot that holds `account`, or the free slot where it belongs. */
  private slot(account: number): number {
    const low = account >>> 0;
    const high = (account / 0x1_0000_0000) >>> 0;
    let hash = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b);
    hash ^= hash >>> 15;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      if (this.rows[slot] < 0 || this.keys[slot] === account) return slot;
    }
  }

  private grow(): void {
    const { keys, rows } = this;
    this.keys = new Float64Array(keys.length * 2);
    this.rows = new Int32Array(keys.length * 2).fill(-1);
    this.mask = this.keys.length - 1;
    for (let slot = 0; slot < keys.length; slot++) {
      if (rows[slot] >= 0) {
        const to = this.slot(keys[slot]);
        this.keys[to] = keys[slot];
        this.rows[to] = rows[slot];
      }
    }
  }
}
