/** Turns Postgres text-format results into Redshift Data API cells and column metadata. */
import type { SqlField } from './sql-engine';
import type { ColumnMetadata, Field } from './wire-types';

type CellKind = 'long' | 'double' | 'boolean' | 'blob' | 'string';

interface TypeInfo {
  readonly name: string;
  readonly cell: CellKind;
  readonly precision: number;
  readonly scale: number;
  readonly signed: boolean;
  readonly caseSensitive: boolean;
}

const type = (name: string, cell: CellKind, precision: number, scale = 0, signed = false, caseSensitive = false): TypeInfo => ({
  name, cell, precision, scale, signed, caseSensitive,
});

/** Postgres type OIDs the emulator knows; Redshift's Data API uses the same type names. */
const TYPES: ReadonlyMap<number, TypeInfo> = new Map([
  [16, type('bool', 'boolean', 1)],
  [17, type('bytea', 'blob', 2147483647)],
  [18, type('char', 'string', 1, 0, false, true)],
  [19, type('name', 'string', 64, 0, false, true)],
  [20, type('int8', 'long', 19, 0, true)],
  [21, type('int2', 'long', 5, 0, true)],
  [23, type('int4', 'long', 10, 0, true)],
  [25, type('text', 'string', 2147483647, 0, false, true)],
  [26, type('oid', 'long', 10)],
  [114, type('json', 'string', 2147483647, 0, false, true)],
  [700, type('float4', 'double', 8, 8, true)],
  [701, type('float8', 'double', 17, 17, true)],
  [790, type('money', 'string', 19, 2, true)],
  [1042, type('bpchar', 'string', 2147483647, 0, false, true)],
  [1043, type('varchar', 'string', 2147483647, 0, false, true)],
  [1082, type('date', 'string', 13)],
  [1083, type('time', 'string', 15, 6)],
  [1114, type('timestamp', 'string', 29, 6)],
  [1184, type('timestamptz', 'string', 35, 6)],
  [1186, type('interval', 'string', 49, 6)],
  [1266, type('timetz', 'string', 21, 6)],
  [1700, type('numeric', 'string', 38, 0, true)],
  [2950, type('uuid', 'string', 36)],
  [3802, type('jsonb', 'string', 2147483647, 0, false, true)],
]);

const UNKNOWN_TYPE = type('unknown', 'string', 2147483647, 0, false, true);

function typeOf(field: SqlField): TypeInfo {
  return TYPES.get(field.dataTypeID) ?? { ...UNKNOWN_TYPE, name: `oid:${field.dataTypeID}` };
}

export function columnMetadata(fields: readonly SqlField[]): ColumnMetadata[] {
  return fields.map((field) => {
    const info = typeOf(field);
    return {
      name: field.name,
      label: field.name,
      typeName: info.name,
      // Result columns of an arbitrary query may be null; AWS reports 1 (nullable) for them too.
      nullable: 1,
      precision: info.precision,
      scale: info.scale,
      length: 0,
      isSigned: info.signed,
      isCaseSensitive: info.caseSensitive,
      isCurrency: field.dataTypeID === 790,
      schemaName: '',
      tableName: '',
    };
  });
}

export function encodeRow(fields: readonly SqlField[], row: readonly (string | null)[]): Field[] {
  return row.map((value, index) => encodeCell(typeOf(fields[index]!).cell, value));
}

function encodeCell(kind: CellKind, value: string | null): Field {
  if (value === null) return { isNull: true };
  switch (kind) {
    case 'long':
      return { longValue: Number(value) };
    case 'double':
      return { doubleValue: Number(value) };
    case 'boolean':
      return { booleanValue: value === 't' || value === 'true' };
    case 'blob':
      return { blobValue: decodeBytea(value) };
    case 'string':
      return { stringValue: value };
  }
}

/** Postgres's hex bytea output (`\x0102`); escape format is not produced by Postgres ≥ 9 defaults. */
function decodeBytea(text: string): Uint8Array {
  return text.startsWith('\\x') ? Uint8Array.from(Buffer.from(text.slice(2), 'hex')) : Uint8Array.from(Buffer.from(text));
}

/** Bytes a row takes in the result cache, approximated by its text size (AWS's ResultSize is in bytes). */
export function rowSize(row: readonly (string | null)[]): number {
  return row.reduce((sum, value) => sum + (value === null ? 0 : Buffer.byteLength(value)), 0);
}
