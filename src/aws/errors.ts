// Turns what the SDK throws into an error kind a support engineer can act on. Messages pass
// through redactSecrets so nothing resembling a key, token or signature is ever shown or stored.
import type { Logger } from '@smithy/types';
import type { ConfirmationError, ConfirmationErrorKind } from '../core/confirmations';
import { redact } from '../core/redaction';

/** Thrown before any request when a profile cannot be used; its message says what to do. */
export class CredentialsProblem extends Error {
  override name = 'CredentialsProviderError';
}

/**
 * STS refused to give a profile its role (AssumeRole answered AccessDenied, say for a missing
 * external_id): a credentials error of the profile, not a refusal of the service the call was for,
 * which was never asked. `Code` is STS's error code and `$metadata.requestId` STS's request id.
 */
export class RoleRefused extends CredentialsProblem {
  readonly service = 'sts';
  constructor(
    message: string,
    readonly Code: string,
    readonly $metadata: { requestId?: string },
  ) {
    super(message);
  }
}

/** EC2 answered HTTP 2xx with something that is not the API's answer; kind 'bad-answer', never a verdict. */
export class BadAnswer extends Error {
  override name = 'BadAnswer';
}

/**
 * Given to the SDK's clients, handlers and credential providers, which otherwise write their own
 * warnings ("a request has exceeded the configured requestTimeout", socket usage, several credential
 * sources) straight to stderr, in the middle of an answer: each case they warn about reaches the
 * engineer as this layer's own message instead.
 */
/** A duration in seconds as messages print it: "10", "0.4". */
export function inSeconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

export const QUIET_SDK_LOGGER: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** SDK and credential_process messages can quote commands, keys or signatures: mask them, on one line. */
export function redactSecrets(text: string): string {
  return redact(text).text.replace(/\s+/g, ' ').trim();
}

// EC2 answers with its own codes (the Query protocol's <Code>), the SDK and its credential
// providers with error names; both are looked up here. EC2 models no error shapes, so the codes
// come from its API reference ("Error codes for the Amazon EC2 API").
const KIND_BY_CODE: Record<string, ConfirmationErrorKind> = {
  'InvalidInstanceID.NotFound': 'instance-not-found',
  'InvalidInstanceID.Malformed': 'malformed-input',
  InvalidInstanceID: 'malformed-input',
  InvalidID: 'malformed-input',
  InvalidParameter: 'malformed-input',
  InvalidParameterValue: 'malformed-input',
  InvalidParameterCombination: 'malformed-input',
  InvalidCharacter: 'malformed-input',
  MissingParameter: 'malformed-input',
  // Not the product code's owner, no IAM permission, or an account that may not use EC2 yet.
  UnauthorizedOperation: 'unauthorized',
  InvalidProductInfo: 'unauthorized',
  AccessDenied: 'unauthorized',
  AccessDeniedException: 'unauthorized',
  OptInRequired: 'unauthorized',
  Blocked: 'unauthorized',
  PendingVerification: 'unauthorized',
  // Keys AWS does not know or no longer accepts, an expired session, a request signed wrongly.
  InvalidClientTokenId: 'credentials',
  InvalidAccessKeyId: 'credentials',
  SignatureDoesNotMatch: 'credentials',
  IncompleteSignature: 'credentials',
  MissingAuthenticationToken: 'credentials',
  ExpiredToken: 'credentials',
  ExpiredTokenException: 'credentials',
  RequestExpired: 'credentials',
  UnrecognizedClientException: 'credentials',
  CredentialsProviderError: 'credentials',
  TokenProviderError: 'credentials',
  RequestLimitExceeded: 'throttled',
  Throttling: 'throttled',
  ThrottlingException: 'throttled',
  RequestThrottled: 'throttled',
  TooManyRequestsException: 'throttled',
  BadAnswer: 'bad-answer',
  TimeoutError: 'network',
  AbortError: 'network',
  RequestTimeout: 'network',
  RequestTimeoutException: 'network',
};

/**
 * EC2's AuthFailure means either keys it could not validate ("AWS was not able to validate the
 * provided access credentials") or a resource the caller may not use, such as a product code of
 * another account: only the message tells them apart. A failure with no code of its own is a
 * network one when a socket error lies beneath it.
 */
function kindOf(e: SdkLikeError): ConfirmationErrorKind {
  if (e instanceof CredentialsProblem) return 'credentials';
  const code = e.Code ?? e.name ?? 'Error';
  if (code === 'AuthFailure')
    return /validate|credentials/i.test(e.message ?? '') ? 'credentials' : 'unauthorized';
  const known = KIND_BY_CODE[code];
  if (known) return known;
  return networkCode(e) !== null || /socket hang up/i.test(e.message ?? '') ? 'network' : 'unknown';
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNABORTED',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

const WHAT_TO_DO: Partial<Record<ConfirmationErrorKind, string>> = {
  'instance-not-found': 'check the instance id and the region (or use region "auto")',
  unauthorized:
    'check the product code, and use a profile of the AWS account that owns it, with IAM permission ec2:ConfirmProductInstance',
  throttled:
    'AWS is still throttling after retries: wait a minute and retry, or lower the concurrency',
  network: 'check the network, proxy or endpoint URL, then retry',
  'bad-answer':
    'this is not a verdict: retry in a minute (a re-run of a batch asks again), and check the proxy or endpoint URL if it persists',
};

interface SdkLikeError {
  name?: string;
  code?: string;
  message?: string;
  Code?: string;
  $metadata?: { requestId?: string; httpStatusCode?: number };
  cause?: unknown;
}

export interface ClassifiedError extends ConfirmationError {
  requestId: string | null;
  /** Set when `requestId` is STS's (it refused the profile's role), not the called service's. */
  requestIdService?: 'sts';
}

export function classifySdkError(error: unknown): ClassifiedError {
  const e = (error ?? {}) as SdkLikeError;
  const requestId = e.$metadata?.requestId ?? null;
  const status = e.$metadata?.httpStatusCode;
  const detail = redactSecrets(e.message || e.Code || e.name || 'Error');
  const kind = kindOf(e);
  // An error with a 2xx status is an answer the SDK could not read (a body that is not XML).
  if (kind === 'unknown' && status !== undefined && status >= 200 && status < 300) {
    // The parser's own words, without the SDK's pointer to a field only code can see.
    const parser = detail.replace(/\s*Deserialization error:.*$/, '');
    return {
      kind: 'bad-answer',
      code: 'BadAnswer',
      message: `EC2 answered HTTP ${status} with a body that could not be read (${parser}): ${WHAT_TO_DO['bad-answer']}`,
      requestId,
    };
  }
  const hint =
    WHAT_TO_DO[kind] ??
    (status !== undefined && status >= 500
      ? 'AWS had a fault on its side even after retries: retry in a minute'
      : undefined);
  const message = kind === 'unknown' && status ? `${detail} (HTTP ${status})` : detail;
  return {
    kind,
    code: networkCode(e) ?? e.Code ?? e.name ?? 'Error',
    message: hint ? `${message}: ${hint}` : message,
    requestId,
    ...(error instanceof RoleRefused ? { requestIdService: error.service } : {}),
  };
}

function networkCode(e: SdkLikeError, depth = 0): string | null {
  if (e.code && NETWORK_CODES.has(e.code)) return e.code;
  return e.cause && depth < 5 ? networkCode(e.cause, depth + 1) : null;
}
