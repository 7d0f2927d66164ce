// ConfirmProductInstance for one instance: validate, pick the region (or find it), call, and turn
// the answer or the failure into a verdict with its evidence. Never throws.
import {
  ConfirmProductInstanceCommand,
  DescribeRegionsCommand,
  EC2Client,
  type ConfirmProductInstanceCommandOutput,
} from '@aws-sdk/client-ec2';
import { AdaptiveRetryStrategy, DefaultRateLimiter } from '@smithy/core/retry';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import {
  malformedResult,
  namedRegion,
  normalizeClaimedAccount,
  regionProblem,
  validateConfirmationRequest,
  verdictFor,
  type ConfirmationRequest,
  type ConfirmationResult,
} from '../core/confirmations';
import { REGION } from '../core/ids';
import {
  clientLimits,
  DEFAULT_CALL_TIMEOUT_MS,
  DEFAULT_MAX_ATTEMPTS,
  type CallLimits,
} from './call-limits';
import {
  assertProfileUsable,
  credentialProvider,
  credentialsMessage,
  memoizeCredentials,
} from './credentials';
import { BadAnswer, classifySdkError, inSeconds, type ClassifiedError } from './errors';
import { profileLabel, type AwsSettings } from './profiles';
import { noRegionMessage, resolveRegion, type ResolvedRegion } from './region';

export type ConfirmSettings = AwsSettings & CallLimits;

const FALLBACK_HOME_REGION = 'us-east-1';
// The adaptive limiter's default floor (0.5 calls/s) would let one burst of throttling stretch a
// batch of 1,000 into half an hour; ConfirmProductInstance's EC2 quota is far above this floor.
const MIN_SEND_RATE_PER_SECOND = 20;
/** The SDK's names for a call that got no answer in time: its per-attempt limits, and the call's own limit (an abort). */
const NO_ANSWER = new Set(['TimeoutError', 'AbortError']);

/** What a run of confirmations shares: one credentials provider, one client per region, the region list. */
export class ConfirmSession {
  private readonly clients = new Map<string, EC2Client>();
  private readonly credentials: AwsCredentialIdentityProvider;
  private regions?: Promise<string[]>;
  private usable?: Promise<void>;

  constructor(
    readonly settings: ConfirmSettings,
    readonly signal?: AbortSignal,
  ) {
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
        retryStrategy: new AdaptiveRetryStrategy(
          this.settings.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
          {
            rateLimiter: new DefaultRateLimiter({ minFillRate: MIN_SEND_RATE_PER_SECOND }),
          },
        ),
        ...clientLimits(this.settings),
        ...(this.settings.endpointUrl ? { endpoint: this.settings.endpointUrl } : {}),
      });
      this.clients.set(region, client);
    }
    return client;
  }

  /**
   * Runs one call to EC2 in `region` within the call's limit (and `signal`, when given). A call that got
   * no answer in time fails with a message naming the endpoint and the time waited, not the SDK's
   * "Request aborted"; a call stopped by the engineer or by `signal` fails as the SDK says.
   */
  async ask<T>(
    region: string,
    call: (client: EC2Client, abortSignal: AbortSignal) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    const startedAt = Date.now();
    const limit = AbortSignal.timeout(this.settings.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS);
    const abortSignal = AbortSignal.any([
      limit,
      ...(signal ? [signal] : []),
      ...(this.signal ? [this.signal] : []),
    ]);
    try {
      return await call(this.client(region), abortSignal);
    } catch (error) {
      if (!NO_ANSWER.has((error as Error).name) || signal?.aborted || this.signal?.aborted)
        throw error;
      throw Object.assign(
        new Error(
          `no answer from ${this.endpoint(region)} in ${inSeconds(Date.now() - startedAt)} s`,
        ),
        { name: 'TimeoutError' },
      );
    }
  }

  /** The region used when the request names none, and where it came from (AWS's order; see region.ts). */
  defaultRegion(): Promise<ResolvedRegion | null> {
    return resolveRegion(this.settings);
  }

  /** The account's enabled regions, asked once per session. */
  listRegions(): Promise<string[]> {
    this.regions ??= (async () => {
      await this.assertUsable();
      const home = (await this.defaultRegion())?.region;
      const region = home && REGION.test(home) ? home : FALLBACK_HOME_REGION;
      const out = await this.ask(region, (client, abortSignal) =>
        client.send(new DescribeRegionsCommand({}), { abortSignal }),
      );
      const names = (out.Regions ?? [])
        .map((r) => r.RegionName ?? '')
        .filter((name) => REGION.test(name))
        .sort();
      // Every account has regions enabled: an empty list is an answer that was lost, not "nowhere".
      if (names.length === 0)
        throw new BadAnswer(`EC2 answered DescribeRegions in ${region} with no region in it`);
      return names;
    })();
    this.regions.catch(() => {
      this.regions = undefined;
    });
    return this.regions;
  }

  destroy(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }

  /** Where calls for `region` go, as the engineer would recognize it. */
  private endpoint(region: string): string {
    return this.settings.endpointUrl ?? `https://ec2.${region}.amazonaws.com`;
  }
}

export async function confirmWithSession(
  req: ConfirmationRequest,
  session: ConfirmSession,
): Promise<ConfirmationResult> {
  const problems = validateConfirmationRequest(req);
  if (problems.length) return malformedResult(req, problems, session.profile);
  const base = {
    instanceId: req.instanceId,
    productCode: req.productCode,
    claimedAccount: normalizeClaimedAccount(req.claimedAccount),
    profile: session.profile,
  };
  try {
    await session.assertUsable();
  } catch (error) {
    return errorResult(base, namedRegion(req.region), await toError(error, session));
  }
  const where: ResolvedRegion | null = req.region
    ? { region: req.region, source: 'request' }
    : await session.defaultRegion();
  if (!where) return malformedResult(req, [noRegionMessage(session.settings)], session.profile);
  // A region from the environment or the config files is checked here; one given with the request was checked above.
  const problem = regionProblem(where.region, where.source);
  if (problem)
    return errorResult(
      base,
      { region: null, regionSource: where.source },
      { kind: 'malformed-input', code: 'MalformedInput', message: problem, requestId: null },
    );
  if (where.region === 'auto') return findAndConfirm(base, session);
  return confirmIn(base, where, session);
}

type ResultBase = Pick<
  ConfirmationResult,
  'instanceId' | 'productCode' | 'claimedAccount' | 'profile'
>;
type ResultRegion = Pick<ConfirmationResult, 'region' | 'regionSource'>;

async function confirmIn(
  base: ResultBase,
  where: ResolvedRegion,
  session: ConfirmSession,
  signal?: AbortSignal,
): Promise<ConfirmationResult> {
  const region = { region: where.region, regionSource: where.source };
  try {
    const command = new ConfirmProductInstanceCommand({
      InstanceId: base.instanceId,
      ProductCode: base.productCode,
    });
    const out = await session.ask(
      where.region,
      (client, abortSignal) => client.send(command, { abortSignal }),
      signal,
    );
    const answer = checkedAnswer(out);
    return makeResult(base, region, {
      ownerId: answer.ownerId,
      verdict: verdictFor(answer.attached, answer.ownerId, base.claimedAccount),
      error: null,
      requestId: out.$metadata.requestId ?? null,
    });
  } catch (error) {
    return errorResult(base, region, await toError(error, session));
  }
}

/**
 * The answer as the API defines it: `return` true or false, and the owner's account when true. Anything
 * else (an empty body from a proxy, another document) throws BadAnswer: it must never read as "not attached".
 */
function checkedAnswer(out: ConfirmProductInstanceCommandOutput): {
  attached: boolean;
  ownerId: string | null;
} {
  const status = out.$metadata.httpStatusCode ?? 200;
  if (typeof out.Return !== 'boolean')
    throw new BadAnswer(
      `EC2 answered HTTP ${status} without the ConfirmProductInstance answer (no <return> true or false in the body)`,
    );
  if (out.Return && !/^\d{12}$/.test(out.OwnerId ?? ''))
    throw new BadAnswer(
      `EC2 answered HTTP ${status} that the product code is attached, without the owner's 12-digit account`,
    );
  return { attached: out.Return, ownerId: out.OwnerId ?? null };
}

/** Region "auto": ask every enabled region at once; the first real answer wins and the rest are cancelled. */
async function findAndConfirm(
  base: ResultBase,
  session: ConfirmSession,
): Promise<ConfirmationResult> {
  const searched: ResultRegion = { region: null, regionSource: 'auto' };
  let regions: string[];
  try {
    regions = await session.listRegions();
  } catch (error) {
    return errorResult(base, searched, await toError(error, session));
  }
  const cancel = new AbortController();
  const answers = regions.map((region) =>
    confirmIn(base, { region, source: 'auto' }, session, cancel.signal),
  );
  const answered = await new Promise<ConfirmationResult | null>((resolve) => {
    for (const answer of answers)
      void answer.then((r) => {
        if (r.verdict !== 'error') resolve(r);
      });
    void Promise.all(answers).then(() => resolve(null));
  });
  cancel.abort();
  if (answered) return answered;
  const results = await Promise.all(answers);
  const telling = results.find((r) => r.error?.kind !== 'instance-not-found');
  if (telling) return telling;
  return errorResult(base, searched, {
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

function errorResult(
  base: ResultBase,
  region: ResultRegion,
  error: ClassifiedError,
): ConfirmationResult {
  const { requestId, requestIdService, ...rest } = error;
  return makeResult(base, region, {
    ownerId: null,
    verdict: 'error',
    error: rest,
    requestId,
    ...(requestIdService ? { requestIdService } : {}),
  });
}

/** Keys in the documented JSON order, so CLI output and result files read the same everywhere. */
function makeResult(
  base: ResultBase,
  region: ResultRegion,
  answer: Pick<
    ConfirmationResult,
    'ownerId' | 'verdict' | 'error' | 'requestId' | 'requestIdService'
  >,
): ConfirmationResult {
  return {
    instanceId: base.instanceId,
    productCode: base.productCode,
    ...region,
    claimedAccount: base.claimedAccount,
    ...answer,
    checkedAt: new Date().toISOString(),
    profile: base.profile,
  };
}
