import { OfflineEndpoints, offlineProviderBlock } from '../../../lib/local-run';

export type { OfflineEndpoints };

/**
 * A Terraform override file (`*_override.tf`) that turns an example's `provider "aws"` block into one that plans
 * offline (what `redshift-query plan-offline` writes): override files merge into the example's own block, so the
 * example files stay exactly what a user copies.
 */
export function fakeAwsProviderOverride(endpoints: OfflineEndpoints): string {
  return offlineProviderBlock(endpoints);
}

/** A complete offline provider block, for test root modules that have none of their own. */
export function fakeAwsProviderBlock(endpoints: OfflineEndpoints, region = 'eu-west-1'): string {
  return offlineProviderBlock(endpoints, region);
}

/** The file name Terraform treats as an override (any name ending in `_override.tf`). */
export const FAKE_PROVIDER_OVERRIDE_FILE = 'offline_provider_override.tf';
