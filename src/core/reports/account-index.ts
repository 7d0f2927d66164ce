// Account numbers to the newest row that lists them, by open addressing on one typed array: a Map
// of a few hundred thousand non-small-integer keys costs several times the memory and time. A slot
// holds, side by side so that a probe touches one cache line, the account (as its high and low 32
// bits), its newest row, and marks the caller sets on it (the store marks the products seen).

const STRIDE = 4;
const HIGH = 0;
const LOW = 1;
const ROW = 2; // row + 1, so that the zeros of a new array are free slots
const MARKS = 3;
const TWO_32 = 0x1_0000_0000;

export class AccountIndex {
  private slots: Int32Array;
  private mask: number;
  size = 0;
  /** The marks the account held before the last `push`. */
  marksBefore = 0;

  /** @param expected how many accounts to make room for (it grows past that) */
  constructor(expected = 0) {
    let capacity = 1024;
    while (capacity < expected) capacity *= 2;
    this.slots = new Int32Array(STRIDE * capacity);
    this.mask = capacity - 1;
  }

  /**
   * Makes `row` the newest row of `account` and adds `marks` to it; returns the row it follows, or
   * -1 for a new account.
   */
  push(account: number, row: number, marks: number): number {
    let at = this.find(account);
    const previous = this.slots[at + ROW] - 1;
    if (previous === -1 && (this.size + 1) * 4 > (this.mask + 1) * 3) {
      this.grow();
      at = this.find(account);
    }
    const slots = this.slots;
    if (previous === -1) {
      this.size++;
      slots[at + HIGH] = account / TWO_32;
      slots[at + LOW] = account;
    }
    this.marksBefore = slots[at + MARKS];
    slots[at + MARKS] = this.marksBefore | marks;
    slots[at + ROW] = row + 1;
    return previous;
  }

  /** The newest row of `account`, or -1. */
  get(account: number): number {
    return this.slots[this.find(account) + ROW] - 1;
  }

  /** Every account, ascending. */
  accounts(): Float64Array {
    const found = new Float64Array(this.size);
    let n = 0;
    const slots = this.slots;
    for (let at = 0; at < slots.length; at += STRIDE) {
      if (slots[at + ROW] !== 0) found[n++] = slots[at + HIGH] * TWO_32 + (slots[at + LOW] >>> 0);
    }
    return found.sort();
  }

  /** Where `account` is held, or the free slot where it belongs (as an index into `slots`). */
  private find(account: number): number {
    const low = account | 0;
    const high = (account / TWO_32) | 0;
    let hash = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b);
    hash ^= hash >>> 15;
    const slots = this.slots;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = STRIDE * slot;
      if (slots[at + ROW] === 0 || (slots[at + LOW] === low && slots[at + HIGH] === high))
        return at;
    }
  }

  /** Doubles the table, kept at most three quarters full. */
  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = this.slots.length / STRIDE - 1;
    for (let at = 0; at < old.length; at += STRIDE) {
      if (old[at + ROW] !== 0)
        this.slots.set(
          old.subarray(at, at + STRIDE),
          this.find(old[at + HIGH] * TWO_32 + (old[at + LOW] >>> 0)),
        );
    }
  }
}
