/** Several state machines (Standard and Express) on one clock with a local EventBridge, DynamoDB and the Redshift Data emulator. */
export * from './types';
export { LocalCloud, LocalCloudOptions, SfnApiError } from './local-cloud';
export { executionStatusEvent, ExecutionFacts } from './execution-status-event';
