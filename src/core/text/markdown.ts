// Markdown text helpers shared by tooltips, the playbook page and case rendering. Pure (no I/O).

/** Escapes text so Markdown shows it literally (file names with underscores, ids with dashes). */
export function escapeMarkdown(text: string): string {
  return (
    escapeInline(text)
      // List and heading markers only mean something at the start of a line.
      .replace(/^(\s*)([-+#])/gm, '$1\\$2')
      .replace(/^(\s*)(\d+)\./gm, '$1$2\\.')
  );
}

/**
 * Escapes text that sits inside a line (a table cell, a link's text) so Markdown shows it literally: the
 * inline markup characters and pipes only. A list or heading marker means nothing there, so "+65 6768
 * 8099" stays as written (in the Markdown source too, which cases keep and people read raw).
 */
export function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`);
}

/** A Markdown link to a file, at a line when given (VS Code opens `file:` links with `#Lnn`). */
export function fileLink(path: string, line?: number, label?: string): string {
  const uri = `file://${encodeURI(path.replace(/\\/g, '/')).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)}`;
  return `[${escapeMarkdown(label ?? path)}](${uri}${line ? `#L${line}` : ''})`;
}

/** Inline code that no backtick inside `text` can close early (CommonMark: a longer fence wins). */
export function inlineCode(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
