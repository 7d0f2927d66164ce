// `s3://bucket/prefix/` and `s3://bucket/key.csv` as report paths. No SDK here: the CLI and the
// extension tell S3 paths from local ones before the AWS layer is loaded.

/** A report path in S3: a bucket and a key (one object) or a prefix (a "folder" of reports). */
export interface S3Location {
  bucket: string;
  /** The key after the bucket, as written; '' for the whole bucket. Ends with '/' for a prefix. */
  key: string;
}

/** True for `s3://...` (any case of the scheme), the way the AWS CLI tells S3 paths from local ones. */
export function isS3Url(path: string): boolean {
  return /^s3:\/\//i.test(path.trim());
}

/**
 * The bucket and key of `s3://bucket/key`. Throws an Error saying what to write instead for a URL
 * without a bucket, or with a bucket name S3 does not allow (3-63 lower-case letters, digits, dots
 * and hyphens).
 */
export function parseS3Url(url: string): S3Location {
  const rest = url.trim().replace(/^s3:\/\//i, '');
  const slash = rest.indexOf('/');
  const bucket = slash < 0 ? rest : rest.slice(0, slash);
  const key = slash < 0 ? '' : rest.slice(slash + 1);
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new Error(
      `"${url}" does not name an S3 bucket: write s3://BUCKET/PREFIX/ for a folder of reports or s3://BUCKET/KEY.csv for one report (bucket names are 3-63 lower-case letters, digits, dots and hyphens)`,
    );
  }
  return { bucket, key };
}

/** `s3://bucket/key`: the name problems and evidence give an object (`s3://bucket/key:line`). */
export function s3Url(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}
