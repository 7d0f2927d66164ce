// Files named on the command line (--pkcs7 FILE, --field NAME=@FILE): read whole up to a limit, and a
// file that cannot be read is a usage error in words, never a bare error code, a hang or a crash.
import { NamedFileError, readNamedFile } from '../core/files';
import { UsageError } from './usage';

/** What each kind of option file may be: far above any real one, far below what would exhaust memory. */
export const OPTION_FILE_LIMITS = {
  /** An identity document, its PKCS7, RSA-2048 or base64 signature: real ones are under 4 KB. */
  identity: { bytes: 1024 * 1024, what: 'an identity document or signature' },
  /** A case field's text (a log, an error body) pasted into the case. */
  caseField: { bytes: 8 * 1024 * 1024, what: 'a case field' },
} as const;

/**
 * The bytes of the file at `path`, named by `option` in errors ("--document", "--field log=@FILE").
 * Throws a UsageError (exit 2) with the reason from readNamedFile: "no such file", "it is a folder /
 * a named pipe (FIFO) / a device, not a regular file", "permission denied", "it is 5 GB, more than
 * the 1 MB an identity document may be".
 */
export async function readOptionFile(
  path: string,
  option: string,
  limit: { bytes: number; what: string },
): Promise<Buffer> {
  try {
    return await readNamedFile(path, limit);
  } catch (error) {
    throw new UsageError(
      `${option} ${path}: ${error instanceof NamedFileError ? error.reason : (error as Error).message}`,
    );
  }
}
