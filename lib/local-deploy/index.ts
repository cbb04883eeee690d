export { deployLocally, LocalDeployment, LocalDeploymentOptions } from './deploy-locally';
