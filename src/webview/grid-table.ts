// A table that keeps ids and times whole: in a narrow panel it scrolls sideways rather than break
// "i-" from its digits or a date from its time.
import { h } from './dom';

/** A column of a grid table: its heading, and `kind` for values that must stay on one line (ids, times, one-word verdicts). */
export interface GridColumn {
  name: string;
  kind?: 'id' | 'when' | 'word';
}

/**
 * A table of `rows` (one string per column, and the row's tooltip) in a box that scrolls sideways when
 * the panel is narrower than the table: an id or a time broken across lines ("i-" on one, the digits on
 * the next) misreads. `id` names the box.
 */
export function gridTable(
  id: string,
  columns: readonly GridColumn[],
  rows: readonly { cells: string[]; title?: string }[],
): HTMLElement {
  return h(
    'div',
    { class: 'table-scroll', id },
    h(
      'table',
      { class: 'grid' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          columns.map((c) => h('th', { scope: 'col' }, c.name)),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((row) =>
          h(
            'tr',
            { title: row.title },
            row.cells.map((value, i) => h('td', { class: columns[i].kind }, value)),
          ),
        ),
      ),
    ),
  );
}
