// `npm run watch` (esbuild.mjs --watch), what F5 waits on: every bundle of the list is announced
// before "[watch] build finished" (so F5 cannot start before the panel is built), and an error is
// printed in the one form .vscode/tasks.json's problem matcher reads as file, line and column.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'jsonc-parser';
import { bundles } from '../../src/core/lazy-bundle';

const ROOT = resolve(__dirname, '../../..');

describe('the watch build', () => {
  it('announces every bundle of the list, then "build finished" once all are built', async () => {
    const watch = spawn(process.execPath, ['esbuild.mjs', '--watch'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const lines = await new Promise<string[]>((done, fail) => {
        let out = '';
        watch.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString('utf8');
          if (out.includes('[watch] build finished\n')) done(out.split('\n'));
        });
        watch.on('exit', (code) =>
          fail(new Error(`the watch exited (${code}) before "build finished": ${out}`)),
        );
      });
      const finished = lines.indexOf('[watch] build finished');
      assert.equal(lines[0], '[watch] build started');
      assert.deepEqual(
        lines.slice(1, finished).sort(),
        Object.keys(bundles)
          .map((name) => `[watch] built dist/${name}.js`)
          .sort(),
      );
    } finally {
      watch.kill();
    }
  });

  it('prints an error as file:line:column, which the tasks.json problem matcher reads back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'support-desk-watch-error-'));
    try {
      const broken = join(dir, 'broken.ts');
      writeFileSync(broken, 'export const fine = 1;\nexport const broken = ;\n');
      const script = `
        import * as esbuild from 'esbuild';
        import { problemLine } from './esbuild.mjs';
        const result = await esbuild.build({ absWorkingDir: process.cwd(), entryPoints: [${JSON.stringify(broken)}], write: false, logLevel: 'silent' }).catch((e) => e);
        process.stdout.write(result.errors.map((e) => problemLine('error', e, 'src/extension.ts')).join('\\n'));`;
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      assert.equal(run.status, 0, run.stderr);
      const tasks = parse(readFileSync(join(ROOT, '.vscode/tasks.json'), 'utf8')) as {
        tasks: { label: string; problemMatcher: unknown }[];
      };
      const matcher = tasks.tasks.find((t) => t.label === 'npm: watch')?.problemMatcher as {
        fileLocation: [string, string];
        pattern: {
          regexp: string;
          severity: number;
          file: number;
          line: number;
          column: number;
          message: number;
        };
      };
      assert.deepEqual(matcher.fileLocation, ['relative', '${workspaceFolder}']);
      const match = new RegExp(matcher.pattern.regexp).exec(run.stdout);
      assert.ok(match, run.stdout);
      const { severity, file, line, column, message } = matcher.pattern;
      assert.deepEqual(
        [match[severity], resolve(ROOT, match[file]), match[line], match[column], match[message]],
        ['ERROR', broken, '2', '23', 'Unexpected ";"'],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
