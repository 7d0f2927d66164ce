// Options shared by `confirm` and `confirm-batch`: where to send, as whom, and how a product id
// becomes its product code (the reports first, then the playbook's products).
import type { AwsSettings } from '../aws/profiles';
import { regionProblem } from '../core/confirmation';
import { loadPlaybook, TEAM_PLAYBOOK_PATH } from '../core/playbook/load';
import type { SubscriptionStore } from '../core/store';
import { loadReportPaths } from './report-command';
import { UsageError } from './usage';

export const AWS_OPTIONS = {
  profile: { type: 'string' },
  region: { type: 'string' },
  'endpoint-url': { type: 'string' },
  'product-code': { type: 'string' },
  'product-id': { type: 'string' },
  reports: { type: 'string', multiple: true },
  audit: { type: 'string' },
  playbook: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const AWS_OPTIONS_HELP = `  --profile NAME      AWS profile of the seller account (default: the SDK's default chain)
  --region R|auto     the instance's region; "auto" searches the account's enabled regions
                      (default: AWS_REGION, else AWS_DEFAULT_REGION, else the profile's region)
  --endpoint-url URL  send EC2 calls here instead of AWS (for tests and VPC endpoints)
  --audit PATH        audit log (default: $SUPPORT_DESK_AUDIT, else ~/.support-desk/audit.jsonl)
  --playbook PATH     team playbook whose products map product ids to codes (default: ${TEAM_PLAYBOOK_PATH})`;

/** The settings the options give; --region is the strongest source of the region (see src/aws/region.ts). */
export function awsSettings(values: { profile?: string; region?: string; 'endpoint-url'?: string }): AwsSettings {
  const endpointUrl = values['endpoint-url'];
  if (endpointUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(endpointUrl)) {
    throw new UsageError(`--endpoint-url "${endpointUrl}" must be a URL like https://ec2.us-east-1.amazonaws.com`);
  }
  const badRegion = values.region ? regionProblem(values.region, 'flag') : null;
  if (badRegion) throw new UsageError(badRegion);
  return {
    ...(values.profile ? { profile: values.profile } : {}),
    ...(values.region ? { region: values.region } : {}),
    ...(endpointUrl ? { endpointUrl } : {}),
  };
}

/** Resolves product ids to codes, loading the reports and the playbook only once and only if asked. */
export class ProductCodes {
  private store?: Promise<SubscriptionStore | null>;
  private playbookCodes?: Promise<Map<string, string>>;

  constructor(private readonly reportPaths: string[], private readonly playbookPath = TEAM_PLAYBOOK_PATH) {}

  async codeFor(productId: string): Promise<string | undefined> {
    this.store ??= this.reportPaths.length ? loadReportPaths(this.reportPaths).then((r) => r.store) : Promise.resolve(null);
    const fromReports = (await this.store)?.productCodeFor(productId);
    if (fromReports) return fromReports;
    this.playbookCodes ??= loadPlaybook(this.playbookPath).then(({ playbook }) =>
      new Map(playbook.products.filter((p) => p.code).map((p) => [p.id, p.code as string])));
    return (await this.playbookCodes).get(productId);
  }

  /** The code for a product id, or (code '') a problem that says where it was looked for and what to do. */
  async resolve(productId: string): Promise<{ code: string; problem: string | null }> {
    const found = await this.codeFor(productId);
    if (found) return { code: found, problem: null };
    const instead = 'pass the product code itself (--product-code, or a productCode column)';
    const problem = this.reportPaths.length
      ? `product id "${productId}" has no product code in the reports given or in the playbook (${this.playbookPath}): ${instead}`
      : `product id "${productId}" has no product code in the playbook (${this.playbookPath}): add --reports PATH to look in the subscription reports, or ${instead}`;
    return { code: '', problem };
  }
}
