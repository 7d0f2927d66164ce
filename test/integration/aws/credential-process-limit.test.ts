// Issue 8, item 9 (a credential_process that hangs): getting credentials has a time limit (10 s by
// default) and its message names the cause, "credential_process for profile X did not answer in N s",
// never a network error; the command and what it started are killed, so the CLI exits; a batch waits
// once, not once per instance; and nothing printed about the command shows its command-line password.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { confirmBatch, confirmInstance } from '../../../src/aws';
import type { ConfirmationResult } from '../../../src/core/confirmations/confirmation';
import { awsSandbox, FAKE_KEY_ID, FAKE_SECRET, type AwsSandbox } from '../../support/aws-env';
import { runBuiltCli } from '../../support/built-cli';
import { goneSoon } from '../../support/process-state';
import { startEc2Endpoint } from '../../support/ec2-endpoint';
import { localEndpoint } from '../../support/local-endpoint';

const OWNER = '111122223333';
const PASSWORD = 'Hunter2-Very-Secret-Pass';
const CREDENTIALS_JSON = JSON.stringify({
  Version: 1,
  AccessKeyId: FAKE_KEY_ID,
  SecretAccessKey: FAKE_SECRET,
});

describe('credential_process time limit: a command that does not answer is bounded and named', function () {
  this.timeout(60_000);
  const endpoint = localEndpoint(() =>
    startEc2Endpoint({ defaultScenario: { kind: 'attached', ownerId: OWNER } }),
  );
  let sandbox: AwsSandbox;
  let script: (name: string, body: string) => string;
  const pidFile = () => join(sandbox.dir, 'helper.pid');

  beforeEach(() => {
    sandbox = awsSandbox();
    script = (name, body) => {
      const path = join(sandbox.dir, `${name}.sh`);
      writeFileSync(path, `#!/bin/sh\n${body}\n`);
      return `/bin/sh ${path}`;
    };
    // A helper that starts a child (a prompt, a browser wait) and waits for it: the child must die too.
    const waits = (seconds: number, then = '') =>
      script(`wait${seconds}`, `sleep ${seconds} &\necho $! > "${pidFile()}"\nwait\n${then}`);
    sandbox.write({
      config: [
        `[profile hangs]\nregion = us-east-1\ncredential_process = ${waits(600)}`,
        `[profile slow]\nregion = us-east-1\ncredential_process = ${waits(60, `echo '${CREDENTIALS_JSON}'`)}`,
        `[profile works]\nregion = us-east-1\ncredential_process = ${script('works', `echo '${CREDENTIALS_JSON}'`)}`,
        `[profile pw]\nregion = us-east-1\ncredential_process = ${script('fails', `echo "login failed: key ${FAKE_SECRET} refused" >&2\nexit 3`)} --password=${PASSWORD}`,
        // A role whose source profile's command fails: the command is named by its profile, never quoted.
        '[profile pwrole]\nregion = us-east-1\nrole_arn = arn:aws:iam::111122223333:role/Support\nsource_profile = pw',
      ].join('\n\n'),
    });
  });
  afterEach(() => sandbox.restore());

  /** True once the helper's child is gone (it is killed with the command's process group). */
  function helperGone(): Promise<boolean> {
    return goneSoon(Number(readFileSync(pidFile(), 'utf8')));
  }

  it('credential_process time limit: a hung command fails at the limit, naming the profile, and is killed with its children', async () => {
    const calls = endpoint().calls.length;
    const started = Date.now();
    const r = await confirmInstance(
      { instanceId: 'i-0000000000000c9a1', productCode: 'abc123' },
      { profile: 'hangs', endpointUrl: endpoint().url, credentialsTimeoutMs: 500 },
    );
    assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
    assert.equal(r.error?.kind, 'credentials', JSON.stringify(r));
    assert.match(
      r.error.message,
      /^credential_process for profile "hangs" did not answer in 0\.5 s: run it yourself/,
    );
    assert.equal(endpoint().calls.length, calls, 'a call was sent without credentials');
    assert.ok(await helperGone(), "the command's child still runs");
  });

  it('credential_process time limit: the CLI says a slow command (60 s) did not answer in 10 s, not a network error, and exits', async () => {
    const started = Date.now();
    const run = await runBuiltCli(
      [
        'confirm',
        '--instance-id',
        'i-0000000000000c9a2',
        '--product-code',
        'abc123',
        '--profile',
        'slow',
        '--endpoint-url',
        endpoint().url,
        '--json',
      ],
      {
        env: {
          ...process.env,
          ...sandbox.env,
          SUPPORT_DESK_AUDIT: join(sandbox.dir, 'audit.jsonl'),
        },
      },
    );
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 9_500 && elapsed < 20_000, `the CLI answered after ${elapsed} ms`);
    assert.equal(run.code, 1, run.stderr);
    const r = JSON.parse(run.stdout) as ConfirmationResult;
    assert.equal(r.error?.kind, 'credentials');
    assert.match(r.error.message, /^credential_process for profile "slow" did not answer in 10 s/);
    assert.ok(await helperGone(), "the command's child still runs");
  });

  it('credential_process time limit: a batch waits once for a hung command, not once per instance', async () => {
    const items = Array.from({ length: 6 }, (_, i) => ({
      instanceId: `i-0000000000000c9b${i}`,
      productCode: 'abc123',
    }));
    const started = Date.now();
    const results = await confirmBatch(items, {
      profile: 'hangs',
      endpointUrl: endpoint().url,
      credentialsTimeoutMs: 500,
      concurrency: 2,
    });
    assert.ok(Date.now() - started < 2500, `took ${Date.now() - started} ms`);
    assert.deepEqual(
      results.map((r) => r.error?.kind),
      Array(6).fill('credentials'),
    );
  });

  it('credential_process time limit: a command that answers in time still gives its credentials', async () => {
    const r = await confirmInstance(
      { instanceId: 'i-0000000000000c9a3', productCode: 'abc123' },
      { profile: 'works', endpointUrl: endpoint().url },
    );
    assert.deepEqual([r.verdict, r.ownerId], ['confirmed', OWNER], JSON.stringify(r));
  });

  it('credential_process output is redacted: a failing command shows neither its command-line password nor a key it printed', async () => {
    const env = {
      ...process.env,
      ...sandbox.env,
      SUPPORT_DESK_AUDIT: join(sandbox.dir, 'audit.jsonl'),
    };
    const args = (profile: string) => [
      'confirm',
      '--instance-id',
      'i-0000000000000c9a4',
      '--product-code',
      'abc123',
      '--profile',
      profile,
      '--endpoint-url',
      endpoint().url,
    ];
    const [text, json, viaRole] = [
      await runBuiltCli(args('pw'), { env }),
      await runBuiltCli([...args('pw'), '--json'], { env }),
      await runBuiltCli([...args('pwrole'), '--json'], { env }),
    ];
    assert.match(
      text.stderr,
      /the credential_process of profile "pw" failed \(it exited with code 3: login failed: .*\): run that command yourself/,
    );
    assert.match(
      (JSON.parse(viaRole.stdout) as ConfirmationResult).error!.message,
      /^the credential_process of profile "pw" \(the source_profile of profile "pwrole"\) failed \(it exited with code 3: login failed: .*\): run that command yourself/,
    );
    for (const output of [
      text.stdout,
      text.stderr,
      json.stdout,
      json.stderr,
      viaRole.stdout,
      viaRole.stderr,
      readFileSync(join(sandbox.dir, 'audit.jsonl'), 'utf8'),
    ]) {
      assert.ok(!output.includes(PASSWORD), `the command-line password was shown: ${output}`);
      assert.ok(!output.includes(FAKE_SECRET), `a key the command printed was shown: ${output}`);
    }
  });
});
