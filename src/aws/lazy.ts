// The only way the extension and the CLI reach the AWS layer, so the SDK loads on first use.
// Bundled, dist/aws.js sits beside dist/extension.js and dist/cli.js; unbundled (tsc's out/),
// ./index sits beside this file. The path is computed so esbuild leaves the require alone
// instead of pulling the SDK into the caller's bundle.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

type AwsLayer = typeof import('./index');

let loaded: AwsLayer | undefined;

export function loadAws(): Promise<AwsLayer> {
  if (!loaded) {
    // Node >= 20.19 is this product's recorded engine; the SDK's nine-line warning about Node 22
    // would otherwise open every CLI answer. An engineer's own setting wins.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    const bundled = join(__dirname, 'aws.js');
    loaded = require(existsSync(bundled) ? bundled : join(__dirname, 'index')) as AwsLayer;
  }
  return Promise.resolve(loaded);
}
