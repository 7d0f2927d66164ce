// Markdown text helpers shared by tooltips and the playbook view. Pure (no 'vscode').

/** Escapes text so Markdown shows it literally (file names with underscores, ids with dashes). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}

/** A Markdown link to a file, at a line when given (VS Code opens `file:` links with `#Lnn`). */
export function fileLink(path: string, line?: number, label?: string): string {
  const uri = `file://${encodeURI(path.replace(/\\/g, '/')).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)}`;
  return `[${escapeMarkdown(label ?? path)}](${uri}${line ? `#L${line}` : ''})`;
}
