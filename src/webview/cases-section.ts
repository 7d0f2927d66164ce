// Case forms: one form per template of the playbook, the case rendered live beside it by the host's
// one renderer (every value redacted first), and Copy, Open in Editor, Save to cases/.
import type { CaseAction, TemplateFieldView, TemplateView } from '../shared/panel-protocol';
import { act, debounce, fill, h, icon } from './dom';
import { ask } from './host';
import { currentLine } from './line-bar';
import type { PanelView } from './panel-view';

/** What was typed, as typed, for this webview's life only; the saved state holds the redacted values. */
const typedValues: Record<string, Record<string, string>> = {};

/** Fills a template's form with known values (Start case from a check), over what was typed before. */
export function prefillCase(
  v: PanelView,
  templateId: string,
  values: Record<string, string>,
): void {
  typedValues[templateId] = {
    ...(typedValues[templateId] ?? v.ui.caseValues[templateId]),
    ...values,
  };
  v.ui.templateId = templateId;
}

export function renderCases(v: PanelView): HTMLElement {
  const line = currentLine(v);
  const templates = line.templates;
  const template = templates.find((t) => t.id === v.ui.templateId) ?? templates[0];
  if (!template) return h('p', {}, `The ${line.name} line has no case templates.`);
  v.ui.templateId = template.id;
  const values = (typedValues[template.id] ??= { ...v.ui.caseValues[template.id] });

  const preview = h('pre', {
    id: 'case-preview',
    class: 'preview',
    tabindex: 0,
    'aria-label': 'The case as Markdown',
  });
  const notes = h('div', { id: 'case-notes', 'aria-live': 'polite' });
  const status = h('p', { id: 'case-status', role: 'status', class: 'muted' });
  const update = debounce(() => void refresh(v, line.id, template, values, preview, notes), 150);
  const onValue = (field: TemplateFieldView, value: string) => {
    values[field.id] = value;
    for (const dependent of template.fields.filter((f) => f.locationFrom === field.id)) {
      const where = document.getElementById(`location-${dependent.id}`);
      if (where) fill(where, locationText(dependent, value));
    }
    update();
  };
  const action = (
    id: string,
    what: CaseAction,
    label: string,
    iconName: string,
    disabled = false,
    title?: string,
  ) =>
    h(
      'button',
      {
        type: 'button',
        id,
        disabled,
        title,
        on: {
          click: () =>
            void act(
              status,
              ask({
                kind: 'caseAction',
                action: what,
                templateId: template.id,
                values,
                account: values.account,
                line: line.id,
              }),
            ),
        },
      },
      icon(iconName),
      ` ${label}`,
    );

  const picker = h(
    'select',
    {
      id: 'case-template',
      on: {
        change: (e) => {
          v.ui.templateId = (e.target as HTMLSelectElement).value;
          v.save();
          v.go('cases');
        },
      },
    },
    templates.map((t) => h('option', { value: t.id, selected: t.id === template.id }, t.title)),
  );
  const form = h(
    'form',
    {
      class: 'case-form',
      'aria-label': `${template.title} case`,
      on: { submit: (e) => e.preventDefault() },
    },
    h('p', { class: 'muted' }, template.summary),
    template.fields.map((f) => fieldControl(f, values, onValue)),
  );
  void refresh(v, line.id, template, values, preview, notes);
  return h(
    'div',
    {},
    h('h2', {}, 'Case forms'),
    h('div', { class: 'field wide' }, h('label', { for: 'case-template' }, 'Template'), picker),
    h(
      'div',
      { class: 'case-layout' },
      form,
      h(
        'div',
        { class: 'case-output' },
        h('h3', {}, 'Preview (Markdown, secrets redacted)'),
        preview,
        notes,
        h(
          'div',
          { class: 'actions' },
          action('case-copy', 'copy', 'Copy', 'copy'),
          action('case-open', 'openInEditor', 'Open in Editor', 'go-to-file'),
          action(
            'case-save',
            'save',
            'Save to cases/',
            'save',
            !v.state.trusted,
            v.state.trusted
              ? undefined
              : 'Restricted Mode: cases are not saved into an untrusted workspace',
          ),
        ),
        v.state.trusted
          ? ''
          : h(
              'p',
              { class: 'hint' },
              'Restricted Mode: Save is off; Copy and Open in Editor work.',
            ),
        status,
      ),
    ),
  );
}

function fieldControl(
  f: TemplateFieldView,
  values: Record<string, string>,
  onValue: (f: TemplateFieldView, value: string) => void,
): HTMLElement {
  const id = `field-${f.id}`;
  const common = {
    id,
    name: f.id,
    'aria-describedby': `${id}-hint`,
    'aria-required': String(f.required),
    spellcheck: 'false',
  };
  const listen = {
    input: (e: Event) => onValue(f, (e.target as HTMLInputElement).value),
    change: (e: Event) => onValue(f, (e.target as HTMLInputElement).value),
  };
  const control = f.options
    ? h(
        'select',
        { ...common, on: listen },
        h('option', { value: '' }, f.required ? 'Choose…' : '(none)'),
        f.options.map((o) => h('option', { value: o, selected: values[f.id] === o }, o)),
      )
    : f.kind === 'multiline'
      ? h('textarea', { ...common, rows: 6, on: listen })
      : h('input', { ...common, type: 'text', autocomplete: 'off', on: listen });
  if (!f.options) (control as HTMLInputElement | HTMLTextAreaElement).value = values[f.id] ?? '';
  return h(
    'div',
    { class: 'field' },
    h(
      'label',
      { for: id },
      f.label,
      f.required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : '',
    ),
    control,
    f.locationFrom
      ? h(
          'small',
          { id: `location-${f.id}`, class: 'location' },
          locationText(f, values[f.locationFrom] ?? ''),
        )
      : '',
    h('small', { id: `${id}-hint`, class: 'hint' }, f.hint ?? ''),
  );
}

/** "From /var/log/elasticbox/elasticbox-agent.log (Linux, via SSH)" for the chosen value, or the choices. */
function locationText(f: TemplateFieldView, chosen: string): string {
  const location = f.locations?.find((l) => l.when?.toLowerCase() === chosen.toLowerCase());
  if (location)
    return `From ${location.path} (${location.label}${location.how ? `, via ${location.how}` : ''})`;
  return (f.locations ?? []).map((l) => `${l.label}: ${l.path}`).join(' · ');
}

async function refresh(
  v: PanelView,
  line: string,
  template: TemplateView,
  values: Record<string, string>,
  preview: HTMLElement,
  notes: HTMLElement,
): Promise<void> {
  try {
    const reply = await ask({ kind: 'renderCase', templateId: template.id, values, line });
    preview.textContent = reply.markdown;
    fill(
      notes,
      reply.redactions.length
        ? h(
            'p',
            { class: 'warning', id: 'case-redactions' },
            icon('shield'),
            ' Redacted: ',
            reply.redactions.map((r) => `${r.count} ${r.kind}`).join(', '),
          )
        : '',
      reply.errors.length
        ? h(
            'ul',
            { class: 'errors', 'aria-label': 'Still to fill or fix' },
            reply.errors.map((e) => h('li', {}, e.message)),
          )
        : h('p', { class: 'ok' }, icon('pass'), ' Complete.'),
    );
    // Each field still to fill or fix says so itself (screen readers, and the invalid style), not only the list below.
    const wrong = new Set(reply.errors.map((e) => e.field));
    for (const f of template.fields) {
      const control = document.getElementById(`field-${f.id}`);
      if (!control) continue;
      if (wrong.has(f.id) && values[f.id]?.trim()) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    }
    v.ui.caseValues[template.id] = reply.safeValues;
    v.save();
  } catch (error) {
    fill(notes, h('p', { class: 'error' }, (error as Error).message));
  }
}
