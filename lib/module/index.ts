export { RedshiftQueryModuleStack, MODULE_AWS_PROVIDER_RANGE, MODULE_TERRAFORM_RANGE } from './redshift-query-module-stack';
export { MODULE_VARIABLES, ModuleVariableSpec, ModuleVariableValidation, ModuleVariableGroup, LOG_RETENTION_DAYS } from './module-variables';
export { synthModuleFiles, MODULE_MAIN_FILE } from './synth-module';
export { writeModuleDir, ModuleFiles } from './write-module-dir';
export { ModuleBuildError } from './errors';
