// Calendar days as `YYYY-MM-DD` strings: what reports carry and what verdicts compare.
// Day arithmetic runs in UTC so that daylight-saving changes never shift a day count.

const DAY_MS = 86_400_000;
// A date, optionally followed by an ISO 8601 time (`T` or a space, as spreadsheets export it) and zone.
const ISO_DATE_OR_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * The calendar day of an ISO 8601 date or date-time, as written (a time zone offset does not move
 * the day: the report's author meant that day). Undefined for anything else, including 2026-02-30.
 */
export function parseIsoDay(raw: string): string | undefined {
  const m = ISO_DATE_OR_DATE_TIME.exec(raw.trim());
  if (!m || !isRealDay(Number(m[1]), Number(m[2]), Number(m[3]))) return undefined;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** True when the (proleptic Gregorian) calendar has that day: 2024-02-29 yes, 2026-02-29 no. */
export function isRealDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  if (month !== 2) return day <= (month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (leap ? 29 : 28);
}

/**
 * A day as the number yyyymmdd: four bytes in a typed array instead of a string per row, and ordered
 * like the text. 0 stands for "no day".
 */
export function dayKey(day: string): number {
  return Number(day.slice(0, 4)) * 10_000 + Number(day.slice(5, 7)) * 100 + Number(day.slice(8, 10));
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

/** The local calendar day of a moment (a support engineer's "today", a file's modification day). */
export function localDay(moment: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}`;
}

/** The first `YYYY-MM-DD` in a file name that names a real day, e.g. `customer_subscriber_report_2026-11-22.csv`. */
export function dayInFileName(name: string): string | undefined {
  for (const m of name.matchAll(/(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)/g)) {
    if (isIsoDay(m[1])) return m[1];
  }
  return undefined;
}
