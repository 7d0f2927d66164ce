// The extension's settings, read in one place. In Restricted Mode VS Code itself drops workspace
// values of the settings listed in `capabilities.untrustedWorkspaces.restrictedConfigurations`, and
// the eligibility settings are read through `userOrTrusted` besides, since they decide verdicts;
// `aws.endpointUrl` and `audit.path` are machine-scoped, so no workspace can set them at all.
import * as vscode from 'vscode';
import { isTrusted } from './restricted-mode';
import { resolveAuditPath } from '../core/audit';
import { isIsoDay } from '../core/dates';
import { today } from '../core/eligibility';
import { DEFAULT_POLICY, type EligibilityPolicy } from '../core/domain';
import type { AwsSettings } from '../aws';

export const SECTION = 'supportDesk';

export interface SupportDeskSettings {
  reportPaths: string[];
  /** Minutes between re-listings of the S3 report paths; 0: on demand (Refresh, Retry). */
  s3RefreshMinutes: number;
  aws: AwsSettings;
  auditPath: string;
}

export function readSettings(): SupportDeskSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const text = (key: string) => config.get<string>(key)?.trim() || undefined;
  return {
    reportPaths: config.get<string[]>('reports.paths') ?? [],
    s3RefreshMinutes: Math.max(0, config.get<number>('reports.s3RefreshMinutes') ?? 0),
    aws: {
      profile: text('aws.profile'),
      region: text('aws.region'),
      endpointUrl: text('aws.endpointUrl'),
    },
    auditPath: resolveAuditPath(text('audit.path')),
  };
}

/**
 * The eligibility window: a value set in settings wins (a workspace's only when it is trusted);
 * otherwise the playbook's (a team playbook may set its own), otherwise the defaults.
 */
export function eligibilityPolicy(playbook?: Partial<EligibilityPolicy>): EligibilityPolicy {
  const pick = (key: keyof EligibilityPolicy): number =>
    userOrTrusted<number>(`eligibility.${key}`) ?? playbook?.[key] ?? DEFAULT_POLICY[key];
  return { lastUsageDays: pick('lastUsageDays'), goodFaithDays: pick('goodFaithDays') };
}

/**
 * The day verdicts are judged for: the setting (e.g. the day a ticket was opened; a workspace's only
 * when it is trusted), else today in UTC.
 */
export function judgingDay(): { day: string; fixed: boolean } {
  const set = userOrTrusted<string>('eligibility.asOf')?.trim();
  return set && isIsoDay(set) ? { day: set, fixed: true } : { day: today(), fixed: false };
}

/**
 * The value set for `key` under supportDesk: the folder's or workspace's in a trusted workspace, else
 * the user's; undefined when none is set. A repository opened in Restricted Mode must not decide who
 * is eligible, whatever VS Code's own filtering of `restrictedConfigurations` lets through `inspect`.
 */
function userOrTrusted<T>(key: string): T | undefined {
  const set = vscode.workspace.getConfiguration(SECTION).inspect<T>(key);
  const workspace = isTrusted() ? (set?.workspaceFolderValue ?? set?.workspaceValue) : undefined;
  return workspace ?? set?.globalValue;
}

/** True when a change event touches one of our settings under `key`. */
export function affects(event: vscode.ConfigurationChangeEvent, key: string): boolean {
  return event.affectsConfiguration(`${SECTION}.${key}`);
}
