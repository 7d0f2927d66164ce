// A profile's credential_process, run with a time limit. The SDK's own runner waits for ever and keeps
// no handle on the command: one that prompts, or waits on the network or an MFA device, would hang a
// confirmation, a whole batch and the CLI's exit. Here the command runs in a process group of its own
// that is killed at the limit. The command line is never quoted back (it may carry a password), and
// what the command printed reaches the engineer only through the callers' redaction.
import { spawn, type ChildProcess } from 'node:child_process';
import type { AwsCredentialIdentity } from '@smithy/types';
import { CredentialsProblem, inSeconds } from './errors';

/** Enough for any credentials JSON; a command printing more is not printing credentials. */
const MAX_OUTPUT_CHARS = 64 * 1024;

/**
 * Runs `command` through the shell as the SDK does and reads the credentials it prints (the AWS
 * `credential_process` format: Version 1, AccessKeyId, SecretAccessKey, optional SessionToken and
 * Expiration). `profile` names whose command it is in messages: `profile "x"`, or for the source of a
 * role `profile "x" (the source_profile of profile "y")`.
 * Rejects with a CredentialsProblem naming the profile and the limit when it has not
 * answered within `timeoutMs`, and with a CredentialsProviderError whose message is the command's
 * failure when it exits non-zero or prints something else (the caller adds the advice and redacts).
 */
export function runCredentialProcess(
  profile: string,
  command: string,
  timeoutMs: number,
): Promise<AwsCredentialIdentity> {
  return new Promise((resolve, reject) => {
    // Its own process group on POSIX, so the command's children die with it (a shell runs it).
    const child = spawn(command, {
      shell: true,
      detached: process.platform !== 'win32',
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout = (stdout + chunk).slice(0, MAX_OUTPUT_CHARS);
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-MAX_OUTPUT_CHARS);
    });
    const timer = setTimeout(() => {
      kill(child);
      reject(
        new CredentialsProblem(
          `credential_process for ${profile} did not answer in ${inSeconds(timeoutMs)} s: run it yourself to see what it waits for ` +
            '(a prompt, an MFA device, the network), fix that, then retry',
        ),
      );
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(failure(`it could not be started (${error.message})`));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) {
        reject(
          failure(
            `it ${signal ? `was stopped by ${signal}` : `exited with code ${code}`}${stderr.trim() ? `: ${stderr.trim()}` : ''}`,
          ),
        );
        return;
      }
      try {
        resolve(parseCredentials(stdout));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

/** The credentials a credential_process printed; throws, saying what is wrong, for anything else. */
function parseCredentials(stdout: string): AwsCredentialIdentity {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(stdout.trim()) as Record<string, unknown>;
  } catch {
    throw failure('it did not print JSON');
  }
  if (data?.Version !== 1) throw failure('it did not print "Version": 1');
  if (typeof data.AccessKeyId !== 'string' || typeof data.SecretAccessKey !== 'string')
    throw failure('it printed no AccessKeyId and SecretAccessKey');
  const expiration = typeof data.Expiration === 'string' ? new Date(data.Expiration) : undefined;
  if (expiration && !(expiration.getTime() > Date.now()))
    throw failure(`it printed credentials that expired at ${String(data.Expiration)}`);
  return {
    accessKeyId: data.AccessKeyId,
    secretAccessKey: data.SecretAccessKey,
    ...(typeof data.SessionToken === 'string' ? { sessionToken: data.SessionToken } : {}),
    ...(expiration ? { expiration } : {}),
  };
}

/** A failure of the command, named as the SDK's credential providers name theirs, for the caller's advice. */
function failure(what: string): Error {
  return Object.assign(new Error(what), { name: 'CredentialsProviderError' });
}

/** Ends the command and whatever it started; nothing waits for a hung helper to finish cleanly. */
function kill(child: ChildProcess): void {
  try {
    if (child.pid !== undefined && process.platform !== 'win32')
      process.kill(-child.pid, 'SIGKILL');
    else child.kill('SIGKILL');
  } catch {
    // Already gone.
  }
  child.stdout?.destroy();
  child.stderr?.destroy();
}
