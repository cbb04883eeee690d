/**
 * In-process stand-ins for the original's two Python Lambdas, written from their documented behaviour.
 * They call the same Redshift Data emulator as our state machine, so both systems see the same statements.
 * Each call of a handler counts as one Lambda invocation.
 */
import type { ServiceEmulator, TaskHandler, TaskInvocation } from '../../lib/runtime';
import { CHECK_FUNCTION_NAME, LAMBDA_INVOKE_RESOURCE, START_FUNCTION_NAME } from './definition';
import { ResolvedSeedParameters, SeedTemplateParameters, resolveSeedParameters } from './template-parameters';

/** One recorded Lambda call, on the execution's clock. */
export interface LambdaInvocationRecord {
  readonly functionName: string;
  readonly at: number;
}

export interface SeedLambdas {
  /** Pass as `RunOptions.taskHandlers`. */
  readonly taskHandlers: Readonly<Record<string, TaskHandler>>;
  /** Every invocation so far, in call order. */
  readonly invocations: readonly LambdaInvocationRecord[];
}

export interface SeedLambdasProps {
  /** The Redshift Data emulator both Lambdas call (the original used boto3's `redshift-data` client). */
  readonly emulator: ServiceEmulator;
  /** The template parameters the Lambdas read from their environment. @default the template's defaults */
  readonly parameters?: SeedTemplateParameters;
  /** Source of randomness for the decorrelated-jitter delay (Python `random.randint`). @default Math.random */
  readonly random?: () => number;
}

type Event = Record<string, any>;

/** Error raised by a handler so the Task fails as a Lambda function error would. */
class LambdaFunctionError extends Error {
  constructor(
    readonly error: string,
    override readonly cause: string,
  ) {
    super(`${error}: ${cause}`);
  }
}

export function createSeedLambdas(props: SeedLambdasProps): SeedLambdas {
  const parameters = resolveSeedParameters(props.parameters);
  const random = props.random ?? Math.random;
  const invocations: LambdaInvocationRecord[] = [];

  const functions: Record<string, (event: Event, invocation: TaskInvocation) => Promise<Event>> = {
    [START_FUNCTION_NAME]: (event, invocation) => startQuery(event, invocation, props.emulator, parameters),
    [CHECK_FUNCTION_NAME]: (event, invocation) => checkQuery(event, invocation, props.emulator, parameters, random),
  };

  const invoke: TaskHandler = async (args: { FunctionName: string; Payload: unknown }, invocation) => {
    const run = functions[args.FunctionName];
    if (!run) throw new LambdaFunctionError('Lambda.ResourceNotFoundException', `Function not found: ${args.FunctionName}`);
    invocations.push({ functionName: args.FunctionName, at: invocation.clock.now() });
    try {
      // A Lambda receives and returns JSON: copy so the handler cannot alias the runtime's state.
      const payload = await run(JSON.parse(JSON.stringify(args.Payload)), invocation);
      return { ExecutedVersion: '$LATEST', Payload: JSON.parse(JSON.stringify(payload)), StatusCode: 200 };
    } catch (error) {
      if (error instanceof LambdaFunctionError) throw error;
      // An unhandled Python exception fails the task with the exception's class name as Error.
      const name = error instanceof Error ? error.name : 'Exception';
      const message = error instanceof Error ? error.message : String(error);
      throw new LambdaFunctionError(name, JSON.stringify({ errorMessage: message, errorType: name }));
    }
  };

  return { taskHandlers: { [LAMBDA_INVOKE_RESOURCE]: invoke }, invocations };
}

/** The start Lambda: ExecuteStatement with the defaults merged under the item's parameters, then WaitTime = InitialWaitTime. */
async function startQuery(
  input: unknown,
  invocation: TaskInvocation,
  emulator: ServiceEmulator,
  parameters: ResolvedSeedParameters,
): Promise<Event> {
  const event: Event = typeof input === 'string' ? { ExecuteStatementParameters: input } : { ...(input as Event) };
  if (typeof event.ExecuteStatementParameters === 'string') {
    event.ExecuteStatementParameters = { Sql: event.ExecuteStatementParameters };
  }
  const defaults = {
    ...(parameters.defaultUser ? { DbUser: parameters.defaultUser } : {}),
    ...(parameters.defaultClusterId ? { ClusterIdentifier: parameters.defaultClusterId } : {}),
    ...(parameters.defaultDb ? { Database: parameters.defaultDb } : {}),
    // D17: events requested that nobody consumes.
    WithEvent: true,
  };
  // D7: no ClientToken, so an API-level retry can run the SQL twice.
  const result = (await emulator.call(
    'executeStatement',
    { ...defaults, ...event.ExecuteStatementParameters },
    invocation,
  )) as Event;
  event.ExecuteStatementResult = result;
  event.StatementId = result.Id;
  // D1: also reached after a RETRY decision, so the jitter delay computed by the check Lambda is overwritten.
  event.WaitTime = event.InitialWaitTime ?? parameters.initialWaitTime;
  return event;
}

/** The check Lambda: DescribeStatement, then SUCCEED / FAIL / WAIT / RETRY. */
async function checkQuery(
  event: Event,
  invocation: TaskInvocation,
  emulator: ServiceEmulator,
  parameters: ResolvedSeedParameters,
  random: () => number,
): Promise<Event> {
  const result = (await emulator.call('describeStatement', { Id: event.StatementId }, invocation)) as Event;
  // D14: the whole response, SQL text included, travels on in the state.
  event.Result = result;
  const maxWait = event.MaxWait ?? parameters.maxWait;
  switch (result.Status) {
    case 'FINISHED':
      event.Decision = 'SUCCEED';
      break;
    case 'FAILED': {
      const retries = event.Retries ?? 0;
      const errorMatch = event.RetryErrorMatch ?? parameters.retryErrorMatch;
      const maxRetries = event.MaxRetries ?? parameters.maxRetries;
      if (pythonReMatch(errorMatch, String(result.Error ?? '')) && retries < maxRetries && event.ExecuteStatementParameters) {
        event.Retries = retries + 1;
        // Decorrelated jitter, computed here and then never waited (D1): StartQuery resets WaitTime.
        const base = event.BaseWaitTime ?? parameters.baseWaitTime;
        const maximumJitter = (event.FailureWaitTime ?? base) * 3;
        event.FailureWaitTime = event.WaitTime = Math.ceil(Math.min(maxWait, randint(base, maximumJitter, random)));
        event.Decision = 'RETRY';
      } else {
        event.Decision = 'FAIL';
      }
      break;
    }
    case 'ABORTED':
      event.Decision = 'FAIL';
      break;
    default: {
      // D2: the interval grows from the previous WaitTime (InitialWaitTime at first), never from BaseWaitTime.
      const multiplier = event.WaitMultiplier ?? parameters.waitMultiplier;
      const previous = event.WaitTime ?? event.BaseWaitTime ?? parameters.baseWaitTime;
      event.WaitTime = Math.ceil(Math.min(previous * multiplier, maxWait));
      event.Decision = 'WAIT';
    }
  }
  return event;
}

/** Python's `re.match`: the pattern must match at the start of the text ('' always matches). */
function pythonReMatch(pattern: string, text: string): boolean {
  return new RegExp(pattern, 'y').test(text);
}

/** Python's `random.randint(a, b)` on whole numbers (the original ran on python3.7, where integral floats were accepted). */
function randint(low: number, high: number, random: () => number): number {
  const a = Math.ceil(low);
  const b = Math.floor(high);
  return a + Math.floor(random() * (b - a + 1));
}
