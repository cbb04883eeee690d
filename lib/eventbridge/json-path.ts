/** The JSON paths EventBridge takes in InputPath and InputPathsMap: `$`, `$.a.b`, `$.a[0].b`, `$['a-b']`. */

/** The value at `path` in `value`, or undefined when a step is missing. @throws Error when the path has another syntax */
export function readJsonPath(value: unknown, path: string): unknown {
  if (!path.startsWith('$')) throw new Error(`'${path}' is not a JSON path: it must start with $`);
  let current: unknown = value;
  const step = /\.([^.[\]]+)|\[(\d+)\]|\['([^']*)'\]/y;
  step.lastIndex = 1;
  while (step.lastIndex < path.length) {
    const at = step.lastIndex;
    const m = step.exec(path);
    if (!m) throw new Error(`'${path}' is not a JSON path EventBridge accepts (error at character ${at})`);
    const key = m[1] ?? m[3];
    if (key !== undefined) current = current !== null && typeof current === 'object' && !Array.isArray(current) ? (current as Record<string, unknown>)[key] : undefined;
    else current = Array.isArray(current) ? current[Number(m[2])] : undefined;
    if (current === undefined) return undefined;
  }
  return current;
}
