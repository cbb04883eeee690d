/** Loopback endpoints of the services the AWS provider calls while planning this module. */
export interface OfflineEndpoints {
  /** Answers `ValidateStateMachineDefinition` (the emulator server). */
  readonly sfn: string;
  /** Answers `GetCallerIdentity` (data "aws_caller_identity"). */
  readonly sts: string;
}

/**
 * A Terraform override file (`*_override.tf`) that turns an example's `provider "aws"` block into one that plans
 * offline: fake static keys, no credential/account/metadata lookups, and Step Functions and STS pointed at loopback
 * servers. Override files merge into the example's own block, so the example files stay exactly what a user copies
 * (nested blocks such as `endpoints` are replaced whole).
 */
export function fakeAwsProviderOverride(endpoints: OfflineEndpoints): string {
  return `provider "aws" {
  access_key                  = "AKIAIOSFODNN7EXAMPLE"
  secret_key                  = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true

  endpoints {
    sfn = ${JSON.stringify(endpoints.sfn)}
    sts = ${JSON.stringify(endpoints.sts)}
  }
}
`;
}

/** A complete offline provider block, for test root modules that have none of their own. */
export function fakeAwsProviderBlock(endpoints: OfflineEndpoints, region = 'eu-west-1'): string {
  return fakeAwsProviderOverride(endpoints).replace('provider "aws" {\n', `provider "aws" {\n  region                      = ${JSON.stringify(region)}\n`);
}

/** The file name Terraform treats as an override (any name ending in `_override.tf`). */
export const FAKE_PROVIDER_OVERRIDE_FILE = 'offline_provider_override.tf';
