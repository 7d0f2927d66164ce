// `support-desk case templates` and `support-desk case render TEMPLATE --field NAME=VALUE...`: the
// panel's case forms on the command line, through the same renderer and redaction.
import { readFile } from 'node:fs/promises';
import { isIsoDay } from '../core/dates';
import { judgeAccount, reportFreshness, today } from '../core/eligibility';
import { describeEvidence } from '../core/evidence';
import { paddingWarning, parseTypedAccount } from '../core/ids';
import { loadPlaybook, TEAM_PLAYBOOK_PATH } from '../core/playbook/load';
import type { Playbook } from '../core/playbook/types';
import { fieldOptions, findTemplate, renderCase, type CaseValues } from '../core/templates';
import { loadSubscriptionReports } from './report-command';
import { parseCommandArgs, UsageError, type CliIo, type Command } from './usage';

const HELP = `Usage:
  support-desk case templates [--playbook PATH] [--json]
      Lists the case templates: id, title and fields (* = required).
  support-desk case render TEMPLATE [--field NAME=VALUE]... [--field NAME=@FILE]...
                           [--account A --reports PATH... [--as-of YYYY-MM-DD]] [--playbook PATH] [--json]
      Renders a case as Markdown, every value redacted first. --field NAME=@FILE reads the value from a
      file (a log, a request body). --account with --reports fills the account and, for a template with
      an evidence field, the account's verdict from the reports.
      --json prints {"template", "markdown", "redactions": [{"kind", "count"}], "errors": [{"field", "message"}]}.
Exit codes: 0 rendered and complete; 1 rendered, but a required field is empty or a value is not valid
(each is named on stderr and marked in the text); 2 usage error (unknown template or field, unreadable @FILE).`;

export const caseCommand: Command = async (argv, io) => {
  const { values, positionals } = parseCommandArgs(argv, {
    field: { type: 'string', multiple: true },
    account: { type: 'string' },
    reports: { type: 'string', multiple: true },
    'as-of': { type: 'string' },
    playbook: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  const [action, ...rest] = positionals;
  const { playbook, problems } = await loadPlaybook(values.playbook ?? TEAM_PLAYBOOK_PATH);
  for (const p of problems) io.err(`${p.file}:${p.line}: ${p.severity}: ${p.message}`);
  if (action === 'templates') {
    if (rest.length > 0) throw new UsageError(`templates takes no arguments\n\n${HELP}`);
    listTemplates(playbook, values.json === true, io);
    return 0;
  }
  if (action !== 'render') throw new UsageError(`${action ? `unknown action "${action}"` : 'say templates or render'}\n\n${HELP}`);
  const [id, ...extra] = rest;
  if (!id) throw new UsageError(`name the template, one of: ${playbook.caseTemplates.map((t) => t.id).join(', ')}`);
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"; give values with --field NAME=VALUE`);
  const template = findTemplate(playbook, id);
  if (!template) throw new UsageError(`no case template "${id}"; known: ${playbook.caseTemplates.map((t) => t.id).join(', ')}`);

  const fields: CaseValues = {};
  for (const pair of values.field ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--field "${pair}" must be NAME=VALUE or NAME=@FILE`);
    const name = pair.slice(0, eq);
    if (!template.fields.some((f) => f.id === name)) {
      throw new UsageError(`template "${id}" has no field "${name}"; its fields: ${template.fields.map((f) => f.id).join(', ')}`);
    }
    fields[name] = await fieldValue(pair.slice(eq + 1));
  }
  if (values.account !== undefined) await fillFromReports(fields, template.fields.map((f) => f.id), values.account, values.reports ?? [], values['as-of'], playbook, io.err);
  else if (values.reports) throw new UsageError('--reports goes with --account: say whose evidence to fill in');

  const rendered = renderCase(playbook, template, fields);
  if (values.json) {
    io.out(JSON.stringify({ template: template.id, markdown: rendered.markdown, redactions: rendered.redactions, errors: rendered.errors }, null, 2));
  } else {
    io.out(rendered.markdown.replace(/\n$/, ''));
  }
  for (const e of rendered.errors) io.err(`${e.field}: ${e.message}`);
  return rendered.errors.length === 0 ? 0 : 1;
};

/** NAME=@FILE reads the file (a log, a body); @@ starts a value that really begins with @. */
async function fieldValue(raw: string): Promise<string> {
  if (raw.startsWith('@@')) return raw.slice(1);
  if (!raw.startsWith('@')) return raw;
  const file = raw.slice(1);
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file} for --field: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** The account field, and an evidence field with the verdict from the reports, unless given with --field. */
async function fillFromReports(fields: CaseValues, ids: string[], typed: string, paths: string[], asOfOption: string | undefined, playbook: Playbook, warn: (text: string) => void): Promise<void> {
  const parsed = parseTypedAccount(typed);
  if (!parsed.ok) throw new UsageError(`--account: ${parsed.reason}`);
  const padded = paddingWarning(typed);
  if (padded) warn(`Warning: ${padded}`);
  if (ids.includes('account')) fields.account ??= typed;
  if (!ids.includes('evidence') || fields.evidence !== undefined) return;
  if (paths.length === 0) throw new UsageError('the evidence field needs the reports: add --reports PATH');
  const asOf = asOfOption ?? today();
  if (!isIsoDay(asOf)) throw new UsageError(`--as-of "${asOf}" must be a day written YYYY-MM-DD, e.g. 2026-11-22`);
  const { store } = await loadSubscriptionReports(paths, { asOf });
  const policy = { lastUsageDays: playbook.eligibility.lastUsageDays, goodFaithDays: playbook.eligibility.goodFaithDays };
  fields.evidence = describeEvidence(judgeAccount(store, parsed.account, asOf, policy), asOf, reportFreshness(store, asOf, policy));
}

function listTemplates(playbook: Playbook, json: boolean, io: CliIo): void {
  if (json) {
    io.out(JSON.stringify(playbook.caseTemplates.map((t) => ({
      id: t.id, title: t.title, summary: t.summary,
      fields: t.fields.map((f) => ({ id: f.id, label: f.label, kind: f.kind, required: f.required === true, ...(f.kind === 'choice' ? { options: fieldOptions(playbook, f) } : {}) })),
    })), null, 2));
    return;
  }
  for (const t of playbook.caseTemplates) {
    io.out(`${t.id}: ${t.title}\n  ${t.summary}\n  fields: ${t.fields.map((f) => `${f.id}${f.required ? '*' : ''}`).join(', ')}`);
  }
}
