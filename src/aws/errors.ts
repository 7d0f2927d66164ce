// Turns what the SDK throws into an error kind a support engineer can act on. Messages pass
// through redactSecrets so nothing resembling a key, token or signature is ever shown or stored.
import type { ConfirmationError, ConfirmationErrorKind } from '../core/confirmation';
import { redact } from '../core/redaction';

/** SDK and credential_process messages can quote commands, keys or signatures: mask them, on one line. */
export function redactSecrets(text: string): string {
  return redact(text).text.replace(/\s+/g, ' ').trim();
}

const KIND_BY_CODE: Record<string, ConfirmationErrorKind> = {
  'InvalidInstanceID.NotFound': 'instance-not-found',
  'InvalidInstanceID.Malformed': 'malformed-input',
  InvalidParameterValue: 'malformed-input',
  InvalidParameterCombination: 'malformed-input',
  MissingParameter: 'malformed-input',
  UnauthorizedOperation: 'unauthorized',
  AccessDenied: 'unauthorized',
  AccessDeniedException: 'unauthorized',
  OptInRequired: 'unauthorized',
  AuthFailure: 'credentials',
  InvalidClientTokenId: 'credentials',
  SignatureDoesNotMatch: 'credentials',
  ExpiredToken: 'credentials',
  RequestExpired: 'credentials',
  UnrecognizedClientException: 'credentials',
  CredentialsProviderError: 'credentials',
  TokenProviderError: 'credentials',
  RequestLimitExceeded: 'throttled',
  Throttling: 'throttled',
  ThrottlingException: 'throttled',
  RequestThrottled: 'throttled',
  TimeoutError: 'network',
  AbortError: 'network',
  RequestTimeout: 'network',
};

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED', 'ERR_SOCKET_CONNECTION_TIMEOUT']);

const WHAT_TO_DO: Partial<Record<ConfirmationErrorKind, string>> = {
  'instance-not-found': 'check the instance id and the region (or use region "auto")',
  unauthorized: 'use a profile of the AWS account that owns the product code, with IAM permission ec2:ConfirmProductInstance',
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
  let kind: ConfirmationErrorKind = KIND_BY_CODE[code] ?? 'unknown';
  if (kind === 'unknown' && (networkCode(e) !== null || /socket hang up/i.test(e.message ?? ''))) kind = 'network';
  const detail = redactSecrets(e.message || code);
  const hint = WHAT_TO_DO[kind];
  const status = e.$metadata?.httpStatusCode;
  const message = kind === 'unknown' && status ? `${detail} (HTTP ${status})` : detail;
  return { kind, code: networkCode(e) ?? code, message: hint ? `${message}: ${hint}` : message, requestId };
}

function networkCode(e: SdkLikeError, depth = 0): string | null {
  if (e.code && NETWORK_CODES.has(e.code)) return e.code;
  return e.cause && depth < 5 ? networkCode(e.cause as SdkLikeError, depth + 1) : null;
}
