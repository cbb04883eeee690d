import { TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { MODULE_VARIABLES, ModuleVariableSpec } from './module-variables';

/** The module's variables by name, created from {@link MODULE_VARIABLES}. */
export type ModuleInputs = Readonly<Record<string, TerraformVariable>>;

export interface ModuleInputsOptions {
  /** Write the specs' validation blocks (the root module does; inner modules trust it). @default true */
  readonly validations?: boolean;
}

/** Creates one `TerraformVariable` per spec, with its Terraform name as construct id (so `var.<name>` is stable). */
export function createModuleInputs(scope: Construct, options: ModuleInputsOptions = {}, specs: readonly ModuleVariableSpec[] = MODULE_VARIABLES): ModuleInputs {
  const inputs: Record<string, TerraformVariable> = {};
  for (const spec of specs) {
    const variable = new TerraformVariable(scope, spec.name, {
      type: spec.type,
      description: spec.description,
      // cdktf cannot synthesize `default: null` (it crashes); the override below writes it.
      // A non-null default also makes the variable non-nullable: a caller passing null gets the default.
      ...(spec.default !== undefined && spec.default !== null ? { default: spec.default, nullable: false } : {}),
      ...(options.validations !== false && spec.validations?.length
        ? { validation: spec.validations.map((v) => ({ condition: v.condition, errorMessage: v.errorMessage })) }
        : {}),
    });
    if (spec.default === null) variable.addOverride('default', null);
    inputs[spec.name] = variable;
  }
  return inputs;
}
