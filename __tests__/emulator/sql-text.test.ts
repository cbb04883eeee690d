import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { planStatement, SIMULATED_FORMS } from '../../lib/emulator/redshift-sql';
import { bindNamedParameters, namedPlaceholders, splitSqlStatements } from '../../lib/emulator/sql-text';

describe('splitSqlStatements', () => {
  test.each([
    ['select 1', 1],
    ['select 1;', 1],
    ['select 1; select 2', 2],
    ["select 'a;b'", 1],
    ["select 'it''s; fine'", 1],
    ['select "weird;name" from t', 1],
    ['select 1 -- trailing; comment', 1],
    ['select /* a; b */ 1', 1],
    ['select /* nested /* ; */ still comment; */ 1', 1],
    ['select $$a;b$$', 1],
    ['select $tag$ ; $tag$', 1],
    ["select E'\\';' ", 1],
    ['select 1; -- only a comment', 1],
    [';;', 0],
    ['insert into t values (1); update t set a = 2; delete from t', 3],
  ])('%j has %i statement(s)', (sql, count) => {
    expect(splitSqlStatements(sql)).toHaveLength(count);
  });
});

describe('named parameters', () => {
  test('finds :name placeholders outside literals and ignores :: casts', () => {
    expect(namedPlaceholders("select :a, ':b', x::int, \":c\" -- :d\n, :e_1")).toEqual(['a', 'e_1']);
  });

  test('binds each name once as a positional parameter', () => {
    const bound = bindNamedParameters('select * from t where a = :id or b = :id and c = :name', [
      { name: 'id', value: '7' },
      { name: 'name', value: 'x' },
    ], 'Sql');
    expect(bound).toEqual({ text: 'select * from t where a = $1 or b = $1 and c = $2', values: ['7', 'x'] });
  });

  test('fails when a placeholder has no parameter, naming it', () => {
    expect(() => bindNamedParameters('select :missing', [{ name: 'other', value: '1' }], 'Sql')).toThrow(
      /Sql uses the named parameter :missing, but Parameters has no entry named 'missing'/,
    );
  });
});

describe('planStatement (Redshift-only SQL)', () => {
  test.each([
    ["COPY sales FROM 's3://bucket/data' IAM_ROLE 'arn:aws:iam::1:role/r' FORMAT AS PARQUET", 'COPY from Amazon S3'],
    ["copy t from 'dynamodb://Table' credentials 'aws_iam_role=x' readratio 50", 'COPY from Amazon S3'],
    ["UNLOAD ('select * from t') TO 's3://b/p' IAM_ROLE default", 'UNLOAD'],
    ['VACUUM FULL sales TO 75 PERCENT', 'VACUUM'],
    ['vacuum sort only t', 'VACUUM'],
    ['VACUUM DELETE ONLY', 'VACUUM'],
    ['vacuum reindex t', 'VACUUM'],
    ['VACUUM RECLUSTER t', 'VACUUM'],
    ['ANALYZE COMPRESSION t', 'ANALYZE COMPRESSION'],
    ['analyze t predicate columns', 'PREDICATE COLUMNS'],
    ["CREATE EXTERNAL SCHEMA s FROM DATA CATALOG DATABASE 'db' IAM_ROLE 'arn'", 'EXTERNAL'],
    ["create external table s.t (a int) stored as parquet location 's3://b/'", 'EXTERNAL'],
    ['REFRESH MATERIALIZED VIEW mv CASCADE', 'REFRESH MATERIALIZED VIEW'],
    ['GRANT USAGE ON SCHEMA ext TO IAM_ROLE default', 'GRANT'],
    ['set query_group to etl', 'SET / RESET'],
    ['CREATE DATASHARE share1', 'DATASHARE'],
  ])('simulates %j', (sql, feature) => {
    const plan = planStatement(sql);
    expect(plan.kind).toBe('simulate');
    expect(plan.kind === 'simulate' && plan.feature).toContain(feature);
  });

  test.each(['select 1', 'vacuum', 'VACUUM t', 'analyze t', "copy t from stdin", 'REFRESH MATERIALIZED VIEW mv', "select 'UNLOAD'"])(
    'runs %j on Postgres as written',
    (sql) => {
      expect(planStatement(sql)).toEqual({ kind: 'run' });
    },
  );

  test('rewrites CREATE TABLE without Redshift table attributes', () => {
    const plan = planStatement(
      "CREATE TABLE t (id int ENCODE az64 DISTKEY, note varchar(10) default 'SORTKEY(x)') DISTSTYLE KEY COMPOUND SORTKEY (id) BACKUP NO",
    );
    expect(plan.kind).toBe('rewrite');
    const sql = plan.kind === 'rewrite' ? plan.sql : '';
    expect(sql).not.toMatch(/ENCODE|DISTKEY|DISTSTYLE|BACKUP/);
    expect(sql).toContain("'SORTKEY(x)'");
    expect(sql.replace(/\s+/g, ' ')).toContain('CREATE TABLE t (id int , note varchar(10)');
  });
});

describe('docs/emulator.md', () => {
  test('lists every simulated Redshift-only statement form', () => {
    const docs = readFileSync(join(__dirname, '../../docs/emulator.md'), 'utf8');
    const missing = SIMULATED_FORMS.map((form) => form.feature).filter((feature) => !docs.includes(`- ${feature}`));
    expect(missing).toEqual([]);
  });
});
