// The case renderer: a playbook template and its fields to Markdown, every value redacted and escaped; the call sheet.
// The folder's door: callers outside it import only this file (test/unit/layers.test.ts says why).
export type { CaseValues, FieldOutline, TemplateOutline } from './templates';
export {
  callSheet,
  citation,
  findTemplate,
  outlineTemplate,
  renderCase,
  telHref,
} from './templates';
