export {
  buildSeedModelDefinition,
  LAMBDA_INVOKE_RESOURCE,
  START_FUNCTION_NAME,
  CHECK_FUNCTION_NAME,
} from './definition';
export { createSeedLambdas, SeedLambdas, SeedLambdasProps, LambdaInvocationRecord } from './lambdas';
export { SeedTemplateParameters, resolveSeedParameters } from './template-parameters';
