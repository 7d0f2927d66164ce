// The playbook as one Markdown page (Open Support Desk) and a case template as a draft to fill in.
// Pure (no 'vscode'): the words and order are unit-tested. Fact texts are Markdown already.
import type { LoadedPlaybook } from '../../core/playbook/load';
import type { CaseTemplate, Fact, Link, SourceRef } from '../../core/playbook/playbook';
import { escapeMarkdown, inlineCode } from '../markdown';

const cite = (s: SourceRef): string => ` <sub>${escapeMarkdown(s.document)}${s.section ? `, ${escapeMarkdown(s.section)}` : ''}</sub>`;
const fact = (f: Fact): string => `${f.text}${cite(f.source)}`;
const link = (l: Link): string => `${l.url ? `[${escapeMarkdown(l.name)}](${l.url})` : escapeMarkdown(l.name)}${l.purpose ? `: ${escapeMarkdown(l.purpose)}` : ''}`;
const bullets = (items: string[]): string => items.map((i) => `- ${i}`).join('\n');

export function renderPlaybook(loaded: LoadedPlaybook): string {
  const p = loaded.playbook;
  const origin = loaded.teamFile && loaded.overridden.length > 0
    ? `Team playbook ${inlineCode(loaded.teamFile)} (its sections: ${loaded.overridden.join(', ')}) over the default playbook.`
    : 'The default playbook shipped with the extension.';
  const out: string[] = [`# ${escapeMarkdown(p.name)}`, `_${origin} Read-only: edit \`.support-desk/playbook.json\` to change it (Open Playbook)._`];
  if (loaded.problems.length > 0) {
    out.push(`> **The team playbook has problems, so the default is shown:**\n${loaded.problems.map((x) => `> - line ${x.line}: ${escapeMarkdown(x.message)}`).join('\n')}`);
  }

  out.push('## Escalation: critical outages');
  if (p.contacts.escalationWhen) out.push(fact(p.contacts.escalationWhen));
  out.push(['| Region | Phone |', '|---|---|', ...p.contacts.escalationPhones.map((e) => `| ${escapeMarkdown(e.region)} | ${escapeMarkdown(e.number)} |`)].join('\n'));
  if (p.contacts.emails?.length) out.push(bullets(p.contacts.emails.map((e) => `E-mail [${e.address}](mailto:${e.address}): ${escapeMarkdown(e.purpose)}`)));
  if (p.contacts.portals?.length) out.push(bullets(p.contacts.portals.map(link)));

  out.push('## Products', ['| Product | Id | Code |', '|---|---|---|', ...p.products.map((x) => `| ${escapeMarkdown(x.title)} | ${inlineCode(x.id)} | ${x.code ? inlineCode(x.code) : ''} |`)].join('\n'));

  out.push('## Eligibility', `Eligible when listed in the newest report with last usage within **${p.eligibility.lastUsageDays} days**; reports lag by up to **${p.eligibility.goodFaithDays} days** (support new subscribers in good faith).`);
  if (p.eligibility.notes?.length) out.push(bullets(p.eligibility.notes.map(fact)));
  out.push(bullets([fact(p.marketplace.reportingLag), ...p.marketplace.confirmation.steps.map(fact), fact(p.marketplace.confirmation.sellerMustOwnProductCode)]));

  const s = p.scope;
  out.push(`## Scope: ${escapeMarkdown(s.provider)} (${escapeMarkdown(s.supportType)})`, fact(s.definition));
  out.push('**In scope**', bullets(s.inScope.map((i) => `${i.item}${cite(i.source)}`)));
  out.push('**Out of scope**', bullets(s.outOfScope.map((i) => `${i.item}${cite(i.source)}`)));
  if (s.managedServices) out.push(`**Managed services**: ${s.managedServices.text}${cite(s.managedServices.source)}`);
  if (s.notes?.length) out.push(bullets(s.notes.map(fact)));

  out.push('## Support channels');
  for (const c of p.channels) {
    const head = [`**${escapeMarkdown(c.name)}** (${escapeMarkdown(c.provider)})`, c.phoneSupport === false ? 'no phone support' : c.phoneSupport ? 'phone support' : '', c.bestEffort ? 'best effort' : '']
      .filter(Boolean).join(' · ');
    const lines = [
      ...(c.hours ?? []).map(escapeMarkdown),
      c.email ? `E-mail [${c.email}](mailto:${c.email})` : '',
      c.url ? `<${c.url}>` : '',
      ...(c.requirements ?? []).map((r) => `Needs: ${r}`),
      ...(c.facts ?? []).map(fact),
    ].filter(Boolean);
    out.push(`${head}${cite(c.source)}\n${bullets(lines)}`);
  }

  out.push('## Which channel for which purchase', ['| Purchase | Phone support | Channels |', '|---|---|---|',
    ...p.purchasePaths.map((x) => `| ${escapeMarkdown(x.purchase)} | ${x.phoneSupport ? 'yes' : 'no'} | ${x.channels.map((id) => escapeMarkdown(p.channels.find((c) => c.id === id)?.name ?? id)).join(', ')} |`)].join('\n'));

  out.push('## Case templates');
  for (const t of p.caseTemplates) out.push(renderTemplate(t));

  out.push(`## ${escapeMarkdown(p.accountSetup.title)}`);
  out.push(p.accountSetup.steps.map((step, i) => `${i + 1}. **${escapeMarkdown(step.title)}**: ${step.text}${step.url ? ` <${step.url}>` : ''}`).join('\n'));

  out.push('## FAQ');
  for (const f of p.faq) out.push(`**${escapeMarkdown(f.question)}**\n\n${f.answer.join('\n\n')}${cite(f.source)}`);
  return `${out.join('\n\n')}\n`;
}

function renderTemplate(t: CaseTemplate): string {
  const fields = t.fields.map((f) => {
    const where = (f.locations ?? []).map((l) => `${escapeMarkdown(l.label)}: ${inlineCode(l.path)}`).join('; ');
    return `${escapeMarkdown(f.label)}${f.required ? ' (required)' : ''}${f.hint ? `: ${escapeMarkdown(f.hint)}` : ''}${where ? ` (${where})` : ''}`;
  });
  return [`### ${escapeMarkdown(t.title)}`, escapeMarkdown(t.summary), ...(t.guidance ?? []).map(fact), `Collect:\n${bullets(fields)}`].join('\n\n');
}

/** A case draft: the template's fields with what is already known filled in, the rest marked to fill. */
export function renderCaseDraft(t: CaseTemplate, known: Readonly<Record<string, string>>): string {
  const fields = t.fields.map((f) => {
    const value = known[f.id] ?? known[f.kind];
    const hint = f.hint ? ` <!-- ${f.hint} -->` : '';
    return `- **${escapeMarkdown(f.label)}**${f.required ? ' (required)' : ''}: ${value ? escapeMarkdown(value) : `_to fill_${hint}`}`;
  });
  return [`# Case: ${escapeMarkdown(t.title)}`, escapeMarkdown(t.summary), ...(t.guidance ?? []).map((g) => `> ${g.text}`), fields.join('\n')].join('\n\n') + '\n';
}
