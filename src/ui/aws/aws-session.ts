// The engineer's AWS identity as the extension sees it: profile and region from settings, the status
// bar item, the credentials check with its retry, and the only path to the lazily loaded AWS layer.
// The region shown is resolved in AWS's order (region.ts reads the config files and holds no SDK, so
// the status bar can name the region and its source before the AWS layer is loaded).
import * as vscode from 'vscode';
import type { AwsSettings, ProfileSummary } from '../../aws';
import { loadAws } from '../../aws/lazy';
import { resolveRegion, type ResolvedRegion } from '../../aws/region';
import type { ConfirmationResult } from '../../core/confirmations';
import { escapeMarkdown } from '../../core/text';
import { Disposable } from '../dispose';
import { assertTrusted, isTrusted, NO_AWS_CALL, onDidGrantTrust } from '../restricted-mode';
import { affects, readSettings, SECTION } from '../settings';
import { KNOWN_REGIONS, orderRegions, rememberRegion } from './regions';

export type AwsLayer = Awaited<ReturnType<typeof loadAws>>;
const RECENT_REGIONS = 'supportDesk.recentRegions';
const PROFILE_KIND_WORDS: Record<ProfileSummary['kind'], string> = {
  static: 'access keys',
  sso: 'IAM Identity Center (SSO)',
  'assume-role': 'assume role',
  'credential-process': 'credential process',
  other: 'other',
};

export class AwsSession extends Disposable {
  private readonly status = this._register(
    vscode.window.createStatusBarItem('supportDesk.aws', vscode.StatusBarAlignment.Left, 50),
  );
  /** What went wrong with the credentials, until a retry succeeds. */
  private problem?: string;
  /** The region calls go to when none is picked, with its source: undefined until read, null when no source names one. */
  private region?: ResolvedRegion | null;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly state: vscode.Memento,
  ) {
    super();
    this.status.name = 'Support Desk: AWS profile and region';
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affects(e, 'aws')) {
          this.problem = undefined;
          void this.refreshRegion();
        }
      }),
    );
    this._register(onDidGrantTrust(() => void this.refreshRegion()));
    void this.refreshRegion();
    this.status.show();
  }

  /** The settings as the AWS layer takes them; supportDesk.aws.region is the --region flag's equivalent. */
  settings(): AwsSettings {
    const aws = readSettings().aws;
    return aws.region ? { ...aws, regionSource: 'setting' } : aws;
  }

  get credentialsProblem(): string | undefined {
    return this.problem;
  }

  /** The AWS layer, loaded on first use. Throws RestrictedModeError in Restricted Mode (nothing is loaded). */
  async layer(): Promise<AwsLayer> {
    assertTrusted();
    return loadAws();
  }

  /** Checks the credentials now; on failure the status bar turns red and offers this same retry. */
  async checkCredentials(): Promise<boolean> {
    const aws = await this.layer();
    const settings = this.settings();
    const result = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Window,
        title: `Support Desk: checking AWS credentials (${settings.profile ?? 'default chain'})`,
      },
      () => aws.checkCredentials(settings),
    );
    void this.refreshRegion();
    if (result.ok) {
      const failedBefore = this.problem !== undefined;
      this.setProblem(undefined);
      const whose = settings.profile
        ? `profile ${settings.profile}`
        : 'the default credential chain';
      this.log.info(`AWS credentials for ${whose} work`);
      // The error notification of the failure cannot be taken back: say that it is over.
      if (failedBefore)
        void vscode.window.showInformationMessage(`AWS credentials for ${whose} work again.`);
      return true;
    }
    this.setProblem(result.message);
    void vscode.window
      .showErrorMessage(`AWS credentials: ${result.message}`, 'Retry')
      .then((choice) => choice && this.checkCredentials());
    return false;
  }

  /** Keeps the status bar honest after a confirmation: credential errors show, a success clears them. */
  noteResult(result: ConfirmationResult): void {
    if (result.error?.kind === 'credentials') this.setProblem(result.error.message);
    else if (result.verdict !== 'error') this.setProblem(undefined);
  }

  /** A credentials failure met elsewhere (reading reports from S3): the status bar turns red and offers the same retry. */
  noteCredentialsProblem(problem: string): void {
    this.setProblem(problem);
  }

  async selectProfile(): Promise<string | undefined> {
    const aws = await this.layer();
    const profiles = await aws.listProfiles();
    const current = this.settings().profile;
    type Item = vscode.QuickPickItem & { profile: string };
    const items: Item[] = [
      {
        label: '$(key) Default credential chain',
        description: 'environment, default profile, SSO, instance role',
        profile: '',
      },
      ...profiles.map((p) => ({
        label: `${p.name === current ? '$(check) ' : ''}${p.name}`,
        description: [PROFILE_KIND_WORDS[p.kind], p.region].filter(Boolean).join(' · '),
        profile: p.name,
      })),
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: 'Select AWS Profile (the seller account that owns the product code)',
      placeHolder: profiles.length
        ? 'Profiles from the shared AWS config and credentials files'
        : 'No profiles found: run "aws configure sso" or "aws configure"',
      matchOnDescription: true,
    });
    if (!picked) return undefined;
    await vscode.workspace
      .getConfiguration(SECTION)
      .update('aws.profile', picked.profile, vscode.ConfigurationTarget.Global);
    await this.selectRegion();
    void this.checkCredentials();
    return picked.profile;
  }

  async selectRegion(): Promise<string | undefined> {
    const aws = await this.layer();
    const settings = this.settings();
    const { profile, region: profileRegion } = await this.regionOfProfile(aws);
    const recent = this.state.get<string[]>(RECENT_REGIONS, []);
    const regions = await aws
      .listRegions({ ...settings, region: profileRegion ?? settings.region })
      .catch(() => [...KNOWN_REGIONS]);
    const choices = orderRegions(regions.length ? regions : KNOWN_REGIONS, {
      profileRegion,
      profile,
      recent,
      current: settings.region,
    });
    const picked = await vscode.window.showQuickPick(
      choices.map((c) => ({ label: c.region, description: c.note })),
      {
        title: 'Select Region for ConfirmProductInstance',
        placeHolder: 'The call must go to the instance\'s region; "auto" finds it',
      },
    );
    if (!picked) return undefined;
    await vscode.workspace
      .getConfiguration(SECTION)
      .update('aws.region', picked.label, vscode.ConfigurationTarget.Global);
    if (picked.label !== 'auto')
      await this.state.update(RECENT_REGIONS, rememberRegion(recent, picked.label));
    return picked.label;
  }

  /**
   * The profile the calls use (the setting, else AWS_PROFILE, else `default`) and its own region from the
   * shared config file, for the region pick lists.
   */
  async regionOfProfile(aws: AwsLayer): Promise<{ profile: string; region?: string }> {
    const profile = this.settings().profile ?? (process.env.AWS_PROFILE?.trim() || 'default');
    return {
      profile,
      region: (await aws.listProfiles().catch(() => [])).find((p) => p.name === profile)?.region,
    };
  }

  /** Reads the region again (settings, environment, config files), then shows it; nothing is read in Restricted Mode. */
  private async refreshRegion(): Promise<void> {
    if (isTrusted()) this.region = await resolveRegion(this.settings()).catch(() => null);
    this.render();
  }

  private setProblem(problem: string | undefined): void {
    this.problem = problem;
    if (problem) this.log.warn(`AWS credentials: ${problem}`);
    this.render();
  }

  private render(): void {
    const { profile, endpointUrl } = this.settings();
    const regionText =
      this.region === undefined
        ? 'region…'
        : this.region === null
          ? 'no region'
          : `${this.region.region} (${this.region.source})`;
    if (!isTrusted()) {
      this.status.text = '$(cloud) AWS off';
      this.status.tooltip = NO_AWS_CALL;
      this.status.command = 'workbench.trust.manage';
      this.status.backgroundColor = undefined;
      return;
    }
    this.status.text = `$(cloud) ${profile ?? 'default'} · ${regionText}`;
    if (this.problem) {
      this.status.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      this.status.tooltip = new vscode.MarkdownString(
        `**AWS credentials failed**\n\n${escapeMarkdown(this.problem)}\n\nClick to retry.`,
      );
      this.status.command = 'supportDesk.checkCredentials';
      return;
    }
    this.status.backgroundColor = undefined;
    this.status.tooltip =
      `AWS profile ${profile ?? '(default credential chain)'}, region ${regionText}${endpointUrl ? `, endpoint ${endpointUrl}` : ''}. ` +
      "The region is, in AWS's order: the one selected (supportDesk.aws.region), else AWS_REGION, else AWS_DEFAULT_REGION, else the profile's. Click to change.";
    this.status.command = 'supportDesk.selectProfile';
  }
}
