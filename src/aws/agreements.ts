// SearchAgreements (AWS Marketplace Agreement Service) for one customer account: the seller's purchase
// agreements that account accepted, every page of them. Live proof that does not wait for the daily
// reports. Never throws: a failure becomes verdict 'error' with a kind and what to do.
import {
  MarketplaceAgreementClient,
  SearchAgreementsCommand,
  type AgreementViewSummary,
  type Filter,
  type SearchAgreementsCommandInput,
} from '@aws-sdk/client-marketplace-agreement';
import { AdaptiveRetryStrategy } from '@smithy/core/retry';
import type { ConfirmationErrorKind } from '../core/confirmations';
import { liveVerdictOf, type LiveAgreement, type LiveEvidence } from '../core/agreements';
// The same limits as the EC2 calls, applied to each page.
import {
  clientLimits,
  DEFAULT_CALL_TIMEOUT_MS,
  DEFAULT_MAX_ATTEMPTS,
  type CallLimits,
} from './call-limits';
import { assertProfileUsable, credentialProvider, credentialsMessage } from './credentials';
import { configuredEndpoint } from './endpoints';
import { BadAnswer, classifySdkError, inSeconds, redactSecrets } from './errors';
import { profileLabel, type AwsSettings } from './profiles';

/** The Agreement Service has one endpoint, in us-east-1, whatever region the profile names. */
export const AGREEMENT_REGION = 'us-east-1';
const SERVICE_ID = 'Marketplace Agreement';
const AWS_ENDPOINT = `https://agreement-marketplace.${AGREEMENT_REGION}.amazonaws.com`;
/** The most the API gives per page. */
const PAGE_SIZE = 50;
/** No customer has this many agreements with one seller: past it the service is repeating itself. */
const MAX_PAGES = 200;

/** Whose agreements to search: the customer's 12-digit account, and the product (prod-...) when one is asked about. */
export interface AgreementQuery {
  account: string;
  productId?: string;
  /** The moment judged at, ISO 8601 UTC (dates.ts judgingMoment): an agreement that starts later is not `active` yet. */
  at: string;
}

/** The profile (never `region` or `endpointUrl`: those are EC2's) and the per-page time limits. */
export type AgreementSettings = Pick<AwsSettings, 'profile'> & CallLimits;

/**
 * The filters sent. PartyType=Proposer: the seller asks about its own agreements, and a proposer may
 * combine any filter with AgreementType (which is required); an acceptor could not filter on
 * AcceptorAccountId (see the API's Filter documentation).
 */
export function agreementFilters(query: Pick<AgreementQuery, 'account' | 'productId'>): Filter[] {
  return [
    { name: 'PartyType', values: ['Proposer'] },
    { name: 'AgreementType', values: ['PurchaseAgreement'] },
    { name: 'AcceptorAccountId', values: [query.account] },
    ...(query.productId ? [{ name: 'ResourceIdentifier', values: [query.productId] }] : []),
  ];
}

/**
 * Every purchase agreement of `query.account` with the seller whose profile is used, following
 * nextToken to the end, in us-east-1. The endpoint follows AWS's conventions (endpoints.ts).
 * Each page gets the EC2 calls' limits: attempts of `attemptTimeoutMs` (10 s) within `callTimeoutMs` (30 s),
 * throttling retried by the SDK's adaptive strategy up to `maxAttempts` (5).
 */
export async function searchAgreements(
  query: AgreementQuery,
  settings: AgreementSettings,
): Promise<LiveEvidence> {
  const requestIds: string[] = [];
  let endpoint = AWS_ENDPOINT;
  const evidence = (
    fields: Pick<LiveEvidence, 'verdict' | 'agreements'> &
      Pick<Partial<LiveEvidence>, 'error' | 'requestIdService'>,
  ): LiveEvidence => ({
    source: 'marketplace-agreement',
    ...fields,
    region: AGREEMENT_REGION,
    endpoint,
    requestIds,
    checkedAt: new Date().toISOString(),
    judgedAt: query.at,
    profile: profileLabel(settings),
  });
  let client: MarketplaceAgreementClient | undefined;
  try {
    await assertProfileUsable(settings);
    const configured = await configuredEndpoint(SERVICE_ID, settings).catch((error: Error) => {
      throw new BadConfig(error.message);
    });
    if (configured) endpoint = configured.url;
    client = makeClient(settings, configured?.url);
    const agreements: LiveAgreement[] = [];
    const seen = new Set<string>();
    let nextToken: string | undefined;
    do {
      const page = await askPage(client, endpoint, settings, {
        catalog: 'AWSMarketplace',
        filters: agreementFilters(query),
        maxResults: PAGE_SIZE,
        nextToken,
      });
      if (page.$metadata.requestId) requestIds.push(page.$metadata.requestId);
      agreements.push(...(page.agreementViewSummaries ?? []).map(toLiveAgreement));
      nextToken = page.nextToken || undefined;
      if (nextToken && (seen.has(nextToken) || seen.size >= MAX_PAGES))
        throw new BadAnswer(
          `the Agreement Service kept answering with more pages (${seen.size + 1} so far)`,
        );
      if (nextToken) seen.add(nextToken);
    } while (nextToken);
    return evidence({ verdict: liveVerdictOf(agreements, query.productId, query.at), agreements });
  } catch (error) {
    const classified = await toLiveError(error, settings);
    if (classified.requestId) requestIds.push(classified.requestId);
    return evidence({
      verdict: 'error',
      agreements: [],
      error: { kind: classified.kind, message: classified.message },
      ...(classified.requestIdService ? { requestIdService: classified.requestIdService } : {}),
    });
  } finally {
    client?.destroy();
  }
}

/** A broken `services` reference in the config file: nothing was sent. */
class BadConfig extends Error {
  override name = 'BadConfig';
}

function makeClient(
  settings: AgreementSettings,
  endpointUrl: string | undefined,
): MarketplaceAgreementClient {
  return new MarketplaceAgreementClient({
    region: AGREEMENT_REGION,
    credentials: credentialProvider(settings),
    retryStrategy: new AdaptiveRetryStrategy(settings.maxAttempts ?? DEFAULT_MAX_ATTEMPTS),
    ...clientLimits(settings),
    // Resolved here rather than by the SDK, which would read AWS_PROFILE's endpoint and not the chosen profile's.
    ...(endpointUrl ? { endpoint: endpointUrl } : {}),
  });
}

async function askPage(
  client: MarketplaceAgreementClient,
  endpoint: string,
  settings: AgreementSettings,
  input: SearchAgreementsCommandInput,
) {
  const startedAt = Date.now();
  try {
    return await client.send(new SearchAgreementsCommand(input), {
      abortSignal: AbortSignal.timeout(settings.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS),
    });
  } catch (error) {
    if ((error as Error).name !== 'TimeoutError' && (error as Error).name !== 'AbortError')
      throw error;
    throw Object.assign(
      new Error(`no answer from ${endpoint} in ${inSeconds(Date.now() - startedAt)} s`),
      { name: 'TimeoutError' },
    );
  }
}

function toLiveAgreement(a: AgreementViewSummary): LiveAgreement {
  return {
    agreementId: a.agreementId ?? '(no id)',
    status: a.status ?? 'UNKNOWN',
    productId: a.proposalSummary?.resources?.[0]?.id ?? null,
    offerId: a.proposalSummary?.offerId ?? null,
    startTime: a.startTime?.toISOString() ?? null,
    endTime: a.endTime?.toISOString() ?? null,
  };
}

/** What to do, per kind, in the Agreement Service's terms (errors.ts speaks of EC2's). */
const WHAT_TO_DO: Partial<Record<ConfirmationErrorKind, string>> = {
  throttled: 'AWS is still throttling after retries: wait a minute and retry',
  unauthorized:
    'use a profile of the seller account whose role has the IAM permission aws-marketplace:SearchAgreements, then retry',
  'malformed-input':
    'the Agreement Service refused the search: check the account and --product-id (prod-...), then retry',
  'bad-answer':
    "this is not a verdict: retry in a minute, and check the endpoint URL (AWS_ENDPOINT_URL_MARKETPLACE_AGREEMENT, AWS_ENDPOINT_URL, the profile's endpoint_url) if it persists",
};

/** EC2's mapping (throttling, credentials, network), with the Agreement Service's own codes and advice. */
async function toLiveError(
  error: unknown,
  settings: AgreementSettings,
): Promise<{
  kind: ConfirmationErrorKind;
  message: string;
  requestId: string | null;
  requestIdService?: 'sts';
}> {
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  if (e.name === 'BadConfig')
    return { kind: 'malformed-input', message: redactSecrets(e.message ?? ''), requestId: null };
  const classified = classifySdkError(error);
  if (classified.kind === 'credentials')
    return {
      ...classified,
      kind: 'credentials',
      message: await credentialsMessage(settings, error),
    };
  const kind: ConfirmationErrorKind =
    e.name === 'ValidationException' ? 'malformed-input' : classified.kind;
  const status = e.$metadata?.httpStatusCode;
  const unreadable = classified.kind === 'bad-answer' && e.name !== 'BadAnswer';
  const detail = unreadable
    ? `the Agreement Service answered HTTP ${status} with a body that could not be read`
    : redactSecrets(e.message || e.name || 'Error');
  const hint = WHAT_TO_DO[kind];
  return {
    kind,
    message: hint ? `${detail}: ${hint}` : classified.message,
    requestId: classified.requestId,
  };
}
