/**
 * What Step Functions makes of Redshift Data API calls, shared by the in-process emulator and the SDK handler:
 * the SDK's request/response schemas (so the runtime translates PascalCase members as Step Functions does) and
 * AWS's error names. Step Functions calls AWS through an SDK: an exception that SDK models keeps its name
 * (`RedshiftData.ValidationException`); any other error code (ThrottlingException, AccessDeniedException,
 * ExpiredTokenException, ...) surfaces as `RedshiftData.RedshiftDataException`, the service's base exception,
 * with the message followed by `(Service: RedshiftData, Status Code: 400, Request ID: ...)`.
 */
import { randomUUID } from 'node:crypto';
import * as sdk from '@aws-sdk/client-redshift-data';
import type { OperationShapes } from '../runtime';
import { byTaskAction } from './operation-handlers';
import type { ApiOperation } from './scenario';

/** Exception names the Redshift Data SDK models (every class derived from its service exception). */
export const MODELLED_EXCEPTIONS: ReadonlySet<string> = new Set(
  Object.entries(sdk)
    .filter(([, value]) => typeof value === 'function' && value.prototype instanceof sdk.RedshiftDataServiceException)
    .map(([name]) => name),
);

/** The name Step Functions gives error codes the SDK does not model. */
export const UNMODELLED_EXCEPTION = 'RedshiftDataException';

const SHAPES = byTaskAction<OperationShapes>({
  ExecuteStatement: { input: sdk.ExecuteStatementInput$, output: sdk.ExecuteStatementOutput$ },
  BatchExecuteStatement: { input: sdk.BatchExecuteStatementInput$, output: sdk.BatchExecuteStatementOutput$ },
  DescribeStatement: { input: sdk.DescribeStatementRequest$, output: sdk.DescribeStatementResponse$ },
  GetStatementResult: { input: sdk.GetStatementResultRequest$, output: sdk.GetStatementResultResponse$ },
  GetStatementResultV2: { input: sdk.GetStatementResultV2Request$, output: sdk.GetStatementResultV2Response$ },
  CancelStatement: { input: sdk.CancelStatementRequest$, output: sdk.CancelStatementResponse$ },
  ListStatements: { input: sdk.ListStatementsRequest$, output: sdk.ListStatementsResponse$ },
} satisfies Record<ApiOperation, OperationShapes>);

/** Request/response schemas of a Task action (`executeStatement`), or undefined for an action the emulator lacks. */
export function redshiftDataShapes(action: string): OperationShapes | undefined {
  return SHAPES[action];
}

/** The ASL Error and Cause Step Functions reports for a Redshift Data error with this name, message and status. */
export function stepFunctionsError(name: string, message: string, httpStatus: number): { error: string; cause: string } {
  const exception = MODELLED_EXCEPTIONS.has(name) ? name : UNMODELLED_EXCEPTION;
  return { error: `RedshiftData.${exception}`, cause: `${message} (Service: RedshiftData, Status Code: ${httpStatus}, Request ID: ${randomUUID()})` };
}
