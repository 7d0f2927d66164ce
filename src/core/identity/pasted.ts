// What customers paste: the output of `curl .../pkcs7` with or without the -----BEGIN PKCS7-----
// lines the AWS guide adds, wrapped at 64 columns or not, with CRLF from a Windows editor or an
// e-mail client. Only base64 survives; anything else means it is not a signature, and the two
// mistakes customers make most get their own words: the metadata service's "401 - Unauthorized"
// page (IMDSv2 without a token) and the binary file the AWS guide's `base64 -d` step writes.

/** The input is not a signature at all (the CLI's exit code 2): the message says what was found. */
export class NotASignatureError extends Error {}

/**
 * What to ask the customer to run on the instance for `path` (e.g. "pkcs7"), with IMDSv2's session
 * token, in words (a shell line with the token in it would read as a secret to redaction).
 */
export function imdsAdvice(path: string): string {
  return (
    'ask them to fetch it again with IMDSv2, as the AWS guide shows: a PUT to http://169.254.169.254/latest/api/token for a session token, ' +
    `then http://169.254.169.254/latest/dynamic/instance-identity/${path} with that token in the X-aws-ec2-metadata-token header`
  );
}

/**
 * What the customer sent instead of `what`, in words that say what they did and what to ask for,
 * when the text is one of the metadata service's error pages or binary bytes; undefined otherwise.
 * `path` is the metadata path they should have fetched ("pkcs7", "signature", "document").
 */
export function notPastedOutput(text: string, what: string, path: string): string | undefined {
  const title = /<title>\s*([^<]{1,80}?)\s*<\/title>|<h1>\s*([^<]{1,80}?)\s*<\/h1>/i.exec(text);
  const page = title?.[1] ?? title?.[2];
  if (page && /^401\b/.test(page)) {
    return (
      `${what} is the instance metadata service's "${page}" page, not its output: the instance requires IMDSv2 and ` +
      `the customer's curl sent no session token; ${imdsAdvice(path)}`
    );
  }
  if (page || /^\s*<(\?xml|!DOCTYPE|html)/i.test(text)) {
    return `${what} is a web page${page ? ` ("${page}")` : ''}, not the metadata service's output: ${imdsAdvice(path)}`;
  }
  // Bytes that are not text arrive as U+FFFD once read as UTF-8, or as control characters.
  if ([...text].some((c) => c === '\uFFFD' || (c < ' ' && !'\t\n\v\f\r'.includes(c)))) {
    return (
      `${what} is binary, not the base64 text the metadata service returns: the customer decoded it (the AWS guide's ` +
      `"base64 -d" step). Ask for the output of http://169.254.169.254/latest/dynamic/instance-identity/${path} itself, unchanged, ` +
      'or encode their file again with: base64 -w0 FILE'
    );
  }
  return undefined;
}

/**
 * The bytes of a pasted base64 signature (`/pkcs7`, `/rsa2048` or `/signature`): armour lines
 * (-----BEGIN ...----- / -----END ...-----) and every blank are dropped. Throws NotASignatureError
 * when nothing is left, when it is an error page or binary (see notPastedOutput), or when what is
 * left is not base64. `path` is the metadata path it should come from.
 */
export function readPastedSignature(text: string, what: string, path: string): Buffer {
  const mistake = notPastedOutput(text, what, path);
  if (mistake) throw new NotASignatureError(mistake);
  const body = text
    .replace(/^\uFEFF/, '')
    .replace(/-----(BEGIN|END) [A-Z0-9 ]+-----/g, '')
    .replace(/\s+/g, '');
  if (body === '')
    throw new NotASignatureError(
      `${what} is empty: paste the whole output of the instance metadata call`,
    );
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body) || body.length % 4 === 1) {
    const bad = body.match(/[^A-Za-z0-9+/=]/)?.[0];
    throw new NotASignatureError(
      `${what} is not base64${bad ? ` (it holds "${bad}")` : ''}: ` +
        'paste what the instance metadata service returned, nothing else',
    );
  }
  return Buffer.from(body, 'base64');
}
