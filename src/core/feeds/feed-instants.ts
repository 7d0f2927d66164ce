// Instants as the feeds write them (ISO 8601 in UTC to the second; AWS's own examples also show
// `2024-12-24 11:31:47.0`) and the moment a question is asked at: as of a day or an instant, as AWS
// knew it at an instant.
import { isIsoDay } from '../dates';
import type { FeedMoment } from './feed-types';

// Date, then optionally a time (T or space), fractions, and a zone (none means UTC, as AWS writes).
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Epoch milliseconds (UTC) of a feed's instant: `2026-11-21T18:30:00Z`, `2026-11-21 18:30:00.0`,
 * `2026-11-21` (its start), with an optional zone offset (none is UTC). NaN for anything else,
 * including impossible dates (2026-02-30) and empty text.
 */
export function parseFeedInstant(text: string): number {
  if (
    text.length === 20 &&
    text.charCodeAt(19) === 0x5a /* Z */ &&
    text.charCodeAt(10) === 0x54 /* T */
  )
    return canonicalInstant(text);
  const m = INSTANT.exec(text.trim());
  if (!m) return NaN;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = utc(
    year,
    month,
    day,
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
    Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3)),
  );
  const check = new Date(ms);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day
  )
    return NaN;
  if (Number(m[4] ?? 0) > 23 || Number(m[5] ?? 0) > 59 || Number(m[6] ?? 0) > 59) return NaN;
  const zone = m[8];
  if (!zone || zone.toUpperCase() === 'Z') return ms;
  const digits = zone.replace(':', '');
  const offset = (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5))) * 60_000;
  return digits[0] === '+' ? ms - offset : ms + offset;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * `YYYY-MM-DDTHH:MM:SSZ`, the form AWS writes every instant in: read digit by digit, as a million
 * rows' regular expressions and Date objects were a fifth of a read.
 */
function canonicalInstant(text: string): number {
  const digit = (i: number) => {
    const d = text.charCodeAt(i) - 0x30;
    return d >= 0 && d <= 9 ? d : NaN;
  };
  const two = (i: number) => digit(i) * 10 + digit(i + 1);
  const year = two(0) * 100 + two(2);
  const month = two(5);
  const day = two(8);
  const [hour, minute, second] = [two(11), two(14), two(17)];
  const separators = text[4] === '-' && text[7] === '-' && text[13] === ':' && text[16] === ':';
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (
    !separators ||
    !(month >= 1 && month <= 12) ||
    !(day >= 1 && day <= DAYS_IN_MONTH[month - 1] + (month === 2 && leap ? 1 : 0))
  )
    return NaN;
  if (!(hour <= 23 && minute <= 59 && second <= 59)) return NaN;
  return utc(year, month, day, hour, minute, second, 0);
}

/** Date.UTC without its quirk of reading years 0-99 as 1900-1999. */
function utc(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
): number {
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, ms));
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

/**
 * The moment to judge at. `asOf`: a day `YYYY-MM-DD` (its end in UTC, 23:59:59.999Z, so anything that
 * day counts) or an instant (`2026-11-21T18:30:00Z`); none means `now`. `knownAt`: an instant (a day
 * means its end in UTC too); none means everything delivered. A knownAt before asOf is a fair question
 * ("what did AWS say on the 1st about the 20th?"). Throws an Error that says what to type otherwise.
 */
export function feedMoment(
  options: { asOf?: string; knownAt?: string },
  now: Date = new Date(),
): FeedMoment {
  const asOfMs = options.asOf === undefined ? now.getTime() : momentMs(options.asOf, '--as-of');
  const knownAtMs =
    options.knownAt === undefined ? undefined : momentMs(options.knownAt, '--known-at');
  return {
    asOf: new Date(asOfMs).toISOString(),
    asOfMs,
    knownAt: knownAtMs === undefined ? undefined : new Date(knownAtMs).toISOString(),
    knownAtMs,
    fixed: options.asOf !== undefined,
  };
}

function momentMs(text: string, option: string): number {
  const value = text.trim();
  if (isIsoDay(value)) return Date.parse(`${value}T23:59:59.999Z`);
  const ms = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(value) ? parseFeedInstant(value) : NaN;
  if (Number.isNaN(ms)) {
    throw new Error(
      `${option} "${value}" is neither a day (2026-11-21, meaning its end in UTC) nor an instant (2026-11-21T18:30:00Z): type one of those`,
    );
  }
  return ms;
}

/** "as of 2026-11-21 23:59:59 UTC, as AWS knew it at 2026-11-01 00:00:00 UTC" (or "as of now (...)"). */
export function describeFeedMoment(moment: FeedMoment): string {
  const words = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
  const asOf = moment.fixed ? `as of ${words(moment.asOf)}` : `as of now (${words(moment.asOf)})`;
  return moment.knownAt === undefined
    ? asOf
    : `${asOf}, as AWS knew it at ${words(moment.knownAt)}`;
}
