// The nesting of JSON text, read without parsing it: parsers and validators recurse, so a document
// nested thousands deep overflows their stack, and the bound has to be checked before them.

/**
 * Walks the brackets of JSON text from `from` as a JSON parser sees them: strings and comments are
 * skipped. Strings are in double quotes, and in single quotes too when `quotes` says so (JS-like
 * text). A string or a line comment ends where jsonc-parser's scanner (the playbook's parser) ends it:
 * an unterminated string at a line break, a carriage return as much as a line feed (other control
 * characters stay inside; JSON.parse rejects them all); a string that ended early must not hide the
 * brackets after it, or a document nested too deep reaches the parser. After each [ { ] } it
 * calls `visit` with the nesting depth after that bracket (1 inside the first one opened) and stops
 * when `visit` returns true. Returns the index just past the bracket where it stopped, or the text's
 * length when it never did.
 */
export function walkBrackets(
  text: string,
  from: number,
  visit: (depth: number) => boolean,
  quotes = '"',
): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quotes.includes(c)) {
      for (i++; i < text.length && text[i] !== c && !isLineBreak(text[i]); i++)
        if (text[i] === '\\') i++;
    } else if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
      if (text[i + 1] === '/') {
        for (i += 2; i < text.length && !isLineBreak(text[i]); i++);
      } else {
        const end = text.indexOf('*/', i + 2) + 1;
        i = end <= 0 ? text.length : end;
      }
    } else if (c === '[' || c === '{' || c === ']' || c === '}') {
      depth += c === '[' || c === '{' ? 1 : -1;
      if (visit(depth)) return i + 1;
    }
  }
  return text.length;
}

function isLineBreak(c: string): boolean {
  return c === '\n' || c === '\r';
}
