// What S3 answers when a report cannot be listed or read, in words that say what to do. The kinds let
// the extension decide to serve its cached copy; the messages name the bucket, the IAM action and,
// for a bucket in another region, that region (from the answer itself).
import { credentialsMessage } from './credentials';
import { classifySdkError, CredentialsProblem, redactSecrets } from './errors';
import type { AwsSettings } from './profiles';

/** Why S3 gave no report: each kind has its own advice. */
export type S3ProblemKind =
  | 'no-such-bucket'
  | 'no-such-key'
  | 'access-denied'
  | 'wrong-region'
  | 'credentials'
  | 'network'
  | 'unknown';

/** A listing or a read of reports in S3 that failed; `message` says what to do. Never holds a secret. */
export class S3ReportsError extends Error {
  override name = 'S3ReportsError';
  constructor(
    readonly kind: S3ProblemKind,
    message: string,
    readonly bucketRegion?: string,
  ) {
    super(message);
  }
}

/** What was being done when S3 refused: the call's IAM action and the resource it needs. */
export interface S3Call {
  action: 's3:ListBucket' | 's3:GetObject';
  bucket: string;
  /** The key or prefix asked about ('' for the bucket). */
  key: string;
  /** Where calls went (the configured endpoint, else S3's), for network messages. */
  endpoint: string;
  /** The region the call was signed for. */
  region: string;
}

interface S3LikeError {
  name?: string;
  Code?: string;
  message?: string;
  Region?: string;
  Endpoint?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string | undefined> };
}

const WRONG_REGION = new Set([
  'PermanentRedirect',
  'AuthorizationHeaderMalformed',
  'IllegalLocationConstraintException',
  'Redirect',
  'TemporaryRedirect',
]);

/**
 * Turns what the S3 client threw into an S3ReportsError. A HEAD answer has no body, so its error is
 * known by status alone (403, 404, 301). Credentials failures get the same advice as EC2's
 * (`aws sso login --profile ...`, then retry).
 */
export async function s3Problem(
  error: unknown,
  call: S3Call,
  settings: AwsSettings,
): Promise<S3ReportsError> {
  if (error instanceof S3ReportsError) return error;
  // Refused before S3 was asked (STS refusing the profile's role has AccessDenied too): the profile's to fix.
  if (error instanceof CredentialsProblem)
    return new S3ReportsError('credentials', await credentialsMessage(settings, error));
  const e = (error ?? {}) as S3LikeError;
  const code = e.Code ?? e.name ?? '';
  const status = e.$metadata?.httpStatusCode;
  const where = call.key ? `s3://${call.bucket}/${call.key}` : `s3://${call.bucket}`;
  const bucketRegion =
    e.$response?.headers?.['x-amz-bucket-region'] ?? e.Region ?? regionOfEndpoint(e.Endpoint);
  if (
    WRONG_REGION.has(code) ||
    status === 301 ||
    (bucketRegion && bucketRegion !== call.region && (status === 400 || status === 403))
  ) {
    const region = bucketRegion
      ? `bucket ${call.bucket} is in ${bucketRegion}, not ${call.region}`
      : `bucket ${call.bucket} is not in ${call.region} (S3 did not say where it is)`;
    const fix = bucketRegion ? bucketRegion : "the bucket's region";
    return new S3ReportsError(
      'wrong-region',
      `${region}: pass --region ${fix} (in VS Code, Select Region or supportDesk.aws.region), or set AWS_REGION=${fix}, then retry`,
      bucketRegion,
    );
  }
  if (code === 'NoSuchBucket') {
    return new S3ReportsError(
      'no-such-bucket',
      `bucket ${call.bucket} does not exist (NoSuchBucket): check the name in ${where}, and that the profile belongs to the account that owns it`,
    );
  }
  if (code === 'NoSuchKey' || (status === 404 && call.action === 's3:GetObject')) {
    return new S3ReportsError(
      'no-such-key',
      `no object ${where} (NoSuchKey): check the key, or give its folder as s3://${call.bucket}/PREFIX/`,
    );
  }
  if (
    code === 'AccessDenied' ||
    code === 'AllAccessDisabled' ||
    (status === 403 && !isCredentialsCode(code))
  ) {
    const resource =
      call.action === 's3:ListBucket'
        ? `arn:aws:s3:::${call.bucket}`
        : `arn:aws:s3:::${call.bucket}/${prefixOf(call.key)}*`;
    return new S3ReportsError(
      'access-denied',
      `access denied to ${where} (${code || `HTTP ${status}`}): the profile's role needs IAM permission ${call.action} on ${resource}; ask the bucket's owner, or choose a profile that has it, then retry`,
    );
  }
  const classified = classifySdkError(error);
  if (classified.kind === 'credentials' || isCredentialsCode(code)) {
    return new S3ReportsError('credentials', await credentialsMessage(settings, error));
  }
  if (classified.kind === 'network') {
    return new S3ReportsError(
      'network',
      `cannot reach S3 at ${call.endpoint} for ${where} (${redactSecrets(e.message || code || 'no answer')}): check the network, proxy or endpoint URL (AWS_ENDPOINT_URL_S3, the profile's endpoint_url), then retry`,
    );
  }
  return new S3ReportsError(
    'unknown',
    `S3 refused ${call.action} on ${where}: ${classified.message}`,
  );
}

const CREDENTIALS_CODES = new Set([
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'TokenRefreshRequired',
  'InvalidToken',
]);

function isCredentialsCode(code: string): boolean {
  return CREDENTIALS_CODES.has(code);
}

/** "bucket.s3.eu-west-1.amazonaws.com" (a PermanentRedirect's Endpoint) -> "eu-west-1". */
function regionOfEndpoint(endpoint: string | undefined): string | undefined {
  return endpoint?.match(/\.s3[.-]([a-z]{2}(?:-[a-z]+)+-\d{1,2})\.amazonaws\.com/)?.[1];
}

/** The folder part of a key ("reports/2026/a.csv" -> "reports/2026/"), for the GetObject resource. */
function prefixOf(key: string): string {
  return key.slice(0, key.lastIndexOf('/') + 1);
}
