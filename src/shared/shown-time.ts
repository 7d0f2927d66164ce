// Times as the panel shows them: to the second, in UTC, said so; the audit log and the evidence keep
// AWS's full ISO 8601 text, milliseconds and all.

/**
 * "2026-11-22T08:30:00.000Z" -> "2026-11-22 08:30:00 UTC". Any ISO 8601 time in UTC (with or without
 * milliseconds); text that is not one comes back as it is.
 */
export function shownTime(iso: string): string {
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(?:\.\d+)?Z$/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}
