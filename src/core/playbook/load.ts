// Loads the effective playbook: the shipped default, with a team's .support-desk/playbook.json on top.
//
// Override rule: per section. Each top-level section the team file has (contacts, caseTemplates, ...)
// replaces the default's section as a whole; sections it leaves out keep the default. Why: teams
// usually change one or two sections (their own phone lines, their own templates), a small file is
// easy to review, and the sourced facts they did not touch stay current when the package updates.
// Whole sections (not a deep merge) keep the result predictable: no half-merged lists.
//
// An invalid team file never stops the tool: its problems are reported and the default is used.
import type { ErrorObject, ValidateFunction } from 'ajv';
import {
  findNodeAtLocation,
  parseTree,
  printParseErrorCode,
  type Node,
  type ParseError,
} from 'jsonc-parser';
import { walkBrackets } from '../text';
import { describeBytes, NamedFileError, openRegularFile } from '../files';
import { lastAtMost } from '../sorted-numbers';
import type { Problem } from '../domain';
import schema from '../../../schema/playbook.schema.json';
import defaultDocument from './default-playbook.json';
import { crossCheck } from './cross-check';
import {
  LINE_SECTIONS,
  PLAYBOOK_SECTIONS,
  type LineSection,
  type Playbook,
  type PlaybookSection,
  type SupportLine,
} from './types';

export const TEAM_PLAYBOOK_PATH = '.support-desk/playbook.json';
export const DEFAULT_PLAYBOOK_FILE = '(default playbook)';

/** Bytes a team playbook may hold. Real ones are tens of KB (the default is about 50 KB). */
export const PLAYBOOK_MAX_BYTES = 5 * 1024 * 1024;
/**
 * Levels arrays and objects may nest. The schema needs fewer than 10; the parser and the validator
 * recurse, and a few thousand levels overflow their stack.
 */
export const PLAYBOOK_MAX_DEPTH = 64;

/** A playbook problem: `path` is the JSON pointer it is about ('' for the whole document). */
export interface PlaybookProblem extends Problem {
  path: string;
}

export interface CheckedDocument {
  document?: Partial<Playbook>;
  problems: PlaybookProblem[];
}

export interface LoadedPlaybook {
  playbook: Playbook;
  /** The team file that was read, or null when only the default applies. */
  teamFile: string | null;
  /** Sections taken from the team file (empty when it was missing or invalid). */
  overridden: PlaybookSection[];
  /** Ids of the support lines the team file adds or changes, in its order (empty when it has no lines, or was not used). */
  teamLines: string[];
  problems: PlaybookProblem[];
}

let validator: ValidateFunction | undefined;
function validate(value: unknown) {
  validator ??= compileSchema();
  return { ok: validator(value), errors: validator.errors ?? [] };
}

/**
 * Loads ajv and compiles the schema, once, when a team playbook is first validated: the compile is a few
 * hundred ms on a cold start and loading ajv about 10 ms more on every CLI command, which nothing without
 * a team playbook should pay for.
 */
function compileSchema(): ValidateFunction {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a require() inside a function is what keeps ajv out of the bundle's startup
  const { default: Ajv } = require('ajv') as typeof import('ajv');
  return new Ajv({ allErrors: true, strict: true, verbose: true }).compile(schema);
}

/** The shipped default, which the unit tests hold to the schema and to the source documents. */
export function defaultPlaybook(): Playbook {
  return structuredClone(defaultDocument) as unknown as Playbook;
}

/** Parses and validates one playbook document; problems carry the JSON path and the line. */
export function checkPlaybookText(text: string, file: string): CheckedDocument {
  if (text.replace(/^\uFEFF/, '').trim() === '') {
    return {
      problems: [
        {
          file,
          line: 1,
          severity: 'error',
          path: '',
          message:
            'the file is empty: write a JSON object with the sections to replace, e.g. {"contacts": {...}}',
        },
      ],
    };
  }
  const beyondLimits = sizeProblem(Buffer.byteLength(text), file) ?? depthProblem(text, file);
  if (beyondLimits) return { problems: [beyondLimits] };
  const parseErrors: ParseError[] = [];
  const root = parseTree(text.replace(/^\uFEFF/, ' '), parseErrors, {
    disallowComments: true,
    allowTrailingComma: false,
  });
  const lines = lineStarts(text);
  if (parseErrors.length > 0 || !root) {
    // Only the first syntax error: the ones after it are mostly the parser losing its footing.
    const [first] = parseErrors;
    return {
      problems: [
        {
          file,
          line: first ? lineAt(lines, first.offset) : 1,
          severity: 'error',
          path: '',
          message: `not valid JSON: ${first ? describeParseError(first) : 'no value'}; fix the syntax (comments and trailing commas are not allowed)`,
        },
      ],
    };
  }
  // JSON.parse, not the tree's value: that one builds null-prototype objects.
  const document = JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  const { ok, errors } = validate(document);
  if (!ok) return { problems: schemaProblems(errors, root, lines, file) };
  return { document: document as Partial<Playbook>, problems: [] };
}

/**
 * Per-section override (see the top of this file). A top-level line section (scope, contacts, ...) of the
 * team file replaces that section everywhere, the default's lines included: the meaning it had when the
 * playbook had no lines (the flat shape), so an old team file keeps working. Team lines merge by id: each
 * section a team line has replaces that line's section; a line with a new id is added.
 */
function mergePlaybook(
  base: Playbook,
  team: Partial<Playbook>,
): { playbook: Playbook; overridden: PlaybookSection[] } {
  const overridden = PLAYBOOK_SECTIONS.filter((section) => team[section] !== undefined);
  const playbook = { ...base } as Record<string, unknown>;
  for (const section of overridden) if (section !== 'lines') playbook[section] = team[section];
  const everywhere = LINE_SECTIONS.filter((section) => team[section] !== undefined);
  const lines = base.lines.map(
    (line) =>
      Object.fromEntries(
        Object.entries(line).filter(([key]) => !everywhere.includes(key as LineSection)),
      ) as SupportLine,
  );
  for (const teamLine of team.lines ?? []) {
    const at = lines.findIndex((line) => line.id === teamLine.id);
    if (at === -1) lines.push(teamLine);
    else lines[at] = { ...lines[at], ...teamLine };
  }
  playbook.lines = lines;
  return { playbook: playbook as unknown as Playbook, overridden };
}

/** Combines a team document (already parsed) with the default; any problem means the default is used. */
function resolvePlaybook(
  checked: CheckedDocument,
  teamFile: string,
  teamText: string,
): LoadedPlaybook {
  const base = defaultPlaybook();
  const fallback = (problems: PlaybookProblem[]): LoadedPlaybook => ({
    playbook: base,
    teamFile,
    overridden: [],
    teamLines: [],
    problems: withFallbackNote(problems, teamFile),
  });
  if (!checked.document) return fallback(checked.problems);
  const { playbook, overridden } = mergePlaybook(base, checked.document);
  const cross = crossCheck(playbook);
  if (cross.length === 0)
    return {
      playbook,
      teamFile,
      overridden,
      teamLines: (checked.document.lines ?? []).map((l) => l.id),
      problems: [],
    };
  // Blame the team file only for what it supplied; the rest came from the default.
  const root = parseTree(teamText.replace(/^\uFEFF/, ' '));
  const lines = lineStarts(teamText);
  return fallback(
    cross.map(({ path, message }) => {
      const teamPath = pathInTeamFile(path, playbook, checked.document!, overridden);
      return {
        file: teamPath === undefined ? DEFAULT_PLAYBOOK_FILE : teamFile,
        line: teamPath !== undefined && root ? lineOfPath(root, lines, teamPath) : 1,
        severity: 'error',
        path: teamPath ?? path,
        message: `${teamPath ?? path}: ${message}`,
      };
    }),
  );
}

/**
 * Where a problem of the merged playbook sits in the team file, or undefined when the default supplied it.
 * A merged line's index is not the team file's: the team line is found by id ("/lines/3/scope" may be
 * the team's "/lines/0/scope").
 */
function pathInTeamFile(
  path: string,
  merged: Playbook,
  team: Partial<Playbook>,
  overridden: PlaybookSection[],
): string | undefined {
  const [, section, index, key, ...rest] = path.split('/');
  if (section !== 'lines')
    return overridden.includes(section as PlaybookSection) ? path : undefined;
  const id = merged.lines[Number(index)]?.id;
  const at = (team.lines ?? []).findIndex((line) => line.id === id);
  if (at === -1) return undefined;
  if (key !== undefined && !(key in team.lines![at])) return undefined;
  return ['', 'lines', String(at), ...(key === undefined ? [] : [key]), ...rest].join('/');
}

/**
 * Reads a team playbook file. A missing file is normal (the default applies, no problem);
 * an unreadable or invalid one yields problems and the default.
 */
export async function loadPlaybook(teamFile: string | null): Promise<LoadedPlaybook> {
  if (teamFile === null) return defaultLoaded(null);
  let text: string;
  try {
    const read = await readUnlessTooBig(teamFile);
    if (typeof read !== 'string')
      return defaultLoaded(teamFile, withFallbackNote([read], teamFile));
    text = read;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return defaultLoaded(null);
    return defaultLoaded(
      teamFile,
      withFallbackNote(
        [
          {
            file: teamFile,
            line: 1,
            severity: 'error',
            path: '',
            message:
              error instanceof NamedFileError && code === 'ENOTREG'
                ? `cannot read the playbook: ${error.reason}`
                : `cannot read the playbook (${code ?? (error as Error).message}): check the file's permissions`,
          },
        ],
        teamFile,
      ),
    );
  }
  return resolvePlaybook(checkPlaybookText(text, teamFile), teamFile, text);
}

/** The default playbook standing in for `teamFile` (null: there is none), with the problems that say why. */
function defaultLoaded(teamFile: string | null, problems: PlaybookProblem[] = []): LoadedPlaybook {
  return { playbook: defaultPlaybook(), teamFile, overridden: [], teamLines: [], problems };
}

/** The file's text, or, when it is larger than PLAYBOOK_MAX_BYTES, the problem that says so (the file is not read). */
async function readUnlessTooBig(file: string): Promise<string | PlaybookProblem> {
  // A FIFO or a device named playbook.json is refused, not waited on or read without end.
  const handle = await openRegularFile(file);
  try {
    return sizeProblem((await handle.stat()).size, file) ?? (await handle.readFile('utf8'));
  } finally {
    await handle.close();
  }
}

function sizeProblem(bytes: number, file: string): PlaybookProblem | undefined {
  if (bytes <= PLAYBOOK_MAX_BYTES) return undefined;
  return {
    file,
    line: 1,
    severity: 'error',
    path: '',
    message: `the playbook is ${describeBytes(bytes)}, more than the ${describeBytes(PLAYBOOK_MAX_BYTES)} a playbook may be, so it is not read and the default playbook applies: check that this is the team playbook (real ones are tens of KB)`,
  };
}

function depthProblem(text: string, file: string): PlaybookProblem | undefined {
  // Stops counting one level past the limit: the rest of a hostile document is not worth walking.
  let tooDeep = false;
  const stoppedAt = walkBrackets(text, 0, (depth) => (tooDeep = depth > PLAYBOOK_MAX_DEPTH));
  if (!tooDeep) return undefined;
  return {
    file,
    line: 1,
    severity: 'error',
    path: '',
    message: `arrays and objects nest more than ${PLAYBOOK_MAX_DEPTH} levels deep (at line ${lineAt(lineStarts(text), stoppedAt - 1)}), so the playbook is not read and the default playbook applies: a playbook needs fewer than 10 levels; remove the extra nesting`,
  };
}

function withFallbackNote(problems: PlaybookProblem[], teamFile: string): PlaybookProblem[] {
  return [
    ...problems,
    {
      file: teamFile,
      line: 1,
      severity: 'warning',
      path: '',
      message: 'using the default playbook until these errors are fixed',
    },
  ];
}

function schemaProblems(
  errors: ErrorObject[],
  root: Node,
  lines: number[],
  file: string,
): PlaybookProblem[] {
  // "must match then schema" only repeats the error inside "then".
  const problems = errors
    .filter((e) => e.keyword !== 'if')
    .map((e) => {
      const extra =
        e.keyword === 'additionalProperties'
          ? (e.params as { additionalProperty: string }).additionalProperty
          : undefined;
      const path =
        extra === undefined ? e.instancePath : `${e.instancePath}/${escapePointer(extra)}`;
      return {
        file,
        line: lineOfPath(root, lines, path),
        severity: 'error' as const,
        path,
        message: `${path || '/'}: ${describeSchemaError(e)}`,
      };
    });
  return problems.sort((a, b) => a.line - b.line);
}

function describeSchemaError(e: ErrorObject): string {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return `unknown property "${String(params.additionalProperty)}" (check the spelling; the schema lists the allowed ones)`;
    case 'const':
      return `must be ${JSON.stringify(params.allowedValue)}`;
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'pattern': {
      const description = (e.parentSchema as { description?: string } | undefined)?.description;
      return `must match ${String(params.pattern)}${description ? ` (${description})` : ''}`;
    }
    default:
      return e.message ?? e.keyword;
  }
}

function describeParseError(e: ParseError): string {
  return printParseErrorCode(e.error)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function lineOfPath(root: Node, lines: number[], pointer: string): number {
  const segments = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  let node = findNodeAtLocation(root, segments);
  // For a property, point at its key rather than its value.
  if (node?.parent?.type === 'property') node = node.parent;
  return lineAt(lines, (node ?? root).offset);
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The 1-based line holding `offset`, given the offsets where lines start (lineStarts). */
function lineAt(starts: number[], offset: number): number {
  return lastAtMost(starts, offset) + 1;
}
