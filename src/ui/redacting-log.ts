// The extension's log with redaction on its way in: whatever a caller logs (a string, an Error, an
// object), the Output channel receives it redacted. Apart from redaction.ts so that stays free of
// Node modules (the webview's protocol shares its types).
import { inspect } from 'node:util';
import { redact } from '../core/redaction';

// The methods of a vscode.LogOutputChannel (and of console) that write what they are given.
const LOG_METHODS = new Set([
  'trace',
  'debug',
  'info',
  'warn',
  'error',
  'log',
  'append',
  'appendLine',
  'replace',
]);

/**
 * `log` with every message redacted before it is written: strings as they are, Errors as their
 * stack, anything else as util.inspect shows it. For the extension's Output channel; members other
 * than the writing methods (name, show, dispose...) pass through unchanged.
 */
export function redactingLog<L extends object>(log: L): L {
  return new Proxy(log, {
    get(target, property) {
      const member = Reflect.get(target, property) as unknown;
      if (typeof member !== 'function') return member;
      const method = member as (...args: unknown[]) => unknown;
      if (!LOG_METHODS.has(String(property))) return method.bind(target);
      return (...args: unknown[]) => method.apply(target, args.map(redactLogArgument));
    },
  });
}

function redactLogArgument(value: unknown): string {
  const text =
    typeof value === 'string'
      ? value
      : value instanceof Error
        ? (value.stack ?? value.message)
        : inspect(value);
  return redact(text).text;
}
