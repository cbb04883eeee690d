export { RedshiftQueryModuleStack, RedshiftQueryModuleStackProps, defaultVariantSource } from './redshift-query-module-stack';
export { RedshiftQueryVariantStack, CONSTRUCT_ID } from './redshift-query-variant-stack';
export { MODULE_VARIANTS, ModuleVariant, VariantAuth, VariantTarget, variantCondition, variantModuleName } from './module-variants';
export { MODULE_VARIABLES, ModuleVariableSpec, ModuleVariableValidation, ModuleVariableGroup, LOG_RETENTION_DAYS } from './module-variables';
export { MODULE_OUTPUTS, ModuleOutputName } from './module-outputs';
export { MODULE_AWS_PROVIDER_RANGE, MODULE_TERRAFORM_RANGE, removeProviderAndBackend } from './portable-stack';
export { synthModuleFiles, MODULE_MAIN_FILE } from './synth-module';
export { writeModuleDir, ModuleFiles } from './write-module-dir';
export { ModuleBuildError } from './errors';
