/**
 * Serves the emulator over HTTP on loopback with AWS's awsJson1_1 protocol (`X-Amz-Target:
 * RedshiftData.<Operation>`), so `@aws-sdk/client-redshift-data` works with `endpoint` set. The same
 * server answers Step Functions' `ValidateStateMachineDefinition` (awsJson1_0) and STS `GetCallerIdentity` (query
 * protocol), which lets `terraform plan` run offline with the AWS provider's `endpoints { sfn, sts }` pointed at it.
 */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateDefinition as defaultValidateDefinition, ValidationDiagnostic } from '../asl-validation';
import { Clock, RealClock } from '../clock';
import { PortInUseError, RedshiftDataError } from './errors';
import { identityFromAuthorization } from './http-identity';
import { toAwsJson } from './json-safe';
import { OPERATION_HANDLERS, type OperationHandler } from './operation-handlers';
import { RedshiftDataEmulator } from './redshift-data-emulator';
import type { Scenario } from './scenario';
import { answerStsRequest, DEFAULT_EMULATOR_ACCOUNT_ID, isAwsAccountId, isStsQueryRequest } from './sts-handler';

export interface EmulatorServerOptions {
  /** The emulator to serve. @default - a new one on a real-time clock, with `scenario` and `postgresUrl`, closed with the server */
  readonly emulator?: RedshiftDataEmulator;
  /** Scenario of the emulator created when `emulator` is not given. @default - no faults */
  readonly scenario?: Scenario;
  /** PostgreSQL server of the emulator created when `emulator` is not given. @default - embedded PGlite */
  readonly postgresUrl?: string;
  /** Clock of the emulator created when `emulator` is not given. @default new RealClock() */
  readonly clock?: Clock;
  /** TCP port; 0 picks a free one. @default 0 */
  readonly port?: number;
  /** Interface to listen on; keep it on loopback. @default '127.0.0.1' */
  readonly host?: string;
  /** Checks definitions for ValidateStateMachineDefinition. @default validateDefinition of lib/asl-validation */
  readonly validateDefinition?: (definition: unknown) => readonly ValidationDiagnostic[];
  /** Account STS `GetCallerIdentity` answers with (12 digits). @default '123456789012' */
  readonly accountId?: string;
  /** Called for every request the server answers (after routing), e.g. to count the calls of an offline plan. @default - none */
  readonly onRequest?: (request: ServedRequest) => void;
}

/** One request the emulator server answered. */
export interface ServedRequest {
  readonly service: 'RedshiftData' | 'StepFunctions' | 'STS';
  readonly operation: string;
}

/** An option of {@link startEmulatorServer} that cannot work; nothing is started. */
export class EmulatorServerOptionError extends Error {
  override readonly name = 'EmulatorServerOptionError';
}

export interface EmulatorServer {
  /** e.g. `http://127.0.0.1:4566` */
  readonly url: string;
  readonly port: number;
  readonly emulator: RedshiftDataEmulator;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 16 * 1024 * 1024;

export async function startEmulatorServer(options: EmulatorServerOptions = {}): Promise<EmulatorServer> {
  const accountId = options.accountId ?? DEFAULT_EMULATOR_ACCOUNT_ID;
  if (!isAwsAccountId(accountId)) {
    throw new EmulatorServerOptionError(`accountId must be a 12-digit AWS account id, got ${JSON.stringify(accountId)}`);
  }
  const served = { accountId, onRequest: options.onRequest ?? (() => undefined) };
  const ownsEmulator = options.emulator === undefined;
  const emulator =
    options.emulator ??
    new RedshiftDataEmulator({
      clock: options.clock ?? new RealClock(),
      ...(options.scenario ? { scenario: options.scenario } : {}),
      ...(options.postgresUrl ? { postgresUrl: options.postgresUrl } : {}),
    });
  const validate = options.validateDefinition ?? defaultValidateDefinition;
  const host = options.host ?? '127.0.0.1';
  const requestedPort = options.port ?? 0;

  const server = createServer((req, res) => {
    handle(req, res, emulator, validate, served).catch((error) => {
      sendJson(res, 500, 'application/x-amz-json-1.1', { __type: 'InternalServerException', message: String(error?.message ?? error) });
    });
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(requestedPort, host) : error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(requestedPort, host);
  }).catch(async (error) => {
    if (ownsEmulator) await emulator.close();
    throw error;
  });

  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    emulator,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (ownsEmulator) await emulator.close();
    },
  };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  emulator: RedshiftDataEmulator,
  validate: (definition: unknown) => readonly ValidationDiagnostic[],
  served: { readonly accountId: string; readonly onRequest: (request: ServedRequest) => void },
): Promise<void> {
  if (req.method === 'GET' && (req.url === '/' || req.url === '/health')) {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('Redshift Data API emulator\n');
    return;
  }
  if (isStsQueryRequest(req)) {
    const answer = answerStsRequest(req.url ?? '/', req.method === 'POST' ? await readBody(req) : '', req.headers.authorization, served.accountId);
    served.onRequest({ service: 'STS', operation: answer.action });
    res.writeHead(answer.status, { 'content-type': 'text/xml', 'x-amzn-requestid': cryptoRandomId() }).end(answer.body);
    return;
  }
  const target = String(req.headers['x-amz-target'] ?? '');
  const [prefix, operation = ''] = target.split('.');
  const contentType = prefix === 'AWSStepFunctions' ? 'application/x-amz-json-1.0' : 'application/x-amz-json-1.1';
  const fail = (status: number, type: string, message: string) => sendJson(res, status, contentType, { __type: type, message }, type);

  if (req.method !== 'POST') return fail(404, 'UnknownOperationException', `Only POST / with an X-Amz-Target header is served, got ${req.method} ${req.url}`);
  let body: unknown;
  try {
    const text = await readBody(req);
    body = text.trim() === '' ? {} : JSON.parse(text);
  } catch (error) {
    return fail(400, 'SerializationException', `The request body is not valid JSON: ${(error as Error).message}`);
  }

  if (prefix === 'AWSStepFunctions') {
    if (operation !== 'ValidateStateMachineDefinition') {
      return fail(400, 'UnknownOperationException', `Only ValidateStateMachineDefinition of Step Functions is served here, got ${operation || '(none)'}`);
    }
    served.onRequest({ service: 'StepFunctions', operation });
    return sendJson(res, 200, contentType, validateStateMachineDefinition(body, validate));
  }
  if (prefix !== 'RedshiftData') {
    return fail(400, 'UnknownOperationException', `Unknown X-Amz-Target ${JSON.stringify(target)}; expected RedshiftData.<Operation> or AWSStepFunctions.ValidateStateMachineDefinition`);
  }
  const handler = (OPERATION_HANDLERS as Readonly<Record<string, OperationHandler | undefined>>)[operation];
  if (!handler) {
    return fail(400, 'UnknownOperationException', `The emulator does not serve RedshiftData.${operation}; served: ${Object.keys(OPERATION_HANDLERS).join(', ')}`);
  }
  const identity = identityFromAuthorization(req.headers.authorization);
  served.onRequest({ service: 'RedshiftData', operation });
  try {
    const result = await handler(emulator, body, identity);
    sendJson(res, 200, contentType, toAwsJson(result));
  } catch (error) {
    if (error instanceof RedshiftDataError) {
      const payload = { __type: error.name, message: error.message, ...(error.resourceId ? { ResourceId: error.resourceId } : {}) };
      return sendJson(res, error.httpStatus, contentType, payload, error.name);
    }
    fail(500, 'InternalServerException', `The emulator failed: ${(error as Error)?.message ?? error}`);
  }
}

/** AWS's answer shape: `{result: OK|FAIL, diagnostics: [...]}`; FAIL only when an ERROR is found. */
function validateStateMachineDefinition(
  body: unknown,
  validate: (definition: unknown) => readonly ValidationDiagnostic[],
): { result: 'OK' | 'FAIL'; diagnostics: ValidationDiagnostic[]; truncated: boolean } {
  const text = (body as { definition?: unknown } | null)?.definition;
  if (typeof text !== 'string') {
    return fail('SCHEMA_VALIDATION_FAILED', 'The request has no definition string', '/');
  }
  let definition: unknown;
  try {
    definition = JSON.parse(text);
  } catch (error) {
    return fail('INVALID_JSON_DESCRIPTION', `The definition is not valid JSON: ${(error as Error).message}`, '/');
  }
  const diagnostics = [...validate(definition)];
  return { result: diagnostics.some((d) => d.severity === 'ERROR') ? 'FAIL' : 'OK', diagnostics, truncated: false };

  function fail(code: string, message: string, location: string) {
    return { result: 'FAIL' as const, diagnostics: [{ severity: 'ERROR' as const, code, message, location }], truncated: false };
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error(`body larger than ${MAX_BODY_BYTES} bytes`));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, contentType: string, payload: unknown, errorType?: string): void {
  if (res.headersSent) return;
  const headers: Record<string, string> = { 'content-type': contentType, 'x-amzn-requestid': cryptoRandomId() };
  if (errorType) headers['x-amzn-errortype'] = errorType;
  res.writeHead(status, headers).end(JSON.stringify(payload));
}

function cryptoRandomId(): string {
  return globalThis.crypto.randomUUID();
}
