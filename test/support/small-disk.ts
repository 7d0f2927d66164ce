// A real file system that fills up: a tmpfs of a few pages mounted on a temporary folder (the tests
// run as root). Mounting that fails throws, loudly: a test of a full disk is never skipped.
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  fstatSync,
  ftruncateSync,
  mkdtempSync,
  openSync,
  rmSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallDisk {
  /** The mounted folder. */
  dir: string;
  /** Fills every free page with a filler file, until the file system answers ENOSPC; then frees `leavePages` 4 KiB pages. */
  fill(leavePages?: number): void;
  /** Deletes the filler: the space is free again. */
  free(): void;
  /** Unmounts and deletes the folder (for after()). */
  remove(): void;
}

export function mountSmallDisk(bytes = 64 * 1024): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), 'support-desk-small-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes},mode=0700`, 'tmpfs', dir], {
      stdio: 'pipe',
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(
      `cannot mount a ${bytes}-byte tmpfs on ${dir} for the full-disk tests (they need root): ${String((error as { stderr?: Buffer }).stderr ?? error)}`,
      { cause: error },
    );
  }
  const filler = join(dir, 'filler');
  return {
    dir,
    fill(leavePages = 0) {
      const fd = openSync(filler, 'a');
      try {
        const block = Buffer.alloc(4096, 0x2e);
        for (;;) writeSync(fd, block);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
        ftruncateSync(fd, Math.max(0, fstatSync(fd).size - leavePages * 4096));
      } finally {
        closeSync(fd);
      }
    },
    free() {
      unlinkSync(filler);
    },
    remove() {
      execFileSync('umount', [dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
