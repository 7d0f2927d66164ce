// Words put into commands we suggest ("aws sso login --profile NAME"), so that pasting the
// suggestion into a shell runs what it says, whatever the name holds.

/**
 * `word` as a POSIX shell reads it back unchanged: as it is when it holds only characters no shell
 * treats specially ("seller", "team/prod-1"), else in single quotes ("my profile" -> 'my profile',
 * "it's" -> 'it'\''s', "" -> '').
 */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * What is wrong with an AWS profile name read from an environment variable or a setting (`source`,
 * e.g. "AWS_PROFILE"), or undefined when nothing is. A space before or after the name is a typo no
 * AWS tool forgives: they look for a profile with the space in its name, and find none.
 */
export function profileNameProblem(name: string, source: string): string | undefined {
  if (name === name.trim()) return undefined;
  const where =
    name.trimEnd() === name
      ? 'a space before it'
      : name.trimStart() === name
        ? 'a space after it'
        : 'spaces around it';
  return (
    `${source} is ${JSON.stringify(name)}, with ${where}: AWS tools look for a profile named exactly that and find none; ` +
    `remove the space${source === 'AWS_PROFILE' ? ` (export AWS_PROFILE=${shellQuote(name.trim())})` : ''}, then retry`
  );
}
