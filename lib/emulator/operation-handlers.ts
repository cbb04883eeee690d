/** Which emulator method serves each Redshift Data operation, for the HTTP server and for Task ARNs alike. */
import type { RedshiftDataEmulator } from './redshift-data-emulator';
import type { ApiOperation } from './scenario';

/** Requests arrive as parsed JSON; each emulator method validates its own. */
export type OperationHandler = (emulator: RedshiftDataEmulator, request: any, identity: string) => Promise<unknown>;

/** By API operation name, as in the `X-Amz-Target` header (`RedshiftData.ExecuteStatement`). */
export const OPERATION_HANDLERS: Readonly<Record<ApiOperation, OperationHandler>> = {
  ExecuteStatement: (e, request, identity) => e.executeStatement(request, identity),
  BatchExecuteStatement: (e, request, identity) => e.batchExecuteStatement(request, identity),
  DescribeStatement: (e, request, identity) => e.describeStatement(request, identity),
  GetStatementResult: (e, request, identity) => e.getStatementResult(request, identity),
  GetStatementResultV2: (e, request, identity) => e.getStatementResultV2(request, identity),
  CancelStatement: (e, request, identity) => e.cancelStatement(request, identity),
  ListStatements: (e, request, identity) => e.listStatements(request, identity),
};

/** By Task ARN action, the camelCase operation name (`arn:aws:states:::aws-sdk:redshiftdata:executeStatement`). */
export const ACTION_HANDLERS: Readonly<Record<string, OperationHandler>> = byTaskAction(OPERATION_HANDLERS);

/** Re-keys a per-operation table by Task ARN action: `ExecuteStatement` → `executeStatement`. */
export function byTaskAction<T>(byOperation: Readonly<Record<ApiOperation, T>>): Readonly<Record<string, T>> {
  return Object.fromEntries(Object.entries(byOperation).map(([operation, value]) => [operation[0]!.toLowerCase() + operation.slice(1), value]));
}
