// Case templates: the one renderer of a case, used by the panel's case forms, Open Case after a
// confirmation and `support-desk case render`. The playbook says which fields a case needs; this
// checks what an engineer typed, redacts every value, and renders Markdown. It always renders: a
// field still to fill or not valid is marked in the text and listed in `errors`, so a live preview
// and a draft show the same words the finished case will.
import { AMI_ID, INSTANCE_ID, PRODUCT_CODE, REGION, parseTypedAccount } from '../ids';
import { escapeInline, escapeMarkdown, inlineCode } from '../text';
import type {
  CaseTemplate,
  Fact,
  FieldKind,
  FileLocation,
  LinePlaybook,
  SourceRef,
  TemplateField,
} from '../playbook/types';
import {
  describeRedactions,
  redact,
  sortedCounts,
  type RedactionCount,
  type SecretKind,
} from '../redaction';
import { visibleText } from '../text';

const ABSOLUTE_PATH = /^(?:\/|[A-Za-z]:[\\/]|\\\\)/;

/** What a value of each kind looks like, for placeholders and error messages. */
export const FIELD_FORMATS: Record<FieldKind, string> = {
  text: 'one line of text',
  multiline: 'text, several lines allowed',
  instanceId: 'i- and 8 or 17 hex digits, e.g. i-0123456789abcdef0',
  amiId: 'ami- and 8 or 17 hex digits, e.g. ami-0123456789abcdef0',
  account: '12 digits, e.g. 111122223333',
  region: 'an AWS region, e.g. us-east-1',
  productCode: '1 to 25 letters and digits, e.g. 4w1vgsrkqdkypbz43g7qkk4uz',
  filePath: 'an absolute path, e.g. /var/log/app.log or C:\\Logs\\app.log',
  choice: 'one of the listed options',
  httpStatus: 'an HTTP status code from 100 to 599, e.g. 400',
};

/** Values by field id, as typed (a form, `--field NAME=VALUE`, a confirmation's facts). */
export type CaseValues = Record<string, string | undefined>;

export interface FieldError {
  field: string;
  message: string;
}

/** A rendered case. Every value in `markdown` went through redaction first. */
export interface RenderedCase {
  /** The case as Markdown, ending with a newline. */
  markdown: string;
  /** Secrets removed from the values, by kind and count (never the values), sorted by kind. */
  redactions: RedactionCount[];
  /** Required fields still empty and values that are not valid; empty when the case is complete. */
  errors: FieldError[];
  /** Values given for ids the template does not have (a CLI typo); they are not rendered. */
  unknownFields: string[];
}

export function findTemplate(playbook: LinePlaybook, id: string): CaseTemplate | undefined {
  return playbook.caseTemplates.find((template) => template.id === id);
}

/**
 * A case template as the panel's form shows it and `support-desk case templates --json` prints it
 * (docs/json-output.md): its fields with their options resolved and the file locations a field's
 * value may be found at; no playbook sources.
 */
export interface TemplateOutline {
  id: string;
  title: string;
  summary: string;
  fields: FieldOutline[];
}

export interface FieldOutline {
  id: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  hint?: string;
  /** The choices of a `choice` field (fieldOptions). */
  options?: string[];
  /** For a field whose location the value of another field picks: that field's id, and the paths by value. */
  locationFrom?: string;
  locations?: { when?: string; label: string; path: string; how?: string }[];
}

/** `template` as a form shows it (see TemplateOutline); keys with no value are left out. */
export function outlineTemplate(playbook: LinePlaybook, template: CaseTemplate): TemplateOutline {
  return {
    id: template.id,
    title: template.title,
    summary: template.summary,
    fields: template.fields.map((f) => ({
      id: f.id,
      label: f.label,
      kind: f.kind,
      required: f.required === true,
      ...(f.hint !== undefined ? { hint: f.hint } : {}),
      ...(f.kind === 'choice' ? { options: fieldOptions(playbook, f) } : {}),
      ...(f.locationFrom !== undefined ? { locationFrom: f.locationFrom } : {}),
      ...(f.locations
        ? {
            locations: f.locations.map((l) => ({
              when: l.when,
              label: l.label,
              path: l.path,
              how: l.how,
            })),
          }
        : {}),
    })),
  };
}

/** The options of a choice field: its own, or the playbook data its `optionsFrom` names. */
export function fieldOptions(playbook: LinePlaybook, field: TemplateField): string[] {
  switch (field.optionsFrom) {
    case 'escalationRegions':
      return playbook.contacts.escalationPhones.map((p) => p.region);
    case 'faq':
      return playbook.faq.map((f) => f.question);
    case 'purchasePaths':
      return playbook.purchasePaths.map((p) => p.purchase);
    default:
      return field.options ?? [];
  }
}

/** The location a `locationFrom` field picks (e.g. the agent log path for the chosen OS), if chosen. */
export function pickedLocation(field: TemplateField, values: CaseValues): FileLocation | undefined {
  if (!field.locationFrom) return undefined;
  const chosen = values[field.locationFrom]?.trim().toLowerCase();
  return chosen ? field.locations?.find((l) => l.when?.toLowerCase() === chosen) : undefined;
}

/** The href of a phone number: `tel:` with digits and a leading + only ("1-888-638-6771" -> "tel:18886386771"). */
export function telHref(number: string): string {
  const trimmed = number.trim();
  return `tel:${trimmed.startsWith('+') ? '+' : ''}${trimmed.replace(/\D/g, '')}`;
}

type Checked = { value: string } | { error: string };

/** The value as the case shows it, or an error saying what a valid one looks like. */
function checkValue(playbook: LinePlaybook, field: TemplateField, raw: string): Checked {
  const value = field.kind === 'multiline' ? raw.replace(/\s+$/, '') : raw.trim();
  const wrong = (): Checked => ({
    error: `${field.label}: "${value}" is not valid; expected ${FIELD_FORMATS[field.kind]}`,
  });
  switch (field.kind) {
    case 'text':
      return { value: value.replace(/\s+/g, ' ') };
    case 'multiline':
      return { value: field.format === 'json' ? prettyJson(value) : value };
    case 'instanceId':
      return INSTANCE_ID.test(value) ? { value } : wrong();
    case 'amiId':
      return AMI_ID.test(value) ? { value } : wrong();
    case 'region':
      return REGION.test(value) ? { value } : wrong();
    case 'productCode':
      return PRODUCT_CODE.test(value) ? { value } : wrong();
    case 'httpStatus':
      return /^[1-5]\d\d$/.test(value) ? { value } : wrong();
    case 'account': {
      const account = parseTypedAccount(value);
      if (!account.ok) return { error: `${field.label}: ${account.reason}` };
      // A number that lost its leading zeros is read, and the case says so.
      return {
        value: account.padded
          ? `${account.account} (padded from ${value.replace(/[\s-]/g, '')})`
          : account.account,
      };
    }
    case 'filePath': {
      if (ABSOLUTE_PATH.test(value)) return { value };
      const usual = (field.locations ?? []).map((l) => `${l.path} (${l.label})`).join(' or ');
      return {
        error: `${field.label}: "${value}" is not an absolute path${usual ? `; usually ${usual}` : ''}`,
      };
    }
    case 'choice': {
      const options = fieldOptions(playbook, field);
      // Case-insensitive, so `--field os=Windows` works; the case shows the option as the playbook spells it.
      const match = options.find((o) => o.toLowerCase() === value.toLowerCase());
      return match
        ? { value: match }
        : { error: `${field.label}: choose one of ${options.join(', ')}` };
    }
  }
}

/** Pretty-printed when the text parses as a JSON object or array; otherwise as pasted. */
function prettyJson(text: string): string {
  if (!/^\s*[[{]/.test(text)) return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** Redaction with the counts added up over every value of one case. */
class Redactor {
  private readonly counts = new Map<SecretKind, number>();

  apply(text: string): string {
    const { text: safe, found } = redact(text);
    for (const { kind, count } of found)
      this.counts.set(kind, (this.counts.get(kind) ?? 0) + count);
    return safe;
  }

  get found(): RedactionCount[] {
    return sortedCounts(this.counts);
  }
}

/**
 * Renders the case as Markdown, marking what is still to fill; every value is redacted first, and the
 * text's control characters and bidi overrides are made visible (visibleText) wherever it is shown.
 */
export function renderCase(
  playbook: LinePlaybook,
  template: CaseTemplate,
  values: CaseValues,
): RenderedCase {
  const known = new Set(template.fields.map((f) => f.id));
  const unknownFields = Object.keys(values).filter(
    (id) => !known.has(id) && values[id] !== undefined,
  );
  const redactor = new Redactor();
  const errors: FieldError[] = [];
  const shown = new Map<TemplateField, string>();
  for (const field of template.fields) {
    const raw = values[field.id] ?? '';
    if (raw.trim() === '') {
      if (field.required)
        errors.push({
          field: field.id,
          message: `${field.label} is required (${FIELD_FORMATS[field.kind]})`,
        });
      continue;
    }
    const checked = checkValue(playbook, field, raw);
    // Every value, ids included, goes through redaction: nothing typed reaches the text unexamined.
    if ('error' in checked)
      errors.push({ field: field.id, message: redactor.apply(checked.error) });
    else shown.set(field, redactor.apply(checked.value));
  }
  // A value typed but not valid shows its error in place; a required one still empty shows "to fill".
  const invalid = new Map(
    errors.filter((e) => values[e.field]?.trim()).map((e) => [e.field, e.message]),
  );
  const missing = (field: TemplateField): string =>
    invalid.has(field.id) ? `_${escapeMarkdown(invalid.get(field.id)!)}_` : '_to fill_';

  const rows: string[] = [];
  const blocks: string[] = [];
  for (const field of template.fields) {
    const value = shown.get(field);
    if (field.kind !== 'multiline') {
      if (value === undefined && !field.required && !invalid.has(field.id)) continue;
      const cellText =
        value === undefined
          ? missing(field)
          : field.kind === 'filePath'
            ? inlineCode(value)
            : cell(value);
      rows.push(`| ${cell(field.label)} | ${cellText} |`);
      continue;
    }
    const location = pickedLocation(field, values);
    const where = location
      ? `From ${inlineCode(location.path)} (${escapeMarkdown(location.label)}${location.how ? `, via ${escapeMarkdown(location.how)}` : ''}).`
      : '';
    if (value === undefined && !field.required && !invalid.has(field.id) && !where) continue;
    const body =
      value === undefined
        ? missing(field)
        : field.verbatim
          ? fenced(value, field.format === 'json' && /^[[{]/.test(value) ? 'json' : 'text')
          : escapeLines(value);
    blocks.push([`## ${escapeMarkdown(field.label)}`, where, body].filter(Boolean).join('\n\n'));
  }

  const parts = [`# ${escapeMarkdown(template.title)}`, escapeMarkdown(template.summary)];
  if (rows.length > 0) parts.push(['| Field | Value |', '| --- | --- |', ...rows].join('\n'));
  parts.push(...blocks);
  for (const field of template.fields) {
    if (field.optionsFrom !== 'faq') continue;
    const entry = playbook.faq.find((f) => f.question === shown.get(field));
    if (entry)
      parts.push(
        `## FAQ: ${escapeMarkdown(entry.question)}\n\n${entry.answer.join('\n\n')} _(${citation(entry.source)})_`,
      );
  }
  if (template.include?.includes('callSheet')) {
    const regionField = template.fields.find((f) => f.optionsFrom === 'escalationRegions');
    parts.push(callSheet(playbook, regionField ? shown.get(regionField) : undefined));
  }
  if (template.include?.includes('accountSetup')) parts.push(accountSetupChecklist(playbook));
  if (template.guidance?.length)
    parts.push(`## What this case needs\n\n${template.guidance.map(citedItem).join('\n')}`);
  const channel = playbook.channels.find((c) => c.id === template.channel);
  if (channel) {
    const reach = [channel.email, channel.url].filter(Boolean).join(' · ');
    const lines = [
      `## Send to\n\n**${escapeMarkdown(channel.name)}** (${escapeMarkdown(channel.provider)})${reach ? `: ${reach}` : ''}`,
    ];
    if (channel.bestEffort) lines.push('Support on this channel is best effort.');
    parts.push(lines.join('\n\n'));
  }
  if (errors.length > 0)
    parts.push(
      `> Still to fill or fix: ${errors.map((e) => escapeMarkdown(e.message)).join('; ')}.`,
    );
  const redactions = redactor.found;
  if (redactions.length > 0)
    parts.push(`> Redacted before sharing: ${describeRedactions(redactions)}.`);
  return { markdown: visibleText(`${parts.join('\n\n')}\n`), redactions, errors, unknownFields };
}

/**
 * The critical-outage call sheet: the number for `region` first (every region when none is given),
 * when to call, what to have ready, the incident e-mail. Markdown, printable from an editor.
 */
export function callSheet(playbook: LinePlaybook, region?: string): string {
  const c = playbook.contacts;
  const phones = region
    ? c.escalationPhones.filter((p) => p.region === region)
    : c.escalationPhones;
  const lines = [`## Critical outage call sheet${region ? `: ${escapeMarkdown(region)}` : ''}`];
  if (c.escalationWhen)
    lines.push(`${c.escalationWhen.text} _(${citation(c.escalationWhen.source)})_`);
  lines.push(
    [
      '| Region | Call |',
      '| --- | --- |',
      ...phones.map((p) => `| ${cell(p.region)} | [${cell(p.number)}](${telHref(p.number)}) |`),
    ].join('\n'),
  );
  if (c.beforeCalling?.length)
    lines.push(`### Have ready before calling\n\n${c.beforeCalling.map(citedItem).join('\n')}`);
  if (c.emails?.length)
    lines.push(
      `### E-mail\n\n${c.emails.map((e) => `- ${e.address}: ${escapeMarkdown(e.purpose)}`).join('\n')}`,
    );
  return lines.join('\n\n');
}

/** The account set-up steps as a Markdown checklist, each with its link and source. */
export function accountSetupChecklist(playbook: LinePlaybook): string {
  const s = playbook.accountSetup;
  if (!s)
    return `## Account set-up\n\nThe ${escapeMarkdown(playbook.line.name)} line has no set-up steps.`;
  const steps = s.steps.map(
    (step) =>
      `- [ ] **${escapeMarkdown(step.title)}**: ${step.text}${step.url ? ` <${step.url}>` : ''} _(${citation(step.source)})_`,
  );
  return `## ${escapeMarkdown(s.title)}\n\n${steps.join('\n')}`;
}

/** "partner-aws-platform-support.txt, “Scope of Support”": how the UI and the case cite a fact. */
export function citation(source: SourceRef): string {
  return source.section ? `${source.document}, “${source.section}”` : source.document;
}

function citedItem(fact: Fact): string {
  return `- ${fact.text} _(${citation(fact.source)})_`;
}

/**
 * A table cell shows the value literally: Markdown and HTML characters escaped, pipes too. A cell never
 * starts a line, so list and heading markers stay as written ("+65 ..."); a line break, which would end
 * the table's row, becomes a space.
 */
function cell(text: string): string {
  return escapeInline(text).replace(/\s*\r?\n\s*/g, ' ');
}

/** Free text as literal Markdown, line by line (a pasted `<img onerror>` stays text). */
function escapeLines(text: string): string {
  return text
    .split('\n')
    .map((line) => escapeMarkdown(line))
    .join('  \n');
}

/** A fence longer than any backtick run inside, so a pasted log cannot close it early. */
function fenced(text: string, info: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${text}\n${fence}`;
}
