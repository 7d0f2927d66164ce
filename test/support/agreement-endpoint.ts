// A local AWS Marketplace Agreement Service endpoint speaking the JSON 1.0 protocol for SearchAgreements
// (X-Amz-Target: AWSMPCommerceService_v20200301.SearchAgreements), proven faithful with the AWS CLI
// (test/integration/support/agreement-endpoint.test.ts). It applies the filters as the API documents them:
// AgreementType required, and for PartyType=Acceptor only the listed combinations (else ValidationException).
// Listens on 127.0.0.1 only, on a random port by default, and stops itself after maxLifetimeMs.
//
//   const ep = await startAgreementEndpoint({ agreements: [agreement({ acceptor: '111122223333', ... })] })
import { randomUUID } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import { listenOnLoopback, readBody } from './loopback';

export const TARGET_PREFIX = 'AWSMPCommerceService_v20200301';

/** One agreement the endpoint knows. Times are ISO 8601; no endTime for pay-as-you-go. */
export interface AgreementFixture {
  agreementId: string;
  acceptor: string;
  proposer?: string;
  productId: string;
  offerId?: string;
  status?: string;
  startTime: string;
  endTime?: string;
}

/** What one acceptor account's searches get, call by call (0-based, pages included). */
export type AgreementScenario =
  | { kind: 'answer' }
  | { kind: 'throttled'; times: number; then: AgreementScenario }
  | { kind: 'access-denied' }
  /** ValidationException whatever the request, as for a filter value the service will not take. */
  | { kind: 'refused'; message: string }
  /** HTTP 200 with exactly this body, as a proxy or a wrong endpoint may send. */
  | { kind: 'http-200'; body: string };

export interface AgreementEndpointOptions {
  agreements?: AgreementFixture[];
  /** Per acceptor account; `answer` for any other. */
  scenarios?: Record<string, AgreementScenario>;
  /** Page size when the request asks for more (the API's maxResults is 1..50). */
  pageSize?: number;
  /** Added to every reply, like the round trip to us-east-1. */
  latencyMs?: number;
  /** The server stops itself after this long even if nobody calls stop(); 10 minutes by default. */
  maxLifetimeMs?: number;
}

/** One request as the endpoint saw it (never a key or signature). */
export interface AgreementCall {
  target: string;
  /** From the signature's credential scope: proof of the region and signing name the client used. */
  region: string | null;
  signingName: string | null;
  filters: Record<string, string>;
  nextToken: string | null;
  status: number;
  outcome: string;
  requestId: string;
}

export interface AgreementEndpoint {
  url: string;
  calls: AgreementCall[];
  stop(): Promise<void>;
}

interface Filter {
  name?: unknown;
  values?: unknown;
}

interface Reply {
  status: number;
  body: unknown;
  outcome: string;
  errorType?: string;
}

const ACCEPTOR_COMBINATIONS = [
  [],
  ['Status'],
  ['EndTime'],
  ['Status', 'EndTime'],
  ...['ResourceIdentifier', 'OfferId', 'OfferSetId'].flatMap((id) => [
    [id],
    [id, 'EndTime'],
    [id, 'Status'],
    [id, 'Status', 'EndTime'],
  ]),
  ['ResourceType'],
  ['ResourceType', 'EndTime'],
].map((names) => names.sort().join('+'));
const KNOWN_FILTERS = new Set([
  'PartyType',
  'AgreementType',
  'AcceptorAccountId',
  'ResourceIdentifier',
  'ResourceType',
  'OfferId',
  'OfferSetId',
  'Status',
  'BeforeEndTime',
  'AfterEndTime',
  'BeforeStartTime',
  'AfterStartTime',
  'BeforeLastUpdateTime',
  'AfterLastUpdateTime',
  'EndTimeBehaviorType',
  'EndTimeBehaviorReasonCode',
  'InitialAgreementId',
  'LicenseArn',
]);

export async function startAgreementEndpoint(
  options: AgreementEndpointOptions = {},
): Promise<AgreementEndpoint> {
  const calls: AgreementCall[] = [];
  const attempts = new Map<string, number>();
  const server = createServer((req, res) => {
    readBody(req).then(
      async (text) => {
        const requestId = randomUUID();
        const target = String(req.headers['x-amz-target'] ?? '');
        const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(
          req.headers.authorization ?? '',
        );
        let input: Record<string, unknown> = {};
        try {
          input = JSON.parse(text || '{}') as Record<string, unknown>;
        } catch {
          /* answered below as a SerializationException */
        }
        const filters = Object.fromEntries(
          ((input.filters ?? []) as Filter[]).map((f) => [
            String(f.name),
            String((f.values as string[] | undefined)?.[0] ?? ''),
          ]),
        );
        let reply: Reply;
        if (req.method !== 'POST' || req.headers['content-type'] !== 'application/x-amz-json-1.0')
          reply = error(
            400,
            'SerializationException',
            'Expected a POST of application/x-amz-json-1.0',
          );
        else if (!scope)
          reply = error(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
        else if (target !== `${TARGET_PREFIX}.SearchAgreements`)
          reply = error(400, 'UnknownOperationException', `Unknown operation ${target}`);
        else {
          const account = filters.AcceptorAccountId ?? '';
          const n = attempts.get(account) ?? 0;
          attempts.set(account, n + 1);
          reply = play(options.scenarios?.[account] ?? { kind: 'answer' }, n, () =>
            search(input, options),
          );
        }
        calls.push({
          target,
          region: scope?.[1] ?? null,
          signingName: scope?.[2] ?? null,
          filters,
          nextToken: typeof input.nextToken === 'string' ? input.nextToken : null,
          status: reply.status,
          outcome: reply.outcome,
          requestId,
        });
        await sleep(options.latencyMs ?? 0);
        send(res, reply, requestId);
      },
      () => res.destroy(),
    );
  });
  server.keepAliveTimeout = 5_000;
  const { port, stop } = await listenOnLoopback(server, {
    maxLifetimeMs: options.maxLifetimeMs ?? 10 * 60_000,
    dropConnections: () => server.closeAllConnections(),
  });
  return { url: `http://127.0.0.1:${port}`, calls, stop };
}

function play(s: AgreementScenario, n: number, answer: () => Reply): Reply {
  switch (s.kind) {
    case 'throttled':
      return n < s.times
        ? error(400, 'ThrottlingException', 'Rate exceeded')
        : play(s.then, n - s.times, answer);
    case 'access-denied':
      return error(
        400,
        'AccessDeniedException',
        'User: arn:aws:iam::111122223333:user/support is not authorized to perform: aws-marketplace:SearchAgreements',
      );
    case 'refused':
      return error(400, 'ValidationException', s.message);
    case 'http-200':
      return { status: 200, outcome: 'http-200', body: s.body };
    case 'answer':
      return answer();
  }
}

/** SearchAgreements as documented: validate, filter, page. */
function search(input: Record<string, unknown>, options: AgreementEndpointOptions): Reply {
  if (input.catalog !== 'AWSMarketplace')
    return error(400, 'ValidationException', `Invalid catalog ${String(input.catalog)}`);
  const raw = (input.filters ?? []) as Filter[];
  if (!Array.isArray(raw) || raw.length < 1 || raw.length > 10)
    return error(400, 'ValidationException', 'filters must hold 1 to 10 filters');
  const filters = new Map<string, string>();
  for (const f of raw) {
    if (typeof f.name !== 'string' || !KNOWN_FILTERS.has(f.name))
      return error(400, 'ValidationException', `Unsupported filter ${String(f.name)}`);
    if (!Array.isArray(f.values) || f.values.length !== 1)
      return error(400, 'ValidationException', `Filter ${f.name} takes exactly one value`);
    filters.set(f.name, String(f.values[0]));
  }
  if (!filters.has('AgreementType'))
    return error(400, 'ValidationException', 'The AgreementType filter is required');
  if (filters.get('PartyType') === 'Acceptor') {
    const names = [...filters.keys()]
      .filter((k) => k !== 'PartyType' && k !== 'AgreementType')
      .map((k) => (/EndTime$/.test(k) ? 'EndTime' : k));
    if (!ACCEPTOR_COMBINATIONS.includes([...new Set(names)].sort().join('+')))
      return error(
        400,
        'ValidationException',
        `Unsupported filter combination for PartyType Acceptor: ${[...filters.keys()].join(', ')}`,
      );
  }
  const max = typeof input.maxResults === 'number' ? input.maxResults : 50;
  if (max < 1 || max > 50)
    return error(400, 'ValidationException', 'maxResults must be between 1 and 50');
  let offset = 0;
  if (typeof input.nextToken === 'string') {
    offset = Number(
      Buffer.from(input.nextToken, 'base64url')
        .toString('utf8')
        .replace(/^offset:/, ''),
    );
    if (!Number.isInteger(offset) || offset < 0)
      return error(400, 'ValidationException', 'Invalid nextToken');
  }
  const match = (options.agreements ?? []).filter(
    (a) =>
      (!filters.has('AcceptorAccountId') || a.acceptor === filters.get('AcceptorAccountId')) &&
      (!filters.has('ResourceIdentifier') || a.productId === filters.get('ResourceIdentifier')) &&
      (!filters.has('Status') || (a.status ?? 'ACTIVE') === filters.get('Status')) &&
      (!filters.has('OfferId') || a.offerId === filters.get('OfferId')) &&
      filters.get('AgreementType') === 'PurchaseAgreement',
  );
  const size = Math.min(max, options.pageSize ?? 50);
  const page = match.slice(offset, offset + size);
  const more = offset + size < match.length;
  return {
    status: 200,
    outcome: `${page.length} of ${match.length}`,
    body: {
      agreementViewSummaries: page.map(summary),
      ...(more ? { nextToken: Buffer.from(`offset:${offset + size}`).toString('base64url') } : {}),
    },
  };
}

/** An AgreementViewSummary as the service sends it: timestamps in epoch seconds. */
function summary(a: AgreementFixture): Record<string, unknown> {
  const seconds = (iso: string) => Date.parse(iso) / 1000;
  return {
    agreementId: a.agreementId,
    acceptanceTime: seconds(a.startTime),
    startTime: seconds(a.startTime),
    ...(a.endTime ? { endTime: seconds(a.endTime) } : {}),
    agreementType: 'PurchaseAgreement',
    acceptor: { accountId: a.acceptor },
    proposer: { accountId: a.proposer ?? '999988887777' },
    proposalSummary: {
      resources: [{ id: a.productId, type: 'AmiProduct' }],
      ...(a.offerId ? { offerId: a.offerId } : {}),
    },
    status: a.status ?? 'ACTIVE',
  };
}

function error(status: number, type: string, message: string): Reply {
  return {
    status,
    errorType: type,
    outcome: type,
    body: { __type: `com.amazonaws.marketplace.agreement#${type}`, message },
  };
}

function send(res: ServerResponse, reply: Reply, requestId: string): void {
  res.writeHead(reply.status, {
    'content-type': 'application/x-amz-json-1.0',
    'x-amzn-requestid': requestId,
    ...(reply.errorType ? { 'x-amzn-errortype': reply.errorType } : {}),
  });
  res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
