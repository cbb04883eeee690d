/** The database behind the emulator: embedded PGlite by default, or a real PostgreSQL server. */

export interface SqlField {
  readonly name: string;
  /** Postgres type OID. */
  readonly dataTypeID: number;
}

/** A statement's outcome with every value in Postgres text format (`null` for SQL NULL). */
export interface SqlResult {
  readonly fields: readonly SqlField[];
  readonly rows: readonly (readonly (string | null)[])[];
  /** Rows inserted/updated/deleted (0 for other statements). */
  readonly affectedRows: number;
}

export interface SqlSession {
  query(sql: string, params?: readonly string[]): Promise<SqlResult>;
}

export interface SqlDatabase extends SqlSession {
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
}

export interface SqlEngine {
  /** The database of that name, created on first use. */
  database(name: string): Promise<SqlDatabase>;
  close(): Promise<void>;
}

/** A database error with Postgres's fields; `message` is the server's text without the `ERROR:` prefix. */
export interface DatabaseErrorLike {
  readonly message: string;
  readonly severity?: string;
  readonly code?: string;
}

export function isDatabaseError(error: unknown): error is DatabaseErrorLike {
  return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string'
    && typeof (error as { code?: unknown }).code === 'string';
}

/**
 * Functions Redshift has and Postgres lacks, installed in each new database so everyday Redshift SQL runs.
 * `CREATE OR REPLACE` keeps this idempotent on a shared server.
 */
export const REDSHIFT_COMPATIBILITY_SQL = `
CREATE OR REPLACE FUNCTION getdate() RETURNS timestamp LANGUAGE sql STABLE AS $$ SELECT localtimestamp(0) $$;
CREATE OR REPLACE FUNCTION nvl(anyelement, anyelement) RETURNS anyelement LANGUAGE sql IMMUTABLE AS $$ SELECT coalesce($1, $2) $$;
CREATE OR REPLACE FUNCTION nvl2(anyelement, anycompatible, anycompatible) RETURNS anycompatible LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN $1 IS NULL THEN $3 ELSE $2 END $$;
CREATE OR REPLACE FUNCTION len(text) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT length($1) $$;
CREATE OR REPLACE FUNCTION dateadd(text, bigint, timestamp) RETURNS timestamp LANGUAGE sql IMMUTABLE AS $$ SELECT $3 + ($2 || ' ' || $1)::interval $$;
CREATE OR REPLACE FUNCTION datediff(text, timestamp, timestamp) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE lower($1)
    WHEN 'second' THEN floor(extract(epoch FROM $3) - extract(epoch FROM $2))::bigint
    WHEN 'minute' THEN (floor(extract(epoch FROM date_trunc('minute', $3))) - floor(extract(epoch FROM date_trunc('minute', $2))))::bigint / 60
    WHEN 'hour' THEN (floor(extract(epoch FROM date_trunc('hour', $3))) - floor(extract(epoch FROM date_trunc('hour', $2))))::bigint / 3600
    WHEN 'day' THEN ($3::date - $2::date)::bigint
    WHEN 'month' THEN ((extract(year FROM $3) - extract(year FROM $2)) * 12 + extract(month FROM $3) - extract(month FROM $2))::bigint
    WHEN 'year' THEN (extract(year FROM $3) - extract(year FROM $2))::bigint
  END $$;
`;
