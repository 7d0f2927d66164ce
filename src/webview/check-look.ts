// The words and pictures the parts of "Check a customer" share: each verdict's icon and capitalised
// words, a product as the engineer knows it, and a request's note (under way, cancelled, failed).
import type { Verdict } from '../core/domain';
import { VERDICT_LOOK as SHARED_LOOK, verdictWords } from '../shared/verdict-look';
import type { CheckResult } from '../shared/panel-protocol';
import type { Note } from './check-screen';
import { h, icon } from './dom';
import type { PanelView } from './panel-view';

/** The tree's icons and words (src/shared/verdict-look.ts), capitalised at the start of a line. */
export const VERDICT_LOOK = Object.fromEntries(
  Object.entries(SHARED_LOOK).map(([verdict, look]) => [
    verdict,
    { icon: look.icon, words: verdictWords(verdict as Verdict) },
  ]),
) as Record<Verdict, { icon: string; words: string }>;

/** A product as the engineer knows it: its title from the reports or the playbook, else its id or code. */
export function productName(v: PanelView, p: { id?: string | null; code?: string }): string {
  const known = v.state.reports.products.find(
    (x) => (p.id && x.id === p.id) || (p.code && x.code === p.code),
  );
  return known?.title ?? (p.id || p.code || 'no product named');
}

/** A request under way or failed for the account on screen, in its area; undefined when there is none. */
export function noteLine(note: Note | undefined, r: CheckResult): HTMLElement | undefined {
  if (!note || note.account !== r.account) return undefined;
  if (note.kind === 'error')
    return h('p', { class: 'error', role: 'alert' }, icon('error'), ' ', note.text);
  return h('p', { class: 'muted' }, note.kind === 'busy' ? [icon('loading'), ' '] : '', note.text);
}
