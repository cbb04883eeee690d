/**
 * Recognises Redshift-only SQL that Postgres cannot run. Such statements are either rewritten into a
 * Postgres equivalent (Redshift table attributes dropped, so the table really exists) or simulated:
 * they succeed with no rows and no result set, and touch nothing. The list is in docs/emulator.md.
 */
import { codeOnly, segmentSql, stripComments } from './sql-text';

export type SqlPlan =
  /** Run as written. */
  | { readonly kind: 'run' }
  /** Run this Postgres equivalent instead (same effect on the data). */
  | { readonly kind: 'rewrite'; readonly sql: string }
  /** Do not run; succeed with 0 rows. `feature` names what was simulated. */
  | { readonly kind: 'simulate'; readonly feature: string; readonly isVacuum: boolean };

interface SimulatedForm {
  readonly feature: string;
  /** Tested against the statement's code (comments, literals and quoted names blanked), upper-cased, blanks collapsed. */
  readonly code?: RegExp;
  /** Tested against the statement with comments removed (literals kept), upper-cased. */
  readonly text?: RegExp;
}

/** Redshift-only statements that are simulated. Order matters only for the `feature` reported. */
export const SIMULATED_FORMS: readonly SimulatedForm[] = [
  { feature: 'COPY from Amazon S3 / DynamoDB / EMR / SSH', text: /^COPY\b[\s\S]*\bFROM\s+'(S3|DYNAMODB|EMR):\/\//, },
  {
    feature: 'COPY with Redshift authorization or format options',
    code: /^COPY\b.*\b(IAM_ROLE|CREDENTIALS|ACCESS_KEY_ID|MANIFEST|REGION|FORMAT AS|JSON|AVRO|PARQUET|ORC)\b/,
  },
  { feature: 'UNLOAD', code: /^UNLOAD\b/ },
  {
    feature: 'VACUUM with Redshift options (FULL, SORT ONLY, DELETE ONLY, REINDEX, RECLUSTER, TO n PERCENT, BOOST)',
    code: /^VACUUM\b.*\b(FULL|SORT ONLY|DELETE ONLY|REINDEX|RECLUSTER|PERCENT|BOOST)\b/,
  },
  { feature: 'ANALYZE COMPRESSION', code: /^ANALYZE COMPRESSION\b/ },
  { feature: 'ANALYZE ... PREDICATE COLUMNS / ALL COLUMNS', code: /^ANALYZE\b.*\b(PREDICATE|ALL) COLUMNS\b/ },
  { feature: 'CREATE / DROP / ALTER EXTERNAL SCHEMA, TABLE, FUNCTION or VIEW', code: /^(CREATE|DROP|ALTER)( OR REPLACE)? EXTERNAL\b/ },
  { feature: 'REFRESH MATERIALIZED VIEW ... RESTRICT / CASCADE', code: /^REFRESH MATERIALIZED VIEW\b.*\b(RESTRICT|CASCADE)\b/ },
  { feature: 'GRANT / REVOKE on external objects, datashares, models or to IAM roles', code: /^(GRANT|REVOKE)\b.*\b(EXTERNAL|DATASHARE|MODEL|IAM_ROLE|ASSUMEROLE)\b/ },
  { feature: 'CREATE / ALTER / DROP DATASHARE', code: /^(CREATE|ALTER|DROP|DESC) DATASHARE\b/ },
  { feature: 'CREATE / DROP MODEL', code: /^(CREATE|DROP) MODEL\b/ },
  { feature: 'CREATE / DROP LIBRARY', code: /^(CREATE( OR REPLACE)?|DROP) LIBRARY\b/ },
  { feature: 'ALTER TABLE ... APPEND FROM', code: /^ALTER TABLE\b.*\bAPPEND FROM\b/ },
  {
    feature: 'ALTER TABLE ... ALTER DISTKEY / DISTSTYLE / SORTKEY / ENCODE',
    code: /^ALTER TABLE\b.*\bALTER (COMPOUND SORTKEY|SORTKEY|DISTKEY|DISTSTYLE|ENCODE|COLUMN \S+ ENCODE)\b/,
  },
  {
    feature: 'SET / RESET of Redshift-only session parameters',
    code: /^(SET|RESET) (SESSION )?(QUERY_GROUP|ENABLE_RESULT_CACHE_FOR_SESSION|WLM_QUERY_SLOT_COUNT|ANALYZE_THRESHOLD_PERCENT|ENABLE_CASE_SENSITIVE_IDENTIFIER|AUTO_ANALYZE|MATURITY_LEVEL)\b/,
  },
  { feature: 'CANCEL of a process id', code: /^CANCEL \d+/ },
];

/** Table attributes Redshift accepts in CREATE TABLE / CREATE MATERIALIZED VIEW and Postgres does not. */
const TABLE_ATTRIBUTES: readonly RegExp[] = [
  /\bDISTSTYLE\s+(AUTO|EVEN|KEY|ALL)\b/gi,
  /\bDISTKEY\s*\(\s*[^)]*\)/gi,
  /\b(COMPOUND\s+|INTERLEAVED\s+)?SORTKEY\s*(\(\s*[^)]*\)|AUTO\b)/gi,
  /\bENCODE\s+(AUTO|RAW|AZ64|BYTEDICT|DELTA|DELTA32K|LZO|MOSTLY8|MOSTLY16|MOSTLY32|RUNLENGTH|TEXT255|TEXT32K|ZSTD)\b/gi,
  /\bBACKUP\s+(YES|NO)\b/gi,
  /\bAUTO\s+REFRESH\s+(YES|NO)\b/gi,
  // Column constraints written as bare words, e.g. `id int DISTKEY SORTKEY`.
  /\b(DISTKEY|SORTKEY)\b/gi,
];

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toUpperCase();
}

/** Decides how one (single) statement is run on Postgres. */
export function planStatement(sql: string): SqlPlan {
  const code = normalise(codeOnly(sql));
  const text = normalise(stripComments(sql));
  for (const form of SIMULATED_FORMS) {
    if ((form.code && form.code.test(code)) || (form.text && form.text.test(text))) {
      return { kind: 'simulate', feature: form.feature, isVacuum: code.startsWith('VACUUM') };
    }
  }
  if (/^CREATE (TEMP |TEMPORARY |LOCAL TEMP |LOCAL TEMPORARY )?TABLE\b|^CREATE MATERIALIZED VIEW\b/.test(code)) {
    const rewritten = stripTableAttributes(sql);
    if (rewritten !== sql) return { kind: 'rewrite', sql: rewritten };
  }
  return { kind: 'run' };
}

function stripTableAttributes(sql: string): string {
  return segmentSql(sql)
    .map((segment) => {
      if (segment.kind !== 'code') return segment.text;
      return TABLE_ATTRIBUTES.reduce((text, attribute) => text.replace(attribute, ' '), segment.text);
    })
    .join('');
}

/** Whether a statement is a VACUUM of any form (Redshift, like Postgres, refuses it inside a transaction). */
export function isVacuum(sql: string): boolean {
  return normalise(codeOnly(sql)).startsWith('VACUUM');
}
