// Calendar days as `YYYY-MM-DD` strings: what reports carry and what verdicts compare.
// Day arithmetic runs in UTC so that daylight-saving changes never shift a day count.

const DAY_MS = 86_400_000;
// A date, optionally followed by an ISO 8601 time (`T` or a space, as spreadsheets export it) and zone.
const ISO_DATE_OR_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * The calendar day of an ISO 8601 date or date-time, as written (a time zone offset does not move
 * the day: the report's author meant that day). Undefined for anything else, including 2026-02-30.
 */
export function parseIsoDay(raw: string): string | undefined {
  const m = ISO_DATE_OR_DATE_TIME.exec(raw.trim());
  if (!m || !isRealDay(Number(m[1]), Number(m[2]), Number(m[3]))) return undefined;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/**
 * A day written the way a spreadsheet re-saves dates (`11/20/2026`, `20.11.2026`, `3-4-2025`, with
 * an optional time after it), read month first and day first:
 * - `{ day, reading }` when only one reading is a real day (`11/20/2026` can only be 2026-11-20), or
 *   both are the same day (`3/3/2025`); `reading` says which, for the warning that names the guess;
 * - `{ ambiguous: [monthFirst, dayFirst] }` when both readings are real and differ (`3/4/2025`);
 * - undefined when the text is not written that way or neither reading is a real day.
 * Two-digit years are not read: their century is a guess too.
 */
export function parseSpreadsheetDay(raw: string): SpreadsheetDay | undefined {
  const m = SPREADSHEET_DATE.exec(raw.trim());
  if (!m) return undefined;
  const [first, second, year] = [Number(m[1]), Number(m[3]), Number(m[4])];
  const monthFirst = isRealDay(year, first, second)
    ? dayOfKey(year * 10_000 + first * 100 + second)
    : undefined;
  const dayFirst = isRealDay(year, second, first)
    ? dayOfKey(year * 10_000 + second * 100 + first)
    : undefined;
  if (monthFirst && dayFirst)
    return monthFirst === dayFirst
      ? { day: monthFirst, reading: 'the same either way' }
      : { ambiguous: [monthFirst, dayFirst] };
  if (monthFirst) return { day: monthFirst, reading: 'month first' };
  return dayFirst ? { day: dayFirst, reading: 'day first' } : undefined;
}

export type SpreadsheetDay =
  | { day: string; reading: 'month first' | 'day first' | 'the same either way' }
  | { ambiguous: [monthFirst: string, dayFirst: string] };

// Day and month of one or two digits, the same separator twice, a four-digit year, then perhaps a
// time as spreadsheets write it ("11/20/2026 1:45 PM").
const SPREADSHEET_DATE =
  /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?(?: ?[AP]M)?)?$/i;

/** True when the (proleptic Gregorian) calendar has that day: 2024-02-29 yes, 2026-02-29 no. */
export function isRealDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  if (month !== 2)
    return day <= (month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (leap ? 29 : 28);
}

/**
 * A day as the number yyyymmdd: four bytes in a typed array instead of a string per row, and ordered
 * like the text. 0 stands for "no day".
 */
export function dayKey(day: string): number {
  return (
    Number(day.slice(0, 4)) * 10_000 + Number(day.slice(5, 7)) * 100 + Number(day.slice(8, 10))
  );
}

export function dayOfKey(key: number): string {
  const year = Math.floor(key / 10_000);
  const month = Math.floor(key / 100) % 100;
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${key % 100 < 10 ? '0' : ''}${key % 100}`;
}

/** True for exactly `YYYY-MM-DD` naming a real day (what an "as of" parameter must be). */
export function isIsoDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && parseIsoDay(value) === value;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). Both are `YYYY-MM-DD`. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * The one place the wall clock is read: today's day in UTC, for callers' defaults (an as-of day).
 * UTC, not the engineer's zone: reports date their rows and AWS its agreements in UTC, so a local
 * day would judge a purchase made in a Pacific evening (already tomorrow in UTC) as not made yet.
 */
export function today(): string {
  return utcDay(new Date());
}

/** The UTC calendar day of a moment (a file's modification day, the day of "now"). */
export function utcDay(moment: Date): string {
  return moment.toISOString().slice(0, 10);
}

/** The local calendar day of a moment, for names a person reads (a case file's name), never for a verdict. */
export function localDay(moment: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}`;
}

/**
 * The moment a verdict is judged at, in UTC throughout: `day` (YYYY-MM-DD) is what reports are
 * judged on, `at` (ISO 8601, UTC) what a live agreement's start is compared with.
 * With no as-of day: now, and today's UTC day. With one: the end of that day in UTC (23:59:59.999Z),
 * so an agreement started any time that day counts. `fixed` says which, for the words that name it.
 */
export interface JudgingMoment {
  day: string;
  at: string;
  fixed: boolean;
}

/**
 * The judging moment for an as-of day (YYYY-MM-DD, already checked by the caller) or, with none, for
 * `now`. An instant (`at`, a Date) instead of a day judges the reports on its UTC day and the
 * agreements at that instant.
 */
export function judgingMoment(
  asOf: string | Date | undefined,
  now: Date = new Date(),
): JudgingMoment {
  if (asOf instanceof Date) return { day: utcDay(asOf), at: asOf.toISOString(), fixed: true };
  return asOf === undefined
    ? { day: utcDay(now), at: now.toISOString(), fixed: false }
    : { day: asOf, at: `${asOf}T23:59:59.999Z`, fixed: true };
}

/** The moment in words: "2026-11-22 02:30:00 UTC" (now, or an as-of instant), "the end of 2026-11-22 UTC" (an as-of day). */
export function describeMoment(moment: JudgingMoment): string {
  return moment.fixed && moment.at === `${moment.day}T23:59:59.999Z`
    ? `the end of ${moment.day} UTC`
    : describeInstant(moment.at);
}

/** An ISO 8601 instant in words, in UTC to the second: "2026-11-22 01:30:00 UTC"; anything unreadable as given. */
export function describeInstant(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const utc = new Date(ms).toISOString();
  return `${utc.slice(0, 10)} ${utc.slice(11, 19)} UTC`;
}

/** The first `YYYY-MM-DD` in a file name that names a real day, e.g. `customer_subscriber_report_2026-11-22.csv`. */
export function dayInFileName(name: string): string | undefined {
  for (const m of name.matchAll(/(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)/g)) {
    if (isIsoDay(m[1])) return m[1];
  }
  return undefined;
}
