/** Something in an expression's AST that Step Functions refuses when the definition is created. */
export interface UnsupportedReference {
  readonly kind: 'double-dollar' | 'error-output' | 'eval';
}

/**
 * Walks a jsonata AST looking for `$$` (AWS: "Reference to '$$' is not supported."),
 * `$states.errorOutput` (only offered inside a Catch) and calls to `$eval`.
 */
export function findUnsupportedReferences(ast: unknown): UnsupportedReference[] {
  const found: UnsupportedReference[] = [];
  const seen = new Set<object>();
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    const record = node as Record<string, unknown>;
    if (record.type === 'variable' && record.value === '$') found.push({ kind: 'double-dollar' });
    if (record.type === 'path' && Array.isArray(record.steps)) {
      const [first, second] = record.steps as Array<Record<string, unknown> | undefined>;
      if (first?.type === 'variable' && first.value === 'states' && second?.type === 'name' && second.value === 'errorOutput') {
        found.push({ kind: 'error-output' });
      }
    }
    if (record.type === 'function') {
      const procedure = record.procedure as Record<string, unknown> | undefined;
      if (procedure?.type === 'variable' && procedure.value === 'eval') found.push({ kind: 'eval' });
    }
    Object.values(record).forEach(visit);
  };
  visit(ast);
  return found;
}
