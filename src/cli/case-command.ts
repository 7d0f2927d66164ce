// `support-desk case templates` and `support-desk case render TEMPLATE --field NAME=VALUE...`: the
// panel's case forms on the command line, through the same renderer and redaction.
import { AuditLog, resolveAuditPath } from '../core/audit';
import { OPTION_FILE_LIMITS, readOptionFile } from './option-file';
import { isIsoDay } from '../core/dates';
import { judgeAccount, reportFreshness, today } from '../core/eligibility';
import {
  describeAccountEvidence,
  describeIdentityEntry,
  describeLiveEntry,
  recordedEvidenceByAccount,
} from '../core/eligibility';
import { closestMatch } from '../core/text';
import { paddingWarning, parseTypedAccount } from '../core/ids';
import { loadPlaybook, TEAM_PLAYBOOK_PATH } from '../core/playbook';
import { lineForTemplate, lineView, type LineChoice } from '../core/playbook';
import type { CaseTemplate, LinePlaybook, Playbook } from '../core/playbook';
import type { SubscriptionStore } from '../core/reports';
import { findTemplate, outlineTemplate, renderCase, type CaseValues } from '../core/case';
import { loadSubscriptionReports, S3_OPTIONS, s3Settings } from './load-report-paths';
import {
  defineCommand,
  SHARED_OPTIONS,
  splitAccountOptionMistake,
  usageMistake,
} from './command-definition';
import { problemLine } from './report-command';
import { describeChoice, LINE_OPTION, lineForCommand } from './line-option';
import { UsageError, type CliIo } from './usage';

export const caseCommand = defineCommand({
  name: 'case',
  summary: 'list the case templates, or render a case with every value redacted',
  usage: [
    'case templates [--line ID | --account A [--reports PATH...]] [--playbook PATH] [--json]',
    'case render TEMPLATE [--field NAME=VALUE]... [--field NAME=@FILE]... [--line ID]\n[--account A --reports PATH... [--as-of YYYY-MM-DD] [--profile NAME] [--region R]] [--audit PATH]\n[--playbook PATH] [--json]',
  ],
  description: `templates lists the case templates: id, title, the support lines that have it and the fields
(* = required); with --line, or --account, only that line's.
A case is rendered with its support line's channels, contacts and FAQ: --line ID, else the line of
--account (its products in --reports), else the default line, else the first line with the template.
render renders a case as Markdown, every value redacted first. --field NAME=@FILE reads the value from a
file (a log, a request body). --account with --reports fills the account and, for a template with
an evidence field, the account's verdict from the reports; and, for a template with the fields
liveAgreement and identityDocument (eligibility), the account's newest live agreement search
(lookup --live, Check live agreements) and identity document as the audit log recorded them: no AWS call.`,
  options: {
    field: {
      type: 'string',
      multiple: true,
      value: 'NAME=VALUE',
      help: 'a field of the case; NAME=@FILE reads the value from FILE, @@ starts a value with @',
    },
    account: {
      type: 'string',
      value: 'A',
      help: "the customer's account: fills the account field and, with --reports, the evidence",
    },
    reports: {
      ...SHARED_OPTIONS.reports,
      help: `${SHARED_OPTIONS.reports.help}, for the evidence field`,
    },
    'as-of': SHARED_OPTIONS['as-of'],
    ...S3_OPTIONS,
    audit: {
      ...SHARED_OPTIONS.audit,
      help: `where the recorded live search and identity document are read:\n${SHARED_OPTIONS.audit.help}`,
    },
    playbook: {
      ...SHARED_OPTIONS.playbook,
      help: `team playbook whose case templates apply (default: ${TEAM_PLAYBOOK_PATH})`,
    },
    ...LINE_OPTION,
    json: SHARED_OPTIONS.json,
  },
  exitCodes: `0 rendered and complete; 1 rendered, but a required field is empty or a value is not valid
(each is named on stderr and marked in the text); 2 a usage error (unknown template or field, unreadable @FILE).`,
  run: async ({ values, positionals }, io) => {
    const [action, ...rest] = positionals;
    const { playbook, problems } = await loadPlaybook(values.playbook ?? TEAM_PLAYBOOK_PATH);
    for (const p of problems) io.err(problemLine(p));
    if (action !== 'templates' && action !== 'render')
      throw usageMistake(action ? `unknown action "${action}"` : 'say templates or render');
    const asOf = values['as-of'] ?? today();
    if (!isIsoDay(asOf))
      throw new UsageError(`--as-of "${asOf}" must be a day written YYYY-MM-DD, e.g. 2026-11-22`);
    // Read once: the reports pick the line and fill the evidence.
    let store: Promise<SubscriptionStore> | undefined;
    const reports = () =>
      (store ??= loadSubscriptionReports(values.reports ?? [], {
        asOf,
        aws: s3Settings(values),
      }).then((r) => r.store));
    const asked = values.line !== undefined || values.account !== undefined;
    const choose = async () =>
      lineForCommand(playbook, {
        line: values.line,
        account: values.account,
        store: values.account && values.reports?.length ? await reports() : undefined,
      });
    if (action === 'templates') {
      if (rest.length > 0) throw usageMistake('templates takes no arguments');
      const choice = asked ? await choose() : undefined;
      if (choice) io.err(describeChoice(choice));
      listTemplates(playbook, choice?.line.id, values.json === true, io);
      return 0;
    }
    const [id, ...extra] = rest;
    if (!id)
      throw new UsageError(
        `name the template, one of: ${allTemplates(playbook)
          .map((t) => t.template.id)
          .join(', ')}`,
      );
    if (extra.length > 0) {
      throw (
        splitAccountOptionMistake('case', values, extra, ['render', id]) ??
        new UsageError(`unexpected argument "${extra[0]}"; give values with --field NAME=VALUE`)
      );
    }
    const { view, template, choice } = templateInLine(
      playbook,
      id,
      asked ? await choose() : undefined,
    );
    io.err(describeChoice(choice));

    const fields: CaseValues = {};
    for (const pair of values.field ?? []) {
      const eq = pair.indexOf('=');
      if (eq <= 0) throw new UsageError(`--field "${pair}" must be NAME=VALUE or NAME=@FILE`);
      const name = pair.slice(0, eq);
      const ids = template.fields.map((f) => f.id);
      if (!ids.includes(name)) {
        const near = closestMatch(name, ids);
        throw new UsageError(
          `template "${id}" has no field "${name}"${near ? `; did you mean ${near}?` : ''}; its fields: ${ids.join(', ')}`,
        );
      }
      fields[name] = await fieldValue(pair.slice(eq + 1));
    }
    if (values.account !== undefined) {
      const ids = template.fields.map((f) => f.id);
      await fillFromReports(
        fields,
        ids,
        values.account,
        values.reports ?? [],
        asOf,
        view,
        io.err,
        reports,
      );
      await fillFromAudit(fields, ids, values.account, resolveAuditPath(values.audit), io.err);
    } else if (values.reports || values.audit)
      throw new UsageError(
        `--${values.reports ? 'reports' : 'audit'} goes with --account: say whose evidence to fill in`,
      );

    const rendered = renderCase(view, template, fields);
    if (values.json) {
      io.out(
        JSON.stringify(
          {
            template: template.id,
            markdown: rendered.markdown,
            redactions: rendered.redactions,
            errors: rendered.errors,
          },
          null,
          2,
        ),
      );
    } else {
      io.out(rendered.markdown.replace(/\n$/, ''));
    }
    for (const e of rendered.errors) io.err(`${e.field}: ${e.message}`);
    return rendered.errors.length === 0 ? 0 : 1;
  },
});

/** NAME=@FILE reads the file (a log, a body); @@ starts a value that really begins with @. */
async function fieldValue(raw: string): Promise<string> {
  if (raw.startsWith('@@')) return raw.slice(1);
  if (!raw.startsWith('@')) return raw;
  return (
    await readOptionFile(raw.slice(1), '--field @FILE', OPTION_FILE_LIMITS.caseField)
  ).toString('utf8');
}

/** The account field, and an evidence field with the verdict from the reports, unless given with --field. */
async function fillFromReports(
  fields: CaseValues,
  ids: string[],
  typed: string,
  paths: string[],
  asOf: string,
  playbook: LinePlaybook,
  warn: (text: string) => void,
  reports: () => Promise<SubscriptionStore>,
): Promise<void> {
  const parsed = parseTypedAccount(typed);
  if (!parsed.ok) throw new UsageError(`--account: ${parsed.reason}`);
  const padded = paddingWarning(typed);
  if (padded) warn(`Warning: ${padded}`);
  if (ids.includes('account')) fields.account ??= typed;
  if (!ids.includes('evidence') || fields.evidence !== undefined) return;
  if (paths.length === 0)
    throw new UsageError('the evidence field needs the reports: add --reports PATH');
  const store = await reports();
  const policy = {
    lastUsageDays: playbook.eligibility.lastUsageDays,
    goodFaithDays: playbook.eligibility.goodFaithDays,
  };
  fields.evidence = describeAccountEvidence(
    judgeAccount(store, parsed.account, asOf, policy),
    asOf,
    reportFreshness(store, asOf, policy),
  );
}

/**
 * The liveAgreement and identityDocument fields, unless given with --field, from the newest recorded
 * evidence of the account: the case cites the search or verification as it happened (its request id,
 * time, profile, certificate), and rendering a case never calls AWS. A damaged log line is said and skipped.
 */
async function fillFromAudit(
  fields: CaseValues,
  ids: string[],
  typed: string,
  path: string,
  warn: (text: string) => void,
): Promise<void> {
  const wanted = (id: string) => ids.includes(id) && fields[id] === undefined;
  if (!wanted('liveAgreement') && !wanted('identityDocument')) return;
  const parsed = parseTypedAccount(typed);
  if (!parsed.ok) return;
  const { entries, skipped } = await new AuditLog(path).readChecked({ account: parsed.account });
  for (const s of skipped) warn(`${path}: line ${s.line} skipped: ${s.problem}`);
  const recorded = recordedEvidenceByAccount(entries).get(parsed.account);
  if (wanted('liveAgreement') && recorded?.live)
    fields.liveAgreement = describeLiveEntry(recorded.live);
  if (wanted('identityDocument') && recorded?.identity)
    fields.identityDocument = describeIdentityEntry(recorded.identity);
}

/** Every case template of the playbook, each once, with the ids of the lines that have it (playbook order). */
function allTemplates(
  playbook: Playbook,
): { template: CaseTemplate; view: LinePlaybook; lines: string[] }[] {
  const byId = new Map<string, { template: CaseTemplate; view: LinePlaybook; lines: string[] }>();
  for (const line of playbook.lines) {
    const view = lineView(playbook, line.id);
    for (const template of view.caseTemplates) {
      const seen = byId.get(template.id);
      if (seen) seen.lines.push(line.id);
      else byId.set(template.id, { template, view, lines: [line.id] });
    }
  }
  return [...byId.values()];
}

/**
 * The template `id` in the line asked for (--line, --account); when none was asked, in the default line,
 * else in the first line that has it. A UsageError names the known templates, or the lines that have it.
 */
function templateInLine(
  playbook: Playbook,
  id: string,
  asked: LineChoice | undefined,
): { view: LinePlaybook; template: CaseTemplate; choice: LineChoice } {
  const holders = allTemplates(playbook).find((t) => t.template.id === id);
  if (!holders)
    throw new UsageError(
      `no case template "${id}"; known: ${allTemplates(playbook)
        .map((t) => t.template.id)
        .join(', ')}`,
    );
  const lineId = asked?.line.id ?? lineForTemplate(playbook, id)!;
  const view = lineView(playbook, lineId);
  const template = findTemplate(view, id);
  if (!template)
    throw new UsageError(
      `the ${view.line.name} line (${lineId}) has no case template "${id}"; it is in: ${holders.lines.join(', ')} (--line ID)`,
    );
  const line = playbook.lines.find((l) => l.id === lineId)!;
  return {
    view,
    template,
    choice: asked ?? {
      line,
      by: 'default',
      matches: [],
      why: [`the case template ${id} is in the ${line.name} line`],
    },
  };
}

function listTemplates(
  playbook: Playbook,
  lineId: string | undefined,
  json: boolean,
  io: CliIo,
): void {
  const every = allTemplates(playbook);
  // A line's own order (its templates, then the shared ones); without a line, each template once.
  const listed =
    lineId === undefined
      ? every
      : lineView(playbook, lineId).caseTemplates.map((t) =>
          every.find((e) => e.template.id === t.id)!,
        );
  if (json) {
    io.out(
      JSON.stringify(
        listed.map(({ template, view, lines }) => ({
          ...outlineTemplate(lineId ? lineView(playbook, lineId) : view, template),
          lines,
        })),
        null,
        2,
      ),
    );
    return;
  }
  for (const { template: t, lines } of listed) {
    io.out(
      `${t.id}: ${t.title} (${lines.join(', ')})\n  ${t.summary}\n  fields: ${t.fields.map((f) => `${f.id}${f.required ? '*' : ''}`).join(', ')}`,
    );
  }
}
