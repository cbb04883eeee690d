/** The stateful side of a {@link Scenario}: counts submissions and calls, draws seeded random numbers. */
import { RedshiftDataError, RedshiftDataErrorName } from './errors';
import { compileSqlMatcher, type ApiFaultRule, type ApiOperation, type Scenario, type SqlMatcher, type StatementRule } from './scenario';
import { seededRandom } from '../clock';

/** What one SQL statement will do, decided when it is submitted. */
export interface StatementFate {
  readonly queuedMs: number;
  readonly durationMs: number;
  readonly outcome: 'run' | 'fail' | 'abort' | 'neverFinishes';
  /** Error text when `outcome` is `fail`. */
  readonly error?: string;
  /** Index of the scenario rule that decided it, for snapshots and debugging. */
  readonly ruleIndex?: number;
}

const DEFAULT_MESSAGES: Record<RedshiftDataErrorName, string> = {
  ValidationException: 'The request failed validation (injected by the emulator scenario)',
  ResourceNotFoundException: 'Query does not exist (injected by the emulator scenario)',
  ActiveStatementsExceededException: 'Active statements exceeded the allowed quota (500) (injected by the emulator scenario)',
  ActiveSessionsExceededException: 'Active sessions exceeded the allowed quota (injected by the emulator scenario)',
  ExecuteStatementException: 'The SQL statement encountered an environmental error while running (injected by the emulator scenario)',
  BatchExecuteStatementException: 'The SQL statements encountered an environmental error while running (injected by the emulator scenario)',
  InternalServerException: 'The Amazon Redshift Data API operation failed due to an internal error (injected by the emulator scenario)',
  DatabaseConnectionException: 'Connection to a database failed (injected by the emulator scenario)',
  ThrottlingException: 'Rate exceeded (injected by the emulator scenario)',
  AccessDeniedException: 'User is not authorized to perform this action (injected by the emulator scenario)',
  ExpiredTokenException: 'The security token included in the request is expired (injected by the emulator scenario)',
};

export class FaultInjector {
  private readonly statementRules: readonly { rule: StatementRule; matcher: SqlMatcher }[];
  private readonly submissions: number[];
  private readonly apiRules: readonly { rule: ApiFaultRule; calls: number; random: () => number }[];

  constructor(private readonly scenario: Scenario = {}) {
    this.statementRules = (scenario.statements ?? []).map((rule) => ({ rule, matcher: compileSqlMatcher(rule.match) }));
    this.submissions = this.statementRules.map(() => 0);
    this.apiRules = (scenario.api ?? []).map((rule) => ({ rule, calls: 0, random: seededRandom(rule.seed ?? 1) }));
  }

  get maxActiveStatements(): number {
    return this.scenario.maxActiveStatements ?? 500;
  }

  /** Throws the injected API error for this call, if a rule fires; counts the call either way. */
  checkApiCall(operation: ApiOperation): void {
    let fired: ApiFaultRule | undefined;
    for (const entry of this.apiRules) {
      if (entry.rule.operation !== '*' && entry.rule.operation !== operation) continue;
      entry.calls++;
      const fires =
        entry.rule.firstCalls !== undefined
          ? entry.calls <= entry.rule.firstCalls
          : entry.rule.rate !== undefined
            ? entry.random() < entry.rule.rate
            : true;
      if (fires && !fired) fired = entry.rule;
    }
    if (fired) throw new RedshiftDataError(fired.error, fired.message ?? DEFAULT_MESSAGES[fired.error]);
  }

  /** Decides the fate of one submitted SQL statement (counts it against `fail.times`). */
  fateOf(sql: string): StatementFate {
    const defaults = {
      queuedMs: (this.scenario.defaultQueuedSeconds ?? 0) * 1000,
      durationMs: (this.scenario.defaultDurationSeconds ?? 1) * 1000,
    };
    const index = this.statementRules.findIndex(({ matcher }) => matcher.test(sql));
    if (index < 0) return { ...defaults, outcome: 'run' };
    const rule = this.statementRules[index]!.rule;
    const submission = ++this.submissions[index]!;
    const timing = {
      queuedMs: rule.queuedSeconds !== undefined ? rule.queuedSeconds * 1000 : defaults.queuedMs,
      durationMs: rule.durationSeconds !== undefined ? rule.durationSeconds * 1000 : defaults.durationMs,
      ruleIndex: index,
    };
    if (rule.fail && (rule.fail.times === undefined || submission <= rule.fail.times)) {
      return { ...timing, outcome: 'fail', error: rule.fail.error };
    }
    if (rule.abort) return { ...timing, outcome: 'abort' };
    if (rule.neverFinishes) return { ...timing, outcome: 'neverFinishes' };
    return { ...timing, outcome: 'run' };
  }
}
