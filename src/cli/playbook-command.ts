// `support-desk playbook validate [PATH]` and `support-desk playbook show [--json] [--playbook PATH]`.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { loadPlaybook, TEAM_PLAYBOOK_PATH, type LoadedPlaybook } from '../core/playbook';
import { searchScope } from '../core/playbook';
import { describeLineProducts, lineView, type LineChoice } from '../core/playbook';
import { LINE_SECTIONS, type Fact, type LinePlaybook, type Playbook } from '../core/playbook';
import { citation } from '../core/case';
import { defineCommand, SHARED_OPTIONS, usageMistake } from './command-definition';
import { describeChoice, LINE_OPTION, lineForCommand } from './line-option';
import { S3_OPTIONS, s3Settings } from './load-report-paths';
import { problemLine } from './report-command';
import { UsageError, type CliIo } from './usage';

export const playbook = defineCommand({
  name: 'playbook',
  summary: 'check a team playbook, or show the playbook in effect',
  usage: [
    'playbook validate [PATH] [--json]',
    'playbook show [--line ID | --account A [--reports PATH...]] [--playbook PATH] [--json]',
    'playbook scope REQUEST [--line ID | --account A [--reports PATH...]] [--playbook PATH] [--json]',
  ],
  description: `validate checks a team playbook (default: ${TEAM_PLAYBOOK_PATH}) against the schema; each error
names its line and JSON path.
show prints the effective playbook (the team playbook's sections over the default): its support lines,
then one line's scope, contacts, channels and case templates: --line ID, else the line of --account
(its products in --reports, or the accounts a line lists), else the default line. --json without
--line or --account prints the whole playbook; with one of them, that line's view.
scope says which listed item of the line's scope covers REQUEST (in scope, out of scope, a managed
service), or that none does.`,
  options: {
    playbook: {
      ...SHARED_OPTIONS.playbook,
      help: `the team playbook to show (default: ${TEAM_PLAYBOOK_PATH})`,
    },
    ...LINE_OPTION,
    account: {
      type: 'string',
      value: 'A',
      help: "the customer's account: picks the support line its products (in --reports) are in",
    },
    reports: {
      ...SHARED_OPTIONS.reports,
      help: `${SHARED_OPTIONS.reports.help}, for the products of --account`,
    },
    'as-of': SHARED_OPTIONS['as-of'],
    ...S3_OPTIONS,
    json: SHARED_OPTIONS.json,
  },
  exitCodes:
    '0 valid (show: shown; scope: answered); 1 validate found errors; 2 a usage error, an unknown --line or a PATH that is not a file.',
  run: async ({ values, positionals }, io) => {
    const [action, ...paths] = positionals;
    if (action === 'validate') {
      if (paths.length > 1) throw usageMistake(`validate takes one PATH, got ${paths.length}`);
      return validate(paths[0], values.json === true, io);
    }
    if (action !== 'show' && action !== 'scope')
      throw usageMistake(action ? `unknown action "${action}"` : 'say validate, show or scope');
    if (action === 'show' && paths.length > 0)
      throw usageMistake('show takes no PATH; use --playbook PATH');
    if (action === 'scope' && paths.length !== 1)
      throw usageMistake(
        'scope takes the request, in quotes: playbook scope "livepatch is not working"',
      );
    if (values.reports && values.account === undefined)
      throw new UsageError('--reports goes with --account: say whose products pick the line');
    const loaded = await loadPlaybook(await playbookToLoad(values.playbook));
    // The tool keeps working on the default; the engineer still hears what is wrong.
    loaded.problems.forEach((p) => io.err(problemLine(p)));
    const asked = values.line !== undefined || values.account !== undefined;
    const choice = await lineForCommand(loaded.playbook, {
      line: values.line,
      account: values.account,
      reports: values.reports,
      asOf: values['as-of'],
      aws: s3Settings(values),
    });
    const view = lineView(loaded.playbook, choice.line.id);
    if (action === 'scope') return scope(view, choice, paths[0], values.json === true, io);
    if (values.json)
      io.out(
        JSON.stringify(asked ? { ...lineJson(choice), playbook: view } : loaded.playbook, null, 2),
      );
    else io.out(describePlaybook(loaded, view, choice));
    return 0;
  },
});

/** The chosen line as --json gives it (docs/json-output.md): id, name, how it was picked and why, and the other lines covering the customer. */
function lineJson(choice: LineChoice) {
  return {
    line: { id: choice.line.id, name: choice.line.name },
    by: choice.by,
    why: choice.why,
    lines: choice.matches.map((m) => ({ id: m.line.id, name: m.line.name, reasons: m.reasons })),
  };
}

function scope(
  view: LinePlaybook,
  choice: LineChoice,
  request: string,
  json: boolean,
  io: CliIo,
): number {
  const answer = searchScope(view.scope, request);
  if (json) {
    io.out(JSON.stringify({ ...lineJson(choice), request, ...answer }, null, 2));
    return 0;
  }
  io.out(describeChoice(choice));
  const [best] = answer.matches;
  const words: Record<string, string> = {
    'in-scope': 'In scope',
    'out-of-scope': 'Out of scope',
    'managed-service': 'A managed service (out of scope)',
  };
  io.out(
    best
      ? `${words[best.kind]}: "${best.item}" shares the words ${best.words.join(', ')} [${citation(best.source)}]`
      : `No listed item of the ${choice.line.name} scope covers it: check another line (--line ID) or ask the ${view.scope.provider} team`,
  );
  answer.matches
    .slice(1)
    .forEach((m) => io.out(`  also: ${words[m.kind]}: "${m.item}" (${m.words.join(', ')})`));
  return 0;
}

async function validate(path: string | undefined, json: boolean, io: CliIo): Promise<number> {
  const file = path ?? TEAM_PLAYBOOK_PATH;
  const loaded = await loadPlaybook(await playbookToLoad(path));
  const errors = loaded.problems.filter((p) => p.severity === 'error');
  if (json) {
    io.out(
      JSON.stringify(
        {
          file: loaded.teamFile,
          valid: errors.length === 0,
          overridden: loaded.overridden,
          teamLines: loaded.teamLines,
          problems: errors,
        },
        null,
        2,
      ),
    );
  } else if (errors.length > 0) {
    errors.forEach((p) => io.out(problemLine(p)));
    io.out(
      `${file}: ${errors.length} error${errors.length === 1 ? '' : 's'}; until they are fixed the default playbook applies`,
    );
  } else if (loaded.teamFile === null) {
    io.out(`No team playbook at ${file}: the default playbook applies.`);
  } else {
    io.out(
      `${file} is valid. Sections it replaces: ${loaded.overridden.join(', ') || 'none'}; the rest come from the default playbook.`,
    );
    const everyLine = loaded.overridden.filter((s) =>
      (LINE_SECTIONS as readonly string[]).includes(s),
    );
    if (everyLine.length > 0)
      io.out(
        `Its ${everyLine.join(', ')} apply to every support line (${loaded.playbook.lines.map((l) => l.id).join(', ')}), as they applied to the whole desk before playbooks had lines; to change one line only, move them under "lines": [{"id": "LINE", ...}].`,
      );
    if (loaded.teamLines.length > 0)
      io.out(`Support lines it adds or changes: ${loaded.teamLines.join(', ')}.`);
  }
  return errors.length === 0 ? 0 : 1;
}

/**
 * The playbook file to load: the one given on the command line (a UsageError saying what to give when it
 * is a folder or is missing), else the workspace's team playbook when there is one, else null (the default).
 */
async function playbookToLoad(path: string | undefined): Promise<string | null> {
  if (path === undefined) return (await isFile(TEAM_PLAYBOOK_PATH)) ? TEAM_PLAYBOOK_PATH : null;
  const found = await stat(path).catch(() => undefined);
  if (found?.isFile()) return path;
  if (found?.isDirectory()) {
    const inside = join(path, 'playbook.json');
    throw new UsageError(
      `${path} is a folder: give the playbook file${(await isFile(inside)) ? `, e.g. ${inside}` : ' (a .json file)'}`,
    );
  }
  throw new UsageError(
    `${path} does not exist: give the playbook file, e.g. ${TEAM_PLAYBOOK_PATH}`,
  );
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function describeLines(playbook: Playbook): string[] {
  return playbook.lines.map(
    (l) =>
      `${l.id}${l.id === playbook.defaultLine ? ' (default)' : ''}: ${l.name}: ${describeLineProducts(l.products)}`,
  );
}

function describePlaybook(
  { playbook: book, teamFile, overridden }: LoadedPlaybook,
  p: LinePlaybook,
  choice: LineChoice,
): string {
  const origin =
    teamFile && overridden.length
      ? `${teamFile} (${overridden.join(', ')}) over the default`
      : 'the default playbook';
  const out: string[] = [`${p.name}: from ${origin}`];
  const section = (title: string, lines: string[]) => {
    if (lines.length) out.push('', title, ...lines.map((l) => `  ${l}`));
  };
  const fact = (f: Fact) => `${f.text} [${citation(f.source)}]`;

  section('Eligibility', [
    `eligible when last usage is within ${p.eligibility.lastUsageDays} days; reports older than ${p.eligibility.goodFaithDays} days draw a warning`,
    ...(p.eligibility.notes ?? []).map(fact),
  ]);
  section(
    'Products',
    p.products.map(
      (product) => `${product.id}${product.code ? ` (${product.code})` : ''}: ${product.title}`,
    ),
  );
  section('Support lines', describeLines(book));
  out.push('', describeChoice(choice));
  section(`Scope: ${p.scope.supportType} support by ${p.scope.provider}`, [
    fact(p.scope.definition),
    ...p.scope.inScope.map((i) => `IN SCOPE: ${i.item}`),
    ...p.scope.outOfScope.map((i) => `OUTSIDE SCOPE: ${i.item}`),
    ...(p.scope.managedServices
      ? [
          `${p.scope.managedServices.text}${p.scope.managedServices.url ? ` ${p.scope.managedServices.url}` : ''}`,
        ]
      : []),
    ...(p.scope.notes ?? []).map(fact),
  ]);
  const contacts = p.contacts;
  section('Escalation phones', [
    ...(contacts.escalationWhen ? [fact(contacts.escalationWhen)] : []),
    ...contacts.escalationPhones.map((phone) => `${phone.region}: ${phone.number}`),
  ]);
  section(
    'E-mail',
    (contacts.emails ?? []).map((e) => `${e.address}: ${e.purpose}`),
  );
  section(
    'Portals',
    (contacts.portals ?? []).map(
      (l) => `${l.name}${l.url ? ` <${l.url}>` : ''}${l.purpose ? `: ${l.purpose}` : ''}`,
    ),
  );
  section(
    'Support channels',
    p.channels.map((c) => {
      const details = [
        c.phoneSupport ? `phone${c.hours ? ` ${c.hours.join(' or ')}` : ''}` : '',
        c.email ?? '',
        c.url ?? '',
        c.bestEffort ? 'best effort' : '',
      ]
        .filter(Boolean)
        .join(', ');
      return `${c.name} (${c.provider})${details ? `: ${details}` : ''}${c.requirements ? `; must hold: ${c.requirements.join('; ')}` : ''}`;
    }),
  );
  section(
    'By purchase',
    p.purchasePaths.map(
      (path) =>
        `${path.purchase}: ${path.phoneSupport ? 'phone support' : 'no phone support'}; channels: ${path.channels.join(', ')}`,
    ),
  );
  if (p.accountSetup)
    section(
      p.accountSetup.title,
      p.accountSetup.steps.map(
        (s, i) =>
          `${i + 1}. ${s.title}${s.url ? ` <${s.url}>` : ''}${s.menuPath ? ` (${s.menuPath.join(' > ')})` : ''}`,
      ),
    );
  section(
    'FAQ',
    p.faq.map((f) => f.question),
  );
  section(
    'Case templates',
    p.caseTemplates.map(
      (t) =>
        `${t.id}: ${t.title}: ${t.fields.map((f) => `${f.label}${f.required ? '*' : ''}`).join(', ')}`,
    ),
  );
  section('Confirmation example', [
    `${p.marketplace.confirmation.example.command} -> ${p.marketplace.confirmation.example.output}`,
  ]);
  return out.join('\n');
}
