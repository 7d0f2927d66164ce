// The bytes a CSV comes in, brought to the parser: chunks from any source (a file, an S3 object),
// gunzipped on the way when they are gzip data, never held whole and never written to a temp file.
import { finished, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { CsvParser } from './csv';
import { openRegularFile } from '../files';

const GZIP_MAGIC = [0x1f, 0x8b];
const FILE_CHUNK_BYTES = 1 << 20;
const STREAM_BLOCK_BYTES = 1 << 20;
const STREAM_READ_AHEAD_BYTES = 32 << 20;
const GUNZIP_CHUNK_BYTES = 1 << 16; // zlib's default 16 KiB would mean four times the pushes

/**
 * Feeds `chunks` into the parser and ends it. Each chunk is used up before the next is asked for,
 * so a source may refill one buffer. Gzip data (by its first two bytes, 1f 8b, whatever
 * the source is called) is gunzipped on the way. Stops reading once the parser is stopped (the
 * source is then closed through its iterator's `return`). Rejects with what the source throws (a
 * stream that fails part-way), with an Error that says "the gzip data is damaged" for bad gzip data,
 * and with the signal's reason when aborted; the parser is then not ended.
 */
export async function parseCsvChunks(
  chunks: AsyncIterable<Uint8Array>,
  parser: CsvParser,
  signal?: AbortSignal,
): Promise<void> {
  const iterator = chunks[Symbol.asyncIterator]();
  // The first two bytes decide, and an awkward source may give them one at a time.
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let done = false;
  try {
    while (headBytes < GZIP_MAGIC.length) {
      signal?.throwIfAborted();
      const next = await iterator.next();
      if (next.done) {
        done = true;
        break;
      }
      if (next.value.byteLength === 0) continue;
      headBytes += next.value.byteLength;
      // Kept across the next ask only when too short to decide: a copy, as the source may refill it.
      head.push(headBytes < GZIP_MAGIC.length ? Buffer.from(next.value) : next.value);
    }
  } catch (error) {
    await iterator.return?.();
    throw error;
  }
  const first = head.length === 1 ? head[0] : Buffer.concat(head);
  const rest = withHead(head.length === 0 ? [] : [first], done ? undefined : iterator);
  if (headBytes >= GZIP_MAGIC.length && GZIP_MAGIC.every((b, i) => first[i] === b))
    return gunzipInto(rest, parser, signal);
  for await (const chunk of rest) {
    signal?.throwIfAborted();
    parser.push(chunk);
    if (parser.stopped) return;
  }
  parser.end();
}

/** Streams a file through the parser in 1 MiB chunks (see parseCsvChunks; a gzip file is gunzipped whatever its name). */
export async function readCsvFile(
  path: string,
  parser: CsvParser,
  signal?: AbortSignal,
): Promise<void> {
  await parseCsvChunks(fileChunks(path, signal), parser, signal);
}

/**
 * A file's bytes in 1 MiB chunks, opened when iterated; errors reject the iteration with a
 * NamedFileError (no such file, permission denied, a FIFO or a device: see openRegularFile). Two buffers take turns: the next chunk is read while the parser works on this one (the
 * read's copy runs on libuv's threads), and a chunk's buffer is refilled only once the next chunk is
 * asked for, so a million-row report is read through 2 MiB rather than a hundred fresh buffers.
 */
export async function* fileChunks(path: string, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
  const handle = await openRegularFile(path);
  const buffers = [Buffer.allocUnsafe(FILE_CHUNK_BYTES), Buffer.allocUnsafe(FILE_CHUNK_BYTES)];
  let turn = 0;
  let pending: Promise<{ bytesRead: number }> | undefined = handle.read(
    buffers[turn],
    0,
    FILE_CHUNK_BYTES,
    null,
  );
  try {
    for (;;) {
      const { bytesRead } = await pending;
      pending = undefined;
      if (bytesRead === 0) return;
      signal?.throwIfAborted();
      const chunk = buffers[turn].subarray(0, bytesRead);
      turn ^= 1;
      pending = handle.read(buffers[turn], 0, FILE_CHUNK_BYTES, null);
      yield chunk;
    }
  } finally {
    // A read still under way when the caller stops must end before its file handle closes.
    await pending?.catch(() => undefined);
    await handle.close();
  }
}

/**
 * A stream's bytes (an S3 object's body as it arrives) in blocks of 1 MiB, the last one shorter. The
 * parser is as fast with 1 MiB blocks as with a file's chunks, and pays for every chunk it is given:
 * a socket's 64 KiB pieces made the same report take a third longer to parse. The stream is read
 * ahead of the parser, up to 32 MiB, so that the sender is not kept waiting while a block is parsed.
 * Blocks are copied into two buffers that take turns, as in fileChunks: a block is valid until the
 * next one is asked for. Rejects with the stream's error (ERR_STREAM_PREMATURE_CLOSE for a stream
 * closed before its end); leaving early destroys the stream.
 */
export async function* streamChunks(stream: Readable): AsyncGenerator<Uint8Array> {
  const buffers = [Buffer.allocUnsafe(STREAM_BLOCK_BYTES), Buffer.allocUnsafe(STREAM_BLOCK_BYTES)];
  let turn = 0;
  const queue: Buffer[] = [];
  let queued = 0;
  let ended = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    const waiting = wake;
    wake = undefined;
    waiting?.();
  };
  stream.on('data', (chunk: Buffer) => {
    queue.push(chunk);
    queued += chunk.byteLength;
    if (queued >= STREAM_READ_AHEAD_BYTES) stream.pause();
    if (queued >= STREAM_BLOCK_BYTES) notify();
  });
  finished(stream, (error) => {
    if (error) failure = error;
    ended = true;
    notify();
  });
  try {
    for (;;) {
      if (failure) throw failure;
      if (queued >= STREAM_BLOCK_BYTES || (ended && queued > 0)) {
        const block = buffers[turn];
        turn ^= 1;
        let filled = 0;
        while (filled < STREAM_BLOCK_BYTES && queue.length > 0) {
          const chunk = queue[0];
          const taken = Math.min(chunk.byteLength, STREAM_BLOCK_BYTES - filled);
          block.set(taken === chunk.byteLength ? chunk : chunk.subarray(0, taken), filled);
          filled += taken;
          if (taken === chunk.byteLength) queue.shift();
          else queue[0] = chunk.subarray(taken);
        }
        queued -= filled;
        if (stream.isPaused() && queued < STREAM_READ_AHEAD_BYTES / 2) stream.resume();
        yield block.subarray(0, filled);
      } else if (ended) {
        return;
      } else {
        await new Promise<void>((resolve) => (wake = resolve));
      }
    }
  } finally {
    stream.destroy();
  }
}

/**
 * `head` then what is left of `iterator` (nothing when undefined), as one iterable; leaving it early
 * closes the source (its `return`), so a stopped parser does not keep a file or a connection open.
 */
async function* withHead(
  head: Uint8Array[],
  iterator: AsyncIterator<Uint8Array> | undefined,
): AsyncGenerator<Uint8Array> {
  try {
    yield* head;
    if (!iterator) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next())
      yield next.value;
  } finally {
    await iterator?.return?.();
  }
}

/** Everything from the first byte, through gunzip, into the parser. */
async function gunzipInto(
  chunks: AsyncIterable<Uint8Array>,
  parser: CsvParser,
  signal: AbortSignal | undefined,
): Promise<void> {
  try {
    // Gunzip holds on to its input a while: copies, in case the source refills its buffer (compressed
    // bytes are few).
    const copies = (async function* () {
      for await (const chunk of chunks) yield Buffer.from(chunk);
    })();
    await pipeline(
      Readable.from(copies, { objectMode: false }),
      createGunzip({ chunkSize: GUNZIP_CHUNK_BYTES }),
      async (out: AsyncIterable<Buffer>) => {
        for await (const chunk of out) {
          signal?.throwIfAborted();
          parser.push(chunk);
          if (parser.stopped) return;
        }
        parser.end();
      },
    );
  } catch (error) {
    // Leaving the loop once the parser stopped aborts the streams behind it: that is no failure.
    if (parser.stopped && !signal?.aborted) return;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (!code.startsWith('Z_')) throw error;
    throw new Error(
      `the gzip data is damaged (${(error as Error).message}): download the report again`,
      { cause: error },
    );
  }
}
