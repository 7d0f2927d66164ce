// Inputs for the redaction tests and benchmark, made at run time: fake secrets of the shapes the
// secret scanners know (built here, so no secret-shaped literal sits in the repository), inputs that
// made the old rules backtrack, and a realistic support log of any size.

/** A deterministic pseudo-random generator (mulberry32): the same seed gives the same text. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `length` characters drawn from `alphabet` (letters and digits by default), the same for the same seed. */
export function fakeChars(length: number, seed: number, alphabet = ALNUM): string {
  const next = seeded(seed);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
  return out;
}

/**
 * Inputs that took the old rules super-linear time, by name: each gives a text of about `size`
 * characters. "flags" is the one that was exponential (`token --x --x ... !`).
 */
export const ADVERSARIAL: Record<string, (size: number) => string> = {
  flags: (size) => `token ${'--x '.repeat(Math.floor(size / 4))}!`,
  'dotted words': (size) => 'a.'.repeat(size / 2),
  'mysql words': (size) => 'mysql '.repeat(Math.floor(size / 6)),
  'colon pairs': (size) => 'a:'.repeat(size / 2),
  'equals pairs': (size) => 'password=a&'.repeat(Math.floor(size / 11)),
  'unterminated PEM': (size) => '-----BEGIN RSA PRIVATE KEY-----\n'.repeat(Math.floor(size / 32)),
  'unterminated CDATA': (size) => '<password><![CDATA[x'.repeat(Math.floor(size / 20)),
  'open XML elements': (size) => '<a b="c">x'.repeat(Math.floor(size / 10)),
  'JSON name pairs': (size) => '{"name": "password", "value": "x'.repeat(Math.floor(size / 32)),
  'quoted keys': (size) => `"a": "${"'b': '".repeat(Math.floor(size / 6))}`,
  'escaped JSON': (size) => '\\"password\\":\\"x'.repeat(Math.floor(size / 17)),
  'JWT pieces': (size) => 'eyJabcdef-'.repeat(size / 10),
  'URL schemes': (size) => 'a.b://c:'.repeat(size / 8),
  'URL users': (size) => `https://${'u:p'.repeat(Math.floor(size / 3))}`,
  'curl words': (size) => 'curl -x '.repeat(size / 8),
  'base64 run': (size) => fakeChars(size, 7, `${ALNUM}+/`),
  'slashed words': (size) => 'aB3/'.repeat(size / 4),
  'Pro attach lists': (size) => "['ua', 'attach', ".repeat(Math.floor(size / 17)),
  'PuTTY headers': (size) => 'PuTTY-User-Key-File-2: x\n'.repeat(Math.floor(size / 25)),
  spaces: (size) => `password ${' '.repeat(size)}`,
  'line breaks': (size) => `key\n${'a\n'.repeat(size / 2)}`,
};

/**
 * A support log of about `size` characters, as engineers paste them: cloud-init and agent lines,
 * HTTP exchanges with signed headers, JSON bodies, and now and then a secret (one line in 50).
 */
export function realisticLog(size: number, seed = 1): string {
  const next = seeded(seed);
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)];
  const lines: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const time = `2026-11-20 10:${String(i % 60).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')},${String(i % 1000).padStart(3, '0')}`;
    const id = fakeChars(17, i, '0123456789abcdef');
    const line =
      i % 50 === 49
        ? pick([
            `${time} DEBUG [env] export DB_PASSWORD=${fakeChars(16, i)}`,
            `${time} DEBUG [http] Authorization: Bearer ${fakeChars(40, i)}`,
            `${time} INFO  [git] cloning https://ghp_${fakeChars(36, i)}@github.com/acme/app.git`,
          ])
        : pick([
            `${time} INFO  [cloud-init] Running module package-update-upgrade-install (<module 'cloudinit.config.cc_package_update_upgrade_install'>) with frequency once-per-instance`,
            `${time} INFO  [agent] instance i-${id} ami-0abcdef1234567890 account 111122223333 region us-east-1`,
            `${time} DEBUG [http] POST https://ec2.us-east-1.amazonaws.com/ HTTP/1.1 200 (412 ms) x-amzn-RequestId: 0c4b6a6e-1a5e-4f3c-9d61-8a1f2b3c4d5e`,
            `${time} DEBUG [http] {"ProductCode": "4w1vgsrkqdkypbz43g7qkk4uz", "InstanceId": "i-${id}", "OwnerId": "111122223333", "tokenType": "Bearer"}`,
            `${time} WARN  [apt] W: Failed to fetch http://archive.ubuntu.com/ubuntu/dists/jammy/InRelease  Could not resolve 'archive.ubuntu.com'`,
            `${time} INFO  [pro] Attaching the machine: enabling esm-infra, esm-apps and livepatch (status: enabled, entitled: yes)`,
            `${time} ERROR [deploy] step 3/7 failed: exit status 1 after 12.5s; see /var/log/cloud-init-output.log`,
          ]);
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join('\n');
}
