import type { AslDefinition, AslJson, AslState } from './asl-types';
import {
  CAUGHT_API_ERRORS,
  MAX_THROTTLED_RETRIES,
  REDSHIFT_QUERY_ERRORS,
  RETRYABLE_API_ERRORS,
  THROTTLING_CAUSE_PATTERN,
  UNMODELLED_API_ERROR,
} from './error-names';
import {
  CAUSES,
  DESCRIBE_ASSIGN,
  FINISHED_ENTRY,
  ItemKind,
  nextItemCondition,
  RETRY_ASSIGN,
  startItemAssign,
  SUBMIT_ARGUMENTS,
  SUBMIT_ASSIGN,
} from './jsonata/loop-expressions';
import { jsonataField } from './jsonata/literals';
import { PROBLEM_EXPRESSION, QUERIES_EXPRESSION, QUERY_COUNT_EXPRESSION } from './jsonata/validate-expressions';
import type { BuildDefinitionContext, DefinitionOptions } from './options';
import { withDefinitionDefaults } from './settings';
import { STATE_NAMES as S } from './state-names';
import { validateDefinitionOptions } from './validate-options';

const RESOURCE = {
  executeStatement: 'arn:aws:states:::aws-sdk:redshiftdata:executeStatement',
  batchExecuteStatement: 'arn:aws:states:::aws-sdk:redshiftdata:batchExecuteStatement',
  describeStatement: 'arn:aws:states:::aws-sdk:redshiftdata:describeStatement',
  cancelStatement: 'arn:aws:states:::aws-sdk:redshiftdata:cancelStatement',
} as const;

/** API-level retry: server faults and capacity limits only, with jittered exponential back-off. */
const API_RETRY: AslJson = [
  { ErrorEquals: [...RETRYABLE_API_ERRORS], IntervalSeconds: 2, MaxAttempts: 6, BackoffRate: 2, MaxDelaySeconds: 60, JitterStrategy: 'FULL' },
];

/** Variables every later state may read; initialised once so no expression meets an unassigned one. */
const INITIAL_VARIABLES: Record<string, AslJson> = {
  index: -1,
  item: null,
  attempt: 0,
  statementId: null,
  submittedAt: 0,
  interval: null,
  waitSeconds: 0,
  polls: 0,
  submits: 0,
  resubmits: 0,
  sleep: null,
  nextSleep: null,
  errors: [],
  results: [],
  status: null,
  describe: null,
  stopReason: null,
  retryable: false,
  retryBudget: true,
  apiError: null,
  apiCall: null,
  throttles: 0,
  cancelError: null,
};

/** The Redshift Data tasks a throttled call goes back to, by the `apiCall` value their Catch assigns. */
const THROTTLE_RETRY_TARGETS = [S.SUBMIT, S.SUBMIT_BATCH, S.DESCRIBE] as const;
const THROTTLED = `$apiError.Error = '${UNMODELLED_API_ERROR}' and $contains($apiError.Cause, /${THROTTLING_CAUSE_PATTERN}/i)`;

function fields(expressions: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(expressions).map(([name, expression]) => [name, jsonataField(expression)]));
}

const NEXT_STATE_OF_KIND: Record<Exclude<ItemKind, 'end'>, string> = {
  resume: S.DESCRIBE,
  batch: S.SUBMIT_BATCH,
  single: S.SUBMIT,
};

/** Choice rules that move on to the item at index `next`, optionally prefixed by a guard and extra assignments. */
function startNextItemRules(next: string, guard: string | undefined, extraAssign: Record<string, string>): AslJson[] {
  const guarded = (condition: string) => jsonataField(guard === undefined ? condition : `${guard} and (${condition})`);
  const rules: AslJson[] = [];
  if (Object.keys(extraAssign).length > 0) {
    rules.push({ Condition: guarded(nextItemCondition('end', next)), Assign: fields(extraAssign), Next: S.DONE });
  } else {
    rules.push({ Condition: guarded(nextItemCondition('end', next)), Next: S.DONE });
  }
  for (const kind of ['resume', 'batch', 'single'] as const) {
    rules.push({
      Condition: guarded(nextItemCondition(kind, next)),
      Assign: fields({ ...startItemAssign(kind, next), ...extraAssign }),
      Next: NEXT_STATE_OF_KIND[kind],
    });
  }
  return rules;
}

function fail(error: string, cause: string): AslState {
  return { Type: 'Fail', Error: error, Cause: jsonataField(cause) };
}

/**
 * Generates the Step Functions state machine (QueryLanguage JSONata, no Lambda) that runs a list of Redshift
 * statements through the Redshift Data API: validation of the whole input first, sequential submit / wait / poll,
 * decorrelated-jitter retries of failed SQL, timeouts with cancellation, and a compact output.
 *
 * Pure and deterministic. Every deploy-time default appears exactly once, in the `Assign.config` object of the
 * first state (`Defaults`), so a deploy-time token placed there is its only occurrence; `resultsRoleArn` appears
 * in the `Credentials` of each Redshift Data task.
 *
 * @throws DefinitionOptionsError when a known option value can never work (tokens are not checked).
 */
export function buildDefinition(options: DefinitionOptions = {}, context: BuildDefinitionContext = {}): AslDefinition {
  validateDefinitionOptions(options, context);

  const connection: Record<string, AslJson> = {};
  const connectionOptions = [
    ['ClusterIdentifier', options.clusterIdentifier],
    ['WorkgroupName', options.workgroupName],
    ['Database', options.database],
    ['DbUser', options.dbUser],
    ['SecretArn', options.secretArn],
  ] as const;
  for (const [key, value] of connectionOptions) {
    if (value !== undefined) connection[key] = value;
  }
  const settings = withDefinitionDefaults(options);
  const config: Record<string, AslJson> = {
    InitialWaitTime: settings.initialWaitTime,
    BaseWaitTime: settings.baseWaitTime,
    WaitMultiplier: settings.waitMultiplier,
    MaxWait: settings.maxWait,
    MaxRetries: settings.maxRetries,
    RetryErrorMatch: settings.retryErrorMatch,
    TimeoutSeconds: options.timeoutSeconds ?? null,
    Connection: connection,
  };

  const credentials: Record<string, AslJson> =
    options.resultsRoleArn === undefined ? {} : { Credentials: { RoleArn: options.resultsRoleArn } };

  /**
   * A Redshift Data call: API errors left after {@link API_RETRY} are kept in `errorVariable` for the `onError`
   * state; `apiCall` (the task's own name) lets {@link S.CHECK_API_ERROR} send a throttled call back to it.
   * `caught` lists the errors handled there: the others fail the execution in this task, where a redrive resumes.
   */
  const dataApiTask = (task: {
    name: string;
    resource: string;
    args: AslJson;
    errorVariable: 'apiError' | 'cancelError';
    onError: string;
    caught: readonly string[];
    assign?: Record<string, string>;
    next: string;
  }): AslState => ({
    Type: 'Task',
    Resource: task.resource,
    ...credentials,
    Arguments: task.args,
    Retry: API_RETRY,
    Catch: [
      {
        ErrorEquals: [...task.caught],
        Assign: { [task.errorVariable]: '{% $states.errorOutput %}', ...(task.errorVariable === 'apiError' ? { apiCall: task.name } : {}) },
        Next: task.onError,
      },
    ],
    ...(task.assign === undefined ? {} : { Assign: fields(task.assign) }),
    Output: {},
    Next: task.next,
  });
  const submitTask = (name: string, resource: string): AslState =>
    dataApiTask({
      name,
      resource,
      args: jsonataField(SUBMIT_ARGUMENTS),
      errorVariable: 'apiError',
      onError: S.CHECK_API_ERROR,
      caught: CAUGHT_API_ERRORS,
      assign: SUBMIT_ASSIGN,
      next: S.WAIT_FOR_STATEMENT,
    });
  const statementId = { Id: jsonataField('$statementId') };

  const finishedEntry = { results: `$append($results, ${FINISHED_ENTRY})` };

  const states: Record<string, AslState> = {
    [S.DEFAULTS]: {
      Type: 'Pass',
      Comment: 'Deploy-time defaults: the only place they appear.',
      Assign: { config },
      Output: {},
      Next: S.VALIDATE,
    },
    [S.VALIDATE]: {
      Type: 'Pass',
      Comment: 'Checks the whole input (and the defaults) before any SQL is sent.',
      Assign: {
        ...INITIAL_VARIABLES,
        queries: jsonataField(QUERIES_EXPRESSION),
        queryCount: jsonataField(QUERY_COUNT_EXPRESSION),
        problem: jsonataField(PROBLEM_EXPRESSION),
      },
      Output: {},
      Next: S.START,
    },
    [S.START]: {
      Type: 'Choice',
      Choices: [
        { Condition: jsonataField('$problem != null'), Next: S.INVALID_INPUT },
        ...startNextItemRules('0', undefined, {}),
      ],
    },
    [S.SUBMIT]: submitTask(S.SUBMIT, RESOURCE.executeStatement),
    [S.SUBMIT_BATCH]: submitTask(S.SUBMIT_BATCH, RESOURCE.batchExecuteStatement),
    [S.WAIT_FOR_STATEMENT]: { Type: 'Wait', Seconds: jsonataField('$waitSeconds'), Next: S.DESCRIBE },
    [S.DESCRIBE]: dataApiTask({
      name: S.DESCRIBE,
      resource: RESOURCE.describeStatement,
      args: statementId,
      errorVariable: 'apiError',
      onError: S.CHECK_API_ERROR,
      caught: CAUGHT_API_ERRORS,
      assign: DESCRIBE_ASSIGN,
      next: S.CHECK_STATUS,
    }),
    [S.CHECK_STATUS]: {
      Type: 'Choice',
      Choices: [
        ...startNextItemRules('$index + 1', "$status = 'FINISHED'", finishedEntry),
        { Condition: jsonataField("$status = 'ABORTED'"), Next: S.QUERY_ABORTED },
        {
          Condition: jsonataField("$status = 'FAILED' and $retryable and $item.Batch"),
          Assign: fields(RETRY_ASSIGN),
          Next: S.WAIT_BEFORE_BATCH_RESUBMIT,
        },
        { Condition: jsonataField("$status = 'FAILED' and $retryable"), Assign: fields(RETRY_ASSIGN), Next: S.WAIT_BEFORE_RESUBMIT },
        { Condition: jsonataField("$status = 'FAILED'"), Next: S.QUERY_FAILED },
        { Condition: jsonataField('$stopReason != null'), Next: S.CANCEL },
        { Condition: jsonataField("$status in ['SUBMITTED', 'PICKED', 'STARTED']"), Next: S.WAIT_FOR_STATEMENT },
      ],
      Default: S.STATUS_CHECK_FAILED,
    },
    [S.WAIT_BEFORE_RESUBMIT]: { Type: 'Wait', Seconds: jsonataField('$sleep'), Next: S.SUBMIT },
    [S.WAIT_BEFORE_BATCH_RESUBMIT]: { Type: 'Wait', Seconds: jsonataField('$sleep'), Next: S.SUBMIT_BATCH },
    [S.CANCEL]: dataApiTask({
      name: S.CANCEL,
      resource: RESOURCE.cancelStatement,
      args: statementId,
      errorVariable: 'cancelError',
      onError: S.QUERY_TIMED_OUT,
      // Cancelling is best effort: whatever happens, the item fails with QueryTimedOut saying so.
      caught: ['States.ALL'],
      next: S.QUERY_TIMED_OUT,
    }),
    [S.CHECK_API_ERROR]: {
      Type: 'Choice',
      Comment: `Throttling (reported as ${UNMODELLED_API_ERROR}, like access denied) is retried; any other API error fails the item.`,
      Choices: [
        {
          Condition: jsonataField(`${THROTTLED} and $throttles < ${MAX_THROTTLED_RETRIES}`),
          Assign: { throttles: jsonataField('$throttles + 1') },
          Next: S.WAIT_AFTER_THROTTLING,
        },
        { Condition: jsonataField(`$apiCall = '${S.DESCRIBE}'`), Next: S.STATUS_CHECK_FAILED },
      ],
      Default: S.SUBMIT_FAILED,
    },
    [S.WAIT_AFTER_THROTTLING]: {
      Type: 'Wait',
      Seconds: jsonataField('$max([1, $min([60, $ceil($random() * 2 * $power(2, $throttles))])])'),
      Next: S.RETRY_API_CALL,
    },
    [S.RETRY_API_CALL]: {
      Type: 'Choice',
      Choices: THROTTLE_RETRY_TARGETS.map((target) => ({ Condition: jsonataField(`$apiCall = '${target}'`), Next: target })),
      Default: S.SUBMIT_FAILED,
    },
    [S.DONE]: { Type: 'Succeed', Output: jsonataField('$results') },
    [S.INVALID_INPUT]: fail(REDSHIFT_QUERY_ERRORS.INVALID_INPUT, CAUSES.invalidInput),
    [S.QUERY_FAILED]: fail(REDSHIFT_QUERY_ERRORS.QUERY_FAILED, CAUSES.queryFailed),
    [S.QUERY_ABORTED]: fail(REDSHIFT_QUERY_ERRORS.QUERY_ABORTED, CAUSES.queryAborted),
    [S.QUERY_TIMED_OUT]: fail(REDSHIFT_QUERY_ERRORS.QUERY_TIMED_OUT, CAUSES.queryTimedOut),
    [S.SUBMIT_FAILED]: fail(REDSHIFT_QUERY_ERRORS.SUBMIT_FAILED, CAUSES.submitFailed),
    [S.STATUS_CHECK_FAILED]: fail(
      REDSHIFT_QUERY_ERRORS.STATUS_CHECK_FAILED,
      `$type($apiError) = 'object' ? ${CAUSES.statusCheckFailed} : ${CAUSES.unexpectedStatus}`,
    ),
  };

  return {
    Comment: 'Runs a list of Redshift SQL statements through the Redshift Data API, one after another (redshift-query-step-function).',
    QueryLanguage: 'JSONata',
    StartAt: S.DEFAULTS,
    States: states,
  };
}
