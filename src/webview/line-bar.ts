// The support line the panel shows: the checked customer's (and why: "product prod-... is in the Ubuntu
// Pro on AWS line"), with a switcher over every line of the playbook for an account that holds products
// of several lines, or when no customer is in hand. Scope, Escalation, Case forms and Channels read it.
import type { CheckResult, LineView } from '../shared/panel-protocol';
import { fill, h, icon } from './dom';
import { ask } from './host';
import type { PanelView } from './panel-view';

/** The line the sections show: the one chosen (by the customer or by hand), else the playbook's default. */
export function currentLine(v: PanelView): LineView {
  const lines = v.state.playbook.lines;
  return (
    lines.find((l) => l.id === v.ui.line) ??
    lines.find((l) => l.id === v.state.playbook.defaultLine) ??
    lines[0]
  );
}

/** After a check: asks the host which line covers the customer, follows it, and says why in the bar. */
export async function followCustomer(v: PanelView, result: CheckResult): Promise<void> {
  try {
    const choice = await ask({
      kind: 'supportLine',
      account: result.account,
      productId: v.ui.check.productId,
    });
    v.ui.lineChoice = choice;
    v.ui.line = choice.line;
  } catch (error) {
    v.ui.lineChoice = undefined;
    v.ui.line = undefined;
    console.warn(`support line: ${(error as Error).message}`);
  }
  v.save();
  const bar = document.getElementById('line-bar');
  if (bar) fill(bar, ...lineBarContent(v));
}

/** The bar under the panel's heading: the switcher and why this line. */
export function renderLineBar(v: PanelView): HTMLElement {
  return h(
    'div',
    { id: 'line-bar', class: 'line-bar', role: 'group', 'aria-label': 'Support line' },
    ...lineBarContent(v),
  );
}

function lineBarContent(v: PanelView): (HTMLElement | string)[] {
  const line = currentLine(v);
  const choice = v.ui.lineChoice;
  const customers = new Set(choice?.matches.map((m) => m.id) ?? []);
  const select = h(
    'select',
    {
      id: 'support-line',
      'aria-describedby': 'line-why',
      on: {
        change: (e) => {
          v.ui.line = (e.target as HTMLSelectElement).value;
          v.save();
          v.refresh();
        },
      },
    },
    v.state.playbook.lines.map((l) =>
      h(
        'option',
        { value: l.id, selected: l.id === line.id },
        `${l.name}${customers.has(l.id) && customers.size > 1 ? ' (the customer’s)' : ''}`,
      ),
    ),
  );
  return [
    h('label', { for: 'support-line' }, icon('layers'), ' Support line'),
    select,
    h('p', { id: 'line-why', class: 'muted' }, whyText(v, line)),
    customers.size > 1 && choice
      ? h(
          'p',
          { id: 'line-others', class: 'hint' },
          `Account ${choice.account ?? ''} holds products of ${customers.size} lines: `,
          choice.matches.map((m) => m.name).join(', '),
          '. Switch above to see another line’s scope, channels and case forms.',
        )
      : '',
  ];
}

function whyText(v: PanelView, line: LineView): string {
  const choice = v.ui.lineChoice;
  if (!choice)
    return `No customer in hand: the default line, ${line.name} (it covers ${line.covers}). Check a customer to follow theirs, or pick a line.`;
  const match = choice.matches.find((m) => m.id === line.id);
  if (match) return `${match.reasons.join('; ')}.`;
  if (line.id === choice.line) return `${choice.why.join('; ')}.`;
  return `Chosen by hand. Account ${choice.account ?? ''}: ${choice.why.join('; ')}.`;
}
