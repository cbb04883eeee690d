/** The 256 KiB payload quota on state input/output and task results (States.DataLimitExceeded). */
import { StatesError, StatesErrors } from '../errors';

/** 262,144 bytes, UTF-8: AWS's quota for task, state and execution input or output. */
export const MAX_PAYLOAD_BYTES = 262_144;

/** UTF-8 byte length of a JSON text, without encoding it when the length alone proves it small. */
export function utf8Bytes(json: string): number {
  // A UTF-16 code unit never takes more than 3 UTF-8 bytes.
  return json.length * 3 <= MAX_PAYLOAD_BYTES ? json.length : Buffer.byteLength(json, 'utf8');
}

export function isOverPayloadLimit(json: string): boolean {
  return json.length * 3 > MAX_PAYLOAD_BYTES && Buffer.byteLength(json, 'utf8') > MAX_PAYLOAD_BYTES;
}

export function dataLimitExceeded(what: string, json: string): StatesError {
  return new StatesError(
    StatesErrors.DataLimitExceeded,
    `${what} has a size of ${Buffer.byteLength(json, 'utf8')} bytes, over the maximum of ${MAX_PAYLOAD_BYTES} bytes (256 KiB).`,
  );
}

/** JSON text of a value; `undefined` becomes `null` as in AWS payloads. */
export function toJson(value: unknown): string {
  return value === undefined ? 'null' : JSON.stringify(value);
}
