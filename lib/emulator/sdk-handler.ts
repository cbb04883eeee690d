/**
 * The runtime's `redshiftdata` service handler through `@aws-sdk/client-redshift-data`: the same code path
 * as against real AWS, pointed at the emulator server (or any endpoint).
 */
import {
  BatchExecuteStatementCommand,
  CancelStatementCommand,
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  GetStatementResultV2Command,
  ListStatementsCommand,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import type { AwsServiceHandler, TaskInvocation } from '../runtime';
import { accessKeyForIdentity } from './http-identity';
import { toStepFunctionsJson } from './json-safe';
import { byTaskAction } from './operation-handlers';
import { redshiftDataShapes, stepFunctionsError } from './step-functions-view';

export interface SdkRedshiftDataHandlerOptions {
  /** e.g. the `url` of startEmulatorServer. */
  readonly endpoint: string;
  /** @default 'us-east-1' */
  readonly region?: string;
}

type AnyCommand = new (input: any) => any;

const COMMANDS = byTaskAction<AnyCommand>({
  ExecuteStatement: ExecuteStatementCommand,
  BatchExecuteStatement: BatchExecuteStatementCommand,
  DescribeStatement: DescribeStatementCommand,
  GetStatementResult: GetStatementResultCommand,
  GetStatementResultV2: GetStatementResultV2Command,
  CancelStatement: CancelStatementCommand,
  ListStatements: ListStatementsCommand,
});

export function createSdkRedshiftDataHandler(options: SdkRedshiftDataHandlerOptions): AwsServiceHandler {
  const clients = new Map<string, RedshiftDataClient>();
  // One client per identity: its fake access key tells the emulator which role is calling.
  const clientFor = (identity: string) => {
    let client = clients.get(identity);
    if (!client) {
      client = new RedshiftDataClient({
        endpoint: options.endpoint,
        region: options.region ?? 'us-east-1',
        credentials: { accessKeyId: accessKeyForIdentity(identity), secretAccessKey: 'emulator' },
        // The state machine's Retry decides about retries, not the SDK.
        maxAttempts: 1,
      });
      clients.set(identity, client);
    }
    return client;
  };
  return {
    service: 'redshiftdata',
    operationShapes: redshiftDataShapes,
    async call(action: string, args: unknown, invocation: TaskInvocation): Promise<unknown> {
      const Command = COMMANDS[action];
      if (!Command) {
        const error = new Error(`The Redshift Data SDK handler has no action '${action}'; supported: ${Object.keys(COMMANDS).join(', ')}`);
        error.name = 'ValidationException';
        throw error;
      }
      const identity = invocation.credentials?.RoleArn ?? invocation.executionRoleArn;
      try {
        // The HTTP round trip is real I/O: virtual time must not move during it (as for in-process calls).
        const output = await invocation.clock.hold(clientFor(identity).send(new Command(args ?? {}), { abortSignal: invocation.signal }));
        return toStepFunctionsJson(output);
      } catch (error) {
        throw asServiceError(error);
      }
    },
  };
}

/** SDK exceptions carry AWS's error code as their name: report them as Step Functions does (unmodelled codes under RedshiftDataException). */
function asServiceError(error: unknown): unknown {
  const source = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number }; $fault?: string };
  if (source?.name === 'AbortError') return error;
  const name = source?.name && source.name !== 'Error' ? source.name : 'InternalServerException';
  const status = source?.$metadata?.httpStatusCode ?? (source?.$fault === 'server' ? 500 : 400);
  return stepFunctionsError(name, source?.message ?? String(error), status);
}
