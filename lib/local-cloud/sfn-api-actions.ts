/**
 * The Step Functions API actions a state machine can call on the local cloud through `aws-sdk:sfn:*` Tasks
 * (besides SendTask*): PascalCase members in and out, as the SDK integration passes and returns them.
 */
import type { SfnAction } from '../runtime';
import type { LocalCloud } from './local-cloud';

export function sfnApiActions(cloud: LocalCloud): Record<string, SfnAction> {
  return {
    startExecution: async (args) => {
      const started = cloud.startExecution({
        stateMachineArn: args.StateMachineArn as string,
        ...(args.Name !== undefined ? { name: args.Name as string } : {}),
        ...(args.Input !== undefined ? { input: args.Input as string } : {}),
      });
      return { ExecutionArn: started.executionArn, StartDate: started.startDate.toISOString() };
    },
    stopExecution: async (args) => {
      const stopped = cloud.stopExecution({
        executionArn: args.ExecutionArn as string,
        ...(args.Error !== undefined ? { error: args.Error as string } : {}),
        ...(args.Cause !== undefined ? { cause: args.Cause as string } : {}),
      });
      return { StopDate: stopped.stopDate.toISOString() };
    },
    describeExecution: async (args) => {
      const { history: _history, type: _type, startDate, stopDate, ...rest } = cloud.describeExecution({ executionArn: args.ExecutionArn as string });
      return pascal({ ...rest, startDate: startDate.toISOString(), ...(stopDate ? { stopDate: stopDate.toISOString() } : {}) });
    },
  };
}

function pascal(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k.charAt(0).toUpperCase() + k.slice(1), v]));
}
