// Reads a feed root with the project's streaming CSV reader: each file's header says which feed it
// is, then the feeds are read in an order where each one's filter knows what it needs (accounts,
// then their addresses, their agreements, the offers and products those name). A bad row is a
// problem at `file:line` and the good rows around it are kept.
import { CsvParser, parseCsvChunks, type CsvRow } from '../csv';
import { FieldSet, digitsOf, fieldAfter } from './feed-bytes';
import { FEED_COLUMNS, FEED_KINDS, detectFeed, missingColumns } from './feed-columns';
import { parseFeedInstant } from './feed-instants';
import { feedFileLayout, feedInputsFromFolder, listFeedFiles } from './feed-layout';
import { FeedSet, type FeedRecord } from './feed-set';
import type { FeedFocus, FeedInput, FeedKind } from './feed-types';

/** `focus`: keep only what these accounts, company text or e-mail domain need (see FeedFocus); `signal` aborts. */
export interface LoadFeedsOptions {
  focus?: FeedFocus;
  signal?: AbortSignal;
}

/**
 * Reads feed files (paths in AWS's layout under one root; see FeedInput) into a FeedSet. Each input's
 * `chunks` is called twice: once for its header (stopped after the first line), once to read it.
 * A file whose header names no feed, lacks a needed column, or cannot be read is a problem of that
 * file (line 1, or the line the failure was met) and the others are still read; a row with a wrong
 * field count, an unreadable instant or an empty key is a problem at its line. Rejects only when
 * aborted.
 */
export async function loadFeeds(
  inputs: readonly FeedInput[],
  options: LoadFeedsOptions = {},
): Promise<FeedSet> {
  const set = new FeedSet(options.focus);
  const headers: HeaderedFile[] = [];
  for (const input of inputs) {
    const index = set.files.length;
    set.files.push({
      file: input.path,
      feed: undefined,
      layout: feedFileLayout(input.path),
      rows: 0,
      headerOnly: false,
      newestUpdate: undefined,
    });
    const header = await readHeader(input, set, index, options.signal);
    if (header)
      headers.push({ input, index, header, names: header.map((h) => h.trim().toLowerCase()) });
  }
  const filter = new FocusFilter(set, options.focus);
  await filter.search(headers, options.signal);
  for (const kind of FEED_KINDS) {
    set.records.set(kind, new Map());
    for (const h of headers) {
      if (set.files[h.index].feed !== kind) continue;
      await readFeedFile(h.input, h.index, h.header, kind, set, filter, options.signal);
    }
    filter.after(kind);
  }
  return set;
}

/** listFeedFiles then loadFeeds, for a local feed root. Rejects when `root` cannot be listed. */
export async function loadFeedFolder(
  root: string,
  options: LoadFeedsOptions = {},
): Promise<FeedSet> {
  return loadFeeds(feedInputsFromFolder(root, await listFeedFiles(root)), options);
}

async function readHeader(
  input: FeedInput,
  set: FeedSet,
  index: number,
  signal: AbortSignal | undefined,
): Promise<string[] | undefined> {
  const summary = set.files[index];
  let header: string[] | undefined;
  const parser: CsvParser = new CsvParser({
    row: (row) => {
      header = row.fields();
      parser.stop();
    },
    problem: (line, message) => set.problems.push({ file: input.path, line, message }),
    undecodable: () => undefined,
  });
  try {
    await parseCsvChunks(input.chunks(), parser, signal);
  } catch (error) {
    signal?.throwIfAborted();
    set.problems.push({
      file: input.path,
      line: 1,
      message: `cannot read the file: ${(error as Error).message}`,
    });
    return undefined;
  }
  if (!header) {
    set.problems.push({
      file: input.path,
      line: 1,
      message: 'the file is empty: a feed file starts with its header line (download it again)',
    });
    return undefined;
  }
  const kind = detectFeed(header);
  if (!kind) {
    set.problems.push({
      file: input.path,
      line: 1,
      message:
        'this header names none of the feeds read here (account, address, agreement, offer, offer product, offer target, product, legacy id mapping)',
    });
    return undefined;
  }
  const missing = missingColumns(kind, header);
  if (missing.length > 0) {
    set.problems.push({
      file: input.path,
      line: 1,
      message: `the ${kind} feed's header lacks ${missing.join(', ')}: the file was not read`,
    });
    return undefined;
  }
  summary.feed = kind;
  return header;
}

/** Which rows a focused read keeps, feed by feed; keeps everything without a focus. */
class FocusFilter {
  private readonly accounts: Set<string> | undefined;
  private readonly accountNumbers: Set<number> | undefined;
  /** For a search: the account GUIDs found by the pre-pass (see `search`). */
  private searched: FieldSet | undefined;
  /** Account GUIDs whose agreements are kept (undefined: all). */
  guids: FieldSet | undefined;
  /** Address ids kept (undefined: all). */
  addresses: FieldSet | undefined;
  /** Offer ids (as the agreements name them, and mapped from legacy ids) kept (undefined: all). */
  offers: FieldSet | undefined;

  constructor(
    private readonly set: FeedSet,
    private readonly focus: FeedFocus | undefined,
  ) {
    this.accounts = focus?.accounts ? new Set(focus.accounts) : undefined;
    this.accountNumbers = this.accounts && new Set([...this.accounts].map(Number));
  }

  /**
   * For a company or e-mail domain search, a first pass over the address and account feeds finds
   * the GUIDs of the accounts whose mailing address (or tax legal name) matched in some version;
   * the read then keeps every version of those accounts and their addresses, and nothing else.
   */
  async search(files: readonly HeaderedFile[], signal: AbortSignal | undefined): Promise<void> {
    const focus = this.focus;
    if (focus?.company === undefined && focus?.emailDomain === undefined) return;
    const company = focus.company === undefined ? undefined : squash(focus.company);
    const domain = focus.emailDomain?.toLowerCase();
    const addresses = new Set<string>();
    const guids = new Set<string>();
    for (const f of files.filter((h) => this.set.files[h.index].feed === 'address')) {
      const [id, name, mail] = ['address_id', 'company_name', 'email_domain'].map((c) =>
        f.names.indexOf(c),
      );
      await scanRows(f, signal, (row) => {
        const hit =
          (company !== undefined && name >= 0 && squash(row.text(name)).includes(company)) ||
          (domain !== undefined && mail >= 0 && row.text(mail).toLowerCase() === domain);
        if (hit) addresses.add(row.text(id));
      });
    }
    const matched = new FieldSet(addresses);
    for (const f of files.filter((h) => this.set.files[h.index].feed === 'account')) {
      const [id, number, mailing, legal] = [
        'account_id',
        'aws_account_id',
        'mailing_address_id',
        'tax_legal_name',
      ].map((c) => f.names.indexOf(c));
      await scanRows(f, signal, (row) => {
        // The tax legal name stands in for an empty company name, as in AWS's agreement report.
        const hit =
          (mailing >= 0 && matched.has(row, mailing)) ||
          (company !== undefined && legal >= 0 && squash(row.text(legal)).includes(company)) ||
          this.keepNumber(row, number);
        if (hit) guids.add(row.text(id));
      });
    }
    this.searched = new FieldSet(guids);
  }

  /** True when the account feed row is kept: its GUID found by the search, else its number asked. */
  keepAccount(row: CsvRow, read: readonly number[]): boolean {
    if (this.searched) return this.searched.has(row, read[0]);
    return !this.accounts || this.keepNumber(row, read[1]);
  }

  /** True when the row's aws_account_id (field `field`, zeros lost or not) is one of the accounts asked. */
  private keepNumber(row: CsvRow, field: number): boolean {
    if (!this.accounts || !this.accountNumbers || field < 0) return false;
    const digits = digitsOf(row, field);
    return Number.isNaN(digits)
      ? this.accounts.has(padded(row.text(field)))
      : this.accountNumbers.has(digits);
  }

  after(kind: FeedKind): void {
    if (!this.focus) return;
    if (kind === 'account') {
      this.addresses = new FieldSet(this.set.guidsByAddress.keys());
      this.guids = new FieldSet([...this.set.guidsByAccount.values()].flatMap((g) => [...g]));
    }
    if (kind === 'legacyIdMapping') {
      const offers = new Set<string>();
      for (const versions of this.set.records.get('agreement')!.values())
        for (const v of versions) if (v.values[3]) offers.add(v.values[3]);
      for (const versions of this.set.records.get('legacyIdMapping')!.values()) {
        for (const [, legacy, next] of versions.map((v) => v.values)) {
          if (legacy && next && offers.has(legacy)) offers.add(next);
          if (legacy && next && offers.has(next)) offers.add(legacy);
        }
      }
      this.offers = new FieldSet(offers);
    }
  }
}

/** A file whose header named a feed: its input, its index in FeedSet.files, its header (lower-cased names too). */
interface HeaderedFile {
  input: FeedInput;
  index: number;
  header: string[];
  names: string[];
}

/** Calls `onRow` for each data row of a file that has the header's field count; problems are the read's business. */
async function scanRows(
  file: HeaderedFile,
  signal: AbortSignal | undefined,
  onRow: (row: CsvRow) => void,
): Promise<void> {
  const parser = new CsvParser({
    row: (row, line) => {
      if (line > 1 && row.count === file.header.length) onRow(row);
    },
    problem: () => undefined,
    undecodable: () => undefined,
  });
  try {
    await parseCsvChunks(file.input.chunks(), parser, signal);
  } catch {
    // The read that follows reports it, at its line.
    signal?.throwIfAborted();
  }
}

/** Lower-cased without white space: what company names are compared as. */
export function squash(text: string): string {
  return text.toLowerCase().replace(/\s+/g, '');
}

async function readFeedFile(
  input: FeedInput,
  index: number,
  header: string[],
  kind: FeedKind,
  set: FeedSet,
  filter: FocusFilter,
  signal: AbortSignal | undefined,
): Promise<void> {
  const summary = set.files[index];
  const names = header.map((h) => h.trim().toLowerCase());
  const columns = FEED_COLUMNS[kind];
  const read = columns.read.map((c) => names.indexOf(c));
  const [validFrom, updateDate, insertDate, deleteDate] = [
    'valid_from',
    'update_date',
    'insert_date',
    'delete_date',
  ].map((c) => names.indexOf(c));
  const records = set.records.get(kind)!;
  const problem = (line: number, message: string) =>
    set.problems.push({ file: input.path, line, message });
  const keep = rowFilter(kind, read, filter);
  const shared = set.sharedValues;
  // The newest update_date's bytes (instants of one format sort as text): no string per row.
  const newest = Buffer.alloc(64);
  let newestLength = 0;
  let rows = 0;
  const parser = new CsvParser({
    row: (row, line) => {
      if (line === 1) return;
      if (row.count !== header.length) {
        problem(
          line,
          `this row has ${row.count} fields and the header ${header.length}: the row was skipped`,
        );
        return;
      }
      rows++;
      const recordedAt = row.isBlank(updateDate) && insertDate >= 0 ? insertDate : updateDate;
      const length = row.ends[recordedAt] - row.starts[recordedAt];
      if (length <= newest.length && fieldAfter(row, recordedAt, newest, newestLength)) {
        newestLength = row.bytes.copy(newest, 0, row.starts[recordedAt], row.ends[recordedAt]);
      }
      if (!keep(row)) {
        // A row the focus leaves out is still checked, so a lookup names the same bad rows as a whole read.
        const bad = !isInstant(row, validFrom) || !isInstant(row, recordedAt);
        if (
          bad &&
          !toRecord(row, line, index, read, validFrom, row.text(recordedAt), deleteDate, problem)
        )
          rows--;
        return;
      }
      const record = toRecord(
        row,
        line,
        index,
        read,
        validFrom,
        row.text(recordedAt),
        deleteDate,
        problem,
      );
      if (!record) {
        rows--;
        return;
      }
      for (const i of columns.shared) {
        const value = record.values[i];
        if (value === undefined) continue;
        const held = shared.get(value);
        if (held === undefined) shared.set(value, value);
        else record.values[i] = held;
      }
      const key = columns.key.map((k) => record.values[k] ?? '').join('|');
      if (record.values[columns.key[0]] === undefined) {
        problem(line, `${columns.read[columns.key[0]]} is empty: the row was skipped`);
        rows--;
        return;
      }
      if (kind === 'account' && !repadAccount(record, problem, line)) {
        rows--;
        return;
      }
      const versions = records.get(key);
      if (versions) versions.push(record);
      else records.set(key, [record]);
      index_(set, kind, key, record);
    },
    problem,
    undecodable: (line) =>
      problem(
        line,
        'this row holds bytes that are not UTF-8 (read as U+FFFD): AWS writes UTF-8, so the file may be damaged',
      ),
  });
  try {
    await parseCsvChunks(input.chunks(), parser, signal);
  } catch (error) {
    signal?.throwIfAborted();
    problem(parser.linesDone + 1, `cannot read the rest of the file: ${(error as Error).message}`);
  }
  summary.rows = rows;
  summary.headerOnly = rows === 0 && parser.linesDone <= 1;
  const ms = parseFeedInstant(newest.toString('utf8', 0, newestLength));
  summary.newestUpdate = Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** The cheapest test of whether a focused read keeps a row: one field decoded. */
function rowFilter(kind: FeedKind, read: number[], filter: FocusFilter): (row: CsvRow) => boolean {
  if (kind === 'account') return (row) => filter.keepAccount(row, read);
  if (kind === 'address') return (row) => !filter.addresses || filter.addresses.has(row, read[0]);
  if (kind === 'agreement') return (row) => !filter.guids || filter.guids.has(row, read[1]);
  if (kind === 'offerProduct' || kind === 'offer')
    return (row) => !filter.offers || filter.offers.has(row, read[0]);
  if (kind === 'offerTarget') return (row) => !filter.offers || filter.offers.has(row, read[1]);
  return () => true;
}

function toRecord(
  row: CsvRow,
  line: number,
  file: number,
  read: number[],
  validFrom: number,
  recordedText: string,
  deleteDate: number,
  problem: (line: number, message: string) => void,
): FeedRecord | undefined {
  const from = parseFeedInstant(row.text(validFrom));
  if (Number.isNaN(from)) {
    problem(
      line,
      `valid_from "${row.text(validFrom).slice(0, 40)}" is not an ISO 8601 instant: the row was skipped`,
    );
    return undefined;
  }
  const recorded = parseFeedInstant(recordedText);
  if (Number.isNaN(recorded)) {
    problem(
      line,
      `update_date "${recordedText.slice(0, 40)}" is not an ISO 8601 instant (nor is insert_date): the row was skipped`,
    );
    return undefined;
  }
  const values = read.map((i) => (i < 0 || row.isBlank(i) ? undefined : row.text(i)));
  return {
    values,
    validFrom: from,
    recorded,
    deleted: deleteDate >= 0 && !row.isBlank(deleteDate),
    file,
    line,
  };
}

/**
 * True when the field reads as an instant: AWS's own form (`2026-11-21T18:30:00Z`) checked on its
 * bytes, month, day and time in range (a 30 February passes here; the rows kept are fully parsed);
 * any other form parsed.
 */
function isInstant(row: CsvRow, field: number): boolean {
  const at = row.starts[field];
  if (row.ends[field] - at !== 20 || row.escaped[field] === 1)
    return !Number.isNaN(parseFeedInstant(row.text(field)));
  const b = row.bytes;
  // Unrolled: this runs on every row a lookup leaves out.
  if (
    b[at + 4] !== 0x2d ||
    b[at + 7] !== 0x2d ||
    b[at + 10] !== 0x54 ||
    b[at + 13] !== 0x3a ||
    b[at + 16] !== 0x3a ||
    b[at + 19] !== 0x5a
  )
    return false;
  const year = digits4(b, at);
  const month = digits2(b, at + 5);
  const day = digits2(b, at + 8);
  return (
    year >= 0 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= 31 &&
    digits2(b, at + 11) <= 23 &&
    digits2(b, at + 14) <= 59 &&
    digits2(b, at + 17) <= 59
  );
}

/** Two ASCII digits at `i` as a number; 99+ (out of every range checked) when they are not digits. */
function digits2(b: Buffer, i: number): number {
  const high = b[i] - 0x30;
  const low = b[i + 1] - 0x30;
  return high >= 0 && high <= 9 && low >= 0 && low <= 9 ? high * 10 + low : 999;
}

function digits4(b: Buffer, i: number): number {
  const high = digits2(b, i);
  const low = digits2(b, i + 2);
  return high < 100 && low < 100 ? high * 100 + low : -1;
}

/** Digits shorter than 12 (the column was imported as a number) get their leading zeros back. */
function padded(text: string): string {
  const value = text.trim();
  return /^\d{1,11}$/.test(value) ? value.padStart(12, '0') : value;
}

/** The account's aws_account_id as 12 digits, or a problem; true when the row is kept. */
function repadAccount(
  record: FeedRecord,
  problem: (line: number, message: string) => void,
  line: number,
): boolean {
  const raw = record.values[1] ?? '';
  const account = padded(raw);
  if (!/^\d{12}$/.test(account)) {
    problem(
      line,
      `aws_account_id "${raw.slice(0, 40)}" is not an AWS account number (12 digits): the row was skipped`,
    );
    return false;
  }
  record.values[1] = account;
  return true;
}

/** Adds a kept row to the set's indexes. */
function index_(set: FeedSet, kind: FeedKind, key: string, record: FeedRecord): void {
  const add = (map: Map<string, Set<string>>, at: string | undefined, value: string) => {
    if (at === undefined) return;
    const held = map.get(at);
    if (held) held.add(value);
    else map.set(at, new Set([value]));
  };
  const v = record.values;
  if (kind === 'account') {
    add(set.guidsByAccount, v[1], key);
    add(set.guidsByAddress, v[2], key);
  } else if (kind === 'agreement') add(set.agreementsByAcceptor, v[1], key);
  else if (kind === 'offerProduct') add(set.offerProducts, `${v[0]}|${v[1]}`, key);
  else if (kind === 'offerTarget') add(set.offerTargets, `${v[1]}|${v[2]}`, key);
}
