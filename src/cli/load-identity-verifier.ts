// The identity verifier (the CMS/X.509 parser) for `verify-identity`, loaded when that command runs:
// every other command starts without parsing it. Bundled, dist/identity-verifier.js sits beside
// dist/cli.js; unbundled (tsc's out/), the module is ../core/identity (its door). The path is computed so
// esbuild leaves the require alone instead of pulling the parser into dist/cli.js.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

type IdentityVerifier = typeof import('../core/identity');

/** The verifier module (verifyIdentity, NotASignatureError, ...), loaded on first call; throws what require throws. */
export function loadIdentityVerifier(): IdentityVerifier {
  const bundled = join(__dirname, 'identity-verifier.js');
  return require(existsSync(bundled) ? bundled : join(__dirname, '..', 'core', 'identity', 'verify')) as IdentityVerifier;
}
