// `support-desk profiles`: the AWS profiles the support desk can use, as the AWS CLI lists them.
import { loadAws } from '../aws/lazy';
import { defineCommand, SHARED_OPTIONS } from './command-definition';

export const profiles = defineCommand({
  name: 'profiles',
  summary: 'the AWS profiles it can use, with their region and kind',
  usage: ['profiles [--json]'],
  description: `Lists the profiles of the AWS config and credentials files (AWS_CONFIG_FILE and
AWS_SHARED_CREDENTIALS_FILE are honoured) with their region and kind:
static, sso, assume-role, credential-process or other.`,
  options: { json: SHARED_OPTIONS.json },
  exitCodes: '0 listed (none is an answer too); 2 a usage error.',
  run: async ({ values }, io) => {
    const list = await (await loadAws()).listProfiles();
    if (values.json) {
      io.out(
        JSON.stringify(
          list.map((p) => ({ name: p.name, region: p.region ?? null, kind: p.kind })),
          null,
          2,
        ),
      );
      return 0;
    }
    if (list.length === 0) {
      io.out(
        'no AWS profiles: create one with "aws configure --profile NAME" or "aws configure sso"',
      );
      return 0;
    }
    const width = Math.max(...list.map((p) => p.name.length));
    for (const p of list)
      io.out(`${p.name.padEnd(width)}  ${(p.region ?? '-').padEnd(14)}  ${p.kind}`);
    return 0;
  },
});
