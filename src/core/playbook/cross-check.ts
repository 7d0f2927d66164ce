// What the schema cannot say about a playbook: unique ids, references that resolve, and support lines
// complete once the default and a team file are merged.
import type { Playbook, SupportLine } from './types';

/** A problem found in the merged playbook: `path` is the JSON pointer of the entry it is about. */
export interface CrossProblem {
  path: string;
  message: string;
}

interface Placed<T> {
  entry: T;
  path: string;
}

/** Entries of a list section as `line` sees them, each with the pointer it sits at (the line's own, or the top level's). */
function placed<T extends object>(
  own: T[] | undefined,
  shared: T[] | undefined,
  lineAt: string,
  section: string,
  key: (entry: T) => string,
): Placed<T>[] {
  const mine = (own ?? []).map((entry, j) => ({ entry, path: `${lineAt}/${section}/${j}` }));
  const ownKeys = new Set(mine.map((p) => key(p.entry)));
  const rest = (shared ?? []).flatMap((entry, j) =>
    ownKeys.has(key(entry)) ? [] : [{ entry, path: `/${section}/${j}` }],
  );
  return [...mine, ...rest];
}

/**
 * Checks the merged playbook: line ids unique and the default line one of them; each line named, with a
 * scope, contacts, a channel and a case template (its own or shared); channel, template and field ids
 * unique within a line; every channel a purchase path or template names exists (in that line, or another). Each problem
 * once, with the pointer of the entry at fault ("/lines/2/caseTemplates/0/channel", "/channels/1/id").
 */
export function crossCheck(playbook: Playbook): CrossProblem[] {
  const problems = new Map<string, CrossProblem>();
  // One problem per entry: a shared (top-level) entry is checked in every line, and said once.
  const add = (path: string, message: string) => {
    if (!problems.has(path)) problems.set(path, { path, message });
  };
  const lineIds = new Set<string>();
  playbook.lines.forEach((line, i) => {
    if (lineIds.has(line.id))
      add(
        `/lines/${i}/id`,
        `line id "${line.id}" is used twice: give each support line its own id`,
      );
    lineIds.add(line.id);
    checkLine(playbook, line, `/lines/${i}`, add);
  });
  if (!lineIds.has(playbook.defaultLine))
    add(
      '/defaultLine',
      `no support line has the id "${playbook.defaultLine}"; the lines: ${[...lineIds].join(', ') || 'none'}`,
    );
  return [...problems.values()];
}

function checkLine(
  playbook: Playbook,
  line: SupportLine,
  at: string,
  add: (path: string, message: string) => void,
): void {
  const named = `line "${line.id}"`;
  const where = (path: string) =>
    path.startsWith('/lines/') ? `no channel of ${named}` : 'no channel';
  const id = (entry: { id: string }) => entry.id;
  const channels = placed(line.channels, playbook.channels, at, 'channels', id);
  const templates = placed(line.caseTemplates, playbook.caseTemplates, at, 'caseTemplates', id);
  const missing = [
    ...(line.name ? [] : ['no name']),
    ...(['scope', 'contacts'] as const)
      .filter((s) => !line[s] && !playbook[s])
      .map((s) => `no ${s}`),
    ...(channels.length ? [] : ['no support channel']),
    ...(templates.length ? [] : ['no case template']),
  ];
  if (missing.length > 0)
    add(
      at,
      `${named} has ${missing.join(', ')}: a line needs a name, and a scope, contacts, channels and caseTemplates of its own or shared at the top level`,
    );
  const channelIds = new Set<string>();
  for (const { entry, path } of channels) {
    if (channelIds.has(entry.id))
      add(
        `${path}/id`,
        `channel id "${entry.id}" is used twice in ${named}: give each channel its own id`,
      );
    channelIds.add(entry.id);
  }
  // A channel of another line may be named too (lineView brings it along).
  for (const other of playbook.lines)
    for (const channel of other.channels ?? []) channelIds.add(channel.id);
  const known = () => [...channelIds].join(', ');
  for (const { entry, path } of placed(
    line.purchasePaths,
    playbook.purchasePaths,
    at,
    'purchasePaths',
    id,
  )) {
    entry.channels.forEach((channel, j) => {
      if (!channelIds.has(channel))
        add(
          `${path}/channels/${j}`,
          `${where(path)} has the id "${channel}"; known channels: ${known()}`,
        );
    });
  }
  const templateIds = new Set<string>();
  for (const { entry: template, path } of templates) {
    if (templateIds.has(template.id))
      add(
        `${path}/id`,
        `case template id "${template.id}" is used twice in ${named}: give each template its own id`,
      );
    templateIds.add(template.id);
    if (template.channel !== undefined && !channelIds.has(template.channel))
      add(
        `${path}/channel`,
        `${where(path)} has the id "${template.channel}"; known channels: ${known()}`,
      );
    const fieldIds = new Set<string>();
    template.fields.forEach((field, j) => {
      if (fieldIds.has(field.id))
        add(
          `${path}/fields/${j}/id`,
          `field id "${field.id}" is used twice in template "${template.id}"`,
        );
      fieldIds.add(field.id);
    });
  }
}
