// A local EC2 endpoint speaking the Query protocol (Version 2016-11-15) for ConfirmProductInstance
// and DescribeRegions, with a scenario per instance. Listens on 127.0.0.1 only and stops itself.
// It also answers the IAM Identity Center portal's GetRoleCredentials (point AWS_ENDPOINT_URL_SSO at
// it), so that an SSO profile with a fresh token cache gets role credentials as after `aws sso login`.
//
// Programmatic:  const ep = await startEc2Endpoint({ instances: { 'i-…': { kind: 'attached', ownerId } } })
// Command line:  node out/test/support/ec2-endpoint.js --port 0 [--latency-ms N] [--scenarios FILE.json]
//                [--max-seconds S]   prints the URL, exits when stdin closes or after S seconds.
import { parseArgs } from 'node:util';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { listenOnLoopback, readBody } from './loopback';

export type Ec2Scenario =
  /** Return true, owned by ownerId; Return false when productCode is set and differs. Lives in `region` if set. */
  | { kind: 'attached'; ownerId: string; productCode?: string; region?: string }
  | { kind: 'not-attached'; ownerId?: string; region?: string }
  | { kind: 'not-found' }
  | { kind: 'unauthorized' }
  | { kind: 'throttled'; times: number; then: Ec2Scenario }
  | { kind: 'server-error'; times: number; then: Ec2Scenario }
  | { kind: 'reset'; times: number; then: Ec2Scenario }
  | { kind: 'slow'; delayMs: number; then: Ec2Scenario }
  | { kind: 'garbage' }
  /** HTTP 200 with exactly this body: empty (as a proxy may send), another document, a partial answer. */
  | { kind: 'http-200'; body: string }
  /** Any EC2 error reply, to hold the error mapping to the codes EC2 really sends. */
  | { kind: 'error'; status: number; code: string; message: string }
  /** SignatureDoesNotMatch quoting the signed request back, headers included, as AWS's own message does. */
  | { kind: 'signature-mismatch' };

export interface Ec2EndpointOptions {
  port?: number;
  /** Added to every reply, like the round trip to a real region. */
  latencyMs?: number;
  instances?: Record<string, Ec2Scenario>;
  /** What an instance not in `instances` gets; InvalidInstanceID.NotFound by default. */
  defaultScenario?: Ec2Scenario;
  /** Enabled regions returned by DescribeRegions. */
  regions?: string[];
  /** Access key ids answered with AuthFailure, to stand for revoked or wrong keys. */
  rejectAccessKeyIds?: string[];
  /** The server stops itself after this long even if nobody calls stop(). */
  maxLifetimeMs?: number;
  /** SSO access tokens GetRoleCredentials accepts; any other token gets UnauthorizedException. */
  ssoAccessTokens?: string[];
}

/** One request as the endpoint saw it (never a key, token or signature). */
export interface Ec2Call {
  action: string;
  instanceId: string | null;
  productCode: string | null;
  region: string | null;
  status: number;
  outcome: string;
  requestId: string | null;
  time: number;
}

export interface Ec2Endpoint {
  url: string;
  port: number;
  calls: Ec2Call[];
  /** The signatures, session tokens and SSO bearer tokens clients sent: kept only so tests can prove none reaches an output. */
  secretsSent: Set<string>;
  setScenario(instanceId: string, scenario: Ec2Scenario): void;
  stop(): Promise<void>;
}

export const DEMO_OWNER = '111122223333';
export const DEMO_OTHER_OWNER = '444455556666';
export const DEMO_PRODUCT_CODE = 'abc123example0code';

/** A scenario for each verdict and error kind, used by the command-line mode and by UI tests. */
export const DEMO_SCENARIOS: Record<string, Ec2Scenario> = {
  'i-00000000000000001': { kind: 'attached', ownerId: DEMO_OWNER },
  'i-00000000000000002': { kind: 'attached', ownerId: DEMO_OTHER_OWNER },
  'i-00000000000000003': { kind: 'not-attached' },
  'i-00000000000000004': { kind: 'not-found' },
  'i-00000000000000005': { kind: 'unauthorized' },
  'i-00000000000000006': { kind: 'throttled', times: 1_000_000, then: { kind: 'not-found' } },
  'i-00000000000000007': {
    kind: 'server-error',
    times: 1,
    then: { kind: 'attached', ownerId: DEMO_OWNER },
  },
  'i-00000000000000008': {
    kind: 'slow',
    delayMs: 1500,
    then: { kind: 'attached', ownerId: DEMO_OWNER },
  },
  'i-00000000000000009': { kind: 'reset', times: 1_000_000, then: { kind: 'not-found' } },
  'i-0000000000000000a': { kind: 'garbage' },
};

const DEFAULT_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'eu-west-1',
  'eu-central-1',
  'ap-southeast-2',
  'ap-northeast-1',
];
const XMLNS = 'http://ec2.amazonaws.com/doc/2016-11-15/';
const INSTANCE_ID = /^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

interface Reply {
  status: number;
  requestId?: string;
  body?: string;
  outcome: string;
  reset?: boolean;
  delayMs?: number;
}

export async function startEc2Endpoint(options: Ec2EndpointOptions = {}): Promise<Ec2Endpoint> {
  const instances = new Map(Object.entries(options.instances ?? {}));
  const attempts = new Map<string, number>();
  const rejected = new Set(options.rejectAccessKeyIds ?? []);
  const regions = options.regions ?? DEFAULT_REGIONS;
  const calls: Ec2Call[] = [];
  const secretsSent = new Set<string>();

  const confirm = (
    params: URLSearchParams,
    region: string | null,
    headers: IncomingMessage['headers'],
  ): Reply => {
    const instanceId = params.get('InstanceId') ?? '';
    const productCode = params.get('ProductCode') ?? '';
    if (!instanceId || !productCode)
      return errorReply(
        400,
        'MissingParameter',
        `The request must contain the parameter ${instanceId ? 'ProductCode' : 'InstanceId'}`,
      );
    if (!INSTANCE_ID.test(instanceId))
      return errorReply(400, 'InvalidInstanceID.Malformed', `Invalid id: "${instanceId}"`);
    const n = attempts.get(instanceId) ?? 0;
    attempts.set(instanceId, n + 1);
    return play(
      instances.get(instanceId) ?? options.defaultScenario ?? { kind: 'not-found' },
      n,
      0,
      { instanceId, productCode, region, headers },
    );
  };

  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url?.startsWith('/federation/credentials')) {
      const reply = roleCredentialsReply(req, options.ssoAccessTokens ?? []);
      const bearer = req.headers['x-amz-sso_bearer_token'];
      if (typeof bearer === 'string') secretsSent.add(bearer);
      calls.push({
        action: 'GetRoleCredentials',
        instanceId: null,
        productCode: null,
        region: null,
        status: reply.status,
        outcome: reply.outcome,
        requestId: reply.requestId ?? null,
        time: Date.now(),
      });
      send(res, reply, 'application/json');
      return;
    }
    readBody(req).then(
      async (body) => {
        const params = new URLSearchParams(body);
        const action = params.get('Action') ?? '';
        const auth = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/ec2\//.exec(
          req.headers.authorization ?? '',
        );
        const region = auth?.[2] ?? null;
        const signature = /Signature=([0-9a-f]+)/.exec(req.headers.authorization ?? '')?.[1];
        const token = req.headers['x-amz-security-token'];
        for (const secret of [signature, token])
          if (typeof secret === 'string') secretsSent.add(secret);
        let reply: Reply;
        if (req.method !== 'POST' || params.get('Version') !== '2016-11-15')
          reply = errorReply(400, 'InvalidRequest', 'Expected a POST with Version=2016-11-15');
        else if (!auth)
          reply = errorReply(
            401,
            'AuthFailure',
            'AWS was not able to validate the provided access credentials',
          );
        else if (rejected.has(auth[1]))
          reply = errorReply(
            401,
            'AuthFailure',
            'AWS was not able to validate the provided access credentials',
          );
        else if (action === 'ConfirmProductInstance') reply = confirm(params, region, req.headers);
        else if (action === 'DescribeRegions') reply = regionsReply(regions);
        else
          reply = errorReply(
            400,
            'InvalidAction',
            `The action ${action} is not valid for this web service.`,
          );
        calls.push({
          action,
          instanceId: params.get('InstanceId'),
          productCode: params.get('ProductCode'),
          region,
          status: reply.reset ? 0 : reply.status,
          outcome: reply.outcome,
          requestId: reply.requestId ?? null,
          time: Date.now(),
        });
        await sleep((options.latencyMs ?? 0) + (reply.delayMs ?? 0));
        send(res, reply);
      },
      () => res.destroy(),
    );
  });
  server.keepAliveTimeout = 5_000;
  const { port, stop } = await listenOnLoopback(server, {
    port: options.port,
    maxLifetimeMs: options.maxLifetimeMs ?? 10 * 60_000,
    dropConnections: () => server.closeAllConnections(),
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    calls,
    secretsSent,
    setScenario: (id, scenario) => {
      instances.set(id, scenario);
      attempts.delete(id);
    },
    stop,
  };
}

interface ConfirmCall {
  instanceId: string;
  productCode: string;
  region: string | null;
  headers: IncomingMessage['headers'];
}

/** Walks a scenario for the n-th call (0-based) to one instance. */
function play(s: Ec2Scenario, n: number, delayMs: number, call: ConfirmCall): Reply {
  const withDelay = (r: Reply): Reply => ({ ...r, delayMs });
  const { instanceId, productCode, region } = call;
  switch (s.kind) {
    case 'slow':
      return play(s.then, n, delayMs + s.delayMs, call);
    case 'throttled':
      return n < s.times
        ? withDelay(errorReply(503, 'RequestLimitExceeded', 'Request limit exceeded.'))
        : play(s.then, n - s.times, delayMs, call);
    case 'server-error':
      return n < s.times
        ? withDelay(errorReply(500, 'InternalError', 'An internal error has occurred'))
        : play(s.then, n - s.times, delayMs, call);
    case 'reset':
      return n < s.times
        ? { status: 0, outcome: 'reset', reset: true, delayMs }
        : play(s.then, n - s.times, delayMs, call);
    case 'error':
      return withDelay(errorReply(s.status, s.code, s.message));
    case 'signature-mismatch': {
      const signed = Object.entries(call.headers)
        .map(([name, value]) => `${name}:${String(value)}`)
        .join('\n');
      return withDelay(
        errorReply(
          403,
          'SignatureDoesNotMatch',
          `The request signature we calculated does not match the signature you provided. The Canonical String for this request should have been 'POST\n/\n\n${signed}'`,
        ),
      );
    }
    case 'garbage':
      return withDelay({ status: 200, outcome: 'garbage', body: '<<this is not XML at all' });
    case 'http-200':
      return withDelay({ status: 200, outcome: 'http-200', body: s.body, requestId: randomUUID() });
    case 'not-found':
      return withDelay(notFound(instanceId));
    case 'unauthorized':
      return withDelay(
        errorReply(
          403,
          'UnauthorizedOperation',
          'You are not authorized to perform this operation.',
        ),
      );
    case 'attached':
    case 'not-attached': {
      if (s.region && region && s.region !== region) return withDelay(notFound(instanceId));
      const attached =
        s.kind === 'attached' && (s.productCode === undefined || s.productCode === productCode);
      return withDelay(confirmReply(attached, s.ownerId ?? null));
    }
  }
}

function notFound(instanceId: string): Reply {
  return errorReply(
    400,
    'InvalidInstanceID.NotFound',
    `The instance ID '${instanceId}' does not exist`,
  );
}

function errorReply(status: number, code: string, message: string): Reply {
  const requestId = randomUUID();
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`;
  return { status, body, outcome: code, requestId };
}

function confirmReply(attached: boolean, ownerId: string | null): Reply {
  const requestId = randomUUID();
  const owner = attached && ownerId ? `<ownerId>${ownerId}</ownerId>` : '';
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<ConfirmProductInstanceResponse xmlns="${XMLNS}"><requestId>${requestId}</requestId><return>${attached}</return>${owner}</ConfirmProductInstanceResponse>`;
  return { status: 200, body, outcome: attached ? 'attached' : 'not-attached', requestId };
}

function regionsReply(regions: string[]): Reply {
  const requestId = randomUUID();
  const items = regions
    .map(
      (r) =>
        `<item><regionName>${r}</regionName><regionEndpoint>ec2.${r}.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item>`,
    )
    .join('');
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<DescribeRegionsResponse xmlns="${XMLNS}"><requestId>${requestId}</requestId><regionInfo>${items}</regionInfo></DescribeRegionsResponse>`;
  return { status: 200, body, outcome: 'regions', requestId };
}

/** The portal's REST-JSON answer: short-lived role credentials for a known bearer token. */
function roleCredentialsReply(req: IncomingMessage, tokens: string[]): Reply {
  const requestId = randomUUID();
  if (!tokens.includes(String(req.headers['x-amz-sso_bearer_token'] ?? ''))) {
    return {
      status: 401,
      requestId,
      outcome: 'UnauthorizedException',
      body: JSON.stringify({ message: 'Session token not found or invalid' }),
    };
  }
  const roleCredentials = {
    accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSSOEXAMPLE',
    sessionToken: 'FwoGZXIvYXdzEXAMPLESESSIONTOKEN',
    expiration: Date.now() + 3_600_000,
  };
  return {
    status: 200,
    requestId,
    outcome: 'role-credentials',
    body: JSON.stringify({ roleCredentials }),
  };
}

function send(res: ServerResponse, reply: Reply, contentType = 'text/xml;charset=UTF-8'): void {
  if (reply.reset) {
    res.socket?.destroy();
    return;
  }
  res.writeHead(reply.status, {
    'content-type': contentType,
    ...(reply.requestId ? { 'x-amzn-requestid': reply.requestId } : {}),
  });
  res.end(reply.body);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/** An endpoint that accepts connections and never answers: a dead proxy, a firewall that swallows requests. */
export interface DeadEndpoint {
  url: string;
  /** Connections accepted so far: one per attempt a client made. */
  connections: number;
  stop(): Promise<void>;
}

/** Listens on 127.0.0.1, holds every connection open without a byte in reply, and stops itself after `maxLifetimeMs`. */
export async function startDeadEndpoint({
  maxLifetimeMs = 5 * 60_000,
} = {}): Promise<DeadEndpoint> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    dead.connections++;
    sockets.add(socket);
    socket
      .on('error', () => undefined)
      .on('close', () => sockets.delete(socket))
      .resume();
  });
  const { port, stop } = await listenOnLoopback(server, {
    maxLifetimeMs,
    dropConnections: () => {
      for (const socket of sockets) socket.destroy();
    },
  });
  const dead: DeadEndpoint = { url: `http://127.0.0.1:${port}`, connections: 0, stop };
  return dead;
}

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'latency-ms': { type: 'string', default: '0' },
      scenarios: { type: 'string' },
      'max-seconds': { type: 'string', default: '600' },
    },
  }) as {
    values: { port: string; 'latency-ms': string; scenarios?: string; 'max-seconds': string };
  };
  const instances = values.scenarios
    ? (JSON.parse(readFileSync(values.scenarios, 'utf8')) as Record<string, Ec2Scenario>)
    : DEMO_SCENARIOS;
  const maxLifetimeMs = Number(values['max-seconds']) * 1000;
  startEc2Endpoint({
    port: Number(values.port),
    latencyMs: Number(values['latency-ms']),
    instances,
    maxLifetimeMs,
  }).then(
    (endpoint) => {
      process.stdout.write(`${endpoint.url}\n`);
      const quit = () => void endpoint.stop().then(() => process.exit(0));
      process.stdin.on('end', quit).on('close', quit).resume();
      setTimeout(quit, maxLifetimeMs).unref();
    },
    (error: Error) => {
      process.stderr.write(`ec2-endpoint: ${error.message}\n`);
      process.exit(1);
    },
  );
}
