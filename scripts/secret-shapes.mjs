// Keeps src/core/redaction/secret-shapes.ts current with secretlint's recommended preset: runs the installed
// `@secretlint/secretlint-rule-preset-recommend` (a dependency of @vscode/vsce) and our redaction over
// the same samples, one or more for each of the preset's rules, and lists
// - a preset rule this script has no sample for (a rule added upstream: port it, then add a sample),
// - a sample the preset no longer reports (its shape changed upstream: look at the rule again),
// - a sample our redaction leaves (a shape to port into src/core/redaction/secret-shapes.ts).
//   npm run compile-tests && node scripts/secret-shapes.mjs     (exit 1 when any is listed)
import { generateKeyPairSync } from 'node:crypto';
import { createRequire } from 'node:module';
import { extname, join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const require = createRequire(join(ROOT, 'package.json'));
const { redact } = require(join(ROOT, 'out', 'src', 'core', 'redaction'));
const { fakeChars } = require(join(ROOT, 'out', 'test', 'support', 'redaction-inputs.js'));
const presetPath = require.resolve('@secretlint/secretlint-rule-preset-recommend', {
  paths: [require.resolve('@vscode/vsce')],
});
const preset = await import(presetPath);
const { lintSource } = await import(require.resolve('@secretlint/core', { paths: [presetPath] }));
const presetVersion = require(join(presetPath, '..', '..', 'package.json')).version;

// Built at run time, like the tests' samples: no secret-shaped literal in the repository. A real RSA
// key, since the gcp rule parses the one in a service-account file.
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
/** A 1Password service-account token: base64 of a JSON object (padded to end in "fQ", as the rule wants). */
function opsToken() {
  let json = JSON.stringify({
    email: `${fakeChars(12, 10).toLowerCase()}@1passwordserviceaccounts.com`,
    secretKey: `A3-${fakeChars(30, 13)}`,
    srpX: fakeChars(64, 11, '0123456789abcdef'),
  });
  while (json.length % 3 !== 1) json = `${json.slice(0, -1)} }`;
  return `ops_${Buffer.from(json).toString('base64')}`;
}

/**
 * Samples by the preset's rule id, each {content, file?, options?} (file: the name a rule looks at);
 * `null`: the rule is left out on purpose.
 */
const SAMPLES = {
  '@secretlint/secretlint-rule-aws': [
    { content: `AWS_SECRET_ACCESS_KEY="${fakeChars(40, 1, B64)}"` },
    {
      content: `AKIA${fakeChars(16, 2, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
      options: { enableIDScanRule: true },
    },
  ],
  '@secretlint/secretlint-rule-gcp': [
    {
      content: JSON.stringify({
        type: 'service_account',
        private_key_id: fakeChars(40, 3, '0123456789abcdef'),
        private_key: privateKey,
      }),
      file: 'key.json',
    },
  ],
  '@secretlint/secretlint-rule-privatekey': [{ content: privateKey }],
  '@secretlint/secretlint-rule-npm': [
    { content: `npm_${fakeChars(36, 5)}` },
    {
      content: `//registry.npmjs.org/:_authToken=${fakeChars(36, 6).toLowerCase()}`,
      file: '.npmrc',
    },
  ],
  '@secretlint/secretlint-rule-basicauth': [
    { content: `https://deploy:${fakeChars(16, 7)}@example.com/` },
  ],
  '@secretlint/secretlint-rule-slack': [
    { content: `xoxb-123456789012-1234567890123-${fakeChars(24, 8)}` },
    {
      content: `https://hooks.slack.com/services/T0${fakeChars(8, 17)}/B0${fakeChars(8, 18)}/${fakeChars(24, 19)}`,
    },
  ],
  '@secretlint/secretlint-rule-sendgrid': [
    { content: `SG.${fakeChars(22, 20)}.${fakeChars(43, 21)}` },
  ],
  '@secretlint/secretlint-rule-shopify': [
    { content: `shpat_${fakeChars(32, 22, '0123456789abcdef')}` },
  ],
  '@secretlint/secretlint-rule-github': [
    { content: `ghp_${fakeChars(36, 23)}` },
    { content: `github_pat_${fakeChars(82, 24)}` },
  ],
  '@secretlint/secretlint-rule-openai': [
    { content: `sk-proj-${fakeChars(74, 25)}T3BlbkFJ${fakeChars(74, 26)}` },
  ],
  '@secretlint/secretlint-rule-linear': [{ content: `lin_api_${fakeChars(40, 27)}` }],
  '@secretlint/secretlint-rule-1password': [{ content: opsToken() }],
  '@secretlint/secretlint-rule-filter-comments': null, // not a shape: secretlint's own disable comments
};

const problems = [];
const presetIds = preset.rules.map((rule) => rule.meta.id);
for (const id of presetIds)
  if (!(id in SAMPLES))
    problems.push(
      `${id}: a rule of the preset with no sample here (added upstream?): port it to src/core/redaction/secret-shapes.ts`,
    );
for (const [id, samples] of Object.entries(SAMPLES)) {
  if (samples === null) continue;
  const rule = preset.rules.find((r) => r.meta.id === id);
  if (!rule) {
    problems.push(`${id}: no longer in the preset`);
    continue;
  }
  for (const { content, file = 'sample.txt', options } of samples) {
    const result = await lintSource({
      source: { content, filePath: join(ROOT, file), ext: extname(file), contentType: 'text' },
      options: { config: { rules: [{ id, rule, options }] } },
    });
    const shown = `${content.slice(0, 24)}...`;
    if (result.messages.length === 0)
      problems.push(`${id}: no longer reports ${shown}: look at the rule again`);
    // Redaction keeps what is no secret (a JSON key, a user name), so the test is the secret's middle.
    const middle = content.slice(
      Math.floor(content.length / 2) - 4,
      Math.floor(content.length / 2) + 4,
    );
    if (redact(content).text.includes(middle))
      problems.push(
        `${id}: our redaction leaves ${shown}: port the rule to src/core/redaction/secret-shapes.ts`,
      );
  }
}
console.log(
  `secretlint-rule-preset-recommend ${presetVersion}: ${presetIds.length} rules, ${Object.values(SAMPLES).flat().filter(Boolean).length} samples`,
);
for (const problem of problems) console.log(`  ${problem}`);
console.log(
  problems.length === 0
    ? 'the preset and our redaction agree on every sample'
    : `${problems.length} to look at`,
);
process.exitCode = problems.length === 0 ? 0 : 1;
