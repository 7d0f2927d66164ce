// The only way the extension and the CLI reach the AWS layer, so the SDK loads on first use: the
// lazy bundles aws (dist/aws.js) and s3 (dist/s3.js, S3 alone) of src/core/bundles.json.
import { lazyBundle } from '../core/lazy-bundle';

const aws = lazyBundle<typeof import('./index')>('aws');
const s3 = lazyBundle<typeof import('./s3-layer')>('s3');

/** The AWS layer (EC2, the Agreement Service, profiles), loaded once. */
export function loadAws(): Promise<typeof import('./index')> {
  return Promise.resolve(withoutNodeVersionWarning(() => aws.load()));
}

/** Reading reports from S3, loaded once, without the rest of the AWS layer. */
export function loadS3Layer(): Promise<typeof import('./s3-layer')> {
  return Promise.resolve(withoutNodeVersionWarning(() => s3.load()));
}

function withoutNodeVersionWarning<T>(load: () => T): T {
  // Node >= 20.19 is this product's recorded engine; the SDK's nine-line warning about Node 22
  // would otherwise open every CLI answer. An engineer's own setting wins.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  return load();
}
