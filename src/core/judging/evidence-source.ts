// The vocabulary of judging: the day and window, what each source answers, where an answer came from. Types only,
// so every source (reports-evidence.ts, the feeds next) and the Judgement share it without a cycle.
import type { AccountVerdict, EligibilityPolicy, SubscriptionVerdict } from '../domain';
import type { Freshness } from '../eligibility';

/** The day and the window verdicts are judged with: the same for every source of one Judgement. */
export interface JudgingOn {
  /** The judging day, YYYY-MM-DD (whole UTC days): the engineer's as-of day, else today. */
  readonly day: string;
  /** True when the engineer set the day (supportDesk.eligibility.asOf, `--as-of`); false: today. */
  readonly fixed: boolean;
  /** The eligibility window in days (settings over the playbook over the defaults). */
  readonly policy: EligibilityPolicy;
}

/**
 * The typed answers of every source, by its kind: what `account`, `subscription` and `freshness` answer from it.
 * A source plugs in by adding its key here with its own answer types (data feeds: `feeds: { account:
 * FeedEntitlement; subscription: FeedProductVerdict; freshness: ... }`; next live agreements and events) and by
 * handing the Judgement an EvidenceSource of that kind. The answers are never merged into one another here.
 */
export interface SourceAnswers {
  /** The AWS Marketplace subscriber reports loaded (files or S3 objects), judged by core/eligibility. */
  reports: { account: AccountVerdict; subscription: SubscriptionVerdict; freshness: Freshness };
}

/** The kinds of evidence a Judgement can hear: 'reports' today. */
export type SourceKind = keyof SourceAnswers;

/** What a Judgement can be asked, for each source. */
export type Question = keyof SourceAnswers[SourceKind];

/** Where an answer came from and how old its facts are, said beside the answer. */
export interface Origin {
  readonly source: SourceKind;
  /** In words, without a local path: "3 report files", "the feeds of s3://bucket/feeds/". */
  readonly from: string;
  /** The newest fact the source holds, YYYY-MM-DD or an ISO 8601 instant; undefined when it holds none. */
  readonly newest: string | undefined;
}

/** One source's answer to one question, with its origin. */
export interface Heard<T> {
  readonly origin: Origin;
  readonly answer: T;
}

/** Every held source's answer to one question, each under its kind; a source not held is absent. */
export type Hearing<Q extends Question> = {
  readonly [K in SourceKind]?: Heard<SourceAnswers[K][Q]>;
};

/**
 * One source of entitlement evidence, as a Judgement asks it. Pure: the same `on` gives the same answers. `account`
 * is 12 digits (parse typed input with parseTypedAccount first); `productId` as AWS writes it (prod-...). Errors are
 * the source's own (a RangeError for a day that is not YYYY-MM-DD).
 */
export interface EvidenceSource<K extends SourceKind> {
  readonly kind: K;
  readonly origin: Origin;
  account(account: string, on: JudgingOn): SourceAnswers[K]['account'];
  subscription(account: string, productId: string, on: JudgingOn): SourceAnswers[K]['subscription'];
  freshness(on: JudgingOn): SourceAnswers[K]['freshness'];
}
