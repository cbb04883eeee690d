/**
 * The `aws.states` "Step Functions Execution Status Change" event of a Standard execution (Express workflows emit
 * none), with the detail fields of the AWS example events: epoch-millisecond dates, `null` for what does not apply.
 */
import type { EventBridgeEvent } from '../eventbridge';
import { isoSeconds } from '../eventbridge';
import type { CloudExecutionStatus } from './types';

export interface ExecutionFacts {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly status: CloudExecutionStatus;
  readonly startDate: number;
  readonly stopDate?: number;
  readonly input: string;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
}

/** EventBridge drops input (then output) when the escaped pair exceeds 248 KB. */
const MAX_EVENT_PAYLOAD_BYTES = 248 * 1024;

export function executionStatusEvent(facts: ExecutionFacts, id: string, now: number, region: string, account: string): EventBridgeEvent {
  const output = facts.output ?? null;
  const outputBytes = output === null ? 0 : Buffer.byteLength(JSON.stringify(output));
  const inputBytes = Buffer.byteLength(JSON.stringify(facts.input));
  const includeOutput = outputBytes <= MAX_EVENT_PAYLOAD_BYTES;
  const includeInput = inputBytes + (includeOutput ? outputBytes : 0) <= MAX_EVENT_PAYLOAD_BYTES;
  return {
    version: '0',
    id,
    'detail-type': 'Step Functions Execution Status Change',
    source: 'aws.states',
    account,
    time: isoSeconds(now),
    region,
    resources: [facts.executionArn],
    detail: {
      executionArn: facts.executionArn,
      stateMachineArn: facts.stateMachineArn,
      name: facts.name,
      status: facts.status,
      startDate: facts.startDate,
      stopDate: facts.stopDate ?? null,
      input: includeInput ? facts.input : null,
      output: includeOutput ? output : null,
      inputDetails: { included: includeInput },
      outputDetails: output === null ? null : { included: includeOutput },
      error: facts.error ?? null,
      cause: facts.cause ?? null,
    },
  };
}
