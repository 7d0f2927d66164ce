// Turns what the SDK throws into an error kind a support engineer can act on. Messages pass
// through redactSecrets so nothing resembling a key, token or signature is ever shown or stored.
import type { ConfirmationError, ConfirmationErrorKind } from '../core/confirmation';
import { redact } from '../core/redaction';

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
  TimeoutError: 'network',
  AbortError: 'network',
  RequestTimeout: 'network',
  RequestTimeoutException: 'network',
};

/**
 * EC2's AuthFailure means either keys it could not validate ("AWS was not able to validate the
 * provided access credentials") or a resource the caller may not use, such as a product code of
 * another account: only the message tells them apart.
 */
function kindOf(code: string, message: string): ConfirmationErrorKind {
  if (code === 'AuthFailure') return /validate|credentials/i.test(message) ? 'credentials' : 'unauthorized';
  return KIND_BY_CODE[code] ?? 'unknown';
}

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED', 'ERR_SOCKET_CONNECTION_TIMEOUT']);

const WHAT_TO_DO: Partial<Record<ConfirmationErrorKind, string>> = {
  'instance-not-found': 'check the instance id and the region (or use region "auto")',
  unauthorized: 'check the product code, and use a profile of the AWS account that owns it, with IAM permission ec2:ConfirmProductInstance',
  throttled: 'AWS is still throttling after retries: wait a minute and retry, or lower the concurrency',
  network: 'check the network, proxy or endpoint URL, then retry',
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
}

export function classifySdkError(error: unknown): ClassifiedError {
  const e = (error ?? {}) as SdkLikeError;
  const code = e.Code ?? e.name ?? 'Error';
  const requestId = e.$metadata?.requestId ?? null;
  let kind = kindOf(code, e.message ?? '');
  if (kind === 'unknown' && (networkCode(e) !== null || /socket hang up/i.test(e.message ?? ''))) kind = 'network';
  const detail = redactSecrets(e.message || code);
  const status = e.$metadata?.httpStatusCode;
  const hint = WHAT_TO_DO[kind] ?? (status !== undefined && status >= 500 ? 'AWS had a fault on its side even after retries: retry in a minute' : undefined);
  const message = kind === 'unknown' && status ? `${detail} (HTTP ${status})` : detail;
  return { kind, code: networkCode(e) ?? code, message: hint ? `${message}: ${hint}` : message, requestId };
}

function networkCode(e: SdkLikeError, depth = 0): string | null {
  if (e.code && NETWORK_CODES.has(e.code)) return e.code;
  return e.cause && depth < 5 ? networkCode(e.cause as SdkLikeError, depth + 1) : null;
}
