// Reading a file that may not exist yet (an AWS config file never written, a lock file already
// released): absent is an answer, other failures are not; and never more than a bound (see named-file).
// And why a write failed, in words.
import { NamedFileError, readNamedFile } from './named-file';

/** What a file read whole may be unless the caller says otherwise: far above any real config file. */
const CONFIG_FILE_LIMIT = { bytes: 16 * 1024 * 1024, what: 'a configuration file' };

/**
 * The file's text, or undefined when there is no such file. Anything that is not a regular file (a
 * FIFO is refused, not waited on) or is larger than `limit` rejects with a NamedFileError, as does
 * any other read error.
 */
export async function readTextIfExists(
  path: string,
  limit = CONFIG_FILE_LIMIT,
): Promise<string | undefined> {
  try {
    return (await readNamedFile(path, limit)).toString('utf8');
  } catch (error) {
    if (error instanceof NamedFileError && error.code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Why a file could not be created or appended to, in words, from the error's code. */
export function writeFailureReason(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'EISDIR':
      return 'it is a folder, not a file';
    // mkdir -p meets a file where a folder should be: EEXIST for the last part, ENOTDIR for one above.
    case 'EEXIST':
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    case 'ENOENT':
      return 'no file can be created there';
    default:
      return error.message;
  }
}

/** A file could not be created or appended to: `path`, and `reason` in words (writeFailureReason). */
export class FileWriteError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
    options?: { cause: unknown },
  ) {
    super(`${path}: ${reason}`, options);
  }
}
