// What customers paste: the output of `curl .../pkcs7` with or without the -----BEGIN PKCS7-----
// lines the AWS guide adds, wrapped at 64 columns or not, with CRLF from a Windows editor or an
// e-mail client. Only base64 survives; anything else means it is not a signature.

/** The input is not a signature at all (the CLI's exit code 2): the message says what was found. */
export class NotASignatureError extends Error {}

/**
 * The bytes of a pasted base64 signature (`/pkcs7`, `/rsa2048` or `/signature`): armour lines
 * (-----BEGIN ...----- / -----END ...-----) and every blank are dropped. Throws NotASignatureError
 * when nothing is left or what is left is not base64.
 */
export function readPastedSignature(text: string, what: string): Buffer {
  const body = text
    .replace(/^\uFEFF/, '')
    .replace(/-----(BEGIN|END) [A-Z0-9 ]+-----/g, '')
    .replace(/\s+/g, '');
  if (body === '') throw new NotASignatureError(`${what} is empty: paste the whole output of the instance metadata call`);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body) || body.length % 4 === 1) {
    const bad = body.match(/[^A-Za-z0-9+/=]/)?.[0];
    throw new NotASignatureError(
      `${what} is not base64${bad ? ` (it holds "${bad}")` : ''}: ` + 'paste what the instance metadata service returned, nothing else',
    );
  }
  return Buffer.from(body, 'base64');
}
