// A streaming RFC 4180 reader sized for daily reports of a million rows. Lines without a quote take a
// fast path (a plain split on commas); only records holding a quote go through the full state
// machine, which may span lines. Every record and problem carries the physical line it starts on.
import { open } from 'node:fs/promises';

export interface CsvSink {
  record(fields: string[], line: number): void;
  /** The CSV itself is broken there (unterminated quote, over-long line); the record is not delivered. */
  problem(line: number, message: string): void;
  /** The record on that line held bytes that are not UTF-8 (decoded as U+FFFD); it is still delivered. */
  undecodable(line: number): void;
}

/** A record longer than this is not a report row: a binary file, or a quote that never closes. */
export const MAX_RECORD_CHARS = 1 << 20;
const CHUNK_BYTES = 1 << 20;

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const REPLACEMENT = '\uFFFD';

type Quoted = { fields: string[]; end: number; error?: string } | 'incomplete' | 'unterminated';

/** Next comma and LF positions in one text, searched forward only (never once per field). */
class Cursor {
  private comma = -1;
  private newline = -1;
  constructor(private readonly text: string) {}

  /** Where an unquoted field starting at `i` stops: the next comma or LF, or the end of the text. */
  fieldStop(i: number): number {
    if (this.comma < i) this.comma = indexOrEnd(this.text, ',', i);
    if (this.newline < i) this.newline = indexOrEnd(this.text, '\n', i);
    return this.comma < this.newline ? this.comma : this.newline;
  }
}

export class CsvParser {
  private rest = '';
  private line = 1; // physical line on which `rest` starts
  private skipping = false; // inside an over-long line: drop text up to its newline
  private halted = false;

  constructor(private readonly sink: CsvSink, private readonly maxRecordChars = MAX_RECORD_CHARS) {}

  get stopped(): boolean {
    return this.halted;
  }

  /** Stop delivering records (e.g. the header names no known report). */
  stop(): void {
    this.halted = true;
    this.rest = '';
  }

  push(chunk: string): void {
    if (!this.halted) this.rest = this.consume(this.rest + chunk, false);
  }

  end(): void {
    if (!this.halted) this.consume(this.rest, true);
    this.rest = '';
  }

  /** Delivers every complete record in `text` and returns the unconsumed tail. */
  private consume(text: string, final: boolean): string {
    const len = text.length;
    let pos = 0;
    if (this.skipping) {
      const nl = text.indexOf('\n');
      if (nl === -1) return '';
      this.skipping = false;
      this.line++;
      pos = nl + 1;
    }
    // Cached positions of the next quote and undecodable character: each search moves forward only,
    // so a file without quotes is searched once, not once per line.
    let nextQuote = -1;
    let nextBad = -1;
    const cursor = new Cursor(text);
    while (pos < len && !this.halted) {
      let nl = text.indexOf('\n', pos);
      if (nl === -1) {
        if (!final) break;
        nl = len;
      }
      if (nextQuote < pos) nextQuote = indexOrEnd(text, '"', pos);
      let end = nl;
      if (end > pos && text.charCodeAt(end - 1) === CR) end--;
      // One physical line is one record unless a quoted field runs over the line break.
      const tooLong = end - pos > this.maxRecordChars;
      const fields = tooLong ? undefined : nextQuote >= nl ? text.slice(pos, end).split(',') : splitFullyQuotedLine(text, pos, end);
      if (tooLong || fields) {
        if (tooLong) {
          this.tooLong();
        } else if (fields && end > pos) {
          if (nextBad < pos) nextBad = indexOrEnd(text, REPLACEMENT, pos);
          if (nextBad < end) this.sink.undecodable(this.line);
          this.sink.record(fields, this.line);
        }
        this.line++;
        pos = nl + 1;
        continue;
      }
      const quoted = parseQuotedRecord(text, pos, final, cursor);
      if (quoted === 'incomplete') break;
      if (quoted === 'unterminated' || quoted.end - pos > this.maxRecordChars) {
        this.sink.problem(this.line, quoted === 'unterminated'
          ? 'unterminated quote: this record opens a quoted field that never closes; the lines after it were read as new records'
          : `record longer than ${this.maxRecordChars} characters: a quoted field probably never closes; the lines after its start were read as new records`);
        // Resume on the next physical line so the good rows after a stray quote are kept.
        pos = nl + 1;
        this.line++;
        continue;
      }
      const startLine = this.line;
      this.line += countNewlines(text, pos, quoted.end);
      if (quoted.error) {
        this.sink.problem(startLine, quoted.error);
      } else {
        if (nextBad < pos) nextBad = indexOrEnd(text, REPLACEMENT, pos);
        if (nextBad < quoted.end) this.sink.undecodable(startLine);
        this.sink.record(quoted.fields, startLine);
      }
      pos = quoted.end;
    }
    if (final || this.halted) return '';
    return this.boundedTail(text, pos);
  }

  /** The incomplete tail to keep for the next chunk, unless it has outgrown any sane record. */
  private boundedTail(text: string, pos: number): string {
    if (text.length - pos <= this.maxRecordChars) return text.slice(pos);
    const nl = text.indexOf('\n', pos);
    if (nl === -1) {
      this.tooLong();
      this.skipping = true;
      return '';
    }
    this.sink.problem(this.line, `record longer than ${this.maxRecordChars} characters: a quoted field probably never closes; the lines after its start were read as new records`);
    this.line++;
    return this.consume(text.slice(nl + 1), false);
  }

  private tooLong(): void {
    this.sink.problem(this.line, `line longer than ${this.maxRecordChars} characters: not a report row (is this a binary file?)`);
  }
}

/**
 * Fast path for exports that quote every field (`"a","b,c","d"`): when the only quotes on the line
 * are the outer ones and the `","` separators, splitting on `","` is exact. Anything else
 * (doubled quotes, line breaks in a field, mixed quoting) returns undefined for the full parser.
 */
function splitFullyQuotedLine(text: string, pos: number, end: number): string[] | undefined {
  if (end - pos < 2 || text.charCodeAt(pos) !== QUOTE || text.charCodeAt(end - 1) !== QUOTE) return undefined;
  const fields = text.slice(pos + 1, end - 1).split('","');
  for (const field of fields) if (field.indexOf('"') !== -1) return undefined;
  return fields;
}

/**
 * One record from `pos`, where some field holds a quote. Quoted fields may hold commas, doubled
 * quotes and line breaks. Text after a closing quote makes the record an error (kept whole, so the
 * message points at it) rather than a silently different value.
 */
function parseQuotedRecord(text: string, pos: number, final: boolean, cursor: Cursor): Quoted {
  const len = text.length;
  const fields: string[] = [];
  let error: string | undefined;
  let i = pos;
  for (;;) {
    let value: string;
    if (text.charCodeAt(i) === QUOTE) {
      value = '';
      let start = i + 1;
      for (;;) {
        const q = text.indexOf('"', start);
        if (q === -1) return final ? 'unterminated' : 'incomplete';
        if (q + 1 >= len && !final) return 'incomplete'; // a doubled quote may straddle the chunk
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += text.slice(start, q + 1);
          start = q + 2;
          continue;
        }
        value += text.slice(start, q);
        i = q + 1;
        break;
      }
      if (i + 1 >= len && text.charCodeAt(i) === CR && !final) return 'incomplete';
      if (i < len && !atFieldEnd(text, i)) {
        const stop = cursor.fieldStop(i);
        if (stop === len && !final) return 'incomplete';
        error ??= `field ${fields.length + 1} has text after its closing quote: ${JSON.stringify(text.slice(i, Math.min(stop, i + 20)))} (a quote inside a quoted field must be doubled)`;
        value += text.slice(i, stop);
        i = stop;
      }
    } else {
      const stop = cursor.fieldStop(i);
      if (stop === len && !final) return 'incomplete';
      const end = stop > i && text.charCodeAt(stop - 1) === CR && text.charCodeAt(stop) !== COMMA ? stop - 1 : stop;
      value = text.slice(i, end);
      i = stop;
    }
    fields.push(value);
    if (i >= len) return { fields, end: len, error };
    const c = text.charCodeAt(i);
    if (c === COMMA) {
      i++;
      continue;
    }
    // A line break ends the record: LF, or CRLF after a quoted field.
    return { fields, end: c === CR ? i + 2 : i + 1, error };
  }
}

/** True when position `i` (just after a closing quote) ends the field: comma, LF, CRLF or end of text. */
function atFieldEnd(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === COMMA || c === LF || (c === CR && (i + 1 >= text.length || text.charCodeAt(i + 1) === LF));
}

function indexOrEnd(text: string, search: string, from: number): number {
  const at = text.indexOf(search, from);
  return at === -1 ? text.length : at;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/**
 * Streams a file through the parser in 1 MiB chunks. UTF-8 with or without a BOM; bytes that are not
 * UTF-8 become U+FFFD and are reported through `undecodable`. Stops early once the parser is stopped.
 */
export async function readCsvFile(path: string, parser: CsvParser, signal?: AbortSignal): Promise<void> {
  const handle = await open(path, 'r');
  try {
    const decoder = new TextDecoder('utf-8');
    for (;;) {
      signal?.throwIfAborted();
      const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      parser.push(decoder.decode(buffer.subarray(0, bytesRead), { stream: true }));
      if (parser.stopped) return;
    }
    parser.push(decoder.decode());
    parser.end();
  } finally {
    await handle.close();
  }
}
