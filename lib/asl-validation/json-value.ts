/** A parsed JSON object, as found in a state-machine definition. */
export type JsonObject = { readonly [key: string]: unknown };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function has(object: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** Describes a JSON value's kind for messages ("array", "null", "string 'abc'"). */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `'${shorten(value, 60)}'`;
  if (typeof value === 'object') return 'an object';
  return String(value);
}

export function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Length in Unicode code points, the way AWS counts name lengths. */
export function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length += 1;
  return length;
}

/** Calls `visit` for each object entry of `list` when it is an array (other shapes are reported elsewhere). */
export function forEachObjectEntry(list: unknown, visit: (entry: JsonObject, index: number) => void): void {
  if (!Array.isArray(list)) return;
  list.forEach((entry, index) => {
    if (isJsonObject(entry)) visit(entry, index);
  });
}
