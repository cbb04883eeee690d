import { TerraformStack } from 'cdktf';

/** The provider range the module declares: the bindings target 5.100.0, later 5.x releases are accepted. */
export const MODULE_AWS_PROVIDER_RANGE = '~> 5.100';
/** Validation conditions refer to other variables, which Terraform supports from 1.9. */
export const MODULE_TERRAFORM_RANGE = '>= 1.9';

/**
 * Makes a stack usable as a child module: no provider block (the caller's `aws` provider is used, and
 * `count` / `for_each` work on the module), no backend (cdktf writes a local one with an absolute path), and
 * required_providers kept with a version range instead of cdktf's exact pin.
 */
export function removeProviderAndBackend(stack: TerraformStack, awsProviderRange: string, terraformRange: string): void {
  stack.addOverride('provider', undefined);
  stack.addOverride('terraform.backend', undefined);
  stack.addOverride('terraform.required_providers.aws.source', 'hashicorp/aws');
  stack.addOverride('terraform.required_providers.aws.version', awsProviderRange);
  stack.addOverride('terraform.required_version', terraformRange);
}
