/**
 * Finds who serves a Task Resource and turns whatever a handler throws into an ASL Error/Cause:
 * `options.taskHandlers[resource]` first, then the service handler of an `aws-sdk:<service>:<action>` resource.
 */
import { StatesError, StatesErrors } from '../errors';
import type { AwsServiceHandler, RunOptions, TaskInvocation } from '../types';
import type { OperationShapes } from './sdk-members';

const AWS_SDK_PREFIX = 'arn:aws:states:::aws-sdk:';

/** Service tokens whose ASL error prefix is not the token capitalised (AWS uses the SDK's service id). */
const SERVICE_PASCAL_NAMES: Readonly<Record<string, string>> = {
  redshiftdata: 'RedshiftData',
  sfn: 'Sfn',
  s3: 'S3',
  dynamodb: 'DynamoDb',
  sqs: 'Sqs',
  sns: 'Sns',
  eventbridge: 'EventBridge',
  lambda: 'Lambda',
  secretsmanager: 'SecretsManager',
  cloudwatchlogs: 'CloudWatchLogs',
  cloudwatch: 'CloudWatch',
  ssm: 'Ssm',
  sts: 'Sts',
  ec2: 'Ec2',
  ecs: 'Ecs',
  iam: 'Iam',
  kms: 'Kms',
  redshift: 'Redshift',
  athena: 'Athena',
  glue: 'Glue',
};

/** Names of plain JavaScript errors: a handler bug, not an AWS service exception. */
const JAVASCRIPT_ERROR_NAMES = new Set(['Error', 'TypeError', 'RangeError', 'ReferenceError', 'SyntaxError', 'EvalError', 'URIError', 'AggregateError', 'AbortError']);

export function servicePascalName(service: string): string {
  return SERVICE_PASCAL_NAMES[service] ?? service.charAt(0).toUpperCase() + service.slice(1);
}

type Invoke = (args: unknown, invocation: TaskInvocation) => Promise<unknown>;

export class TaskDispatcher {
  private readonly services = new Map<string, AwsServiceHandler>();
  private readonly resolved = new Map<string, Invoke | undefined>();

  constructor(private readonly options: RunOptions) {
    for (const service of options.services ?? []) this.services.set(service.service, service);
    if (options.emulator && !this.services.has(options.emulator.service)) this.services.set(options.emulator.service, options.emulator);
  }

  /** The function serving a resource, or undefined when nothing is registered for it. */
  resolve(resource: string): Invoke | undefined {
    if (this.resolved.has(resource)) return this.resolved.get(resource);
    let invoke: Invoke | undefined;
    const handler = this.options.taskHandlers?.[resource];
    if (handler) invoke = handler;
    else if (resource.startsWith(AWS_SDK_PREFIX)) {
      const [service, action] = resource.slice(AWS_SDK_PREFIX.length).split(':');
      const serviceHandler = service ? this.services.get(service) : undefined;
      if (serviceHandler && action) invoke = (args, invocation) => serviceHandler.call(action, args, invocation);
    }
    this.resolved.set(resource, invoke);
    return invoke;
  }

  /** The request/response schemas of an `aws-sdk:<service>:<action>` resource served by a service handler that has them. */
  shapesOf(resource: string): OperationShapes | undefined {
    if (this.options.taskHandlers?.[resource] || !resource.startsWith(AWS_SDK_PREFIX)) return undefined;
    const [service, action] = resource.slice(AWS_SDK_PREFIX.length).split(':');
    const handler = service ? this.services.get(service) : undefined;
    return action ? handler?.operationShapes?.(action) : undefined;
  }

  describeMissing(resource: string, stateName: string): StatesError {
    const sdk = resource.startsWith(AWS_SDK_PREFIX) ? resource.slice(AWS_SDK_PREFIX.length).split(':')[0] : undefined;
    const hint = sdk
      ? `register a service handler for '${sdk}' in options.services (or options.emulator), or a handler for this exact resource in options.taskHandlers`
      : 'register a handler for this exact resource in options.taskHandlers';
    return new StatesError(StatesErrors.Runtime, `No handler serves the Task resource '${resource}' of the state '${stateName}': ${hint}.`);
  }
}

/**
 * ASL Error and Cause for a value thrown by a Task handler:
 * - `{ error: string, cause?: string }` (e.g. {@link TaskError}) → exactly that;
 * - for `aws-sdk:<service>:*` resources, an error named like an AWS exception → `<ServicePascal>.<Name>Exception`;
 * - anything else → `States.TaskFailed` with the message as Cause.
 */
export function taskErrorFrom(thrown: unknown, resource: string): StatesError {
  if (thrown instanceof StatesError) return thrown;
  const value = thrown as { error?: unknown; cause?: unknown; name?: unknown; message?: unknown } | null | undefined;
  if (value && typeof value === 'object' && typeof value.error === 'string') {
    const cause = value.cause === undefined ? '' : typeof value.cause === 'string' ? value.cause : JSON.stringify(value.cause);
    return new StatesError(value.error, cause ?? '');
  }
  const message = value && typeof value === 'object' && typeof value.message === 'string' ? value.message : String(thrown);
  if (resource.startsWith(AWS_SDK_PREFIX) && value && typeof value === 'object' && typeof value.name === 'string' && value.name !== '' && !JAVASCRIPT_ERROR_NAMES.has(value.name)) {
    const service = resource.slice(AWS_SDK_PREFIX.length).split(':')[0] ?? '';
    const name = value.name.endsWith('Exception') ? value.name : `${value.name}Exception`;
    return new StatesError(`${servicePascalName(service)}.${name}`, message);
  }
  return new StatesError(StatesErrors.TaskFailed, message);
}
