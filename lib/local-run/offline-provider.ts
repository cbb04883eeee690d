/** Loopback endpoints of the services the AWS provider calls while planning (our emulator server answers both). */
export interface OfflineEndpoints {
  /** Answers `ValidateStateMachineDefinition`. */
  readonly sfn: string;
  /** Answers `GetCallerIdentity` (`data "aws_caller_identity"`, the provider's own account lookup). */
  readonly sts: string;
}

/** Fake static keys: never valid on AWS, recognisable in the emulator's logs. */
const FAKE_ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const FAKE_SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

/**
 * The `provider "aws"` settings of an offline plan: fake static keys, no metadata/region lookups, and Step Functions
 * and STS pointed at loopback. As an override file (`*_override.tf`) it merges into a root module's own provider
 * block (nested blocks such as `endpoints` are replaced whole); with `region` it is a complete block for a root
 * module that declares none.
 */
export function offlineProviderBlock(endpoints: OfflineEndpoints, region?: string): string {
  return `provider "aws" {
${region === undefined ? '' : `  region                      = ${JSON.stringify(region)}\n`}  access_key                  = "${FAKE_ACCESS_KEY}"
  secret_key                  = "${FAKE_SECRET_KEY}"
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

/** A backend override that keeps an offline plan away from the user's real state (S3, remote, ...). */
export function localBackendOverride(statePath: string): string {
  return `terraform {
  backend "local" {
    path = ${JSON.stringify(statePath)}
  }
}
`;
}
