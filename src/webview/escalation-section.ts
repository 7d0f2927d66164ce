// Escalation: critical-outage numbers by region (tel: links, Copy), e-mail, portals, what to have
// ready, and a call sheet to print.
import { act, h, icon, link } from './dom';
import { ask } from './host';
import { currentLine } from './line-bar';
import type { PanelView } from './panel-view';

export function renderEscalation(v: PanelView): HTMLElement {
  const line = currentLine(v);
  const e = line.escalation;
  const status = h('p', { id: 'escalation-status', role: 'status', class: 'muted' });
  const region = h(
    'select',
    { id: 'call-sheet-region' },
    h('option', { value: '' }, 'Every region'),
    e.phones.map((p) => h('option', { value: p.region }, p.region)),
  );
  return h(
    'div',
    { class: 'escalation' },
    h('h2', {}, `Escalation for ${line.name}: critical outages`),
    e.when ? h('p', {}, e.when.text, h('span', { class: 'cite' }, ` (${e.when.cite})`)) : '',
    e.phones.length
      ? ''
      : h(
          'p',
          { id: 'no-phones', class: 'warning' },
          icon('info'),
          ` The ${line.name} line lists no escalation phone line: use its channels and e-mail below.`,
        ),
    h(
      'table',
      { class: 'grid phones' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Region'),
          h('th', { scope: 'col' }, 'Call'),
          h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Copy')),
        ),
      ),
      h(
        'tbody',
        {},
        e.phones.map((p) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, p.region),
            h('td', {}, link(p.number, p.href, { class: 'phone' })),
            h(
              'td',
              {},
              h(
                'button',
                {
                  type: 'button',
                  class: 'icon-button',
                  'aria-label': `Copy the ${p.region} number`,
                  on: {
                    click: () =>
                      void act(
                        status,
                        ask({ kind: 'copy', text: p.number, what: `the ${p.region} number` }),
                      ),
                  },
                },
                icon('copy'),
                ' Copy',
              ),
            ),
          ),
        ),
      ),
    ),
    status,
    e.beforeCalling.length
      ? h(
          'div',
          {},
          h('h3', {}, 'Have ready before calling'),
          h(
            'ul',
            {},
            e.beforeCalling.map((f) =>
              h('li', {}, f.text, h('span', { class: 'cite' }, ` (${f.cite})`)),
            ),
          ),
        )
      : '',
    e.emails.length
      ? h(
          'div',
          {},
          h('h3', {}, 'E-mail'),
          h(
            'ul',
            {},
            e.emails.map((m) =>
              h('li', {}, link(m.address, `mailto:${m.address}`), `: ${m.purpose}`),
            ),
          ),
        )
      : '',
    e.portals.length
      ? h(
          'div',
          {},
          h('h3', {}, 'Portals'),
          h(
            'ul',
            {},
            e.portals.map((p) =>
              h('li', {}, link(p.name, p.url), p.purpose ? `: ${p.purpose}` : ''),
            ),
          ),
        )
      : '',
    h(
      'div',
      { class: 'actions no-print' },
      h('label', { for: 'call-sheet-region' }, 'Call sheet for '),
      region,
      h(
        'button',
        {
          type: 'button',
          id: 'open-call-sheet',
          on: {
            click: () =>
              void act(
                status,
                ask({ kind: 'openCallSheet', region: region.value || undefined, line: line.id }),
              ),
          },
        },
        icon('go-to-file'),
        ' Open call sheet',
      ),
      h(
        'button',
        { type: 'button', id: 'print-call-sheet', on: { click: () => window.print() } },
        icon('print'),
        ' Print this page',
      ),
    ),
  );
}
