export { deployLocally, LocalDeployment, LocalDeploymentOptions } from './deploy-locally';
export { attachEventCompanions, eventSettingsOf, EventCompanions } from './event-companions';
