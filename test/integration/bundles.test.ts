// The built bundles keep their promises: the AWS SDK only in dist/aws.js, the panel only in
// dist/panel.js, so activation loads neither. Needs `npm run build` (esbuild names every bundled
// module's path in a comment, which is what these read).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundles } from '../../src/core/lazy-bundle';

describe('bundles', () => {
  const dist = resolve(__dirname, '../../../dist');
  // esbuild names every bundled module's path in a comment: no SDK path may appear outside dist/aws.js.
  for (const bundle of ['extension.js', 'cli.js']) {
    it(`dist/${bundle} leaves the AWS SDK to dist/aws.js, loaded on the first AWS command`, () => {
      const text = readFileSync(join(dist, bundle), 'utf8');
      assert.doesNotMatch(text, /node_modules\/@(aws-sdk|smithy)\//);
    });
  }
  it('dist/extension.js leaves the panel to dist/panel.js, loaded when the panel opens', () => {
    const text = readFileSync(join(dist, 'extension.js'), 'utf8');
    assert.doesNotMatch(text, /src\/ui\/panel\/(support-desk-panel|panel-state)\.ts/);
    assert.match(
      readFileSync(join(dist, 'panel.js'), 'utf8'),
      /src\/ui\/panel\/support-desk-panel\.ts/,
    );
  });
  it('dist/aws.js carries the SDK', () => {
    assert.match(
      readFileSync(join(dist, 'aws.js'), 'utf8'),
      /node_modules\/@aws-sdk\/client-ec2\//,
    );
  });
  it('dist/ holds every bundle of the list, and a lazy one only in its own file', () => {
    const built = Object.keys(bundles).map(
      (name) => [name, readFileSync(join(dist, `${name}.js`), 'utf8')] as const,
    );
    for (const [lazy, { module }] of Object.entries(bundles).filter(([, b]) => b.lazy)) {
      assert.deepEqual(
        built.filter(([, text]) => text.includes(`// src/${module}.ts\n`)).map(([name]) => name),
        [lazy],
        `src/${module}.ts is bundled in dist/${lazy}.js alone`,
      );
    }
  });
});
