// The built CLI (dist/cli.js, from `npm run build`) run as a child process, the way an engineer
// runs it. Asynchronous on purpose: a local endpoint in the test's own process must keep answering.
import { execFile } from 'node:child_process';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..', '..');
const BUILT_CLI = join(REPO_ROOT, 'dist', 'cli.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runBuiltCli(args: string[], options: { env: NodeJS.ProcessEnv; cwd?: string }): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BUILT_CLI, ...args], { env: options.env, cwd: options.cwd }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}
