// The profiles of the shared config and credentials files, listed exactly as AWS's own tools list
// them (botocore's `available_profiles` is the reference, checked by test). The SDK's own ini parser
// is not used for the names because it drops names botocore accepts (`[profile "with space"]`,
// two spaces after `profile`), and a support engineer expects the list the AWS CLI shows.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { readTextIfExists } from '../core/files';

export type ProfileKind = 'static' | 'sso' | 'assume-role' | 'credential-process' | 'other';

/** Who the AWS calls are made as and where they go: the CLI's flags, or the extension's settings. */
export interface AwsSettings {
  profile?: string;
  region?: string;
  /** Who set `region`: the CLI's --region flag (the default) or the extension's supportDesk.aws.region setting. */
  regionSource?: 'flag' | 'setting';
  endpointUrl?: string;
}

/** The profile named in evidence: the chosen one, else the one the default chain reads (AWS_PROFILE). */
export function profileLabel(
  settings: AwsSettings,
  env: NodeJS.ProcessEnv = process.env,
): string | null {
  return settings.profile || env.AWS_PROFILE || null;
}

export interface ProfileSummary {
  name: string;
  region?: string;
  kind: ProfileKind;
}

export interface SharedFilePaths {
  configFile: string;
  credentialsFile: string;
}

type Section = Record<string, string>;

export function sharedFilePaths(env: NodeJS.ProcessEnv = process.env): SharedFilePaths {
  const home = env.HOME || env.USERPROFILE || homedir();
  return {
    configFile: expandHome(env.AWS_CONFIG_FILE || join(home, '.aws', 'config'), home),
    credentialsFile: expandHome(
      env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials'),
      home,
    ),
  };
}

/** Every profile with its merged settings (credentials file over config file, as botocore merges). Read fresh on each call. */
export async function readProfiles(
  paths: SharedFilePaths = sharedFilePaths(),
): Promise<Map<string, Section>> {
  const [config = '', credentials = ''] = await Promise.all([
    readTextIfExists(paths.configFile),
    readTextIfExists(paths.credentialsFile),
  ]);
  const profiles = new Map<string, Section>();
  for (const [section, values] of parseIniSections(config)) {
    const name = configProfileName(section);
    if (name !== null) profiles.set(name, { ...profiles.get(name), ...values });
  }
  for (const [section, values] of parseIniSections(credentials)) {
    profiles.set(section, { ...profiles.get(section), ...values });
  }
  return profiles;
}

export async function listProfiles(
  paths: SharedFilePaths = sharedFilePaths(),
): Promise<ProfileSummary[]> {
  const profiles = await readProfiles(paths);
  return [...profiles].map(([name, values]) => ({
    name,
    ...(values.region ? { region: values.region } : {}),
    kind: profileKind(values),
  }));
}

/** The kind, checked in the order the SDK's fromIni resolves a profile. */
export function profileKind(values: Section): ProfileKind {
  if (values.role_arn) return 'assume-role';
  if (values.aws_access_key_id) return 'static';
  if (values.credential_process) return 'credential-process';
  if (values.sso_session || values.sso_start_url || values.sso_account_id) return 'sso';
  return 'other';
}

/**
 * A config-file section's profile name, or null when the section is not a profile:
 * `[default]`, and `[profile NAME]` split like a shell word list into exactly two words
 * (botocore's rule), so `[profile "a b"]` is "a b" and `[profile a b]` is nothing.
 */
function configProfileName(section: string): string | null {
  if (section === 'default') return 'default';
  if (!section.startsWith('profile')) return null;
  const words = shellWords(section);
  return words && words.length === 2 ? words[1] : null;
}

/** Python's shlex.split in POSIX mode, or null where it raises (an unclosed quote). */
function shellWords(text: string): string[] | null {
  const words: string[] = [];
  let word: string | null = null;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) word += text[++i];
      else word += c;
    } else if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= '';
    } else if (c === '\\') {
      if (i + 1 >= text.length) return null;
      word = (word ?? '') + text[++i];
    } else {
      word = (word ?? '') + c;
    }
  }
  if (quote) return null;
  if (word !== null) words.push(word);
  return words;
}

/**
 * Sections and their top-level keys, following Python's configparser (which botocore uses):
 * full-line `#`/`;` comments only, a header is `[` up to the last `]`, indented lines continue
 * the previous value, keys are lower-cased, `[DEFAULT]` is not a section.
 */
function parseIniSections(text: string): Map<string, Section> {
  const sections = new Map<string, Section>();
  let current: Section | null = null;
  let option: string | null = null;
  let optionIndent = 0;
  for (const line of text.split(/\r?\n/)) {
    const value = line.trim();
    if (value === '' || value.startsWith('#') || value.startsWith(';')) continue;
    const indent = line.length - line.trimStart().length;
    if (current && option && indent > optionIndent) continue; // continuation: a sub-section or multi-line value
    optionIndent = indent;
    option = null;
    const close = value.lastIndexOf(']');
    if (value.startsWith('[') && close > 1) {
      const name = value.slice(1, close);
      current = name === 'DEFAULT' ? {} : (sections.get(name) ?? {});
      if (name !== 'DEFAULT') sections.set(name, current);
      continue;
    }
    const delimiter = value.search(/[=:]/);
    if (!current || delimiter < 0) continue;
    option = value.slice(0, delimiter).trim().toLowerCase();
    // Values lose an inline ` # note` as the SDK reads them (botocore would keep it; names are unaffected).
    current[option] = value
      .slice(delimiter + 1)
      .split(/(?:^|\s)[;#]/)[0]
      .trim();
  }
  return sections;
}

function expandHome(path: string, home: string): string {
  return path.startsWith('~/') ? join(home, path.slice(2)) : path;
}
