// The time limits of every AWS call of the product (EC2, the Agreement Service, S3): one place, so
// a stuck connection fails the same way whichever service it was.
import type { CredentialsLimits } from './credentials';
import { QUIET_SDK_LOGGER } from './errors';

/** How long an AWS call may take, in ms, and how often it is tried; every field optional (defaults below). */
export interface CallLimits extends CredentialsLimits {
  /** Whole call, retries included, in ms; 30 s by default. */
  callTimeoutMs?: number;
  /** One attempt (connection and answer), in ms; 10 s by default, kept inside the whole call's limit. */
  attemptTimeoutMs?: number;
  /** Attempts per call under the SDK's adaptive retry (first try included). */
  maxAttempts?: number;
}

export const DEFAULT_CALL_TIMEOUT_MS = 30_000;
export const DEFAULT_ATTEMPT_TIMEOUT_MS = 10_000;
export const MAX_CONNECTION_TIMEOUT_MS = 5_000;
export const DEFAULT_MAX_ATTEMPTS = 5;

/** One attempt's limit in ms: the attempt's own, never longer than the whole call's. */
export function attemptTimeoutMs(limits: CallLimits): number {
  return Math.min(
    limits.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS,
    limits.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
  );
}

/**
 * The client options every SDK client of the product takes: per-attempt limits that fail the attempt
 * (the SDK only warns unless told to throw), so one stuck connection is retried instead of eating the
 * whole call's time; for a streamed body, `requestTimeout` is how long it may go without a byte. And
 * the SDK's logger silenced (its messages may carry request details).
 */
export function clientLimits(limits: CallLimits) {
  const attemptMs = attemptTimeoutMs(limits);
  return {
    requestHandler: {
      connectionTimeout: Math.min(MAX_CONNECTION_TIMEOUT_MS, attemptMs),
      requestTimeout: attemptMs,
      throwOnRequestTimeout: true,
      logger: QUIET_SDK_LOGGER,
    },
    logger: QUIET_SDK_LOGGER,
  };
}
