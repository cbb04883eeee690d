/**
 * A Terraform override file (`*_override.tf`) that turns an example's `provider "aws"` block into one that plans
 * offline: fake static keys, no credential/account/metadata lookups, and Step Functions pointed at a loopback server
 * that answers `ValidateStateMachineDefinition`. Override files merge into the example's own block, so the example
 * files stay exactly what a user copies. Nested blocks (`endpoints`) are replaced whole by the override.
 */
export function fakeAwsProviderOverride(sfnEndpoint: string): string {
  return `provider "aws" {
  access_key                  = "AKIAIOSFODNN7EXAMPLE"
  secret_key                  = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true

  endpoints {
    sfn = ${JSON.stringify(sfnEndpoint)}
  }
}
`;
}

/** The file name Terraform treats as an override (any name ending in `_override.tf`). */
export const FAKE_PROVIDER_OVERRIDE_FILE = 'offline_provider_override.tf';
