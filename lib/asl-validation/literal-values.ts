import type { QueryLanguage } from './scope-tree';

/**
 * For fields that take a literal integer or (in JSONata) a `{% %}` expression: returns why `value` is
 * unacceptable, or undefined. Expression strings are parsed by the JSONata check.
 */
export function integerFieldProblem(value: unknown, language: QueryLanguage, min: number, max: number): string | undefined {
  if (language === 'JSONata' && typeof value === 'string' && value.startsWith('{%')) return undefined;
  const expected = `an integer from ${min} to ${max}${language === 'JSONata' ? ' or a {% %} expression' : ''}`;
  if (typeof value !== 'number' || !Number.isInteger(value)) return `must be ${expected}`;
  if (value < min || value > max) return `must be ${expected}`;
  return undefined;
}
