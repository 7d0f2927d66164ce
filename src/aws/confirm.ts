// ConfirmProductInstance for one instance: validate, pick the region (or find it), call, and turn
// the answer or the failure into a verdict with its evidence. Never throws.
import { ConfirmProductInstanceCommand, DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { AdaptiveRetryStrategy, DefaultRateLimiter } from '@smithy/core/retry';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import {
  malformedResult,
  namedRegion,
  normalizeClaimedAccount,
  validateConfirmationRequest,
  verdictFor,
  type ConfirmationRequest,
  type ConfirmationResult,
} from '../core/confirmation';
import { REGION } from '../core/ids';
import { assertProfileUsable, credentialProvider, credentialsMessage, memoizeCredentials, profileLabel, type AwsSettings } from './credentials';
import { classifySdkError, type ClassifiedError } from './errors';
import { readProfiles } from './profiles';

export interface CallLimits {
  /** Whole call, retries included. */
  callTimeoutMs?: number;
  /** Attempts per call under the SDK's adaptive retry (first try included). */
  maxAttempts?: number;
}

export type ConfirmSettings = AwsSettings & CallLimits;

const DEFAULT_CALL_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_ATTEMPTS = 5;
const FALLBACK_HOME_REGION = 'us-east-1';
// The adaptive limiter's default floor (0.5 calls/s) would let one burst of throttling stretch a
// batch of 1,000 into half an hour; ConfirmProductInstance's EC2 quota is far above this floor.
const MIN_SEND_RATE_PER_SECOND = 20;

/** What a run of confirmations shares: one credentials provider, one client per region, the region list. */
export class ConfirmSession {
  private readonly clients = new Map<string, EC2Client>();
  private readonly credentials: AwsCredentialIdentityProvider;
  private regions?: Promise<string[]>;
  private usable?: Promise<void>;

  constructor(readonly settings: ConfirmSettings, readonly signal?: AbortSignal) {
    this.credentials = memoizeCredentials(credentialProvider(settings));
  }

  get profile(): string | null {
    return profileLabel(this.settings);
  }

  /** The profile check runs once per session; it is what turns an unknown profile into advice. */
  assertUsable(): Promise<void> {
    this.usable ??= assertProfileUsable(this.settings);
    return this.usable;
  }

  client(region: string): EC2Client {
    let client = this.clients.get(region);
    if (!client) {
      client = new EC2Client({
        region,
        credentials: this.credentials,
        retryStrategy: new AdaptiveRetryStrategy(this.settings.maxAttempts ?? DEFAULT_MAX_ATTEMPTS, {
          rateLimiter: new DefaultRateLimiter({ minFillRate: MIN_SEND_RATE_PER_SECOND }),
        }),
        // Per-attempt limits, so one stuck connection is retried instead of eating the whole call's time.
        requestHandler: { connectionTimeout: 5_000, requestTimeout: 10_000 },
        ...(this.settings.endpointUrl ? { endpoint: this.settings.endpointUrl } : {}),
      });
      this.clients.set(region, client);
    }
    return client;
  }

  callSignal(): AbortSignal {
    const limit = AbortSignal.timeout(this.settings.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS);
    return this.signal ? AbortSignal.any([this.signal, limit]) : limit;
  }

  /** The region used when none is given: settings, then the profile's, then the environment's. */
  async defaultRegion(): Promise<string | null> {
    if (this.settings.region) return this.settings.region;
    const profile = this.profile ?? process.env.AWS_PROFILE ?? 'default';
    const fromProfile = (await readProfiles()).get(profile)?.region;
    return fromProfile || process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || null;
  }

  /** The account's enabled regions, asked once per session. */
  listRegions(): Promise<string[]> {
    this.regions ??= (async () => {
      await this.assertUsable();
      const home = await this.defaultRegion();
      const out = await this.client(home && home !== 'auto' ? home : FALLBACK_HOME_REGION).send(new DescribeRegionsCommand({}), { abortSignal: this.callSignal() });
      return (out.Regions ?? []).map((r) => r.RegionName ?? '').filter((name) => REGION.test(name)).sort();
    })();
    this.regions.catch(() => { this.regions = undefined; });
    return this.regions;
  }

  destroy(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }
}

export async function confirmWithSession(req: ConfirmationRequest, session: ConfirmSession): Promise<ConfirmationResult> {
  const problems = validateConfirmationRequest(req);
  if (problems.length) return malformedResult(req, problems, session.profile);
  const base = { instanceId: req.instanceId, productCode: req.productCode, claimedAccount: normalizeClaimedAccount(req.claimedAccount), profile: session.profile };
  try {
    await session.assertUsable();
  } catch (error) {
    return errorResult(base, namedRegion(req.region), await toError(error, session));
  }
  const region = req.region ?? (await session.defaultRegion());
  if (!region) {
    return malformedResult(req, [`no region: pass a region (or "auto"), or set "region" in ${session.profile ? `profile "${session.profile}"` : 'the default profile'}`], session.profile);
  }
  if (region === 'auto') return findAndConfirm(base, session);
  return confirmIn(base, region, session);
}

type ResultBase = Pick<ConfirmationResult, 'instanceId' | 'productCode' | 'claimedAccount' | 'profile'>;

async function confirmIn(base: ResultBase, region: string, session: ConfirmSession, signal?: AbortSignal): Promise<ConfirmationResult> {
  try {
    const callSignal = signal ? AbortSignal.any([signal, session.callSignal()]) : session.callSignal();
    const out = await session.client(region).send(new ConfirmProductInstanceCommand({ InstanceId: base.instanceId, ProductCode: base.productCode }), { abortSignal: callSignal });
    const ownerId = out.OwnerId ?? null;
    return makeResult(base, region, { ownerId, verdict: verdictFor(out.Return === true, ownerId, base.claimedAccount), error: null, requestId: out.$metadata.requestId ?? null });
  } catch (error) {
    return errorResult(base, region, await toError(error, session));
  }
}

/** Region "auto": ask every enabled region at once; the first real answer wins and the rest are cancelled. */
async function findAndConfirm(base: ResultBase, session: ConfirmSession): Promise<ConfirmationResult> {
  let regions: string[];
  try {
    regions = await session.listRegions();
  } catch (error) {
    return errorResult(base, null, await toError(error, session));
  }
  const cancel = new AbortController();
  const answers = regions.map((region) => confirmIn(base, region, session, cancel.signal));
  const answered = await new Promise<ConfirmationResult | null>((resolve) => {
    for (const answer of answers) void answer.then((r) => { if (r.verdict !== 'error') resolve(r); });
    void Promise.all(answers).then(() => resolve(null));
  });
  cancel.abort();
  if (answered) return answered;
  const results = await Promise.all(answers);
  const telling = results.find((r) => r.error?.kind !== 'instance-not-found');
  if (telling) return telling;
  return errorResult(base, null, {
    kind: 'instance-not-found',
    code: 'InvalidInstanceID.NotFound',
    message: `${base.instanceId} is not in any of the ${regions.length} enabled regions (${regions.join(', ')}): check the instance id, and that the profile belongs to the seller account`,
    requestId: null,
  });
}

async function toError(error: unknown, session: ConfirmSession): Promise<ClassifiedError> {
  const classified = classifySdkError(error);
  if (classified.kind !== 'credentials') return classified;
  return { ...classified, message: await credentialsMessage(session.settings, error) };
}

function errorResult(base: ResultBase, region: string | null, error: ClassifiedError): ConfirmationResult {
  const { requestId, ...rest } = error;
  return makeResult(base, region, { ownerId: null, verdict: 'error', error: rest, requestId });
}

/** Keys in the documented JSON order, so CLI output and result files read the same everywhere. */
function makeResult(base: ResultBase, region: string | null, answer: Pick<ConfirmationResult, 'ownerId' | 'verdict' | 'error' | 'requestId'>): ConfirmationResult {
  return {
    instanceId: base.instanceId,
    productCode: base.productCode,
    region,
    claimedAccount: base.claimedAccount,
    ...answer,
    checkedAt: new Date().toISOString(),
    profile: base.profile,
  };
}
