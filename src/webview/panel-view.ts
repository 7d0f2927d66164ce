// What the panel gives each of its sections, apart from the panel itself so that the sections can
// name it without importing the panel that imports them.
import type { PanelState, Section, WebviewState } from '../shared/panel-protocol';

/** What every section gets: the host's state, the engineer's, and the ways to move between sections. */
export interface PanelView {
  state: PanelState;
  ui: WebviewState;
  save(): void;
  go(section: Section): void;
  /** Draws the panel again, on the section it shows (after the support line changed). */
  refresh(): void;
  startCase(templateId: string, values: Record<string, string>): void;
}
