import type { ValidationDiagnostic } from '../../lib/asl-validation';

export type Json = any;

export const EXECUTE_STATEMENT = 'arn:aws:states:::aws-sdk:redshiftdata:executeStatement';
export const DESCRIBE_STATEMENT = 'arn:aws:states:::aws-sdk:redshiftdata:describeStatement';

/** A small valid JSONata machine (Submit -> Poll -> Check -> Done | Failed) that failing tests break one field of. */
export function pollingMachine(): Json {
  return {
    QueryLanguage: 'JSONata',
    Comment: 'Submit one statement and poll it',
    StartAt: 'Submit',
    States: {
      Submit: {
        Type: 'Task',
        Resource: EXECUTE_STATEMENT,
        Arguments: { Sql: '{% $states.input.sql %}', Database: 'dev', ClusterIdentifier: 'analytics' },
        Assign: { statementId: '{% $states.result.Id %}' },
        Retry: [{ ErrorEquals: ['RedshiftData.ActiveStatementsExceededException'], IntervalSeconds: 5, MaxAttempts: 3 }],
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }],
        Next: 'Poll',
      },
      Poll: { Type: 'Wait', Seconds: 15, Next: 'Describe' },
      Describe: {
        Type: 'Task',
        Resource: DESCRIBE_STATEMENT,
        Arguments: { Id: '{% $statementId %}' },
        Output: { status: '{% $states.result.Status %}' },
        Next: 'Check',
      },
      Check: {
        Type: 'Choice',
        Choices: [
          { Condition: "{% $states.input.status = 'FINISHED' %}", Next: 'Done' },
          { Condition: "{% $states.input.status in ['FAILED', 'ABORTED'] %}", Next: 'Failed' },
        ],
        Default: 'Poll',
      },
      Done: { Type: 'Succeed' },
      Failed: { Type: 'Fail', Error: 'RedshiftQuery.QueryFailed', Cause: 'The statement failed' },
    },
  };
}

/** A valid machine with an inline Map (ItemSelector) and a Parallel, for nested-scope tests. */
export function nestedMachine(): Json {
  return {
    QueryLanguage: 'JSONata',
    StartAt: 'Init',
    States: {
      Init: { Type: 'Pass', Assign: { total: 0 }, Next: 'Each' },
      Each: {
        Type: 'Map',
        Items: '{% $states.input.queries %}',
        ItemSelector: { sql: '{% $states.context.Map.Item.Value %}', index: '{% $states.context.Map.Item.Index %}' },
        MaxConcurrency: 1,
        ItemProcessor: {
          ProcessorConfig: { Mode: 'INLINE' },
          StartAt: 'Inner',
          States: { Inner: { Type: 'Pass', Output: { sql: '{% $states.input.sql %}' }, End: true } },
        },
        Next: 'Both',
      },
      Both: {
        Type: 'Parallel',
        Branches: [
          { StartAt: 'A', States: { A: { Type: 'Succeed' } } },
          { StartAt: 'B', States: { B: { Type: 'Pass', Next: 'B2' }, B2: { Type: 'Pass', End: true } } },
        ],
        End: true,
      },
    },
  };
}

export interface ExpectedDiagnostic {
  readonly code: string;
  readonly location: string;
  /** Substrings the message must contain (the state's name, the field). */
  readonly mentions: readonly string[];
}

/** Finds the ERROR diagnostic with this code and location, and checks its message names what it should. */
export function findDiagnostic(diagnostics: readonly ValidationDiagnostic[], expected: ExpectedDiagnostic): ValidationDiagnostic {
  const match = diagnostics.find((d) => d.code === expected.code && d.location === expected.location && d.severity === 'ERROR');
  if (!match) {
    throw new Error(
      `no ERROR ${expected.code} at '${expected.location}' among:\n${diagnostics.map((d) => `  ${d.severity} ${d.code} ${d.location} ${d.message}`).join('\n')}`,
    );
  }
  for (const text of expected.mentions) {
    if (!match.message.includes(text)) throw new Error(`message "${match.message}" does not mention "${text}"`);
  }
  return match;
}

export function errorsOf(diagnostics: readonly ValidationDiagnostic[]): ValidationDiagnostic[] {
  return diagnostics.filter((d) => d.severity === 'ERROR');
}

/** Freezes a JSON value all the way down, so a test proves the validator does not modify its input. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/**
 * About 40 states: a chain of Submit/Wait/Describe/Choice groups (the shape of our generated machine,
 * repeated), a Map and a Parallel. Used to measure validation time and as a large valid definition.
 */
export function fortyStateMachine(): Json {
  const states: Record<string, Json> = {};
  const groups = 9;
  for (let group = 0; group < groups; group += 1) {
    const next = group + 1 < groups ? `Submit${group + 1}` : 'Fan';
    states[`Submit${group}`] = {
      Type: 'Task',
      Resource: EXECUTE_STATEMENT,
      Arguments: { Sql: `{% $states.input.queries[${group}] %}`, Database: 'dev', WorkgroupName: 'wg', WithEvent: false },
      Assign: { [`id${group}`]: '{% $states.result.Id %}', [`attempt${group}`]: 0 },
      Retry: [
        { ErrorEquals: ['RedshiftData.ActiveStatementsExceededException'], IntervalSeconds: 2, MaxAttempts: 6, BackoffRate: 2, JitterStrategy: 'FULL' },
        { ErrorEquals: ['States.ALL'], MaxAttempts: 0 },
      ],
      Catch: [{ ErrorEquals: ['States.ALL'], Assign: { failure: '{% $states.errorOutput %}' }, Next: 'Failed' }],
      Next: `Wait${group}`,
    };
    states[`Wait${group}`] = { Type: 'Wait', Seconds: `{% $min([450, 15 * $power(2, $attempt${group})]) %}`, Next: `Describe${group}` };
    states[`Describe${group}`] = {
      Type: 'Task',
      Resource: DESCRIBE_STATEMENT,
      Arguments: { Id: `{% $id${group} %}` },
      Output: { status: '{% $states.result.Status %}', error: '{% $states.result.Error %}' },
      Assign: { [`attempt${group}`]: `{% $attempt${group} + 1 %}` },
      Next: `Check${group}`,
    };
    states[`Check${group}`] = {
      Type: 'Choice',
      Choices: [
        { Condition: "{% $states.input.status = 'FINISHED' %}", Next: next },
        { Condition: "{% $states.input.status in ['FAILED', 'ABORTED'] %}", Next: 'Failed' },
      ],
      Default: `Wait${group}`,
    };
  }
  states.Fan = {
    Type: 'Parallel',
    Branches: [
      { StartAt: 'Report', States: { Report: { Type: 'Pass', Output: { done: true }, End: true } } },
      {
        StartAt: 'EachTable',
        States: {
          EachTable: {
            Type: 'Map',
            Items: '{% $states.input.tables %}',
            ItemSelector: { table: '{% $states.context.Map.Item.Value %}' },
            ItemProcessor: { StartAt: 'Analyze', States: { Analyze: { Type: 'Pass', End: true } } },
            End: true,
          },
        },
      },
    ],
    Next: 'Done',
  };
  states.Done = { Type: 'Succeed', Output: '{% {"ok": true} %}' };
  states.Failed = { Type: 'Fail', Error: 'RedshiftQuery.QueryFailed', Cause: '{% $string($failure) %}' };
  return { QueryLanguage: 'JSONata', StartAt: 'Submit0', States: states };
}
