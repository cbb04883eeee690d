import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformHclModule, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { createModuleInputs, ModuleInputs } from './module-inputs';
import { MODULE_OUTPUTS } from './module-outputs';
import { MODULE_VARIANTS, ModuleVariant, variantCondition, variantModuleName } from './module-variants';
import { MODULE_AWS_PROVIDER_RANGE, MODULE_TERRAFORM_RANGE, removeProviderAndBackend } from './portable-stack';

export interface RedshiftQueryModuleStackProps {
  /**
   * Where the root finds a variant's inner module, relative to the root's folder.
   * @default - `./modules/<variant id>`, the layout `npm run build:module` writes
   */
  readonly variantSource?: (variant: ModuleVariant) => string;
}

/** Layout of the published module folder: the root, and one inner module per variant under `modules/`. */
export function defaultVariantSource(variant: ModuleVariant): string {
  return `./modules/${variant.id}`;
}

/**
 * The construct as a Terraform module, as users see it: every construct prop that makes sense in HCL is a variable
 * (snake_case, typed, documented, validated), the construct's attributes are the outputs, and there is no provider
 * block and no backend, so a root module's `module "..." { source = ... }` uses its own `aws` provider and
 * `count` / `for_each` work on it. The resources live in the one inner variant module the variables select
 * (see {@link ModuleVariant}).
 */
export class RedshiftQueryModuleStack extends TerraformStack {
  readonly inputs: ModuleInputs;

  constructor(scope: Construct, id: string, props: RedshiftQueryModuleStackProps = {}) {
    super(scope, id);
    // cdktf needs a provider construct to bind resources; the overrides keep it out of the output.
    new AwsProvider(this, 'aws', {});
    removeProviderAndBackend(this, MODULE_AWS_PROVIDER_RANGE, MODULE_TERRAFORM_RANGE);
    this.inputs = createModuleInputs(this);

    const variantSource = props.variantSource ?? defaultVariantSource;
    const passThrough = Object.fromEntries(Object.keys(this.inputs).map((name) => [name, `\${var.${name}}`]));
    const moduleNames: string[] = [];
    for (const variant of MODULE_VARIANTS) {
      const name = variantModuleName(variant);
      const inner = new TerraformHclModule(this, name, {
        source: variantSource(variant),
        variables: passThrough,
        skipAssetCreationFromLocalModules: true,
      });
      inner.addOverride('count', `\${${variantCondition(variant)} ? 1 : 0}`);
      moduleNames.push(name);
    }

    for (const output of MODULE_OUTPUTS) {
      const candidates = moduleNames.map((name) => `module.${name}[*].${output.name}`).join(', ');
      // Construct ids must differ from the variables' (same names); the Terraform name is the output's.
      new TerraformOutput(this, `${output.name}_output`, {
        value: `\${one(concat(${candidates}))}`,
        description: output.description,
      }).overrideLogicalId(output.name);
    }
  }
}
