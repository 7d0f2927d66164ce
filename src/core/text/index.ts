// Text helpers: visible (escaped) text, Markdown escaping, shell words, bracket nesting, did-you-mean.
// The folder's door: callers outside it import only this file (test/unit/layers.test.ts says why).
export { closestMatch } from './did-you-mean';
export { escapeInline, escapeMarkdown, fileLink, inlineCode } from './markdown';
export { profileNameProblem, shellQuote } from './shell-words';
export { visibleLine, visibleText } from './visible-text';
export { walkBrackets } from './json-nesting';
