// `support-desk playbook validate [PATH]` and `support-desk playbook show [--json] [--playbook PATH]`.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { loadPlaybook, TEAM_PLAYBOOK_PATH, type LoadedPlaybook } from '../core/playbook/load';
import type { Fact } from '../core/playbook/types';
import { citation } from '../core/templates';
import { defineCommand, SHARED_OPTIONS, usageMistake } from './command-definition';
import { problemLine } from './report-command';
import { UsageError, type CliIo } from './usage';

export const playbook = defineCommand({
  name: 'playbook',
  summary: 'check a team playbook, or show the playbook in effect',
  usage: ['playbook validate [PATH] [--json]', 'playbook show [--playbook PATH] [--json]'],
  description: `validate checks a team playbook (default: ${TEAM_PLAYBOOK_PATH}) against the schema; each error
names its line and JSON path.
show prints the effective playbook: the team playbook's sections over the default.`,
  options: {
    playbook: { ...SHARED_OPTIONS.playbook, help: `the team playbook to show (default: ${TEAM_PLAYBOOK_PATH})` },
    json: SHARED_OPTIONS.json,
  },
  exitCodes: '0 valid (show: shown); 1 validate found errors; 2 a usage error or a PATH that is not a file.',
  run: async ({ values, positionals }, io) => {
    const [action, ...paths] = positionals;
    if (action === 'validate') {
      if (paths.length > 1) throw usageMistake(`validate takes one PATH, got ${paths.length}`);
      return validate(paths[0], values.json === true, io);
    }
    if (action === 'show') {
      if (paths.length > 0) throw usageMistake('show takes no PATH; use --playbook PATH');
      return show(values.playbook, values.json === true, io);
    }
    throw usageMistake(action ? `unknown action "${action}"` : 'say validate or show');
  },
});

async function validate(path: string | undefined, json: boolean, io: CliIo): Promise<number> {
  const file = path ?? TEAM_PLAYBOOK_PATH;
  const loaded = await loadPlaybook(await playbookToLoad(path));
  const errors = loaded.problems.filter((p) => p.severity === 'error');
  if (json) {
    io.out(JSON.stringify({ file: loaded.teamFile, valid: errors.length === 0, overridden: loaded.overridden, problems: errors }, null, 2));
  } else if (errors.length > 0) {
    errors.forEach((p) => io.out(problemLine(p)));
    io.out(`${file}: ${errors.length} error${errors.length === 1 ? '' : 's'}; until they are fixed the default playbook applies`);
  } else if (loaded.teamFile === null) {
    io.out(`No team playbook at ${file}: the default playbook applies.`);
  } else {
    io.out(`${file} is valid. Sections it replaces: ${loaded.overridden.join(', ') || 'none'}; the rest come from the default playbook.`);
  }
  return errors.length === 0 ? 0 : 1;
}

async function show(path: string | undefined, json: boolean, io: CliIo): Promise<number> {
  const loaded = await loadPlaybook(await playbookToLoad(path));
  // The tool keeps working on the default; the engineer still hears what is wrong.
  loaded.problems.forEach((p) => io.err(problemLine(p)));
  io.out(json ? JSON.stringify(loaded.playbook, null, 2) : describePlaybook(loaded));
  return 0;
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
    throw new UsageError(`${path} is a folder: give the playbook file${(await isFile(inside)) ? `, e.g. ${inside}` : ' (a .json file)'}`);
  }
  throw new UsageError(`${path} does not exist: give the playbook file, e.g. ${TEAM_PLAYBOOK_PATH}`);
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function describePlaybook({ playbook: p, teamFile, overridden }: LoadedPlaybook): string {
  const origin = teamFile && overridden.length ? `${teamFile} (${overridden.join(', ')}) over the default` : 'the default playbook';
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
    p.products.map((product) => `${product.id}${product.code ? ` (${product.code})` : ''}: ${product.title}`),
  );
  section(`Scope: ${p.scope.supportType} support by ${p.scope.provider}`, [
    fact(p.scope.definition),
    ...p.scope.inScope.map((i) => `IN SCOPE: ${i.item}`),
    ...p.scope.outOfScope.map((i) => `OUTSIDE SCOPE: ${i.item}`),
    ...(p.scope.managedServices ? [`${p.scope.managedServices.text}${p.scope.managedServices.url ? ` ${p.scope.managedServices.url}` : ''}`] : []),
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
    (contacts.portals ?? []).map((l) => `${l.name}${l.url ? ` <${l.url}>` : ''}${l.purpose ? `: ${l.purpose}` : ''}`),
  );
  section(
    'Support channels',
    p.channels.map((c) => {
      const details = [c.phoneSupport ? `phone${c.hours ? ` ${c.hours.join(' or ')}` : ''}` : '', c.email ?? '', c.url ?? '', c.bestEffort ? 'best effort' : '']
        .filter(Boolean)
        .join(', ');
      return `${c.name} (${c.provider})${details ? `: ${details}` : ''}${c.requirements ? `; must hold: ${c.requirements.join('; ')}` : ''}`;
    }),
  );
  section(
    'By purchase',
    p.purchasePaths.map((path) => `${path.purchase}: ${path.phoneSupport ? 'phone support' : 'no phone support'}; channels: ${path.channels.join(', ')}`),
  );
  section(
    p.accountSetup.title,
    p.accountSetup.steps.map((s, i) => `${i + 1}. ${s.title}${s.url ? ` <${s.url}>` : ''}${s.menuPath ? ` (${s.menuPath.join(' > ')})` : ''}`),
  );
  section(
    'FAQ',
    p.faq.map((f) => f.question),
  );
  section(
    'Case templates',
    p.caseTemplates.map((t) => `${t.id}: ${t.title}: ${t.fields.map((f) => `${f.label}${f.required ? '*' : ''}`).join(', ')}`),
  );
  section('Confirmation example', [`${p.marketplace.confirmation.example.command} -> ${p.marketplace.confirmation.example.output}`]);
  return out.join('\n');
}
