// How a report or playbook file is named in text that leaves the engineer's machine: evidence, Copy
// evidence, a case, a tooltip, a screenshot. A local absolute path means nothing to the reader of a
// ticket and tells them where this machine keeps its temporary folders; the file name does not.
import { isAbsolute, posix, relative, win32 } from 'node:path';

/**
 * The name of `path` for text others read:
 * - a URL (`s3://bucket/key`, any `scheme://`) as written: it names the object for everyone;
 * - with `workspace` (an absolute folder) and `path` inside it: the path relative to it, with "/"
 *   (`.support-desk/playbook.json`), which a link in that workspace can follow;
 * - else the file name alone (`customer_subscriber_report_2026-11-22.csv`: a report's name carries
 *   its date), whichever separator the path was written with.
 * Pure; never throws. Evidence cites a row as `${sharedName(file)}:${line}`.
 */
export function sharedName(path: string, workspace?: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return path;
  if (workspace) {
    const inside = relative(workspace, path);
    if (inside && !inside.startsWith('..') && !isAbsolute(inside)) return inside.split(/[\\/]/).join(posix.sep);
  }
  return win32.basename(path);
}
