// Whether a process the tests started (a credential_process helper's child) still runs, as Linux sees it.
import { readFileSync } from 'node:fs';

/** Linux's view of a process: a zombie (killed, waiting for this machine's init to reap it) no longer runs. */
export function isRunning(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '')[0] !== 'Z';
  } catch {
    return false;
  }
}

/** True once `pid` has stopped running, within about a second. */
export async function goneSoon(pid: number): Promise<boolean> {
  for (let i = 0; i < 20 && isRunning(pid); i++)
    await new Promise((resolve) => setTimeout(resolve, 50));
  return !isRunning(pid);
}
