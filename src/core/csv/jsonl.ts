// JSON Lines files (the audit log, a batch's results) written one whole line per append (O_APPEND),
// so a crash or a full disk can tear at most the last line; a torn line is fenced off by the next
// append, and the files are read back line by line, however large, tolerating exactly that.
import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileChunks } from './csv-input';

const NEWLINE = 0x0a;

export class JsonLinesWriter {
  // Appends through this writer are chained (one at a time, in call order), so its own lines never
  // interleave. Nothing chains it with another writer of the same file (another instance, another
  // process): each append is one O_APPEND write of a whole line, and the newline fence covers a torn one.
  private tail: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {}

  /**
   * Appends `value` as one line. When the file does not end with a newline (a write cut short by a
   * full disk or a crash), a newline goes first: the torn line stays one damaged line that readers
   * name and skip, and this line stays whole instead of being glued to it. Rejects with the system's
   * error (ENOSPC, EACCES, EISDIR...); the line may then be torn, and the next append fences it.
   */
  append(value: unknown): Promise<void> {
    const line = `${JSON.stringify(value)}\n`;
    const next = this.tail.then(async () => {
      await mkdir(dirname(this.path), { recursive: true });
      const handle = await open(this.path, 'a+', 0o600);
      try {
        const { size } = await handle.stat();
        const last = Buffer.alloc(1);
        if (size > 0) await handle.read(last, 0, 1, size - 1);
        await handle.appendFile(size > 0 && last[0] !== NEWLINE ? `\n${line}` : line, 'utf8');
      } finally {
        await handle.close();
      }
    });
    this.tail = next.catch(() => undefined);
    return next;
  }
}

/** A line of a JSON Lines file: its number (from 1), and its value, or why it has none. */
export type JsonLine =
  | { line: number; value: unknown; problem?: undefined }
  | { line: number; value?: undefined; problem: string };

/** A line longer than this is not read (it is named as damaged): far above any line the product writes. */
export const MAX_JSON_LINE_BYTES = 16 * 1024 * 1024;

/**
 * The lines of the file at `path`, parsed, in order, read in 1 MiB chunks: a log of any size is read
 * in bounded memory (a file over 512 MB cannot be one string). Blank lines are left out. A line that is
 * not JSON (cut short by a crash) or longer than `maxLineBytes` comes with a `problem` in words
 * instead of a value. Rejects with a NamedFileError when the file cannot be opened (ENOENT when there
 * is none; a FIFO or a folder is refused).
 */
export async function* readJsonLinesFile(
  path: string,
  maxLineBytes = MAX_JSON_LINE_BYTES,
): AsyncGenerator<JsonLine> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let line = 1;
  const finish = (piece: Uint8Array): JsonLine | undefined => {
    const bytes = pendingBytes + piece.byteLength;
    const number = line++;
    const parts = pending;
    pending = [];
    pendingBytes = 0;
    if (bytes > maxLineBytes) return { line: number, problem: `longer than ${maxLineBytes} bytes` };
    const text = (
      parts.length === 0
        ? Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength)
        : Buffer.concat([...parts, piece])
    ).toString('utf8');
    if (text.trim() === '') return undefined;
    try {
      return { line: number, value: JSON.parse(text) as unknown };
    } catch {
      return {
        line: number,
        problem: 'not a whole JSON line (a crash or a full disk cuts the last line short)',
      };
    }
  };
  for await (const chunk of fileChunks(path)) {
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE, start); end >= 0; end = chunk.indexOf(NEWLINE, start)) {
      const done = finish(chunk.subarray(start, end));
      if (done) yield done;
      start = end + 1;
    }
    if (start < chunk.byteLength) {
      // Kept as a copy (the chunk's buffer is refilled), and only while the line may still be read.
      if (pendingBytes <= maxLineBytes) pending.push(Buffer.from(chunk.subarray(start)));
      pendingBytes += chunk.byteLength - start;
    }
  }
  const last = pendingBytes > 0 ? finish(new Uint8Array(0)) : undefined;
  if (last) yield last;
}
