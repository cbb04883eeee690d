/**
 * What Step Functions hands a state machine from an aws-sdk task: plain JSON, dates as ISO 8601
 * strings, blobs as base64, no `undefined` members and no SDK `$metadata`.
 */
export function toStepFunctionsJson(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(toStepFunctionsJson);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      if (member !== undefined && key !== '$metadata') out[key] = toStepFunctionsJson(member);
    }
    return out;
  }
  return value;
}

/** AWS's JSON protocols: timestamps as epoch seconds (fractional), blobs as base64. */
export function toAwsJson(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(toAwsJson);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      if (member !== undefined) out[key] = toAwsJson(member);
    }
    return out;
  }
  return value;
}
