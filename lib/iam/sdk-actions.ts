/**
 * Works out which IAM actions a state machine definition needs from its `aws-sdk` Task resources, so the
 * policies follow the generated definition instead of a hand-kept list.
 */

/** `arn:aws:states:::aws-sdk:<service>:<apiAction>` (optionally with a `.waitForTaskToken` suffix). */
const SDK_TASK_RESOURCE = /^arn:aws:states:::aws-sdk:([a-z0-9]+):([A-Za-z0-9]+)(?:\.[A-Za-z]+)?$/;

/**
 * SDK service tokens whose IAM prefix differs from the token itself.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html
 */
const IAM_PREFIX_BY_SDK_SERVICE: Readonly<Record<string, string>> = { redshiftdata: 'redshift-data' };

export interface SdkTaskUse {
  readonly stateName: string;
  /** The Task's literal Resource. */
  readonly resource: string;
  /** IAM action, e.g. `redshift-data:ExecuteStatement`. */
  readonly iamAction: string;
  /** Whether the Task runs under another role (`Credentials`), rather than the execution role. */
  readonly usesCredentials: boolean;
}

/** `redshiftdata` + `executeStatement` → `redshift-data:ExecuteStatement`. */
export function iamActionForSdkTask(service: string, apiAction: string): string {
  const prefix = IAM_PREFIX_BY_SDK_SERVICE[service] ?? service;
  return `${prefix}:${apiAction.charAt(0).toUpperCase()}${apiAction.slice(1)}`;
}

/** Every `aws-sdk` Task in the definition, nested Map/Parallel states included. */
export function findSdkTasks(definition: unknown): SdkTaskUse[] {
  const found: SdkTaskUse[] = [];
  const visitStates = (states: unknown): void => {
    if (!isRecord(states)) return;
    for (const [stateName, state] of Object.entries(states)) {
      if (!isRecord(state)) continue;
      const match = typeof state.Resource === 'string' ? SDK_TASK_RESOURCE.exec(state.Resource) : null;
      if (state.Type === 'Task' && match) {
        found.push({
          stateName,
          resource: state.Resource as string,
          iamAction: iamActionForSdkTask(match[1], match[2]),
          usesCredentials: state.Credentials !== undefined,
        });
      }
      for (const nested of [state.ItemProcessor, state.Iterator]) if (isRecord(nested)) visitStates(nested.States);
      if (Array.isArray(state.Branches)) for (const branch of state.Branches) if (isRecord(branch)) visitStates(branch.States);
    }
  };
  if (isRecord(definition)) visitStates(definition.States);
  return found;
}

/** Distinct IAM actions of the definition's `aws-sdk` Tasks, sorted. */
export function sdkActionsOf(definition: unknown): string[] {
  return [...new Set(findSdkTasks(definition).map((task) => task.iamAction))].sort();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
