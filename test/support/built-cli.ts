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

/** `timeoutMs`: the CLI is killed (SIGKILL) if still running then, and `code` is NaN: a CLI that never exits fails its test, not the run. */
export function runBuiltCli(
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number },
): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BUILT_CLI, ...args],
      {
        env: options.env,
        cwd: options.cwd,
        timeout: options.timeoutMs ?? 0,
        killSignal: 'SIGKILL',
      },
      (error, stdout, stderr) =>
        resolve({
          code: error ? (error.killed ? Number.NaN : Number(error.code)) : 0,
          stdout,
          stderr,
        }),
    );
  });
}
