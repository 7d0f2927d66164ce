// streamChunks: a network body (S3's GetObject) brought to the parser in 1 MiB blocks, read ahead of it.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { streamChunks } from '../../../../src/core/csv/csv-input';

const MIB = 1 << 20;

/** A stream of `bytes` in pieces of `piece` bytes, as a socket gives them. */
function pieces(bytes: Buffer, piece: number): Readable {
  const parts: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += piece) parts.push(bytes.subarray(at, at + piece));
  return Readable.from(parts, { objectMode: false });
}

describe('streamChunks: a stream in 1 MiB blocks', () => {
  it('gives the same bytes in 1 MiB blocks, the last one shorter, whatever the pieces', async () => {
    const bytes = randomBytes(3 * MIB + 12_345);
    // 1,000 does not divide 1 MiB (pieces straddle blocks); 3 MiB + 1 is one piece longer than three blocks.
    for (const piece of [1000, 65_536, 3 * MIB + 1]) {
      const sizes: number[] = [];
      const copies: Buffer[] = [];
      // A copy per block: a block is valid only until the next one is asked for.
      for await (const block of streamChunks(pieces(bytes, piece))) {
        sizes.push(block.byteLength);
        copies.push(Buffer.from(block));
      }
      assert.deepEqual(sizes, [MIB, MIB, MIB, 12_345], `pieces of ${piece}`);
      assert.ok(Buffer.concat(copies).equals(bytes), `pieces of ${piece}`);
    }
  });

  it('reads ahead of a slow consumer up to 32 MiB, and no further', async () => {
    const source = new PassThrough({ highWaterMark: 64 * 1024 });
    let written = 0;
    let writerDone = false;
    // The writer stops when the stream pushes back: how far it gets is the read-ahead.
    const writer = (async () => {
      const piece = Buffer.alloc(64 * 1024, 0x61);
      while (written < 80 * MIB) {
        written += piece.length;
        if (!source.write(piece)) await new Promise((resolve) => source.once('drain', resolve));
      }
      source.end();
      writerDone = true;
    })();
    const blocks = streamChunks(source);
    const first = await blocks.next();
    assert.equal(first.value?.byteLength, MIB);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.ok(written >= 32 * MIB, `read ahead: ${written / MIB} MiB`);
    assert.ok(written <= 34 * MIB, `read no further than 32 MiB ahead: ${written / MIB} MiB`);
    assert.equal(writerDone, false);
    let total = first.value?.byteLength ?? 0;
    for (let next = await blocks.next(); !next.done; next = await blocks.next())
      total += next.value.byteLength;
    await writer;
    assert.equal(total, 80 * MIB);
  });

  it("rejects with the stream's error, and with a premature close when it closes before its end", async () => {
    const failing = new PassThrough();
    failing.write(Buffer.alloc(300_000));
    setImmediate(() =>
      failing.destroy(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })),
    );
    await assert.rejects(async () => {
      for await (const block of streamChunks(failing)) void block;
    }, /ECONNRESET/);

    const cut = new PassThrough();
    cut.write(Buffer.alloc(300_000));
    setImmediate(() => cut.destroy());
    await assert.rejects(
      async () => {
        for await (const block of streamChunks(cut)) void block;
      },
      { code: 'ERR_STREAM_PREMATURE_CLOSE' },
    );
  });

  it('destroys the stream when the consumer stops early', async () => {
    const source = pieces(randomBytes(4 * MIB), 65_536);
    for await (const block of streamChunks(source)) {
      assert.equal(block.byteLength, MIB);
      break;
    }
    assert.equal(source.destroyed, true);
  });
});
