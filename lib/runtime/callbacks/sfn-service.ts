/**
 * The `sfn` service of `arn:aws:states:::aws-sdk:sfn:<action>` Tasks: SendTaskSuccess/Failure/Heartbeat on a
 * {@link TaskTokens} registry, plus any actions the caller adds (the local cloud adds StartExecution, StopExecution,
 * DescribeExecution). Arguments arrive as Step Functions passes them to the SDK: PascalCase members.
 */
import type { AwsServiceHandler, TaskInvocation } from '../types';
import { SfnCallbackError, TaskTokens } from './task-tokens';

/** One extra `sfn` action: PascalCase arguments in, the SDK response (PascalCase members) out. */
export type SfnAction = (args: Record<string, unknown>, invocation: TaskInvocation) => Promise<unknown>;

export function createSfnService(tokens: TaskTokens, extraActions: Readonly<Record<string, SfnAction>> = {}): AwsServiceHandler {
  const actions: Record<string, SfnAction> = {
    sendTaskSuccess: async (args) => tokens.sendTaskSuccess({ taskToken: args.TaskToken as string, output: jsonText(args.Output) }),
    sendTaskFailure: async (args) =>
      tokens.sendTaskFailure({
        taskToken: args.TaskToken as string,
        ...(args.Error !== undefined ? { error: args.Error as string } : {}),
        ...(args.Cause !== undefined ? { cause: args.Cause as string } : {}),
      }),
    sendTaskHeartbeat: async (args) => tokens.sendTaskHeartbeat({ taskToken: args.TaskToken as string }),
    ...extraActions,
  };
  return {
    service: 'sfn',
    async call(action, args, invocation) {
      const serve = actions[action];
      if (!serve) {
        throw new SfnCallbackError('ValidationException', `The local Step Functions service does not serve the action '${action}'; supported: ${Object.keys(actions).join(', ')}`);
      }
      return serve((args ?? {}) as Record<string, unknown>, invocation);
    },
  };
}

/** `Output` is a String member in the SDK model; a missing one is the API's validation error. */
function jsonText(value: unknown): string {
  if (value === undefined || typeof value === 'string') return value as string;
  throw new SfnCallbackError('ValidationException', `Output must be a JSON string (use $string(...) or States.JsonToString), got ${typeof value === 'object' ? 'an object' : typeof value}`);
}
