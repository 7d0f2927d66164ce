// Checks for input boxes: nothing typed yet is no error (Enter on it cancels); anything else is
// checked as it is typed, with the reason the core rules give.
import { parseTypedAccount } from '../../core/ids';

/** For `validateInput` of an account box: undefined when empty or valid, else what is wrong. */
export function typedAccountProblem(value: string): string | undefined {
  if (value.trim() === '') return undefined;
  const parsed = parseTypedAccount(value);
  return parsed.ok ? undefined : parsed.reason;
}
