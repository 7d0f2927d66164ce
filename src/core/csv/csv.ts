// A streaming RFC 4180 reader over raw bytes, sized for daily reports of a million rows. One pass of
// a byte state machine records where each field starts and ends; nothing is decoded until a consumer
// asks for a field, so a reader pays only for the columns it uses. Every record and problem carries
// the physical line it starts on. Where the bytes come from (a file, gzip, S3) is csv-input.ts's job.
// The separator is the comma, or the semicolon a European Excel writes: an Excel `sep=;` (or `sep=,`)
// first line says which, else a header with semicolons and no comma.
import { isUtf8 } from 'node:buffer';

/** Receives records as strings: the simple way to read a small CSV. */
export interface CsvSink {
  record(fields: string[], line: number): void;
  /** The CSV itself is broken there (unterminated quote, over-long line); the record is not delivered. */
  problem(line: number, message: string): void;
  /** The record on that line held bytes that are not UTF-8 (decoded as U+FFFD); it is still delivered. */
  undecodable(line: number): void;
}

/** Receives records as byte ranges (see CsvRow): for readers that decode only what they need. */
export interface CsvRowSink extends Omit<CsvSink, 'record'> {
  row(row: CsvRow, line: number): void;
  /**
   * The first physical line as raw bytes (BOM included, line break excluded; at most FIRST_LINE_BYTES),
   * before any record: where a reader recognises input that is not UTF-8 comma-separated text, and
   * may `stop` the parser.
   */
  firstLine?(bytes: Buffer): void;
}

/** A record longer than this is not a report row: a binary file, or a quote that never closes. */
export const MAX_RECORD_BYTES = 1 << 20;
/** What `firstLine` gets at most: a line longer than this is not a header anyway. */
export const FIRST_LINE_BYTES = 1 << 16;

const QUOTE = 0x22;
const COMMA = 0x2c;
const SEMICOLON = 0x3b;
// Excel's first line naming the separator of the lines after it.
const SEPARATOR_HINT = /^sep=([,;])$/i;
const LF = 0x0a;
const CR = 0x0d;
const BOM = [0xef, 0xbb, 0xbf];
// hasByteBelow(word, n * 0x01010101): some byte of the word is below n (bytes of digits and
// letters are not, so the scan skips them four at a time).
const ABOVE_COMMA = 0x2d2d2d2d;
const INCOMPLETE = -1; // the record runs past the bytes at hand: wait for more
const UNTERMINATED = -2; // the input ended inside a quoted field

/**
 * The fields of one record as ranges of `bytes` (quotes excluded). Valid only during the `row` call:
 * the parser reuses it and its buffer for the next record.
 */
export class CsvRow {
  bytes: Buffer = Buffer.alloc(0);
  /** The same bytes, for reading four at a time. */
  view = new DataView(this.bytes.buffer, this.bytes.byteOffset, 0);
  count = 0;
  starts = new Int32Array(32);
  ends = new Int32Array(32);
  /** 1 when the field was quoted and holds doubled quotes, which `text` turns into one. */
  escaped = new Uint8Array(32);
  /** The bytes have their semicolons and commas swapped (a semicolon-separated input): `text` swaps them back. */
  swapped = false;

  /** A row of these values (as `text` gives them), e.g. to read a record again later. */
  static of(values: readonly string[]): CsvRow {
    const row = new CsvRow();
    const parts = values.map((v) => Buffer.from(v));
    row.bytes = Buffer.concat(parts);
    row.view = new DataView(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength);
    while (row.starts.length < parts.length) row.grow();
    let at = 0;
    parts.forEach((part, i) => {
      row.starts[i] = at;
      at += part.length;
      row.ends[i] = at;
    });
    row.count = parts.length;
    return row;
  }

  text(field: number): string {
    const value = this.bytes.toString('utf8', this.starts[field], this.ends[field]);
    const unescaped = this.escaped[field] ? value.replaceAll('""', '"') : value;
    return this.swapped ? swapSeparators(unescaped) : unescaped;
  }

  fields(): string[] {
    return Array.from({ length: this.count }, (_, i) => this.text(i));
  }

  /** True when the field is empty or holds only white space (as String.trim sees it). */
  isBlank(field: number): boolean {
    const bytes = this.bytes;
    for (let i = this.starts[field], end = this.ends[field]; i < end; i++) {
      const c = bytes[i];
      if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) continue;
      return c < 0x80 ? false : this.text(field).trim() === '';
    }
    return true;
  }

  grow(): void {
    const size = this.starts.length * 2;
    this.starts = copyInto(new Int32Array(size), this.starts);
    this.ends = copyInto(new Int32Array(size), this.ends);
    this.escaped = copyInto(new Uint8Array(size), this.escaped);
  }
}

function copyInto<T extends Int32Array | Uint8Array>(target: T, source: T): T {
  target.set(source);
  return target;
}

export class CsvParser {
  private readonly sink: CsvRowSink;
  private readonly row = new CsvRow();
  private rest: Buffer | undefined; // start of a record that the next chunk completes
  private line = 1; // physical line on which `rest` starts
  private started = false; // the byte-order mark, if any, is behind us
  private skipping = false; // inside an over-long line: drop bytes up to its newline
  private halted = false;
  // Until the first line break is seen, the bytes so far (copied: the caller may reuse its chunk).
  // Then the bytes at hand decide how lines end: LF or CRLF, or CR alone ("CSV (Macintosh)"),
  // which is turned into LF so that the scan below knows one line ending.
  private head: Buffer | undefined = Buffer.alloc(0);
  private crOnly = false;
  // Semicolon-separated: each chunk is copied with semicolons and commas swapped, so that the scan
  // below knows one separator, and CsvRow.text swaps them back.
  private semicolons = false;
  // Set by `scan` for the record it just read.
  private newlines = 0;
  private quoteError = -1; // where text follows a closing quote
  private quoteErrorField = 0;
  private quoteErrorStop = 0;

  constructor(
    sink: CsvSink | CsvRowSink,
    private readonly maxRecordBytes = MAX_RECORD_BYTES,
  ) {
    this.sink =
      'row' in sink
        ? sink
        : {
            row: (row, line) => sink.record(row.fields(), line),
            problem: (line, message) => sink.problem(line, message),
            undecodable: (line) => sink.undecodable(line),
          };
  }

  get stopped(): boolean {
    return this.halted;
  }

  /** The separator the first line decided: ',' until then. */
  get separator(): ',' | ';' {
    return this.semicolons ? ';' : ',';
  }

  /** True when the first line was Excel's `sep=` line naming the separator (and was skipped). */
  separatorHinted = false;

  /** The physical lines behind us: every record up to this line has been delivered (or reported). */
  get linesDone(): number {
    return this.line - 1;
  }

  /** Stop delivering records (e.g. the header names no known report). */
  stop(): void {
    this.halted = true;
    this.rest = undefined;
  }

  /** Feeds the next bytes; the parser does not keep `chunk`, so the caller may reuse it. */
  push(chunk: Uint8Array): void {
    if (this.halted) return;
    let bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.head) {
      const held = this.takeHead(bytes, false);
      if (!held) return;
      bytes = held;
    }
    if (this.crOnly) bytes = crToLf(bytes);
    if (this.semicolons) bytes = swapSeparatorBytes(bytes);
    if (this.rest) {
      // Finish the record that straddles the chunks on a small joined buffer, so that the chunk
      // itself is parsed in place rather than copied.
      const firstNewline = bytes.indexOf(LF);
      const head = firstNewline === -1 ? bytes.length : firstNewline + 1;
      const rest = this.consume(Buffer.concat([this.rest, bytes.subarray(0, head)]), false);
      bytes = bytes.subarray(head);
      if (rest) bytes = Buffer.concat([rest, bytes]);
    }
    this.rest = this.consume(bytes, false);
  }

  end(): void {
    if (this.head) {
      const held = this.takeHead(Buffer.alloc(0), true);
      if (held) this.push(held);
    }
    const rest = this.rest;
    this.rest = undefined;
    // Every record ends with a line feed, which the scan relies on: give the last one its own.
    if (!this.halted && rest)
      this.consume(
        rest[rest.length - 1] === LF ? rest : Buffer.concat([rest, Buffer.of(LF)]),
        true,
      );
  }

  /**
   * Holds bytes until the first line break (or FIRST_LINE_BYTES, or the end), then hands the first
   * line to the sink and returns everything held, to be parsed; undefined while still holding.
   */
  private takeHead(bytes: Buffer, final: boolean): Buffer | undefined {
    const held = this.head!.length === 0 ? bytes : Buffer.concat([this.head!, bytes]);
    const lf = held.indexOf(LF);
    const cr = held.subarray(0, lf === -1 ? held.length : lf).indexOf(CR);
    const lineEnd = cr === -1 ? lf : cr;
    // A CR last in the bytes at hand may be the start of a CRLF: wait for the next byte.
    const undecided = lineEnd === -1 || cr === held.length - 1;
    if (undecided && !final && held.length < FIRST_LINE_BYTES) {
      this.head = Buffer.from(held);
      return undefined;
    }
    this.head = undefined;
    // Lines end with CR alone when the first break is a lone CR and no LF is in sight: a file
    // with LFs as well is read by its LFs, its stray CRs kept as text.
    this.crOnly = cr !== -1 && lf === -1;
    const end = lineEnd === -1 ? held.length : lineEnd;
    const firstLine = held.subarray(0, Math.min(end, FIRST_LINE_BYTES));
    this.chooseSeparator(firstLine);
    this.sink.firstLine?.(firstLine);
    return this.halted ? undefined : held;
  }

  /**
   * Semicolons when Excel's `sep=;` line says so (that line is then skipped, as `sep=,` is), else
   * when the first line holds semicolons and no comma (a European Excel's "CSV").
   */
  private chooseSeparator(firstLine: Buffer): void {
    const start = BOM.every((b, i) => firstLine[i] === b) ? BOM.length : 0;
    const hint = SEPARATOR_HINT.exec(
      firstLine.toString('latin1', start, Math.min(firstLine.length, start + 8)),
    );
    if (hint) {
      this.separatorHinted = true;
      this.skipping = true;
      this.semicolons = hint[1] === ';';
      return;
    }
    this.semicolons = !firstLine.includes(COMMA) && firstLine.includes(SEMICOLON);
  }

  /** Delivers every complete record in `bytes` and returns a copy of the unconsumed tail. */
  private consume(bytes: Buffer, final: boolean): Buffer | undefined {
    const len = bytes.length;
    let pos = 0;
    if (!this.started) {
      if (!final && len < BOM.length && BOM.slice(0, len).every((b, i) => bytes[i] === b))
        return Buffer.from(bytes);
      this.started = true;
      if (BOM.every((b, i) => bytes[i] === b)) pos = BOM.length;
    }
    if (this.skipping) {
      const nl = bytes.indexOf(LF, pos);
      if (nl === -1) return undefined;
      this.skipping = false;
      this.line++;
      pos = nl + 1;
    }
    const lastNewline = bytes.lastIndexOf(LF);
    // One native check of everything up to the last line break; only when it fails is each record
    // checked on its own, to name the lines that hold bytes that are not UTF-8.
    const utf8Until =
      lastNewline >= pos && isUtf8(bytes.subarray(pos, lastNewline + 1)) ? lastNewline + 1 : pos;
    const row = this.row;
    row.swapped = this.semicolons;
    row.bytes = bytes;
    row.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    while (pos < len && !this.halted) {
      const end = pos > lastNewline ? INCOMPLETE : this.scan(bytes, pos, lastNewline, final);
      if (end === INCOMPLETE && len - pos <= this.maxRecordBytes)
        return Buffer.from(bytes.subarray(pos));
      if (end < 0 || end - pos > this.maxRecordBytes) {
        const nl = bytes.indexOf(LF, pos);
        if (end === UNTERMINATED) {
          this.sink.problem(
            this.line,
            'unterminated quote: this record opens a quoted field that never closes; the lines after it were read as new records',
          );
        } else if (lineLength(bytes, pos, nl === -1 ? len : nl) > this.maxRecordBytes) {
          this.sink.problem(
            this.line,
            `line longer than ${this.maxRecordBytes} bytes: not a report row (is this a binary file?)`,
          );
          this.skipping = nl === -1;
        } else {
          this.sink.problem(
            this.line,
            `record longer than ${this.maxRecordBytes} bytes: a quoted field probably never closes; the lines after its start were read as new records`,
          );
        }
        // Resume on the next physical line so the good rows after a stray quote are kept.
        if (nl === -1) return undefined;
        this.line++;
        pos = nl + 1;
        continue;
      }
      const line = this.line;
      this.line += this.newlines;
      if (this.quoteError >= 0) {
        const shown = bytes.toString(
          'utf8',
          this.quoteError,
          Math.min(this.quoteErrorStop, this.quoteError + 20),
        );
        this.sink.problem(
          line,
          `field ${this.quoteErrorField} has text after its closing quote: ${JSON.stringify(shown)} (a quote inside a quoted field must be doubled)`,
        );
      } else if (row.count > 1 || row.ends[0] > row.starts[0] || bytes[pos] === QUOTE) {
        // (A blank line is one empty unquoted field: skipped.)
        if (end > utf8Until && !isUtf8(bytes.subarray(pos, end))) this.sink.undecodable(line);
        this.sink.row(row, line);
      }
      pos = end;
    }
    return undefined;
  }

  /**
   * Reads one record from `pos` into `this.row`: the hot loop of every report. Returns where the next
   * record starts, INCOMPLETE or UNTERMINATED. A record ends at a line feed and `pos` is at most
   * `lastNewline`, so every loop meets a line feed before the end of `bytes` and none needs a bounds
   * check; a quoted field that reaches `lastNewline` itself cannot end in these bytes.
   * Quoted fields may hold commas, doubled quotes and line breaks; a quote inside an unquoted field
   * is a plain character; text after a closing quote makes the record an error (`quoteError`)
   * rather than a silently different value.
   */
  private scan(bytes: Buffer, pos: number, lastNewline: number, final: boolean): number {
    const row = this.row;
    const view = row.view;
    let { starts, ends, escaped } = row;
    let count = 0;
    let newlines = 0;
    let i = pos;
    this.quoteError = -1;
    for (;;) {
      if (count === starts.length) {
        row.grow();
        ({ starts, ends, escaped } = row);
      }
      let c = bytes[i];
      if (c === QUOTE) {
        const start = ++i;
        let esc = 0;
        for (;;) {
          // Skip four bytes at a time while none of them is a quote or a line feed (spaces in
          // titles do not stop it), then byte by byte.
          while (i + 3 < lastNewline && !hasQuoteOrLf(view.getInt32(i))) i += 4;
          c = bytes[i];
          while (c !== QUOTE && c !== LF) c = bytes[++i];
          if (c === QUOTE) {
            if (bytes[i + 1] !== QUOTE) break;
            esc = 1;
            i++;
          } else if (c === LF) {
            if (i === lastNewline) return final ? UNTERMINATED : INCOMPLETE;
            newlines++;
          }
          i++;
        }
        starts[count] = start;
        ends[count] = i;
        escaped[count] = esc;
        c = bytes[++i];
        if (c !== COMMA && c !== LF && !(c === CR && bytes[i + 1] === LF)) {
          const stop = fieldStop(bytes, i);
          if (this.quoteError < 0) {
            this.quoteError = i;
            this.quoteErrorField = count + 1;
            this.quoteErrorStop = stop;
          }
          i = stop;
        }
      } else {
        const start = i;
        while (i + 3 < lastNewline && !hasByteBelow(view.getInt32(i), ABOVE_COMMA)) i += 4;
        c = bytes[i];
        while (c > COMMA || (c !== COMMA && c !== LF)) c = bytes[++i];
        // A CR before the line feed belongs to the CRLF, not to the field.
        starts[count] = start;
        ends[count] = c === LF && i > start && bytes[i - 1] === CR ? i - 1 : i;
        escaped[count] = 0;
      }
      count++;
      c = bytes[i];
      if (c === COMMA) {
        i++;
        continue;
      }
      row.count = count;
      if (c === CR) i++; // CRLF after a quoted field
      this.newlines = newlines + 1;
      return i + 1;
    }
  }
}

/** True when some byte of `word` is a quote or a line feed (a zero byte after xor, found exactly). */
function hasQuoteOrLf(word: number): boolean {
  const quotes = word ^ 0x22222222;
  const lfs = word ^ 0x0a0a0a0a;
  return ((((quotes - 0x01010101) & ~quotes) | ((lfs - 0x01010101) & ~lfs)) & 0x80808080) !== 0;
}

/** True when some byte of `word` is below the byte repeated in `below` (which is at most 0x80). */
function hasByteBelow(word: number, below: number): boolean {
  return ((word - below) & ~word & 0x80808080) !== 0;
}

/** Where an unquoted field starting at `i` stops: the next comma or line feed (there is one). */
function fieldStop(bytes: Buffer, i: number): number {
  while (bytes[i] !== COMMA && bytes[i] !== LF) i++;
  return i;
}

/** A copy of `bytes` with semicolons and commas swapped (neither is ever part of a UTF-8 sequence). */
function swapSeparatorBytes(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  for (let i = 0; i < copy.length; i++) {
    if (copy[i] === SEMICOLON) copy[i] = COMMA;
    else if (copy[i] === COMMA) copy[i] = SEMICOLON;
  }
  return copy;
}

/** `text` with semicolons and commas swapped back. */
function swapSeparators(text: string): string {
  return text.includes(';') || text.includes(',')
    ? text.replace(/[;,]/g, (c) => (c === ';' ? ',' : ';'))
    : text;
}

/** A copy of `bytes` with every CR turned into LF (for input whose lines end with CR alone). */
function crToLf(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  for (let i = copy.indexOf(CR); i !== -1; i = copy.indexOf(CR, i + 1)) copy[i] = LF;
  return copy;
}

/** Length of the physical line from `pos` to the LF at `nl`, without its CR. */
function lineLength(bytes: Buffer, pos: number, nl: number): number {
  return nl > pos && bytes[nl - 1] === CR ? nl - 1 - pos : nl - pos;
}
