import { TerraformOutput, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { createModuleInputs, ModuleInputs } from './module-inputs';

/** The provider range the module declares: the bindings target 5.100.0, later 5.x releases are accepted. */
export const MODULE_AWS_PROVIDER_RANGE = '~> 5.100';
/** Validation conditions refer to other variables, which Terraform supports from 1.9. */
export const MODULE_TERRAFORM_RANGE = '>= 1.9';

/**
 * The construct as a Terraform module: every construct prop that makes sense in HCL is a variable (snake_case), the
 * construct's attributes are outputs, and the stack has no provider block and no backend, so a root module's
 * `module "..." { source = ... }` uses its own `aws` provider (and `count` / `for_each` work on it).
 */
export class RedshiftQueryModuleStack extends TerraformStack {
  readonly inputs: ModuleInputs;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // cdktf needs a provider construct to bind resources; the override below keeps it out of the output.
    new AwsProvider(this, 'aws', {});
    this.inputs = createModuleInputs(this);

    this.addOverride('provider', undefined);
    this.addOverride('terraform.backend', undefined);
    this.addOverride('terraform.required_providers.aws.source', 'hashicorp/aws');
    this.addOverride('terraform.required_providers.aws.version', MODULE_AWS_PROVIDER_RANGE);
    this.addOverride('terraform.required_version', MODULE_TERRAFORM_RANGE);
  }

  protected output(name: string, value: string, description: string): TerraformOutput {
    return new TerraformOutput(this, name, { value, description, staticId: true });
  }
}
