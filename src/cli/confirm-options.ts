// Options shared by `confirm` and `confirm-batch`: where to send, as whom, and how a product id
// becomes its product code (the reports first, then the playbook's products).
import type { AwsSettings } from '../aws/profiles';
import { regionProblem } from '../core/confirmations';
import { loadPlaybook, TEAM_PLAYBOOK_PATH } from '../core/playbook';
import type { SubscriptionStore } from '../core/reports';
import { loadReportPaths } from './load-report-paths';
import { SHARED_OPTIONS, type OptionDefinitions } from './command-definition';
import { UsageError } from './usage';

/** The options `confirm` and `confirm-batch` share: where to send, as whom, the product, the evidence. */
export const CONFIRM_OPTIONS = {
  'product-code': { type: 'string', value: 'C', help: 'the product code the instance must carry' },
  'product-id': {
    type: 'string',
    value: 'P',
    help: 'the product (prod-...), turned into its code by --reports, else by the playbook',
  },
  reports: {
    ...SHARED_OPTIONS.reports,
    help: 'subscription reports (files, folders, s3:// paths) that map --product-id to its product code',
  },
  profile: SHARED_OPTIONS.profile,
  region: SHARED_OPTIONS.region,
  'endpoint-url': SHARED_OPTIONS['endpoint-url'],
  audit: SHARED_OPTIONS.audit,
  playbook: {
    ...SHARED_OPTIONS.playbook,
    help: `team playbook whose products map product ids to codes (default: ${TEAM_PLAYBOOK_PATH})`,
  },
} as const satisfies OptionDefinitions;

/** The settings the options give; --region is the strongest source of the region (see src/aws/region.ts). */
export function awsSettings(values: {
  profile?: string;
  region?: string;
  'endpoint-url'?: string;
}): AwsSettings {
  const endpointUrl = values['endpoint-url'];
  if (endpointUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(endpointUrl)) {
    throw new UsageError(
      `--endpoint-url "${endpointUrl}" must be a URL like https://ec2.us-east-1.amazonaws.com`,
    );
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

  /** `aws`: the profile and region s3:// report paths are read with. */
  constructor(
    private readonly reportPaths: string[],
    private readonly playbookPath = TEAM_PLAYBOOK_PATH,
    private readonly aws: AwsSettings = {},
  ) {}

  async codeFor(productId: string): Promise<string | undefined> {
    this.store ??= this.reportPaths.length
      ? loadReportPaths(this.reportPaths, { aws: this.aws }).then((r) => r.store)
      : Promise.resolve(null);
    const fromReports = (await this.store)?.productCodeFor(productId);
    if (fromReports) return fromReports;
    this.playbookCodes ??= loadPlaybook(this.playbookPath).then(
      ({ playbook }) =>
        new Map(playbook.products.filter((p) => p.code).map((p) => [p.id, p.code as string])),
    );
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
