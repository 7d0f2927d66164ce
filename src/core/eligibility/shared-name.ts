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
    if (inside && !inside.startsWith('..') && !isAbsolute(inside))
      return inside.split(/[\\/]/).join(posix.sep);
  }
  return win32.basename(path);
}

// An absolute POSIX path of two or more parts, or a Windows drive path, not inside a URL (`://`).
// Each part is a run without separators, so the match is linear.
const LOCAL_PATH =
  /(?<![\w:/.\\-])(?:\/(?:[\w.@+~-]+\/)+[\w.@+~-]+|[A-Za-z]:\\(?:[\w.@+~ -]+\\)*[\w.@+~-]+)/g;

/**
 * `text` (an error message recorded in the audit log, say) with every absolute local path replaced
 * by its sharedName: `profile "x" is not in /home/me/.aws/config` → `... is not in config`. URLs are
 * kept. Pure; never throws. Used where recorded text goes into a case or Copy evidence.
 */
export function withoutLocalPaths(text: string): string {
  return text.replace(LOCAL_PATH, (path) => sharedName(path));
}
