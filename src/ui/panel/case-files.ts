// A case saved from the panel: a new Markdown file in the workspace's cases/ folder, named by day,
// account and template, never overwriting one saved before.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { localDay } from '../../core/dates';
import { parseTypedAccount } from '../../core/ids';

/**
 * Writes `markdown` (already rendered and redacted) to `<folder>/cases/<YYYY-MM-DD>-<account>-<templateId>.md`,
 * or `-2`, `-3`... when taken; `typedAccount` as typed is padded to 12 digits when it parses, else
 * reduced to letters, digits and dashes. Resolves to the absolute path written; rejects with the
 * file system's error, or when 999 cases of that name exist.
 */
export function saveCaseFile(
  folder: string,
  typedAccount: string,
  templateId: string,
  markdown: string,
): Promise<string> {
  // Named by the account as the case text says it: 12 digits, padded, whatever was typed.
  const parsed = parseTypedAccount(typedAccount);
  return saveNew(
    join(folder, 'cases'),
    `${localDay(new Date())}-${safeName(parsed.ok ? parsed.account : typedAccount || 'no-account')}-${templateId}`,
    markdown,
  );
}

/** Letters, digits and dashes only: the account as typed must not steer the file name. */
function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9-]+/g, '').slice(0, 40) || 'no-account';
}

/** Writes `<base>.md`, or `<base>-2.md`, `-3`...: an existing case is never overwritten. */
async function saveNew(dir: string, base: string, content: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  for (let n = 1; n < 1000; n++) {
    const path = join(dir, `${base}${n === 1 ? '' : `-${n}`}.md`);
    try {
      await writeFile(path, content, { flag: 'wx' });
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error(`${dir} already holds 999 cases named ${base}: move some away`);
}
