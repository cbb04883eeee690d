export * from './types';
export * from './constants';
export { buildDeadLetterQueuePolicy, buildKmsKeyPolicyStatements, buildPolicies, buildScheduleKeyPolicy, buildTriggerRolePolicies, CREDENTIAL_ACTIONS, LITERAL_LOGIC } from './policies';
export { findSdkTasks, iamActionForSdkTask, sdkActionsOf, SdkTaskUse } from './sdk-actions';
export { toPolicyDocument, IamPolicyDocument } from './policy-document';
export {
  buildCleanupRolePolicies,
  buildCompanionStarterPolicies,
  buildCompletionTableAccess,
  buildRelayRolePolicies,
  EventPolicyConfig,
} from './event-policies';
