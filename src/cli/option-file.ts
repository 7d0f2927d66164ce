// Files named on the command line (--pkcs7 FILE, --field NAME=@FILE): read whole, and a file that
// cannot be read is a usage error in words, never a bare error code.
import { readFile } from 'node:fs/promises';
import { UsageError } from './usage';

/**
 * The bytes of the file at `path`, named by `option` in errors ("--document", "--field log=@FILE").
 * Throws a UsageError (exit 2): "no such file", "is a folder, give the file", "permission denied", else
 * the system's message.
 */
export async function readOptionFile(path: string, option: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a folder, give the file'
          : code === 'EACCES'
            ? 'permission denied'
            : (error as Error).message;
    throw new UsageError(`${option} ${path}: ${why}`);
  }
}
