// Redacts secrets from what engineers paste into a case: API request bodies, logs, HTTP headers,
// presigned URLs, config snippets. Only kinds and counts are reported, never the values.
//
// Rules run in order; later rules skip what earlier ones already replaced. When in doubt a value is
// redacted: a case with one value too few is fine, a case with a live key in it is not.

export type SecretKind =
  | 'private-key' | 'authorization' | 'aws-session-token' | 'aws-secret-access-key' | 'aws-access-key-id'
  | 'signature' | 'cookie' | 'password' | 'api-key' | 'token' | 'secret' | 'bearer-token' | 'jwt' | 'url-password';

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
// Keys that name something about a secret rather than the secret itself ("tokenType", "secretName").
const NOT_SECRET_SUFFIX = /(?:type|url|uri|endpoint|expiry|expires(?:in|at)?|expiration|ttl|count|length|name|policy|required|enabled)$/;

/** The kind of secret a key holds, or undefined when its value is not a secret. */
export function secretKindOfKey(key: string): SecretKind | undefined {
  const normalized = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (NOT_SECRET_SUFFIX.test(normalized)) return undefined;
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
}

/** The value part of `prefix + value + suffix`, replaced when `kind` is known and not yet redacted. */
function keepAround(prefix: string, value: string, suffix: string, kind: SecretKind | undefined) {
  if (!kind || value === '' || value.startsWith(ALREADY)) return undefined;
  return { text: `${prefix}${marker(kind)}${suffix}`, kind };
}

const RULES: Rule[] = [
  {
    // PEM blocks, real newlines or \n escapes inside a JSON string; a truncated paste (no END) too.
    pattern: /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY-----(?:[\s\S]*?-----END \1PRIVATE KEY-----|[A-Za-z0-9+/=\s\\n]*)/g,
    replace: () => ({ text: marker('private-key'), kind: 'private-key' }),
  },
  {
    // Header lines ("Authorization: AWS4-HMAC-SHA256 ..."), also inside curl -H '...'.
    pattern: /(?<![\w-])(Authorization|Proxy-Authorization|X-Amz-Security-Token|X-Amz-Signature|Cookie|Set-Cookie|X-Api-Key|X-Auth-Token)([ \t]*:[ \t]*)([^\r\n'"]+)/gi,
    replace: (_m, [name, colon, value]) => keepAround(`${name}${colon}`, value, '', HEADER_KINDS[name.toLowerCase()]),
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
    // The same, escaped inside a JSON string: "{\"password\":\"hunter2\"}".
    pattern: /\\"([\w.-]+)\\"(\s*:\s*)\\"((?:(?!\\").)*)\\"/g,
    replace: (_m, [key, colon, value]) => keepAround(`\\"${key}\\"${colon}\\"`, value, '\\"', secretKindOfKey(key)),
  },
  {
    // key=value and key: value outside JSON: query strings, form bodies, .ini/.env/YAML, log fields.
    pattern: /(?<![\w.-])([A-Za-z_][\w.-]*)([ \t]*[=:][ \t]*)(?:"([^"\r\n]*)"|'([^'\r\n]*)'|([^\s&"'<>;,]+))/g,
    replace: (_m, [key, sep, double, single, bare]) => {
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
    replace: () => ({ text: marker('jwt'), kind: 'jwt' }),
  },
  {
    // Session tokens start with a few fixed base64 prefixes ("\x01\x0a\x09origin_ec...", "...er/aws").
    pattern: /(?<![A-Za-z0-9+/=%])(?:IQoJb3JpZ2lu|FwoGZXIvYXdz|FQoGZXIvYXdz)[A-Za-z0-9+/=%]{40,}/g,
    replace: () => ({ text: marker('aws-session-token'), kind: 'aws-session-token' }),
  },
  {
    pattern: /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])/g,
    replace: () => ({ text: marker('aws-access-key-id'), kind: 'aws-access-key-id' }),
  },
  {
    // An unlabelled 40-character base64 word with upper, lower case and digits is what a secret
    // access key looks like; hex digests (lower case only) and words do not qualify.
    pattern: /(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{40}(?![A-Za-z0-9+/=])/g,
    replace: (match) => (/[A-Z]/.test(match) && /[a-z]/.test(match) && /\d/.test(match)
      ? { text: marker('aws-secret-access-key'), kind: 'aws-secret-access-key' }
      : undefined),
  },
  {
    pattern: /\b([a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:)([^\s/@]+)(@)/gi,
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
    copied = match.index + match[0].length;
    counts.set(replaced.kind, (counts.get(replaced.kind) ?? 0) + 1);
  }
  return out + text.slice(copied);
}

/** "2 aws-access-key-id, 1 password": safe to show, it holds no values. */
export function describeRedactions(found: RedactionCount[]): string {
  return found.map(({ kind, count }) => `${count} ${kind}`).join(', ');
}
