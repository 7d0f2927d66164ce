// The AWS layer's facade: the only module the extension and the CLI load (lazily, via lazy.ts),
// bundled on its own as dist/aws.js so the AWS SDK stays out of dist/extension.js.
import type { ConfirmationRequest, ConfirmationResult } from '../core/confirmations';
import {
  ConfirmSession,
  confirmWithSession,
  type ConfirmSettings,
} from './confirm-product-instance';

export {
  AGREEMENT_REGION,
  searchAgreements,
  type AgreementQuery,
  type AgreementSettings,
} from './agreements';
export { confirmBatch, type BatchOptions } from './batch';
export { checkCredentials } from './credentials';
export { listProfiles, type AwsSettings, type ProfileKind, type ProfileSummary } from './profiles';
export type { CallLimits } from './call-limits';
export type { ConfirmSettings } from './confirm-product-instance';

/** Never throws: every failure becomes verdict 'error' with a kind and a message saying what to do. */
export async function confirmInstance(
  req: ConfirmationRequest,
  settings: ConfirmSettings,
): Promise<ConfirmationResult> {
  const session = new ConfirmSession(settings);
  try {
    return await confirmWithSession(req, session);
  } finally {
    session.destroy();
  }
}

/** The enabled regions of the profile's account (DescribeRegions), sorted. */
export async function listRegions(settings: ConfirmSettings): Promise<string[]> {
  const session = new ConfirmSession(settings);
  try {
    return await session.listRegions();
  } finally {
    session.destroy();
  }
}
