// Reading a file that may not exist yet (an audit log before the first confirmation, a results file
// before the first run, an AWS config file never written): absent is an answer, other failures are not.
import { readFile } from 'node:fs/promises';

/** The file's text, or undefined when there is no such file; any other read error is thrown. */
export async function readTextIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
