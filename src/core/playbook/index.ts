// The playbook: support lines, scope, channels, escalation and case templates, loaded, validated and cross-checked.
// The folder's door: callers outside it import only this file (test/unit/layers.test.ts says why).
export type {
  CaseTemplate,
  Channel,
  Fact,
  FieldKind,
  FileLocation,
  LinePlaybook,
  Playbook,
  ScopeAnswer,
  SourceRef,
  TemplateField,
} from './types';
export type { CustomerProduct, LineChoice } from './support-lines';
export type { LoadedPlaybook } from './load';
export { DEFAULT_PLAYBOOK_FILE, TEAM_PLAYBOOK_PATH, defaultPlaybook, loadPlaybook } from './load';
export { LINE_SECTIONS } from './types';
export { SCOPE_MATCHING, searchScope } from './scope-search';
export { channelsForPurchase } from './channels';
export {
  chooseLine,
  describeLineProducts,
  lineForTemplate,
  lineView,
  productsOfAccount,
} from './support-lines';
