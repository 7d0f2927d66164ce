// A JSON Lines file larger than the longest string V8 can hold (2^29 characters), written fast: one
// value padded to a 4 KiB line with the spaces JSON allows after it, 256 lines to a block.
import { closeSync, openSync, writeSync } from 'node:fs';

const LINE_BYTES = 4096;
const LINES_PER_BLOCK = 256;
/** Blocks of 1 MiB: 550 of them are 550 MiB, past the 512 MiB a string can hold. */
const BLOCKS = 550;

/** Writes `value` as LARGE_FILE_LINES lines of 4 KiB to `path` (about 550 MiB), then each of `last` as one line. */
export function writeLargeJsonLines(path: string, value: unknown, ...last: unknown[]): void {
  const line = Buffer.alloc(LINE_BYTES, 0x20);
  line.write(JSON.stringify(value));
  line[LINE_BYTES - 1] = 0x0a;
  const block = Buffer.concat(Array.from({ length: LINES_PER_BLOCK }, () => line));
  const fd = openSync(path, 'w');
  try {
    for (let n = 0; n < BLOCKS; n++) writeSync(fd, block);
    for (const v of last) writeSync(fd, `${JSON.stringify(v)}\n`);
  } finally {
    closeSync(fd);
  }
}

/** How many lines of the padded value writeLargeJsonLines writes. */
export const LARGE_FILE_LINES = BLOCKS * LINES_PER_BLOCK;
