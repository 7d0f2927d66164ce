// Instants as the feeds write them (ISO 8601 in UTC to the second; AWS's own examples also show
// `2024-12-24 11:31:47.0`) and the moment a question is asked at: as of a day or an instant, as AWS
// knew it at an instant.
import { isIsoDay } from '../dates';
import type { FeedMoment } from './feed-types';

// Date, then optionally a time (T or space), fractions, and a zone (none means UTC, as AWS writes).
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Epoch milliseconds (UTC) of a feed's instant: `2026-11-21T18:30:00Z`, `2026-11-21 18:30:00.0`,
 * `2026-11-21` (its start), with an optional zone offset (none is UTC). NaN for anything else,
 * including impossible dates (2026-02-30) and empty text.
 */
export function parseFeedInstant(text: string): number {
  const m = INSTANT.exec(text.trim());
  if (!m) return NaN;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(year, month - 1, day, Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3)));
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return NaN;
  if (Number(m[4] ?? 0) > 23 || Number(m[5] ?? 0) > 59 || Number(m[6] ?? 0) > 59) return NaN;
  const zone = m[8];
  if (!zone || zone.toUpperCase() === 'Z') return ms;
  const digits = zone.replace(':', '');
  const offset = (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5))) * 60_000;
  return digits[0] === '+' ? ms - offset : ms + offset;
}

/**
 * The moment to judge at. `asOf`: a day `YYYY-MM-DD` (its end in UTC, 23:59:59.999Z, so anything that
 * day counts) or an instant (`2026-11-21T18:30:00Z`); none means `now`. `knownAt`: an instant (a day
 * means its end in UTC too); none means everything delivered. A knownAt before asOf is a fair question
 * ("what did AWS say on the 1st about the 20th?"). Throws an Error that says what to type otherwise.
 */
export function feedMoment(options: { asOf?: string; knownAt?: string }, now: Date = new Date()): FeedMoment {
  const asOfMs = options.asOf === undefined ? now.getTime() : momentMs(options.asOf, '--as-of');
  const knownAtMs = options.knownAt === undefined ? undefined : momentMs(options.knownAt, '--known-at');
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
    throw new Error(`${option} "${value}" is neither a day (2026-11-21, meaning its end in UTC) nor an instant (2026-11-21T18:30:00Z): type one of those`);
  }
  return ms;
}

/** "as of 2026-11-21 23:59:59 UTC, as AWS knew it at 2026-11-01 00:00:00 UTC" (or "as of now (...)"). */
export function describeFeedMoment(moment: FeedMoment): string {
  const words = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
  const asOf = moment.fixed ? `as of ${words(moment.asOf)}` : `as of now (${words(moment.asOf)})`;
  return moment.knownAt === undefined ? asOf : `${asOf}, as AWS knew it at ${words(moment.knownAt)}`;
}
