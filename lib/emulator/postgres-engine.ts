import { Pool, PoolClient, types as pgTypes } from 'pg';
import { DatabasesByName } from './databases-by-name';
import { REDSHIFT_COMPATIBILITY_SQL, SqlDatabase, SqlEngine, SqlResult, SqlSession } from './sql-engine';

const TEXT_TYPES = { getTypeParser: () => (value: string) => value } as unknown as typeof pgTypes;

/**
 * A real PostgreSQL server. The database name in `url` is replaced by each request's `Database`;
 * those databases must exist (the emulator does not create databases on a server).
 */
export class PostgresEngine implements SqlEngine {
  private readonly databases: DatabasesByName<PostgresDatabase>;

  constructor(url: string) {
    this.databases = new DatabasesByName((name) => {
      const databaseUrl = new URL(url);
      databaseUrl.pathname = `/${encodeURIComponent(name)}`;
      return PostgresDatabase.connect(databaseUrl.toString());
    });
  }

  database(name: string): Promise<SqlDatabase> {
    return this.databases.get(name);
  }

  close(): Promise<void> {
    return this.databases.closeAll();
  }
}

class PostgresDatabase implements SqlDatabase {
  private constructor(private readonly pool: Pool) {}

  static async connect(connectionString: string): Promise<PostgresDatabase> {
    const pool = new Pool({ connectionString, max: 4 });
    try {
      await pool.query(REDSHIFT_COMPATIBILITY_SQL);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresDatabase(pool);
  }

  async query(sql: string, params: readonly string[] = []): Promise<SqlResult> {
    const client = await this.pool.connect();
    try {
      return await runQuery(client, sql, params);
    } finally {
      client.release();
    }
  }

  async transaction<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work({ query: (sql, params = []) => runQuery(client, sql, params) });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

async function runQuery(client: PoolClient, sql: string, params: readonly string[]): Promise<SqlResult> {
  const result = await client.query({ text: sql, values: [...params], rowMode: 'array', types: TEXT_TYPES });
  const isRowCommand = /^(INSERT|UPDATE|DELETE|MERGE)$/.test(result.command ?? '');
  return {
    fields: result.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
    rows: (result.rows as unknown[][]).map((row) => row.map((v) => (v === null ? null : String(v)))),
    affectedRows: isRowCommand ? (result.rowCount ?? 0) : 0,
  };
}
