// Checks of JSON read back from the product's own files (audit lines, batch results): a hand edit or a
// damaged line with a key of the wrong type must be named and skipped, never trusted or crashed on.

/** A check of one value. */
export type ValueCheck = (value: unknown) => boolean;

export const isString: ValueCheck = (v) => typeof v === 'string';
export const isNullableString: ValueCheck = (v) => v === null || typeof v === 'string';
/** An ISO 8601 time as the product writes them (Date#toISOString), or any time Date.parse reads. */
export const isTime: ValueCheck = (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v));

export const oneOf =
  (...allowed: string[]): ValueCheck =>
  (v) =>
    typeof v === 'string' && allowed.includes(v);

export const listOf =
  (item: ValueCheck): ValueCheck =>
  (v) =>
    Array.isArray(v) && v.every(item);

/** An object whose every named key passes its check (an absent key is undefined to its check). */
export const withKeys =
  (keys: Record<string, ValueCheck>): ValueCheck =>
  (v) =>
    typeof v === 'object' &&
    v !== null &&
    Object.entries(keys).every(([key, check]) => check((v as Record<string, unknown>)[key]));

/** One key of a shape: its name, whether every line has it, its check, and what it must be in words. */
export type KeyRule = [key: string, required: boolean, check: ValueCheck, expected: string];

/**
 * The first way `value` breaks `rules`, in words ('"agreements" must be a list of agreements', '"time"
 * is missing (it must be an ISO 8601 time)'), or
 * undefined when it keeps them. An absent key that is not required passes; a present one must pass
 * its check. Keys not in the rules are allowed (a later version may add some).
 */
export function shapeProblem(
  value: unknown,
  rules: readonly KeyRule[],
  what: string,
): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return `not ${what} (a JSON object)`;
  const v = value as Record<string, unknown>;
  for (const [key, required, check, expected] of rules) {
    if (v[key] === undefined && required) return `"${key}" is missing (it must be ${expected})`;
    if (v[key] !== undefined && !check(v[key])) return `"${key}" must be ${expected}`;
  }
  return undefined;
}
