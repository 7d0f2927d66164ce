// The only way the extension and the CLI reach the AWS layer, so the SDK loads on first use.
// Bundled, dist/aws.js (and dist/s3.js, S3 alone) sit beside dist/extension.js and dist/cli.js;
// unbundled (tsc's out/), ./index and ./s3-layer sit beside this file. The path is computed so
// esbuild leaves the require alone instead of pulling the SDK into the caller's bundle.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

type AwsLayer = typeof import('./index');
type S3Layer = typeof import('./s3-layer');

let loaded: AwsLayer | undefined;
let loadedS3: S3Layer | undefined;

/** The AWS layer (EC2, the Agreement Service, profiles), loaded once. */
export function loadAws(): Promise<AwsLayer> {
  loaded ??= loadBundle<AwsLayer>('aws.js', 'index');
  return Promise.resolve(loaded);
}

/** Reading reports from S3, loaded once, without the rest of the AWS layer. */
export function loadS3Layer(): Promise<S3Layer> {
  loadedS3 ??= loadBundle<S3Layer>('s3.js', 's3-layer');
  return Promise.resolve(loadedS3);
}

function loadBundle<T>(bundle: string, unbundled: string): T {
  // Node >= 20.19 is this product's recorded engine; the SDK's nine-line warning about Node 22
  // would otherwise open every CLI answer. An engineer's own setting wins.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const bundled = join(__dirname, bundle);
  return require(existsSync(bundled) ? bundled : join(__dirname, unbundled)) as T;
}
