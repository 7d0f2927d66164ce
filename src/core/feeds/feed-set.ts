// The rows read from a feed root, by feed and record key, with the indexes the questions need, and
// AWS's bi-temporal rule for which version of a record stands at a moment.
import type {
  FeedEvidence,
  FeedFileSummary,
  FeedFocus,
  FeedKind,
  FeedMoment,
  FeedProblem,
  FeedSummary,
} from './feed-types';

/**
 * One row kept: `values` in FEED_COLUMNS[kind].read order ('' read as undefined, as AWS's sample SQL
 * treats it); `validFrom` and `recorded` (update_date, else insert_date) in epoch ms; `deleted` when
 * delete_date is set; `file` indexes FeedSet.files, `line` is the row's physical line.
 */
export interface FeedRecord {
  values: (string | undefined)[];
  validFrom: number;
  recorded: number;
  deleted: boolean;
  file: number;
  line: number;
}

/**
 * A feed root read (see loadFeeds): every file's summary, every problem, and the rows kept (all of
 * them, or those the focus needs). The questions (feedEntitlement, searchFeedsByCompany, ...) take
 * it; its fields are for this folder's modules, its methods for anyone.
 */
export class FeedSet {
  readonly files: FeedFileSummary[] = [];
  readonly problems: FeedProblem[] = [];
  readonly records = new Map<FeedKind, Map<string, FeedRecord[]>>();
  /** 12-digit AWS account -> account GUIDs that carried it in some version. */
  readonly guidsByAccount = new Map<string, Set<string>>();
  /** Address id -> account GUIDs whose mailing address it was in some version. */
  readonly guidsByAddress = new Map<string, Set<string>>();
  /** Account GUID -> agreement ids it accepted in some version. */
  readonly agreementsByAcceptor = new Map<string, Set<string>>();
  /** `offer_id|offer_revision` -> record keys of the offer product and offer target feeds. */
  readonly offerProducts = new Map<string, Set<string>>();
  readonly offerTargets = new Map<string, Set<string>>();
  /** One copy of each value that repeats across rows (see FEED_COLUMNS' `shared`): a million rows hold a few hundred statuses. */
  readonly sharedValues = new Map<string, string>();

  constructor(readonly focus: FeedFocus | undefined) {}

  /** The newest update_date (else insert_date) of any row read, as an ISO 8601 instant. */
  get newestUpdate(): string | undefined {
    return newest(this.files.map((f) => f.newestUpdate));
  }

  /** Per feed found: folders, months (`YYYY-MM`), rows and newest update, in FEED_KINDS order of first sight. */
  summaries(): FeedSummary[] {
    const byFeed = new Map<FeedKind, FeedSummary>();
    for (const f of this.files) {
      if (!f.feed) continue;
      const s = byFeed.get(f.feed) ?? {
        feed: f.feed,
        folders: [],
        months: [],
        rows: 0,
        newestUpdate: undefined,
      };
      byFeed.set(f.feed, s);
      if (f.layout && !s.folders.includes(f.layout.folder)) s.folders.push(f.layout.folder);
      const month = f.layout
        ? `${f.layout.year}-${String(f.layout.month).padStart(2, '0')}`
        : undefined;
      if (month && !s.months.includes(month)) s.months.push(month);
      s.rows += f.rows;
      s.newestUpdate = newest([s.newestUpdate, f.newestUpdate]);
    }
    for (const s of byFeed.values()) s.months.sort();
    return [...byFeed.values()];
  }

  /** Every 12-digit AWS account the account feed names (of the rows kept), sorted. */
  accounts(): string[] {
    return [...this.guidsByAccount.keys()].sort();
  }

  /** The versions of one record (any order), or an empty list. */
  versions(kind: FeedKind, key: string): readonly FeedRecord[] {
    return this.records.get(kind)?.get(key) ?? [];
  }

  /** The version of a record that stands at the moment (see standingVersion), or undefined. */
  standing(kind: FeedKind, key: string, moment: FeedMoment): FeedRecord | undefined {
    return standingVersion(this.versions(kind, key), moment, kind === 'agreement');
  }

  /** Where a kept row came from. */
  place(record: FeedRecord): FeedEvidence {
    return { file: this.files[record.file].file, line: record.line };
  }
}

/**
 * AWS's bi-temporal rule, as its sample SQL applies it: rows recorded after `knownAt` are ignored;
 * for each valid_from the row with the latest update_date wins (a later row in file order on a tie:
 * a redelivery); a winner with delete_date set is gone; of what remains, the version with the
 * latest valid_from at or before `asOf` stands. When every remaining version starts after `asOf`,
 * the first one stands (AWS's SQL widens a record's first version back, for BYOL agreements accepted
 * with a backdated date). `statusGroups` (agreements): a Superseded or Rolled back revision stands
 * only when no other kind does (then Rolled back before Superseded), as in AWS's agreement report.
 */
export function standingVersion(
  versions: readonly FeedRecord[],
  moment: FeedMoment,
  statusGroups: boolean,
): FeedRecord | undefined {
  const byValidFrom = new Map<number, FeedRecord>();
  for (const v of versions) {
    if (moment.knownAtMs !== undefined && v.recorded > moment.knownAtMs) continue;
    const held = byValidFrom.get(v.validFrom);
    if (!held || v.recorded > held.recorded || (v.recorded === held.recorded && later(v, held)))
      byValidFrom.set(v.validFrom, v);
  }
  let first: FeedRecord | undefined;
  let best: FeedRecord | undefined;
  for (const v of byValidFrom.values()) {
    if (v.deleted) continue;
    if (!first || v.validFrom < first.validFrom) first = v;
    if (v.validFrom > moment.asOfMs) continue;
    if (
      !best ||
      rank(v, statusGroups) > rank(best, statusGroups) ||
      (rank(v, statusGroups) === rank(best, statusGroups) && v.validFrom > best.validFrom)
    )
      best = v;
  }
  return best ?? first;
}

function later(a: FeedRecord, b: FeedRecord): boolean {
  return a.file > b.file || (a.file === b.file && a.line > b.line);
}

// Agreement status is the 9th value read (FEED_COLUMNS.agreement.read).
const AGREEMENT_STATUS = 8;

function rank(v: FeedRecord, statusGroups: boolean): number {
  if (!statusGroups) return 0;
  const status = statusWord(v.values[AGREEMENT_STATUS]);
  return status === 'superseded' ? 0 : status === 'rolledback' ? 1 : 2;
}

/** A status as one lower-case word: `Rolled back`, `ROLLED_BACK` and `rolled-back` all read `rolledback`. */
export function statusWord(status: string | undefined): string {
  return (status ?? '').toLowerCase().replace(/[^a-z]/g, '');
}

function newest(values: readonly (string | undefined)[]): string | undefined {
  let best: string | undefined;
  for (const v of values) if (v !== undefined && (best === undefined || v > best)) best = v;
  return best;
}
