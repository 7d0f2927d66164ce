// Redacts secrets from what engineers paste into a case (API request bodies, logs, HTTP headers and
// HAR exports, presigned URLs, config snippets, shell history) and from everything the product prints:
// the CLI's output boundary, the panel's every message, cases and the audit log go through here. Only
// kinds and counts are reported, never the values.
//
// Rules run in order; later rules skip what earlier ones already replaced. When in doubt a value is
// redacted: a case with one value too few is fine, a case with a live key in it is not.
//
// Time is linear in the text (test/unit/core/redaction/redaction-growth.test.ts times it to 1 MB). Each pattern
// either repeats under a fixed bound, or repeats one character class from a start that cannot lie
// inside a run of that class (a lookbehind), so a run is read from one start only; no repetition
// nests inside another over characters both could take. A value of unknown length is read by code
// after its key has been judged a secret, and what is read is replaced: it is never read again.
// (A linear engine such as RE2 was the other way: it has no lookbehind, which these rules lean on,
// and src/core takes Node built-ins only.)
import { walkBrackets } from '../text';
import { SECRET_SHAPES, type SecretKind } from './secret-shapes';

export type { SecretKind } from './secret-shapes';

export interface RedactionCount {
  kind: SecretKind;
  count: number;
}

export interface Redacted {
  text: string;
  /** What was removed, by kind, sorted by kind; empty when nothing was. */
  found: RedactionCount[];
}

/**
 * The most characters of one text that are redacted and shown (16 Mi): past that the rest is withheld
 * as `[REDACTED:oversize] (N more characters withheld)`, which bounds the work one field can cost.
 */
export const MAX_REDACTED_CHARS = 16 * 1024 * 1024;

const marker = (kind: SecretKind) => `[REDACTED:${kind}]`;
const ALREADY = '[REDACTED:';

// Keys whose value is a secret, matched on the lower-cased key with separators removed
// ("X-Amz-Security-Token", "aws_session_token" and "sessionToken" all become ...token).
const KEY_KINDS: [RegExp, SecretKind][] = [
  [/sessiontoken|securitytoken/, 'aws-session-token'],
  [/secretaccesskey|awssecret/, 'aws-secret-access-key'],
  [/accesskeyid/, 'aws-access-key-id'],
  [/privatekey|^tlskey$/, 'private-key'],
  [/password|passwd|passphrase|^pwd$/, 'password'],
  [/apikey/, 'api-key'],
  [/signature|^sig$/, 'signature'],
  [/cookie/, 'cookie'],
  [/authorization|^auth$/, 'authorization'],
  [/token|usercode|codeverifier|samlresponse/, 'token'],
  [/secret|accountkey|sharedaccesskey|registrationkey|^dockerconfigjson$|^dockercfg$/, 'secret'],
];
// Keys that name something about a secret rather than the secret itself ("tokenType", "secretName",
// "passwordFile", "--password-stdin", "SecretArn", "PasswordLastUsed", "signatureVersion").
const NOT_SECRET_SUFFIX =
  /(?:type|url|uri|endpoint|expiry|expires(?:in|at)?|expiration|ttl|count|length|name|policy|required|enabled|file|path|stdin|arn|version|lastused|reuseprevention|age|method|algorithm)$/;
// Short password words count only as a key's last word: DB_PASS, dbPwd, pass; not "bypass" or "compass".
const PASSWORD_LAST_WORD =
  /(?:(?:^|[^A-Za-z])(?:[Pp]ass|PASS|[Pp]wd|PWD)|[a-z](?:Pass|PASS|Pwd|PWD))$/;
// An environment variable whose last word is KEY (STRIPE_KEY=, APP_KEY=): a .env holds secrets so named.
const ENV_KEY = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_KEY$/;

/**
 * The kind of secret a key holds, or undefined when its value is not a secret. `key` is a JSON key,
 * an environment variable, a header, an XML element or a command-line flag name, in any spelling.
 */
export function secretKindOfKey(key: string): SecretKind | undefined {
  const normalized = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (NOT_SECRET_SUFFIX.test(normalized)) return undefined;
  if (PASSWORD_LAST_WORD.test(key)) return 'password';
  return KEY_KINDS.find(([pattern]) => pattern.test(normalized))?.[1];
}

/** As secretKindOfKey, for an environment variable (STRIPE_KEY=); not a constant in code ("GROUPING_KEY = ..."). */
const secretKindOfVariable = (name: string) =>
  secretKindOfKey(name) ?? (ENV_KEY.test(name) ? 'secret' : undefined);
/** As secretKindOfVariable, for a query-string parameter or a HAR name/value pair, where `code` is OAuth's. */
const secretKindOfParameter = (name: string) =>
  secretKindOfVariable(name) ?? (name.toLowerCase() === 'code' ? 'token' : undefined);

const HEADER_KINDS: Record<string, SecretKind> = {
  authorization: 'authorization',
  'proxy-authorization': 'authorization',
  'x-amz-security-token': 'aws-session-token',
  'x-amz-signature': 'signature',
  cookie: 'cookie',
  'set-cookie': 'cookie',
  'x-api-key': 'api-key',
  'x-auth-token': 'token',
};

/** What a rule gives for one match: the text that stands for text[match start, end) and its kind. */
interface Replacement {
  text: string;
  kind: SecretKind;
  /** Where the replaced text ends, when a value was read past the match; the match's end otherwise. */
  end?: number;
  /** How many characters before the match are replaced too (a lookbehind's); none by default. */
  before?: number;
}

interface Rule {
  pattern: RegExp;
  /**
   * Gets the capture groups in order (undefined for one that took no part in the match), the whole
   * text and where the match ends; returns the replacement, or undefined to keep the match as it is.
   */
  replace(match: string, groups: string[], text: string, end: number): Replacement | undefined;
}

/** Values that are no secret whatever their key says: "ExpirePasswords=false". */
const NOT_A_VALUE = /^(?:true|false|null|none)$/i;
// The CLI's help names a flag's value with a capital word: "--signature FILE".
const PLACEHOLDER = /^(?:FILE|PATH|DIR|NAME|VALUE|TEXT|ID|URL|N)$/;

/** The value part of `prefix + value + suffix`, replaced when `kind` is known and not yet redacted. */
function keepAround(
  prefix: string,
  value: string,
  suffix: string,
  kind: SecretKind | undefined,
  end?: number,
): Replacement | undefined {
  if (!kind || value === '' || value.startsWith(ALREADY) || NOT_A_VALUE.test(value))
    return undefined;
  return { text: `${prefix}${marker(kind)}${suffix}`, kind, end };
}

const whole = (kind: SecretKind) => ({ text: marker(kind), kind });

// Values read by code, from where a sticky pattern is put: each reads one class, once.
const DOUBLE_QUOTED = /(?:\\.|[^"\\\r\n])*/y;
const SINGLE_QUOTED = /(?:\\.|[^'\\\r\n])*/y;
const BARE_VALUE = /[^\s&"'<>;,]*/y;
const BARE_WORD = /[^\s"']*/y;

/** The run `sticky` reads at `from`. */
function readAt(sticky: RegExp, text: string, from: number): string {
  sticky.lastIndex = from;
  return sticky.exec(text)?.[0] ?? '';
}

/**
 * A value that opens at `from` after its key: quoted by `quote` ('"', "'", or '' for bare, read by
 * `bare`). Returns the value and where it ends, past its closing quote when it has one.
 */
function valueAt(
  text: string,
  from: number,
  quote: string,
  bare: RegExp,
): { value: string; end: number; close: string } {
  if (quote === '') {
    const value = readAt(bare, text, from);
    return { value, end: from + value.length, close: '' };
  }
  const value = readAt(quote === '"' ? DOUBLE_QUOTED : SINGLE_QUOTED, text, from);
  const closed = text[from + value.length] === quote;
  return { value, end: from + value.length + (closed ? 1 : 0), close: closed ? quote : '' };
}

/** The value after `prefix` (which ends with the opening quote, if any), replaced when `kind` is known. */
function redactValue(
  text: string,
  end: number,
  prefix: string,
  quote: string,
  kind: SecretKind | undefined,
  bare = BARE_VALUE,
) {
  if (!kind) return undefined;
  const { value, end: valueEnd, close } = valueAt(text, end, quote, bare);
  return keepAround(prefix, value, close, kind, valueEnd);
}

/** The value at `end`, quoted or bare (a word), after `prefix`. */
function redactQuotedOrBare(text: string, end: number, prefix: string, kind: SecretKind) {
  const quote = text[end] === '"' || text[end] === "'" ? text[end] : '';
  return redactValue(text, end + quote.length, prefix + quote, quote, kind, BARE_WORD);
}

/**
 * Reads as random rather than as a name: both cases, and a digit, or capitals scattered the way no
 * CamelCase name has them ("wJalrXUtnFEMI/KMDENG/bPxRfiCY" but not "ConfirmProductInstanceResponse").
 */
function looksRandom(word: string): boolean {
  const upper = word.replace(/[^A-Z]/g, '').length;
  const lowerRuns = word.match(/[a-z]+/g) ?? [];
  if (upper === 0 || lowerRuns.length === 0) return false;
  if (/\d/.test(word)) return true;
  const lower = lowerRuns.join('').length;
  return upper >= (upper + lower) / 4 && lower / lowerRuns.length <= 4;
}

/** A 40-character base64 word that reads as random is what an AWS secret access key looks like. */
const looksLikeSecretKey = (word: string) => word.length === 40 && looksRandom(word);

/** The index just past the JSON array or object that opens at `from`; the text's end when it is cut short. */
const containerEnd = (text: string, from: number) =>
  walkBrackets(text, from, (depth) => depth === 0, `"'`);

// A command's words before the flag a rule looks for: at most 32, each up to 4 KiB, none the flag.
const WORDS_BEFORE = (flag: string) =>
  `(?:(?:[ \\t]|\\\\\\r?\\n)+(?!${flag})[^\\s|;&]{1,4096}){0,32}?(?:[ \\t]|\\\\\\r?\\n)+`;

// PEM and PGP armour, a truncated paste (no END) too: armour headers ("Proc-Type: 4,ENCRYPTED"), then
// base64 across real newlines, spaces or \n escapes, then the END line when there is one.
const PEM_HEADER = /\s*[A-Za-z][\w-]{0,63}: [^\r\n]{0,256}/y;
const PEM_BODY = /[A-Za-z0-9+/=\s\\]*/y;
const PEM_END =
  /-----[ \t]?END[ \t]{1,3}(?:[A-Z0-9]{1,16}[ \t]){0,4}PRIVATE[ \t]KEY(?:[ \t]BLOCK)?[ \t]?-----/y;

function pemEnd(text: string, from: number): number {
  let at = from;
  for (let headers = 0; headers < 16 && readAt(PEM_HEADER, text, at) !== ''; headers++)
    at = PEM_HEADER.lastIndex;
  at += readAt(PEM_BODY, text, at).length;
  return at + readAt(PEM_END, text, at).length;
}

/**
 * `text.indexOf(needle, from)` for searches from rising positions in one text: the last answer is
 * kept, so a thousand unterminated CDATA sections read the rest of the text once, not a thousand times.
 */
function risingSearch(needle: string) {
  let last = { text: '', from: 0, at: -1 };
  return {
    next(text: string, from: number): number {
      const known = last.text === text && last.from <= from && (last.at === -1 || last.at >= from);
      if (!known) last = { text, from, at: text.indexOf(needle, from) };
      return last.at;
    },
    /** Lets go of the text searched last (redact calls it when done, so no large text is held). */
    forget() {
      last = { text: '', from: 0, at: -1 };
    },
  };
}
const cdataEnds = risingSearch(']]>');

const RULES: Rule[] = [
  {
    pattern:
      /-----[ \t]?BEGIN[ \t]{1,3}(?:[A-Z0-9]{1,16}[ \t]){0,4}PRIVATE[ \t]KEY(?:[ \t]BLOCK)?[ \t]?-----/g,
    replace: (_m, _g, text, end) => ({ ...whole('private-key'), end: pemEnd(text, end) }),
  },
  {
    // PuTTY key files (.ppk, versions 2 and 3): every header and base64 line up to Private-MAC.
    pattern:
      /PuTTY-User-Key-File-\d{1,3}:[^\r\n]*(?:\r?\n(?!Private-MAC:)(?:[A-Za-z][\w-]*:[^\r\n]*|[A-Za-z0-9+/=]+))*(?:\r?\nPrivate-MAC:[^\r\n]*)?/g,
    replace: () => whole('private-key'),
  },
  {
    // A secret key wrapped by a terminal or an e-mail: two base64 pieces across one line break that
    // make 40 random-looking characters. Before the key=value rules, which would see only the first piece.
    // The search is for the line break (found fast); the first piece is read behind it.
    pattern:
      /(?<=(?<![A-Za-z0-9+=])([A-Za-z0-9+/]{1,39}))(\r?\n)[ \t]{0,64}([A-Za-z0-9+/]{1,39})(?![A-Za-z0-9+/=])/g,
    replace: (_m, [head, lineBreak, tail]) =>
      looksLikeSecretKey(head + tail)
        ? {
            text: `${marker('aws-secret-access-key')}${lineBreak}`,
            kind: 'aws-secret-access-key',
            before: head.length,
          }
        : undefined,
  },
  {
    // Header lines ("Authorization: AWS4-HMAC-SHA256 ..."), also inside curl -H '...'.
    pattern:
      /(?<![\w-])(Authorization|Proxy-Authorization|X-Amz-Security-Token|X-Amz-Signature|Cookie|Set-Cookie|X-Api-Key|X-Auth-Token)([ \t]*:[ \t]*)([^\r\n'"]+)/gi,
    replace: (_m, [name, colon, value]) =>
      keepAround(`${name}${colon}`, value, '', HEADER_KINDS[name.toLowerCase()]),
  },
  {
    // XML elements named for a secret, namespaced or with attributes: STS's <SessionToken>,
    // <SecretAccessKey>; <Password>, <ClientSecret>, <wsse:Password Type="...">; CDATA too.
    pattern: /<((?:[\w.-]{1,64}:)?([\w.-]{1,128}))(\s[^<>]{0,1024})?>/g,
    replace: (match, [name, localName], text, end) => {
      const kind = secretKindOfKey(localName);
      if (!kind) return undefined;
      const closing = `</${name}>`;
      const cdataEnd = text.startsWith('<![CDATA[', end) ? cdataEnds.next(text, end) : -1;
      const valueEnd = cdataEnd >= 0 ? cdataEnd + 3 : end + readAt(/[^<]*/y, text, end).length;
      if (!text.startsWith(closing, valueEnd)) return undefined;
      return keepAround(match, text.slice(end, valueEnd), closing, kind, valueEnd + closing.length);
    },
  },
  {
    // A secret named by one field and held by the next: HAR headers, cookies, query strings and form
    // fields ({"name": "Authorization", "value": "..."}), ECS environment, tags ({"Key": ..., "Value": ...}),
    // CloudFormation parameters, <add key="DbPassword" value="..."/> in .NET config, and Kubernetes
    // env entries ("- name: DB_PASSWORD" then "value: ..." on the next line).
    pattern:
      /(?<![\w-])(["']?)(?:name|key|parameterkey)\1[ \t]{0,16}[:=][ \t]{0,16}(?:"([^"\r\n]{1,256})"|'([^'\r\n]{1,256})'|([\w.-]{1,256}))[ \t]{0,16},?\s{0,256}?(?:-[ \t]{1,8})?(["']?)(?:value|parametervalue)\5[ \t]{0,16}[:=][ \t]{0,16}(["']?)/gi,
    replace: (match, [, double, single, bare, , quote], text, end) => {
      const kind = secretKindOfParameter(double ?? single ?? bare);
      // A bare YAML value runs to the end of its line.
      return redactValue(text, end, match, quote, kind, /[^\r\n#,}\]]*[^\s#,}\]]|/y);
    },
  },
  {
    // JSON or JS-style object entries with a quoted key and a string or number value, at any depth.
    pattern: /(["'])([\w.-]+)\1(\s*:\s*)(["']|(?=\d{3}))/g,
    replace: (match, [, key, , quote], text, end) => {
      const kind = secretKindOfKey(key);
      if (quote) return redactValue(text, end, match, quote, kind);
      // A number becomes a string so that the redacted body is still valid JSON.
      const digits = readAt(/\d*/y, text, end);
      return keepAround(`${match}"`, digits, '"', kind, end + digits.length);
    },
  },
  {
    // A secret key holding an array or an object ({"password": ["a", "b"]}, "cookies": [...] in a HAR):
    // all of it becomes one string, so the body stays valid JSON.
    pattern: /(["'])([\w.-]+)\1(\s*:\s*)(?=[[{])/g,
    replace: (match, [, key], text, end) => {
      const kind = secretKindOfKey(key);
      return kind && { text: `${match}"${marker(kind)}"`, kind, end: containerEnd(text, end) };
    },
  },
  {
    // The same, escaped inside a JSON string: "{\"password\":\"hunter2\"}".
    pattern: /\\"([\w.-]+)\\"(\s*:\s*)\\"/g,
    replace: (match, [key], text, end) => {
      const kind = secretKindOfKey(key);
      if (!kind) return undefined;
      const value = readAt(/(?:(?!\\")[^\r\n])*/y, text, end);
      if (!text.startsWith('\\"', end + value.length)) return undefined;
      return keepAround(match, value, '\\"', kind, end + value.length + 2);
    },
  },
  {
    // A password glued to -p: mysql, mysqldump, mariadb (-pSECRET; -p alone prompts).
    pattern: new RegExp(
      `(?<![\\w-])(?:mysql\\w*|mariadb[\\w-]*)${WORDS_BEFORE('-p')}-p(?=[^\\s-])`,
      'g',
    ),
    replace: (match, _g, text, end) => redactQuotedOrBare(text, end, match, 'password'),
  },
  {
    // A password after -p of sshpass and docker login (docker login -u AWS -p SECRET registry).
    pattern: new RegExp(
      `(?<![\\w-])(?:sshpass[ \\t]+-p|docker[ \\t]+login${WORDS_BEFORE('-p\\b')}-p)(?:=|[ \\t]*)`,
      'g',
    ),
    replace: (match, _g, text, end) => redactQuotedOrBare(text, end, match, 'password'),
  },
  {
    // curl's user:password (-u, --user); a user alone makes curl ask, and stays.
    pattern: new RegExp(
      `(?<![\\w-])curl${WORDS_BEFORE('-u\\b|--user\\b')}(?:-u|--user)(?:=|[ \\t]+)(["']?)([^\\s:"']{0,256}:)`,
      'g',
    ),
    replace: (match, [quote], text, end) =>
      redactValue(text, end, match, quote, 'password', BARE_WORD),
  },
  {
    // Command-line flags named for a secret: --password=..., --password ..., -token ..., --client-secret "...".
    // After the -p rules; a one-dash flag is a lower-case word, not "-pSecret42" (a value glued to -p).
    pattern: /(?<![\w-])(?:--([A-Za-z][\w-]*)|-([a-z][a-z-]*))(?:=|[ \t]+)(["']?)(?!-)/g,
    replace: (match, [longName, shortName, quote], text, end) => {
      const replaced = redactValue(
        text,
        end,
        match,
        quote,
        secretKindOfKey(longName ?? shortName),
        BARE_WORD,
      );
      return replaced && !PLACEHOLDER.test(text.slice(end, replaced.end)) ? replaced : undefined;
    },
  },
  {
    // key=value and key: value outside JSON: query strings, form bodies, .ini/.env/YAML, log fields;
    // a key may open with a dot after a space (".dockerconfigjson: ..." in a Kubernetes Secret).
    // "signature: no AWS certificate ..." is prose: a lower-case word (or a flag: "give the signature:
    // --pkcs7 FILE") after ": ", and more words.
    pattern: /((?<!\S)\.[A-Za-z_][\w.-]*|(?<![\w.-])[A-Za-z_][\w.-]*)([ \t]*[=:][ \t]*)(["']?)/g,
    replace: (match, [key, sep, quote], text, end) => {
      const before = text[end - match.length - 1];
      // A colon path ("arn:aws:secretsmanager:...:secret:prod/db") is a name, not key: value pairs;
      // "token === x" and "token := x" are code.
      if ((before === ':' && sep === ':') || text[end] === '=') return undefined;
      const kindOf =
        before === '?' || before === '&'
          ? secretKindOfParameter
          : sep === '='
            ? secretKindOfVariable
            : secretKindOfKey;
      const kind = kindOf(key);
      const replaced = redactValue(text, end, match, quote, kind);
      if (!replaced || quote || !/:[ \t]+$/.test(sep)) return replaced;
      const valueEnd = replaced.end ?? end;
      const prose =
        /^(?:[a-z]+|--?[a-z][a-z0-9-]*)$/.test(text.slice(end, valueEnd)) &&
        /^[ \t]+[^\s]/.test(text.slice(valueEnd, valueEnd + 2));
      return prose ? undefined : replaced;
    },
  },
  ...SECRET_SHAPES.map(({ pattern, kind }) => ({ pattern, replace: () => whole(kind) })),
  {
    // Bearer tokens in free text; short words ("a bearer token") are not tokens.
    pattern: /(?<![\w-])(Bearer\s{1,16})([A-Za-z0-9\-._~+/]{16,}=*)/gi,
    replace: (_m, [prefix, value]) => keepAround(prefix, value, '', 'bearer-token'),
  },
  {
    pattern: /(?<![\w-])eyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]*/g,
    replace: () => whole('jwt'),
  },
  {
    // Session tokens, glued to anything: whatever their first three bytes, the next six say "origin"
    // or "er/aws" ("IQoJb3JpZ2lu...", "IgoJb3JpZ2lu...", "FwoGZXIvYXdz..."); older ones open "\x01\n\x03aws".
    // The search is for those words (a literal is found fast), then takes the four characters before.
    pattern:
      /(?:b3JpZ2lu|ZXIvYXdz)(?<=([A-Za-z0-9+/]{4})[A-Za-z0-9]{8})[A-Za-z0-9+/=%]{20,}|AQoDYXdz[A-Za-z0-9+/=%]{20,}/g,
    replace: (_m, [before]) => ({ ...whole('aws-session-token'), before: before?.length }),
  },
  {
    pattern: /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])/g,
    replace: () => whole('aws-access-key-id'),
  },
  {
    // Ubuntu Pro contract tokens (base58, about 24-30 characters) after `pro attach` (flags may come
    // first) or the word "token": "pro attach C1abc...", "token C1abc... failed". A flag's dashes are
    // followed by a word character, so "--x" reads one way only.
    pattern:
      /\b((?:(?:pro|ua|ubuntu-advantage)[ \t]+attach|token)[ \t]+(?:-{1,2}\w[\w-]{0,63}(?:=\S{0,256})?[ \t]+){0,16})(["']?)([A-Za-z0-9]{16,40})\2(?![\w-])/gi,
    replace: (_m, [prefix, quote, token]) =>
      looksRandom(token)
        ? keepAround(`${prefix}${quote}`, token, quote, 'contract-token')
        : undefined,
  },
  {
    // The contract token in a command logged as a Python list (cloud-init's "Running command [...]",
    // "Command: [...]", ubuntu-pro-client's "Executed with sys.argv: [...]"), and livepatch's
    // "canonical-livepatch enable TOKEN", in a list or a command line.
    pattern:
      /(?:\[[ \t]*(["'])(?:[^"'\s]{0,256}\/)?(?:ua|pro|ubuntu-advantage)\1,[ \t]*(["'])attach\2(?:,[ \t]*(["'])-{1,2}\w[\w-]{0,63}(?:=[^"'\s]{0,256})?\3){0,16}|livepatch["']?(?:,[ \t]*["']|[ \t]+)enable["']?(?:[ \t]+-{1,2}\w[\w-]{0,63}){0,4})(?:,[ \t]*(["'])|[ \t]+(["']?))/g,
    replace: (match, [, , , listQuote, lineQuote], text, end) => {
      const token = readAt(/[A-Za-z0-9]{16,64}(?![\w-])/y, text, end);
      const quote = listQuote ?? lineQuote ?? '';
      if (
        token === '' ||
        text.slice(end + token.length, end + token.length + quote.length) !== quote
      )
        return undefined;
      return keepAround(match, token, quote, 'contract-token', end + token.length + quote.length);
    },
  },
  {
    // ubuntu-pro-client's "'resourceToken' changed to 'VALUE'" (and "changed from 'OLD' to 'NEW'").
    pattern: /(["'])(\w{1,64})\1[ \t]+changed[ \t]+(?:from|to)[ \t]+(["'])/g,
    replace: (match, [, key, quote], text, end) => {
      const from = redactValue(text, end, match, quote, secretKindOfKey(key));
      const to = from && /[ \t]+to[ \t]+(["'])/y;
      if (!from || !to) return from;
      to.lastIndex = from.end!;
      const next = to.exec(text);
      const second = next && redactValue(text, to.lastIndex, next[0], next[1], from.kind);
      return second ? { ...second, text: from.text + second.text } : from;
    },
  },
  {
    // An unlabelled 40-character base64 word that reads as random: a secret access key, also after a
    // `/` ("AKIA.../wJalr..."). Hex digests (lower case only) and names do not qualify.
    pattern: /(?<![A-Za-z0-9+=])[A-Za-z0-9+/]{40}(?![A-Za-z0-9+/=])/g,
    replace: (match) => (looksLikeSecretKey(match) ? whole('aws-secret-access-key') : undefined),
  },
  {
    // The password of scheme://user:password@host (the user may be empty: redis://:pw@host, or hold an
    // @: an e-mail address), and a user alone that reads as a token (https://TOKEN@host). Quotes and
    // angle brackets end a URL, so one inside JSON or HTML cannot run into the next.
    pattern:
      /(?<![A-Za-z0-9+.-])([a-z][a-z0-9+.-]{0,31}:\/\/)([^\s/:"'<>]{0,256})(?::([^\s/"'<>]{1,256}))?@(?=[^\s/@"'<>])/gi,
    replace: (match, [scheme, user, password]) => {
      if (match.includes(ALREADY)) return undefined;
      if (password !== undefined)
        return keepAround(`${scheme}${user}:`, password, '@', 'url-password');
      return user.length >= 20 && looksRandom(user)
        ? keepAround(scheme, user, '@', 'url-password')
        : undefined;
    },
  },
  {
    // Oracle's user/password@ in a JDBC URL or on sqlplus's command line.
    pattern:
      /(?<![\w-])(jdbc:oracle:(?:thin|oci8?):|sqlplus[ \t]{1,8}(?:-\w{1,16}[ \t]{1,8}){0,4})([\w$#.-]{1,128}\/)([^\s@"'/]{1,256})(?=@)/gi,
    replace: (_m, [command, user, password]) =>
      keepAround(`${command}${user}`, password, '', 'password'),
  },
];

/** Replaces every secret found with `[REDACTED:kind]` and counts them by kind. */
export function redact(text: string): Redacted {
  const counts = new Map<SecretKind, number>();
  const cut = text.length > MAX_REDACTED_CHARS ? oversizeCut(text) : text.length;
  let result = RULES.reduce(
    (current, rule) => applyRule(current, rule, counts),
    text.slice(0, cut),
  );
  cdataEnds.forget();
  if (cut < text.length) {
    result += `${marker('oversize')} (${text.length - cut} more characters withheld)`;
    counts.set('oversize', 1);
  }
  return { text: result, found: sortedCounts(counts) };
}

/** Where an oversize text is cut: at the last line break or space before the limit, so no secret is cut in two. */
function oversizeCut(text: string): number {
  const space = text.slice(MAX_REDACTED_CHARS - 65_536, MAX_REDACTED_CHARS).search(/\s[^\s]*$/);
  return space < 0 ? MAX_REDACTED_CHARS - 65_536 : MAX_REDACTED_CHARS - 65_536 + space;
}

/** Counts by kind as `Redacted.found` lists them: sorted by kind. */
export function sortedCounts(counts: ReadonlyMap<SecretKind, number>): RedactionCount[] {
  return [...counts]
    .map(([kind, count]) => ({ kind, count }))
    .sort((a, b) => a.kind.localeCompare(b.kind));
}

function applyRule(text: string, rule: Rule, counts: Map<SecretKind, number>): string {
  const pattern = new RegExp(rule.pattern.source, rule.pattern.flags);
  let out = '';
  let copied = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const replaced = rule.replace(match[0], match.slice(1), text, pattern.lastIndex);
    if (!replaced) {
      // Look again one character on, so a harmless match ("Note: password=x") cannot hide a secret inside it.
      pattern.lastIndex = match.index + 1;
      continue;
    }
    out +=
      text.slice(copied, Math.max(copied, match.index - (replaced.before ?? 0))) + replaced.text;
    copied = replaced.end ?? pattern.lastIndex;
    pattern.lastIndex = copied;
    counts.set(replaced.kind, (counts.get(replaced.kind) ?? 0) + 1);
  }
  return out + text.slice(copied);
}

/**
 * A copy of a JSON-like value (objects, arrays, strings, numbers, booleans, null) with every string
 * redacted, keys kept: for what leaves the product as data (audit lines, messages to the webview).
 */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redact(value).text as T;
  if (Array.isArray(value)) return (value as unknown[]).map((v) => redactDeep(v)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v)])) as T;
  }
  return value;
}

/** "2 aws-access-key-id, 1 password": safe to show, it holds no values. */
export function describeRedactions(found: RedactionCount[]): string {
  return found.map(({ kind, count }) => `${count} ${kind}`).join(', ');
}
