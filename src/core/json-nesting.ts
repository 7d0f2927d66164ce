// The nesting of JSON text, read without parsing it: parsers and validators recurse, so a document
// nested thousands deep overflows their stack, and the bound has to be checked before them.

/**
 * Walks the brackets of JSON text from `from` as a JSON parser sees them: strings and comments are
 * skipped. Strings are in double quotes, and in single quotes too when `quotes` says so (JS-like
 * text); an unterminated one ends at the line break, as the parser ends it. After each [ { ] } it
 * calls `visit` with the nesting depth after that bracket (1 inside the first one opened) and stops
 * when `visit` returns true. Returns the index just past the bracket where it stopped, or the text's
 * length when it never did.
 */
export function walkBrackets(text: string, from: number, visit: (depth: number) => boolean, quotes = '"'): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quotes.includes(c)) {
      for (i++; i < text.length && text[i] !== c && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
    } else if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
      const end = text[i + 1] === '/' ? text.indexOf('\n', i) : text.indexOf('*/', i + 2) + 1;
      i = end <= 0 ? text.length : end;
    } else if (c === '[' || c === '{' || c === ']' || c === '}') {
      depth += c === '[' || c === '{' ? 1 : -1;
      if (visit(depth)) return i + 1;
    }
  }
  return text.length;
}
