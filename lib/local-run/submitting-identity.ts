import { RUN_DEFAULTS } from '../runtime';
import { isRecord } from './query-list-items';

const SUBMIT_RESOURCES = new Set(['arn:aws:states:::aws-sdk:redshiftdata:executeStatement', 'arn:aws:states:::aws-sdk:redshiftdata:batchExecuteStatement']);

/**
 * The IAM identity the statements of `definition` belong to: the literal `Credentials.RoleArn` of its
 * ExecuteStatement / BatchExecuteStatement tasks (the results role, possibly an unresolved Terraform reference
 * as text), else the execution role. The Data API shows a statement only to the identity that submitted it, so
 * this is who must fetch the results. A role given as a JSONata expression cannot be known before the run:
 * the execution role is returned, and fetching will then report "Query does not exist" per statement.
 */
export function submittingIdentity(definition: unknown, executionRoleArn: string = RUN_DEFAULTS.roleArn): string {
  return submitTaskRoleArns(parseIfText(definition))[0] ?? executionRoleArn;
}

function submitTaskRoleArns(machine: unknown): string[] {
  if (!isRecord(machine) || !isRecord(machine.States)) return [];
  const found: string[] = [];
  for (const state of Object.values(machine.States)) {
    if (!isRecord(state)) continue;
    const roleArn = isRecord(state.Credentials) ? state.Credentials.RoleArn : undefined;
    if (typeof state.Resource === 'string' && SUBMIT_RESOURCES.has(state.Resource) && typeof roleArn === 'string' && !roleArn.trimStart().startsWith('{%')) {
      found.push(roleArn);
    }
    // Nested machines: Map (ItemProcessor, or the older Iterator) and Parallel branches.
    for (const nested of [state.ItemProcessor, state.Iterator, ...(Array.isArray(state.Branches) ? state.Branches : [])]) found.push(...submitTaskRoleArns(nested));
  }
  return found;
}

function parseIfText(definition: unknown): unknown {
  if (typeof definition !== 'string') return definition;
  try {
    return JSON.parse(definition);
  } catch {
    return undefined;
  }
}
