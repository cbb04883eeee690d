import * as NodeModule from 'node:module';
import type { PGlite as PGliteInstance } from '@electric-sql/pglite';
import { DatabasesByName } from './databases-by-name';
import { REDSHIFT_COMPATIBILITY_SQL, SqlDatabase, SqlEngine, SqlResult, SqlSession } from './sql-engine';

const asText = (value: string) => value;

type PgliteModule = typeof import('@electric-sql/pglite');

/**
 * PGlite loads its WebAssembly with dynamic `import()`, which jest's module sandbox refuses unless node runs
 * with --experimental-vm-modules (and jest replaces `createRequire`). Loading it with Node's own loader
 * (`Module._load`, stable since Node 0.x) keeps it outside the sandbox, so the emulator works the same in
 * jest, tsx and plain node.
 */
function loadPglite(): PgliteModule {
  const load = (NodeModule as unknown as { _load?: (request: string, parent: null, isMain: boolean) => unknown })._load;
  const path = require.resolve('@electric-sql/pglite');
  return (typeof load === 'function' ? load(path, null, false) : require(path)) as PgliteModule;
}

/** One in-memory PGlite instance per database name, started on first use (~3 s each). */
export class PgliteEngine implements SqlEngine {
  private readonly databases = new DatabasesByName(() => PgliteDatabase.create());

  database(name: string): Promise<SqlDatabase> {
    return this.databases.get(name);
  }

  close(): Promise<void> {
    return this.databases.closeAll();
  }
}

class PgliteDatabase implements SqlDatabase {
  private constructor(private readonly db: PGliteInstance) {}

  static async create(): Promise<PgliteDatabase> {
    const db = await loadPglite().PGlite.create();
    // Keep every value in Postgres text format; the result encoder maps types itself.
    for (const oid of Object.keys(db.parsers)) db.parsers[oid] = asText;
    await db.exec(REDSHIFT_COMPATIBILITY_SQL);
    return new PgliteDatabase(db);
  }

  query(sql: string, params: readonly string[] = []): Promise<SqlResult> {
    return runQuery(this.db, sql, params);
  }

  transaction<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => work({ query: (sql, params = []) => runQuery(tx, sql, params) }));
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

interface PgliteQueryable {
  query<T>(sql: string, params?: unknown[], options?: { rowMode?: 'array' | 'object' }): Promise<{
    rows: T[];
    fields: { name: string; dataTypeID: number }[];
    affectedRows?: number;
  }>;
}

async function runQuery(db: PgliteQueryable, sql: string, params: readonly string[]): Promise<SqlResult> {
  const result = await db.query<(string | null)[]>(sql, [...params], { rowMode: 'array' });
  return {
    fields: result.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
    rows: result.rows.map((row) => row.map(textOf)),
    affectedRows: result.affectedRows ?? 0,
  };
}

/** Types registered after start (arrays of new types) may still be parsed: turn them back into text. */
function textOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
