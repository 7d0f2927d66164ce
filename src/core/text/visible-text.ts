// Text that came from a file or a server, made safe to show: a customer's contact title must not clear
// the engineer's terminal and paint "ELIGIBLE" (ESC sequences), hide a link (OSC 8), overwrite a line
// (a bare CR) or reorder what is read (bidi overrides and isolates). Each such character is written
// out as \uXXXX, as JSON writes it, so that the text and --json show the same value. Applied at the
// exits (the CLI's writer, problem lines, the case renderer, tree items), not where values are used.

// C0 controls but tab and line feed, DEL, C1 controls, the bidi embeddings and overrides
// (U+202A-U+202E) and isolates (U+2066-U+2069). Matching control characters is the point here.
// eslint-disable-next-line no-control-regex
const HIDDEN_IN_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// The same, and tab and line feed: a line that must stay one line (a problem, a tree label).
// eslint-disable-next-line no-control-regex
const HIDDEN_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * `text` with every control character but tab and line feed, and every bidi override or isolate,
 * written as `\uXXXX` (ESC is `\u001b`); a CRLF line end becomes a line feed. Lines stay lines.
 */
export function visibleText(text: string): string {
  return escapeAll(text.includes('\r\n') ? text.replaceAll('\r\n', '\n') : text, HIDDEN_IN_TEXT);
}

/** visibleText for one line: tab, line feed and carriage return are written as `\uXXXX` too. */
export function visibleLine(text: string): string {
  return escapeAll(text, HIDDEN_IN_LINE);
}

function escapeAll(text: string, hidden: RegExp): string {
  hidden.lastIndex = 0;
  // Most text holds none: one scan, no copy.
  if (!hidden.test(text)) return text;
  return text.replace(hidden, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
