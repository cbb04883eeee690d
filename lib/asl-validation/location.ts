/**
 * A path from the definition root, kept as segments so it can be rendered both as an AWS location
 * (`/States/T/Catch[0]/Next`) and as a field label for messages (`Catch[0].Next`).
 */
export type PathSegment = string | number;

/** AWS style: object keys joined by `/`, array indexes as `[i]` on the previous segment; '' is the whole definition. */
export function toLocation(segments: readonly PathSegment[]): string {
  let location = '';
  for (const segment of segments) {
    location += typeof segment === 'number' ? `[${segment}]` : `/${segment}`;
  }
  return location;
}

/** A field path relative to a state, for messages: `Catch[0].Next`, `Arguments.Sql`. */
export function toFieldLabel(segments: readonly PathSegment[]): string {
  let label = '';
  for (const segment of segments) {
    if (typeof segment === 'number') label += `[${segment}]`;
    else label += label === '' ? segment : `.${segment}`;
  }
  return label;
}
