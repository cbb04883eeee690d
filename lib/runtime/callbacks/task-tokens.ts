/**
 * Task tokens of `.waitForTaskToken` Tasks and the SendTaskSuccess/Failure/Heartbeat calls that answer them, with the
 * Step Functions API's rules: a token is valid only while its task waits; afterwards (answered, timed out, execution
 * stopped) AWS answers `TaskTimedOut`, and a token it never issued `InvalidToken`.
 */
import { randomBytes } from 'node:crypto';
import { MAX_PAYLOAD_BYTES } from '../engine/payload';

/** Exception names of the Step Functions API (botocore `stepfunctions/2016-11-23`), as SDK errors carry them in `name`. */
export type SfnCallbackErrorName = 'TaskTimedOut' | 'InvalidToken' | 'TaskDoesNotExist' | 'InvalidOutput' | 'ValidationException';

/**
 * Thrown by {@link TaskTokens}. Its `name` is the API exception name, so an `aws-sdk:sfn:sendTaskSuccess` Task fails
 * with `Sfn.<name>Exception` (e.g. `Sfn.TaskTimedOutException`, `Sfn.InvalidTokenException`, recorded on AWS).
 */
export class SfnCallbackError extends Error {
  constructor(
    override readonly name: SfnCallbackErrorName,
    message: string,
  ) {
    super(message);
  }
}

/** SendTaskSuccess request, Step Functions API member names. */
export interface SendTaskSuccessRequest {
  readonly taskToken: string;
  /** JSON text, at most 256 KiB. */
  readonly output: string;
}
export interface SendTaskFailureRequest {
  readonly taskToken: string;
  /** Up to 256 characters. */
  readonly error?: string;
  /** Up to 32,768 characters. */
  readonly cause?: string;
}
export interface SendTaskHeartbeatRequest {
  readonly taskToken: string;
}

/** How a waiting task was answered. */
export type CallbackOutcome =
  | { readonly kind: 'success'; readonly output: unknown; readonly outputJson: string }
  | { readonly kind: 'failure'; readonly error?: string; readonly cause?: string };

/** A token whose task still waits for an answer. */
export interface OutstandingTaskToken {
  readonly taskToken: string;
  readonly executionArn: string;
  readonly stateName: string;
  /** Clock time (ms) the token was issued. */
  readonly issuedAt: number;
}

/** What the runtime holds for one waiting task. @internal */
export interface IssuedTaskToken {
  readonly token: string;
  /** Settles with the first answer; never rejects. */
  readonly outcome: Promise<CallbackOutcome>;
  /** Called on every accepted SendTaskHeartbeat. */
  onHeartbeat(listener: () => void): void;
  /** The task stopped waiting (answered, timed out, stopped): later calls get TaskTimedOut. */
  close(): void;
}

interface Entry extends OutstandingTaskToken {
  open: boolean;
  settle(outcome: CallbackOutcome): void;
  heartbeat?: () => void;
}

const MAX_TOKEN_LENGTH = 2048;
const MAX_ERROR_LENGTH = 256;
const MAX_CAUSE_LENGTH = 32_768;

/**
 * The registry of task tokens, shared by every execution that may answer another's tokens. Its three public
 * methods are the SendTask* APIs; the runtime issues and closes tokens.
 */
export class TaskTokens {
  private readonly entries = new Map<string, Entry>();

  /** @param newToken makes token strings. @default 640 base64 characters of random bytes, as long as AWS's tokens */
  constructor(private readonly newToken: () => string = () => randomBytes(480).toString('base64')) {}

  /** Tokens whose tasks still wait, oldest first. */
  get outstanding(): readonly OutstandingTaskToken[] {
    return [...this.entries.values()].filter((e) => e.open).map(({ taskToken, executionArn, stateName, issuedAt }) => ({ taskToken, executionArn, stateName, issuedAt }));
  }

  /** @internal Issues the token of one attempt of a `.waitForTaskToken` Task. */
  issue(executionArn: string, stateName: string, issuedAt: number): IssuedTaskToken {
    let token = this.newToken();
    while (this.entries.has(token)) token = this.newToken();
    let settle!: (outcome: CallbackOutcome) => void;
    const outcome = new Promise<CallbackOutcome>((resolve) => (settle = resolve));
    const entry: Entry = { taskToken: token, executionArn, stateName, issuedAt, open: true, settle };
    this.entries.set(token, entry);
    return {
      token,
      outcome,
      onHeartbeat: (listener) => (entry.heartbeat = listener),
      close: () => {
        entry.open = false;
        entry.heartbeat = undefined;
      },
    };
  }

  async sendTaskSuccess(request: SendTaskSuccessRequest): Promise<Record<string, never>> {
    const entry = this.waiting(request?.taskToken);
    if (typeof request.output !== 'string') throw new SfnCallbackError('ValidationException', "1 validation error detected: Value null at 'output' failed to satisfy constraint: Member must not be null");
    if (Buffer.byteLength(request.output) > MAX_PAYLOAD_BYTES) {
      throw new SfnCallbackError('ValidationException', `1 validation error detected: Value at 'output' failed to satisfy constraint: Member must have length less than or equal to ${MAX_PAYLOAD_BYTES}`);
    }
    let output: unknown;
    try {
      output = JSON.parse(request.output);
    } catch {
      throw new SfnCallbackError('InvalidOutput', `Invalid Output: '${request.output.slice(0, 100)}' is not valid JSON`);
    }
    this.answer(entry, { kind: 'success', output, outputJson: request.output });
    return {};
  }

  async sendTaskFailure(request: SendTaskFailureRequest): Promise<Record<string, never>> {
    const entry = this.waiting(request?.taskToken);
    checkLength(request.error, 'error', MAX_ERROR_LENGTH);
    checkLength(request.cause, 'cause', MAX_CAUSE_LENGTH);
    this.answer(entry, { kind: 'failure', ...(request.error !== undefined ? { error: request.error } : {}), ...(request.cause !== undefined ? { cause: request.cause } : {}) });
    return {};
  }

  async sendTaskHeartbeat(request: SendTaskHeartbeatRequest): Promise<Record<string, never>> {
    const entry = this.waiting(request?.taskToken);
    entry.heartbeat?.();
    return {};
  }

  private waiting(taskToken: unknown): Entry {
    if (typeof taskToken !== 'string' || taskToken.length < 1 || taskToken.length > MAX_TOKEN_LENGTH) {
      throw new SfnCallbackError('InvalidToken', "Invalid Token: 'Invalid token'");
    }
    const entry = this.entries.get(taskToken);
    if (!entry) throw new SfnCallbackError('InvalidToken', "Invalid Token: 'Invalid token'");
    if (!entry.open) throw new SfnCallbackError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");
    return entry;
  }

  private answer(entry: Entry, outcome: CallbackOutcome): void {
    entry.open = false;
    entry.heartbeat = undefined;
    entry.settle(outcome);
  }
}

function checkLength(value: unknown, member: string, max: number): void {
  if (value === undefined) return;
  if (typeof value !== 'string') throw new SfnCallbackError('ValidationException', `1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must be a string`);
  if (value.length > max) {
    throw new SfnCallbackError('ValidationException', `1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${max}`);
  }
}
