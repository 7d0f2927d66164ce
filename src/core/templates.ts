// Case templates: the playbook says which fields a case needs; this checks the values an engineer
// typed and renders the case as Markdown, with every free-text value passed through redaction.
import { AMI_ID, INSTANCE_ID, PRODUCT_CODE, REGION, parseTypedAccount } from './ids';
import type { CaseTemplate, Fact, FieldKind, Playbook, SourceRef, TemplateField } from './playbook/playbook';
import { redact, describeRedactions, sortedCounts, type RedactionCount } from './redaction';

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
};

export type CaseValues = Record<string, string | undefined>;

export interface FieldError {
  field: string;
  message: string;
}

export interface RenderedCase {
  markdown: string;
  /** Secrets removed from the values, by kind (never the values). */
  redactions: RedactionCount[];
}

export type CaseResult = { ok: true; case: RenderedCase } | { ok: false; errors: FieldError[] };

export function findTemplate(playbook: Playbook, id: string): CaseTemplate | undefined {
  return playbook.caseTemplates.find((template) => template.id === id);
}

/** The value as the case shows it, or an error saying what a valid one looks like. */
function checkValue(field: TemplateField, raw: string): { value: string } | { error: string } {
  const value = field.kind === 'multiline' ? raw.replace(/\s+$/, '') : raw.trim();
  const wrong = (): { error: string } => ({ error: `${field.label}: "${value}" is not valid; expected ${FIELD_FORMATS[field.kind]}` });
  switch (field.kind) {
    case 'text':
      return { value: value.replace(/\s+/g, ' ') };
    case 'multiline':
      return { value };
    case 'instanceId':
      return INSTANCE_ID.test(value) ? { value } : wrong();
    case 'amiId':
      return AMI_ID.test(value) ? { value } : wrong();
    case 'region':
      return REGION.test(value) ? { value } : wrong();
    case 'productCode':
      return PRODUCT_CODE.test(value) ? { value } : wrong();
    case 'account': {
      const account = parseTypedAccount(value);
      return account.ok ? { value: account.account } : { error: `${field.label}: ${account.reason}` };
    }
    case 'filePath': {
      if (ABSOLUTE_PATH.test(value)) return { value };
      const usual = (field.locations ?? []).map((l) => `${l.path} (${l.label})`).join(' or ');
      return { error: `${field.label}: "${value}" is not an absolute path${usual ? `; usually ${usual}` : ''}` };
    }
    case 'choice':
      return field.options?.includes(value) ? { value } : { error: `${field.label}: choose one of ${(field.options ?? []).join(', ')}` };
  }
}

/** Checks required fields and id formats; values for fields the template lacks are ignored. */
export function checkCase(template: CaseTemplate, values: CaseValues): { values: Map<TemplateField, string>; errors: FieldError[] } {
  const checked = new Map<TemplateField, string>();
  const errors: FieldError[] = [];
  for (const field of template.fields) {
    const raw = values[field.id] ?? '';
    if (raw.trim() === '') {
      if (field.required) errors.push({ field: field.id, message: `${field.label} is required (${FIELD_FORMATS[field.kind]})` });
      continue;
    }
    const result = checkValue(field, raw);
    if ('error' in result) errors.push({ field: field.id, message: result.error });
    else checked.set(field, result.value);
  }
  return { values: checked, errors };
}

/** Renders the case as Markdown, or says which fields to fix. */
export function renderCase(playbook: Playbook, template: CaseTemplate, values: CaseValues): CaseResult {
  const { values: checked, errors } = checkCase(template, values);
  if (errors.length > 0) return { ok: false, errors };

  const counts = new Map<RedactionCount['kind'], number>();
  const safe = (field: TemplateField, value: string) => {
    // Ids and choices were validated against strict formats; free text may hold anything.
    if (field.kind !== 'text' && field.kind !== 'multiline' && field.kind !== 'filePath') return value;
    const { text, found } = redact(value);
    for (const { kind, count } of found) counts.set(kind, (counts.get(kind) ?? 0) + count);
    return text;
  };

  const rows: string[] = [];
  const blocks: string[] = [];
  for (const [field, value] of checked) {
    const shown = safe(field, value);
    if (field.kind !== 'multiline') rows.push(`| ${cell(field.label)} | ${field.kind === 'filePath' ? code(shown) : cell(shown)} |`);
    else blocks.push(`## ${field.label}\n\n${field.verbatim ? fenced(shown) : shown}`);
  }

  const parts = [`# ${template.title}`, template.summary];
  if (rows.length > 0) parts.push(['| Field | Value |', '| --- | --- |', ...rows].join('\n'));
  parts.push(...blocks);
  if (template.guidance?.length) parts.push(`## What this case needs\n\n${template.guidance.map(citedItem).join('\n')}`);
  const channel = playbook.channels.find((c) => c.id === template.channel);
  if (channel) {
    const reach = [channel.email, channel.url].filter(Boolean).join(' · ');
    const lines = [`## Send to\n\n**${channel.name}** (${channel.provider})${reach ? `: ${reach}` : ''}`];
    if (channel.bestEffort) lines.push('Support on this channel is best effort.');
    parts.push(lines.join('\n\n'));
  }
  const redactions = sortedCounts(counts);
  if (redactions.length > 0) parts.push(`> Redacted before sharing: ${describeRedactions(redactions)}.`);
  return { ok: true, case: { markdown: `${parts.join('\n\n')}\n`, redactions } };
}

/** "partner-aws-platform-support.txt, “Scope of Support”": how the UI and the case cite a fact. */
export function citation(source: SourceRef): string {
  return source.section ? `${source.document}, “${source.section}”` : source.document;
}

function citedItem(fact: Fact): string {
  return `- ${fact.text} _(${citation(fact.source)})_`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function code(text: string): string {
  return `\`${text.replace(/`/g, '')}\``;
}

/** A fence longer than any backtick run inside, so a pasted log cannot close it early. */
function fenced(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}text\n${text}\n${fence}`;
}
