// Channels and set-up: for a way of buying, which support channels of the line apply and which do not;
// the line's set-up checklist and FAQ (Ubuntu Pro's, in the default playbook), each with Copy.
import type { ChannelView, LineView } from '../shared/panel-protocol';
import { act, fill, h, icon, link } from './dom';
import { ask } from './host';
import { currentLine } from './line-bar';
import type { PanelView } from './panel-view';

let pathId: string | undefined;

export function renderChannels(v: PanelView): HTMLElement {
  const p = currentLine(v);
  const status = h('p', { id: 'channels-status', role: 'status', class: 'muted' });
  const copy = (text: string, what: string, label: string) =>
    h(
      'button',
      {
        type: 'button',
        class: 'icon-button',
        'aria-label': `Copy ${label}`,
        on: { click: () => void act(status, ask({ kind: 'copy', text, what })) },
      },
      icon('copy'),
      ' Copy',
    );
  const answer = h('div', { id: 'purchase-channels', 'aria-live': 'polite' });
  const showPath = (id: string) => {
    pathId = id;
    const path = p.purchasePaths.find((x) => x.id === id);
    if (!path) pathId = undefined;
    if (!path) return fill(answer);
    fill(
      answer,
      h(
        'p',
        { class: path.phoneSupport ? 'ok' : 'warning' },
        icon(path.phoneSupport ? 'call-outgoing' : 'circle-slash'),
        path.phoneSupport ? ' Phone support: yes' : ' Phone support: no',
      ),
      path.note ? h('p', {}, path.note, h('span', { class: 'cite' }, ` (${path.cite})`)) : '',
      h('h3', {}, 'Channels that apply'),
      channelList(path.applies),
      h('h3', {}, 'Channels that do not apply'),
      path.doesNotApply.length
        ? channelList(path.doesNotApply)
        : h('p', { class: 'muted' }, 'None.'),
    );
  };
  const select = h(
    'select',
    { id: 'purchase-path', on: { change: (e) => showPath((e.target as HTMLSelectElement).value) } },
    h('option', { value: '' }, 'Choose how the customer bought…'),
    p.purchasePaths.map((x) => h('option', { value: x.id, selected: x.id === pathId }, x.purchase)),
  );
  if (pathId) showPath(pathId);
  return h(
    'div',
    {},
    h('h2', {}, `Channels of ${p.name} for a purchase`),
    h(
      'div',
      { class: 'field wide' },
      h('label', { for: 'purchase-path' }, 'How the customer bought'),
      select,
    ),
    answer,
    p.accountSetup
      ? setupChecklist(p.accountSetup, copy)
      : h('p', { class: 'muted', id: 'no-setup' }, `The ${p.name} line has no set-up checklist.`),
    p.faq.length ? h('h2', {}, 'FAQ') : '',
    p.faq.map((f, i) =>
      h(
        'details',
        { class: 'faq' },
        h('summary', {}, f.question),
        h('p', { class: 'answer' }, f.answer),
        h('p', { class: 'cite' }, f.cite),
        copy(`${f.question}\n\n${f.answer}`, `FAQ answer ${i + 1}`, `the answer to: ${f.question}`),
      ),
    ),
    status,
  );
}

function setupChecklist(
  setup: NonNullable<LineView['accountSetup']>,
  copy: (text: string, what: string, label: string) => HTMLElement,
): HTMLElement[] {
  return [
    h('h2', {}, setup.title),
    h(
      'ol',
      { class: 'checklist' },
      setup.steps.map((s, i) =>
        h(
          'li',
          {},
          h('strong', {}, s.title),
          ': ',
          s.text,
          ' ',
          s.url ? link(s.url, s.url) : '',
          h('span', { class: 'cite' }, ` (${s.cite})`),
          ' ',
          copy(
            `${i + 1}. ${s.title}: ${s.text}${s.url ? ` ${s.url}` : ''}`,
            `step ${i + 1}`,
            `step ${i + 1}: ${s.title}`,
          ),
        ),
      ),
    ),
  ];
}

function channelList(channels: ChannelView[]): HTMLElement {
  return h(
    'ul',
    { class: 'channels' },
    channels.map((c) =>
      h(
        'li',
        {},
        h('strong', {}, c.name),
        ` (${c.provider})`,
        c.phoneSupport === true
          ? ' · phone support'
          : c.phoneSupport === false
            ? ' · no phone support'
            : '',
        c.bestEffort ? ' · best effort' : '',
        c.email ? [' · ', link(c.email, `mailto:${c.email}`)] : '',
        c.url ? [' · ', link(c.url, c.url)] : '',
      ),
    ),
  );
}
