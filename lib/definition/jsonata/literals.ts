/** Helpers that write JSONata source text. */

/** A JSONata string literal (JSONata string literals follow JSON escaping). */
export function jsonataString(value: string): string {
  return JSON.stringify(value);
}

/** A JSONata array literal of strings. */
export function jsonataStringList(values: readonly string[]): string {
  return `[${values.map(jsonataString).join(', ')}]`;
}

/** Wraps an expression as an ASL JSONata field value. */
export function jsonataField(expression: string): string {
  return `{% ${expression.trim()} %}`;
}

/** A block `( binding; binding; body )` so helper functions can be declared before the body uses them. */
export function jsonataBlock(bindings: readonly string[], body: string): string {
  return `(\n${[...bindings.map((binding) => binding.trim()), body.trim()].join(';\n')}\n)`;
}
