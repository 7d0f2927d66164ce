// How each verdict looks, in the tree and in the panel alike: one codicon, its theme colour, and the
// words (lower case; the panel capitalises them at the start of a line).
import type { Verdict } from '../core/domain';

/** Per verdict: `icon` a codicon id, `color` a theme colour id (the tree tints its icon), `words` what it says. */
export const VERDICT_LOOK: Record<Verdict, { icon: string; color: string; words: string }> = {
  eligible: { icon: 'pass-filled', color: 'testing.iconPassed', words: 'eligible' },
  lapsed: { icon: 'warning', color: 'list.warningForeground', words: 'lapsed' },
  'not-in-latest-report': {
    icon: 'history',
    color: 'charts.orange',
    words: 'not in latest report',
  },
  unlisted: { icon: 'question', color: 'list.errorForeground', words: 'unlisted' },
};

/** The words with a capital first letter, for the start of a heading or a line. */
export function verdictWords(verdict: Verdict): string {
  const words = VERDICT_LOOK[verdict].words;
  return words[0].toUpperCase() + words.slice(1);
}
