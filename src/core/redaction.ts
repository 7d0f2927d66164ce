// Redacts secrets from what engineers paste into a case (API request bodies, logs, HTTP headers and
// HAR exports, presigned URLs, config snippets, shell history) and from everything the product prints:
// the CLI's output boundary and the extension's log go through here. Only kinds and counts are
// reported, never the values.
//
// Rules run in order; later rules skip what earlier ones already replaced. When in doubt a value is
// redacted: a case with one value too few is fine, a case with a live key in it is not.
import { walkBrackets } from './json-nesting';

export type SecretKind =
  | 'private-key'
  | 'authorization'
  | 'aws-session-token'
  | 'aws-secret-access-key'
  | 'aws-access-key-id'
  | 'signature'
  | 'cookie'
  | 'password'
  | 'api-key'
  | 'token'
  | 'secret'
  | 'bearer-token'
  | 'jwt'
  | 'url-password'
  | 'contract-token';

export interface RedactionCount {
  kind: SecretKind;
  count: number;
}

export interface Redacted {
  text: string;
  /** What was removed, by kind, sorted by kind; empty when nothing was. */
  found: RedactionCount[];
}

const marker = (kind: SecretKind) => `[REDACTED:${kind}]`;
const ALREADY = '[REDACTED:';

// Keys whose value is a secret, matched on the lower-cased key with separators removed
// ("X-Amz-Security-Token", "aws_session_token" and "sessionToken" all become ...token).
const KEY_KINDS: [RegExp, SecretKind][] = [
  [/sessiontoken|securitytoken/, 'aws-session-token'],
  [/secretaccesskey|awssecret/, 'aws-secret-access-key'],
  [/accesskeyid/, 'aws-access-key-id'],
  [/privatekey/, 'private-key'],
  [/password|passwd|passphrase|^pwd$/, 'password'],
  [/apikey/, 'api-key'],
  [/signature|^sig$/, 'signature'],
  [/cookie/, 'cookie'],
  [/authorization|^auth$/, 'authorization'],
  [/token/, 'token'],
  [/secret/, 'secret'],
];
// Keys that name something about a secret rather than the secret itself ("tokenType", "secretName",
// "passwordFile", "--password-stdin").
const NOT_SECRET_SUFFIX = /(?:type|url|uri|endpoint|expiry|expires(?:in|at)?|expiration|ttl|count|length|name|policy|required|enabled|file|path|stdin)$/;
// Short password words count only as a key's last word: DB_PASS, dbPwd, pass; not "bypass" or "compass".
const PASSWORD_LAST_WORD = /(?:(?:^|[^A-Za-z])(?:[Pp]ass|PASS|[Pp]wd|PWD)|[a-z](?:Pass|PASS|Pwd|PWD))$/;

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

interface Rule {
  pattern: RegExp;
  /**
   * Gets the capture groups in order (undefined for one that took no part in the match) and returns
   * the replacement and its kind, or undefined to keep the match as it is.
   */
  replace(match: string, groups: string[]): { text: string; kind: SecretKind } | undefined;
  /**
   * For a value no regular expression can delimit (a JSON array or object): gets the text and where
   * the match ends, returns where the value ends. The replacement then stands for all of it.
   */
  valueEnd?(text: string, from: number): number;
}

/** The value part of `prefix + value + suffix`, replaced when `kind` is known and not yet redacted. */
function keepAround(prefix: string, value: string, suffix: string, kind: SecretKind | undefined) {
  if (!kind || value === '' || value.startsWith(ALREADY)) return undefined;
  return { text: `${prefix}${marker(kind)}${suffix}`, kind };
}

const whole = (kind: SecretKind) => ({ text: marker(kind), kind });

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
const containerEnd = (text: string, from: number) => walkBrackets(text, from, (depth) => depth === 0, `"'`);

const RULES: Rule[] = [
  {
    // PEM and PGP armored blocks, real newlines or \n escapes inside a JSON string; a truncated paste
    // (no END) too, with its armor headers ("Version: GnuPG", "Proc-Type: 4,ENCRYPTED").
    pattern: /-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?)-----(?:[\s\S]*?-----END \1-----|(?:\s*[A-Za-z][\w-]*: [^\r\n]*)*[A-Za-z0-9+/=\s\\n]*)/g,
    replace: () => whole('private-key'),
  },
  {
    // PuTTY key files (.ppk, versions 2 and 3): every header and base64 line up to Private-MAC.
    pattern: /PuTTY-User-Key-File-\d+:[^\r\n]*(?:\r?\n(?!Private-MAC:)(?:[A-Za-z][\w-]*:[^\r\n]*|[A-Za-z0-9+/=]+))*(?:\r?\nPrivate-MAC:[^\r\n]*)?/g,
    replace: () => whole('private-key'),
  },
  {
    // A secret key wrapped by a terminal or an e-mail: two base64 pieces across one line break that
    // make 40 random-looking characters. Before the key=value rules, which would see only the first piece.
    pattern: /(?<![A-Za-z0-9+=])([A-Za-z0-9+/]{1,39})(\r?\n)[ \t]*([A-Za-z0-9+/]{1,39})(?![A-Za-z0-9+/=])/g,
    replace: (_m, [head, lineBreak, tail]) =>
      looksLikeSecretKey(head + tail) ? { text: `${marker('aws-secret-access-key')}${lineBreak}`, kind: 'aws-secret-access-key' } : undefined,
  },
  {
    // Header lines ("Authorization: AWS4-HMAC-SHA256 ..."), also inside curl -H '...'.
    pattern:
      /(?<![\w-])(Authorization|Proxy-Authorization|X-Amz-Security-Token|X-Amz-Signature|Cookie|Set-Cookie|X-Api-Key|X-Auth-Token)([ \t]*:[ \t]*)([^\r\n'"]+)/gi,
    replace: (_m, [name, colon, value]) => keepAround(`${name}${colon}`, value, '', HEADER_KINDS[name.toLowerCase()]),
  },
  {
    // XML elements named for a secret, namespaced or with attributes: STS's <SessionToken>,
    // <SecretAccessKey>; <Password>, <ClientSecret>, <wsse:Password Type="...">; CDATA too.
    pattern: /<((?:[\w.-]+:)?([\w.-]+))(\s[^<>]*)?>(<!\[CDATA\[[\s\S]*?\]\]>|[^<]*)<\/\1>/g,
    replace: (_m, [name, localName, attributes, value]) => keepAround(`<${name}${attributes ?? ''}>`, value, `</${name}>`, secretKindOfKey(localName)),
  },
  {
    // A secret named by one field and held by the next: HAR headers, cookies and form fields
    // ({"name": "Authorization", "value": "..."}), ECS environment, tags ({"Key": ..., "Value": ...}),
    // CloudFormation parameters, and <add key="DbPassword" value="..."/> in .NET config.
    pattern:
      /(?<![\w-])(["']?)(?:name|key|parameterkey)\1\s*[:=]\s*(["'])([^"'\r\n]+)\2\s*,?\s*(["']?)(?:value|parametervalue)\4\s*[:=]\s*(?:"((?:\\.|[^"\\\r\n])*)"|'((?:\\.|[^'\\\r\n])*)')/gi,
    replace: (match, [, , name, , double, single]) => {
      const value = double ?? single;
      return keepAround(match.slice(0, match.length - value.length - 1), value, match.slice(-1), secretKindOfKey(name));
    },
  },
  {
    // JSON or JS-style object entries with a quoted key and a string or number value, at any depth.
    pattern: /(["'])([\w.-]+)\1(\s*:\s*)(?:"((?:\\.|[^"\\\r\n])*)"|'((?:\\.|[^'\\\r\n])*)'|(\d{3,}))/g,
    replace: (_m, [quote, key, colon, double, single, number]) => {
      // A number becomes a string so that the redacted body is still valid JSON.
      const around = single !== undefined ? "'" : '"';
      return keepAround(`${quote}${key}${quote}${colon}${around}`, double ?? single ?? number, around, secretKindOfKey(key));
    },
  },
  {
    // A secret key holding an array or an object ({"password": ["a", "b"]}, "cookies": [...] in a HAR):
    // all of it becomes one string, so the body stays valid JSON.
    pattern: /(["'])([\w.-]+)\1(\s*:\s*)(?=[[{])/g,
    replace: (match, [, key]) => {
      const kind = secretKindOfKey(key);
      return kind && { text: `${match}"${marker(kind)}"`, kind };
    },
    valueEnd: containerEnd,
  },
  {
    // The same, escaped inside a JSON string: "{\"password\":\"hunter2\"}".
    pattern: /\\"([\w.-]+)\\"(\s*:\s*)\\"((?:(?!\\").)*)\\"/g,
    replace: (_m, [key, colon, value]) => keepAround(`\\"${key}\\"${colon}\\"`, value, '\\"', secretKindOfKey(key)),
  },
  {
    // A password glued to -p: mysql, mysqldump, mariadb (-pSECRET; -p alone prompts); sshpass -p SECRET.
    pattern: /\b((?:mysql\w*|mariadb[\w-]*)\b[^\r\n|;&]*?[ \t]-p|sshpass[ \t]+-p[ \t]*)("[^"\r\n]*"|'[^'\r\n]*'|[^\s"'-][^\s"']*)/g,
    replace: (_m, [prefix, value]) => keepAround(prefix, value, '', 'password'),
  },
  {
    // Command-line flags named for a secret: --password=..., --password ..., -token ..., --client-secret "...".
    // After the -p rule; a one-dash flag is a lower-case word, not "-pSecret42" (a value glued to -p).
    pattern: /(?<![\w-])(--([A-Za-z][\w-]*)(?:=|[ \t]+)|-([a-z][a-z-]*)(?:=|[ \t]+))(?:"([^"\r\n]*)"|'([^'\r\n]*)'|(?!-)([^\s"']+))/g,
    replace: (_m, [flag, longName, shortName, double, single, bare]) => {
      const around = double !== undefined ? '"' : single !== undefined ? "'" : '';
      return keepAround(`${flag}${around}`, double ?? single ?? bare, around, secretKindOfKey(longName ?? shortName));
    },
  },
  {
    // key=value and key: value outside JSON: query strings, form bodies, .ini/.env/YAML, log fields.
    // "Ubuntu Pro token: phone support; ..." is prose: a lower-case word after a colon, and more words.
    pattern: /(?<![\w.-])([A-Za-z_][\w.-]*)([ \t]*[=:][ \t]*)(?:"([^"\r\n]*)"|'([^'\r\n]*)'|([^\s&"'<>;,]+))(?=([ \t]+[a-z])?)/g,
    replace: (_m, [key, sep, double, single, bare, moreWords]) => {
      if (moreWords !== undefined && !sep.includes('=') && /^[a-z]+$/.test(bare ?? '')) return undefined;
      const around = double !== undefined ? '"' : single !== undefined ? "'" : '';
      return keepAround(`${key}${sep}${around}`, double ?? single ?? bare, around, secretKindOfKey(key));
    },
  },
  {
    // Bearer tokens in free text; short words ("a bearer token") are not tokens.
    pattern: /\b(Bearer\s+)([A-Za-z0-9\-._~+/]{16,}=*)/gi,
    replace: (_m, [prefix, value]) => keepAround(prefix, value, '', 'bearer-token'),
  },
  {
    pattern: /\beyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]*/g,
    replace: () => whole('jwt'),
  },
  {
    // Session tokens, glued to anything: whatever their first three bytes, the next six say "origin"
    // or "er/aws" ("IQoJb3JpZ2lu...", "IgoJb3JpZ2lu...", "FwoGZXIvYXdz..."); older ones open "\x01\n\x03aws".
    pattern: /(?:[A-Za-z0-9+/]{4}(?:b3JpZ2lu|ZXIvYXdz)|AQoDYXdz)[A-Za-z0-9+/=%]{20,}/g,
    replace: () => whole('aws-session-token'),
  },
  {
    pattern: /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])/g,
    replace: () => whole('aws-access-key-id'),
  },
  {
    // Ubuntu Pro contract tokens (base58, about 24-30 characters) after `pro attach` (flags may come
    // first) or the word "token": "pro attach C1abc...", "token C1abc... failed".
    pattern: /\b((?:(?:pro|ua|ubuntu-advantage)[ \t]+attach|token)[ \t]+(?:--?[\w-]+(?:=\S*)?[ \t]+)*)(["']?)([A-Za-z0-9]{16,40})\2(?![\w-])/gi,
    replace: (_m, [prefix, quote, token]) => (looksRandom(token) ? keepAround(`${prefix}${quote}`, token, quote, 'contract-token') : undefined),
  },
  {
    // An unlabelled 40-character base64 word that reads as random: a secret access key, also after a
    // `/` ("AKIA.../wJalr..."). Hex digests (lower case only) and names do not qualify.
    pattern: /(?<![A-Za-z0-9+=])[A-Za-z0-9+/]{40}(?![A-Za-z0-9+/=])/g,
    replace: (match) => (looksLikeSecretKey(match) ? whole('aws-secret-access-key') : undefined),
  },
  {
    // The password of scheme://user:password@host; the user name may hold an @ (an e-mail address).
    // Quotes and angle brackets end a URL, so one inside JSON or HTML cannot run into the next.
    pattern: /\b([a-z][a-z0-9+.-]*:\/\/[^\s/:"'<>]+:)([^\s/"'<>]+)(@)(?=[^\s/@"'<>]+)/gi,
    replace: (_m, [prefix, password, at]) => keepAround(prefix, password, at, 'url-password'),
  },
];

/** Replaces every secret found with `[REDACTED:kind]` and counts them by kind. */
export function redact(text: string): Redacted {
  const counts = new Map<SecretKind, number>();
  const result = RULES.reduce((current, rule) => applyRule(current, rule, counts), text);
  return { text: result, found: sortedCounts(counts) };
}

/** Counts by kind as `Redacted.found` lists them: sorted by kind. */
export function sortedCounts(counts: ReadonlyMap<SecretKind, number>): RedactionCount[] {
  return [...counts].map(([kind, count]) => ({ kind, count })).sort((a, b) => a.kind.localeCompare(b.kind));
}

function applyRule(text: string, rule: Rule, counts: Map<SecretKind, number>): string {
  const pattern = new RegExp(rule.pattern.source, rule.pattern.flags);
  let out = '';
  let copied = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const replaced = rule.replace(match[0], match.slice(1));
    if (!replaced) {
      // Look again one character on, so a harmless match ("Note: password=x") cannot hide a secret inside it.
      pattern.lastIndex = match.index + 1;
      continue;
    }
    out += text.slice(copied, match.index) + replaced.text;
    copied = rule.valueEnd ? rule.valueEnd(text, pattern.lastIndex) : pattern.lastIndex;
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
