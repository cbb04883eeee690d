import { toFieldLabel, type PathSegment } from '../location';
import type { AjvErrorObject } from './ajv-types';

/** One readable finding distilled from ajv's raw errors, relative to the validated object. */
export interface SchemaFinding {
  /** Where, relative to the validated object (a state, or the machine). */
  readonly path: readonly PathSegment[];
  /** The top-level field concerned ('' when the object itself is). */
  readonly field: string;
  /** Starts with "Field" or "field", so a caller can prefix "State 'X': ". */
  readonly text: string;
}

const JSONATA_PATTERN_HINT = 'must be a JSONata expression string, "{% ... %}"';

/**
 * Turns ajv's errors into findings. A failed `oneOf`/`anyOf` explains every error under its path
 * (those are its alternatives' complaints), so it becomes one finding listing what would be accepted.
 */
export function summarizeAjvErrors(errors: readonly AjvErrorObject[], data: unknown): SchemaFinding[] {
  const located = errors.map((error) => ({ error, path: toSegments(error.instancePath, data) }));
  const alternatives = located
    .filter(({ error }) => error.keyword === 'oneOf' || error.keyword === 'anyOf')
    .sort((a, b) => a.path.length - b.path.length);
  const explainedBy = (path: readonly PathSegment[]) => alternatives.find((outer) => startsWith(path, outer.path));

  const findings: SchemaFinding[] = [];
  const seen = new Set<string>();
  const add = (finding: SchemaFinding): void => {
    const id = `${finding.path.join('/')}|${finding.text}`;
    if (!seen.has(id)) {
      seen.add(id);
      findings.push(finding);
    }
  };

  for (const group of alternatives) {
    if (explainedBy(group.path) !== group) continue;
    const absorbed = located.filter(
      ({ error, path }) => error !== group.error && error.keyword !== 'oneOf' && error.keyword !== 'anyOf' && startsWith(path, group.path),
    );
    // Complaints deeper inside the value come from the alternative whose shape matched: report the deepest ones.
    const depth = Math.max(group.path.length, ...absorbed.map(({ path }) => path.length));
    if (depth > group.path.length) {
      for (const { error, path } of absorbed) if (path.length === depth) add(findingFor(error, path));
      continue;
    }
    const options = [...new Set(absorbed.map(({ error }) => describe(error)))];
    const label = toFieldLabel(group.path);
    const text =
      options.length > 0
        ? `field '${label}' ${options.join(', or ')}`
        : `field '${label}' does not match any accepted form${group.error.params.passingSchemas ? ' (it matches more than one)' : ''}`;
    add({ path: group.path, field: String(group.path[0] ?? ''), text });
  }
  for (const { error, path } of located) {
    if (error.keyword === 'oneOf' || error.keyword === 'anyOf' || explainedBy(path)) continue;
    add(findingFor(error, path));
  }
  return findings;
}

function findingFor(error: AjvErrorObject, path: PathSegment[]): SchemaFinding {
  const label = toFieldLabel(path);
  if (error.keyword === 'additionalProperties') {
    const extra = String(error.params.additionalProperty);
    return path.length === 0
      ? { path, field: extra, text: `Field '${extra}' is not supported` }
      : { path, field: String(path[0]), text: `field '${label}' does not support field '${extra}'` };
  }
  if (error.keyword === 'required') {
    const missing = String(error.params.missingProperty);
    return path.length === 0
      ? { path, field: missing, text: `field '${missing}' is required` }
      : { path, field: String(path[0]), text: `field '${label}.${missing}' is required` };
  }
  return { path, field: String(path[0] ?? ''), text: `field '${label}' ${describe(error)}` };
}

function describe(error: AjvErrorObject): string {
  switch (error.keyword) {
    case 'type':
      return `must be ${String(error.params.type).replace(/,/g, ' or ')}`;
    case 'enum':
      return `must be one of [${(error.params.allowedValues as unknown[]).map(String).join(', ')}]`;
    case 'pattern':
      return String(error.params.pattern).startsWith('^\\{%') ? JSONATA_PATTERN_HINT : (error.message ?? 'has an invalid format');
    case 'format':
      return String(error.params.format).startsWith('asl_') ? `is not a valid JSONPath ${String(error.params.format).slice(4).replace(/_/g, ' ')}` : `must be a valid ${String(error.params.format)}`;
    case 'additionalProperties':
      return `does not support field '${String(error.params.additionalProperty)}'`;
    case 'required':
      return `needs field '${String(error.params.missingProperty)}'`;
    default:
      return error.message ?? `is invalid (${error.keyword})`;
  }
}

/** JSON pointer to segments, array indexes as numbers (AWS renders them `[i]`). */
function toSegments(pointer: string, data: unknown): PathSegment[] {
  if (pointer === '') return [];
  const segments: PathSegment[] = [];
  let current: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current) && /^\d+$/.test(key)) {
      segments.push(Number(key));
      current = current[Number(key)];
    } else {
      segments.push(key);
      current = typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[key] : undefined;
    }
  }
  return segments;
}

function startsWith(path: readonly PathSegment[], prefix: readonly PathSegment[]): boolean {
  return path.length >= prefix.length && prefix.every((segment, index) => segment === path[index]);
}
