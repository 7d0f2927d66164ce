// Files a person names (an option's @FILE, a playbook, an AWS config file, a batch's list, the audit
// log, a results file): opened without waiting and checked to be a regular file before a byte is
// read, so a FIFO, a device such as /dev/zero or a folder is refused in words instead of hanging
// the command or filling its memory; and read whole only up to a limit.
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/**
 * A named file that cannot be used, with the reason in words (`reason`: "no such file", "it is a
 * named pipe (FIFO), not a regular file: give a file", "it is 5 GB, more than the 1 MB an identity
 * document may be", ...). `code` is the system's code (ENOENT, EACCES, ...), or ENOTREG for something
 * that is not a regular file and EFBIG for a file over the limit; `message` is "PATH: reason".
 */
export class NamedFileError extends Error {
  override name = 'NamedFileError';

  constructor(
    readonly path: string,
    readonly code: string,
    readonly reason: string,
    options?: { cause: unknown },
  ) {
    super(`${path}: ${reason}`, options);
  }
}

/**
 * Opens `path` for reading and returns its handle once fstat says it is a regular file. O_NONBLOCK
 * makes the open of a FIFO return at once rather than wait for a writer, and checking the opened
 * handle (not the path, then the open) leaves no moment for the name to be swapped. Rejects with a
 * NamedFileError: no such file, a folder, a FIFO, a device, a socket, permission denied.
 */
export async function openRegularFile(path: string): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    // O_NONBLOCK does not exist on Windows, where opening a pipe by name does not wait.
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    throw new NamedFileError(path, code, OPEN_FAILURES[code] ?? (error as Error).message, {
      cause: error,
    });
  }
  const stats = await handle.stat().catch(async (error: unknown) => {
    await handle.close();
    throw error;
  });
  if (stats.isFile()) return handle;
  await handle.close();
  const kind = stats.isDirectory()
    ? 'a folder'
    : stats.isFIFO()
      ? 'a named pipe (FIFO)'
      : stats.isCharacterDevice() || stats.isBlockDevice()
        ? 'a device'
        : stats.isSocket()
          ? 'a socket'
          : 'not a file';
  throw new NamedFileError(
    path,
    'ENOTREG',
    `it is ${kind}, not a regular file: give the path of a file`,
  );
}

/**
 * The whole file at `path`, when it is a regular file of at most `limit.bytes` bytes. `limit.what`
 * names what the file should be, for the message ("an identity document"). The size is checked
 * before reading and again while reading (a file that grows, a /proc file that says 0), so no more
 * than `limit.bytes` + 1 bytes are ever held. Rejects with a NamedFileError (EFBIG: too big; see
 * openRegularFile for the others).
 */
export async function readNamedFile(
  path: string,
  limit: { bytes: number; what: string },
): Promise<Buffer> {
  const handle = await openRegularFile(path);
  try {
    const tooBig = (bytes: number, atLeast: boolean) =>
      new NamedFileError(
        path,
        'EFBIG',
        `it is ${atLeast ? 'over ' : ''}${describeBytes(bytes)}, more than the ${describeBytes(limit.bytes)} ${limit.what} may be: check that this is the right file`,
      );
    const { size } = await handle.stat();
    if (size > limit.bytes) throw tooBig(size, false);
    const buffer = Buffer.allocUnsafe(Math.min(limit.bytes + 1, Math.max(size + 1, 64 * 1024)));
    let filled = 0;
    let target = buffer;
    for (;;) {
      if (filled === target.length) {
        if (filled > limit.bytes) throw tooBig(limit.bytes, true);
        const grown = Buffer.allocUnsafe(Math.min(limit.bytes + 1, filled * 2));
        target.copy(grown, 0, 0, filled);
        target = grown;
      }
      const { bytesRead } = await handle.read(target, filled, target.length - filled, null);
      if (bytesRead === 0) return target.subarray(0, filled);
      filled += bytesRead;
    }
  } finally {
    await handle.close();
  }
}

/** "512 bytes", "64 KB", "1.5 MB", "5 GB" (1,024 based), for messages. */
export function describeBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1).replace(/\.0$/, '')} ${units[unit]}`;
}

const OPEN_FAILURES: Record<string, string> = {
  ENOENT: 'no such file',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'too many symbolic links (a link that points to itself?)',
  ENXIO:
    'it is a socket or a device with nothing behind it, not a regular file: give the path of a file',
};
