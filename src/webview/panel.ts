// The Support Desk panel's webview: five sections behind an ARIA tab list (arrow keys move between
// tabs, Tab walks the controls of the open section). State comes from the host after `ready`; what
// the engineer typed is kept with setState (case values only as redacted by the host).
import {
  SECTIONS,
  type PanelState,
  type Section,
  type WebviewState,
} from '../shared/panel-protocol';
import { prefillCase, renderCases } from './cases-section';
import { renderChannels } from './channels-section';
import { auditChanged, newCheckScreen, renderCheck, runCheck } from './check-section';
import { fill, h, icon } from './dom';
import { renderEscalation } from './escalation-section';
import { connect, savedState, saveState } from './host';
import { renderLineBar } from './line-bar';
import type { PanelView } from './panel-view';
import { renderScope } from './scope-section';

const TITLES: Record<Section, { title: string; icon: string }> = {
  check: { title: 'Check a customer', icon: 'account' },
  scope: { title: 'Scope', icon: 'checklist' },
  escalation: { title: 'Escalation', icon: 'call-outgoing' },
  cases: { title: 'Case forms', icon: 'notebook' },
  channels: { title: 'Channels and set-up', icon: 'broadcast' },
};

const restored = savedState();
const ui: WebviewState = {
  section: restored?.section && SECTIONS.includes(restored.section) ? restored.section : 'check',
  check: restored?.check ?? { account: '' },
  answer: restored?.answer,
  templateId: restored?.templateId,
  caseValues: restored?.caseValues ?? {},
  identity: restored?.identity,
  line: restored?.line,
  lineChoice: restored?.lineChoice,
};
let state: PanelState | undefined;
/** What Check a customer shows beyond `ui` (requests under way, which answer is on screen): kept across every render. */
const checkScreen = newCheckScreen();
const app = document.getElementById('app')!;

const view = (): PanelView => ({
  state: state!,
  ui,
  save: () => saveState(ui),
  go: (section) => show(section, true),
  refresh: () => render(),
  startCase(templateId, values) {
    prefillCase(this, templateId, values);
    show('cases', true);
  },
});

const SECTION_RENDERERS: Record<Section, (v: PanelView) => HTMLElement> = {
  check: (v) => renderCheck(v, checkScreen),
  scope: renderScope,
  escalation: renderEscalation,
  cases: renderCases,
  channels: renderChannels,
};

function render(): void {
  if (!state) return;
  const tabs = SECTIONS.map((s) =>
    h(
      'button',
      {
        role: 'tab',
        id: `tab-${s}`,
        'aria-selected': String(s === ui.section),
        'aria-controls': `section-${s}`,
        tabindex: s === ui.section ? 0 : -1,
        class: 'tab',
        on: { click: () => show(s, true), keydown: (e) => onTabKey(e as KeyboardEvent, s) },
      },
      icon(TITLES[s].icon),
      ' ',
      TITLES[s].title,
    ),
  );
  const header = h(
    'header',
    { class: 'masthead' },
    h('h1', {}, icon('comment-discussion'), ' Support Desk'),
    h(
      'p',
      { class: 'origin' },
      `${state.playbook.name} · ${state.playbook.origin}`,
      state.trusted ? '' : ' · Restricted Mode: no AWS calls, no saved cases',
    ),
    ...state.playbook.problems.map((p) =>
      h(
        'p',
        { class: 'warning', role: 'alert' },
        icon('warning'),
        ' Team playbook problem, the default applies: ',
        p,
      ),
    ),
    renderLineBar(view()),
  );
  const panel = h(
    'section',
    {
      role: 'tabpanel',
      id: `section-${ui.section}`,
      'aria-labelledby': `tab-${ui.section}`,
      class: 'section',
    },
    SECTION_RENDERERS[ui.section](view()),
  );
  fill(
    app,
    header,
    h('nav', { role: 'tablist', 'aria-label': 'Support Desk sections', class: 'tabs' }, tabs),
    panel,
  );
}

function show(section: Section, focusTab = false): void {
  ui.section = section;
  saveState(ui);
  render();
  if (focusTab) document.getElementById(`tab-${section}`)?.focus();
}

/** Arrow keys, Home and End move between tabs (WAI-ARIA tabs pattern, automatic activation). */
function onTabKey(event: KeyboardEvent, current: Section): void {
  const i = SECTIONS.indexOf(current);
  const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: SECTIONS.length - 1 }[
    event.key
  ];
  if (next === undefined) return;
  event.preventDefault();
  show(SECTIONS[(next + SECTIONS.length) % SECTIONS.length], true);
}

connect((message) => {
  if (message.type === 'state') {
    const first = !state;
    state = message.state;
    render();
    // A restored answer is shown as it was, then brought up to date with the audit log (it may have changed while hidden).
    if (first && ui.answer) auditChanged(view(), checkScreen);
    return;
  }
  if (message.type === 'audit') {
    if (state) auditChanged(view(), checkScreen);
    return;
  }
  ui.section = message.section;
  if (message.check) ui.check = { ...message.check };
  saveState(ui);
  render();
  if (message.check && state) void runCheck(view(), checkScreen);
});
