import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { listProfiles, sharedFilePaths } from '../../../src/aws/profiles';
import { awsSandbox } from '../../support/aws-env';

const FIXTURES = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'aws');

/** botocore's list for the same files: AWS's own reference for which sections are profiles. */
function botocoreProfiles(env: NodeJS.ProcessEnv): string[] {
  const script =
    'import json, botocore.session as s; print(json.dumps(s.Session().available_profiles))';
  return JSON.parse(
    execFileSync('python3', ['-c', script], { env: { ...process.env, ...env }, encoding: 'utf8' }),
  ) as string[];
}

describe('aws profiles', () => {
  let sandbox: ReturnType<typeof awsSandbox>;
  beforeEach(() => {
    sandbox = awsSandbox();
  });
  afterEach(() => sandbox.restore());

  for (const pair of readdirSync(FIXTURES)) {
    it(`lists the same profiles as botocore for the fixture pair "${pair}"`, async () => {
      const env = {
        AWS_CONFIG_FILE: join(FIXTURES, pair, 'config'),
        AWS_SHARED_CREDENTIALS_FILE: join(FIXTURES, pair, 'credentials'),
      };
      Object.assign(process.env, env);
      const ours = (await listProfiles()).map((p) => p.name).sort();
      assert.deepEqual(ours, botocoreProfiles({ ...sandbox.env, ...env }).sort());
      assert.ok(ours.length > 0);
    });
  }

  it('gives each profile its kind and region, credentials-file values over config-file ones', async () => {
    const paths = {
      configFile: join(FIXTURES, 'tricky', 'config'),
      credentialsFile: join(FIXTURES, 'tricky', 'credentials'),
    };
    const byName = new Map((await listProfiles(paths)).map((p) => [p.name, p]));
    assert.deepEqual(byName.get('a'), { name: 'a', region: 'us-west-2', kind: 'static' });
    assert.deepEqual(byName.get('role'), {
      name: 'role',
      region: 'us-east-1',
      kind: 'assume-role',
    });
    assert.deepEqual(byName.get('proc'), { name: 'proc', kind: 'credential-process' });
    assert.deepEqual(byName.get('sso-user'), { name: 'sso-user', kind: 'sso' });
    assert.deepEqual(byName.get('default'), {
      name: 'default',
      region: 'us-east-2',
      kind: 'static',
    });
    assert.deepEqual(byName.get('with space'), {
      name: 'with space',
      region: 'eu-central-1',
      kind: 'other',
    });
    assert.equal(byName.get('profile c')?.kind, 'static');
  });

  it('strips inline comments from values the way the SDK reads them', async () => {
    const paths = {
      configFile: join(FIXTURES, 'comments', 'config'),
      credentialsFile: join(FIXTURES, 'comments', 'credentials'),
    };
    const z = (await listProfiles(paths)).find((p) => p.name === 'z');
    assert.deepEqual(z, { name: 'z', region: 'us-west-2', kind: 'static' });
  });

  it('honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, else ~/.aws under HOME', () => {
    process.env.AWS_CONFIG_FILE = '/somewhere/cfg';
    delete process.env.AWS_SHARED_CREDENTIALS_FILE;
    assert.deepEqual(sharedFilePaths(), {
      configFile: '/somewhere/cfg',
      credentialsFile: join(sandbox.home, '.aws', 'credentials'),
    });
  });

  it('lists nothing, without failing, when neither file exists', async () => {
    assert.deepEqual(
      await listProfiles({
        configFile: join(sandbox.dir, 'none'),
        credentialsFile: join(sandbox.dir, 'none2'),
      }),
      [],
    );
  });
});
