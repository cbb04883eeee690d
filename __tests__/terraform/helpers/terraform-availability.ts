import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TERRAFORM_CLI_CONFIG, terraformEnv } from './terraform-cli';

/** The oldest Terraform the module declares support for (cross-variable validation needs 1.9). */
const MINIMUM_TERRAFORM = [1, 9] as const;
/** The provider range of the module: `~> 5.100`. */
const PROVIDER_MAJOR = 5;
const PROVIDER_MINIMUM_MINOR = 100;

export type TerraformAvailability =
  | { readonly available: true; readonly version: string; readonly mirror: string; readonly provider: string }
  | { readonly available: false; readonly reason: string };

let cached: TerraformAvailability | undefined;

/** Checks, once per process, that `terraform` runs and that the CLI config's mirror holds a usable AWS provider. */
export function terraformAvailability(): TerraformAvailability {
  cached ??= detect();
  return cached;
}

function detect(): TerraformAvailability {
  const version = spawnSync('terraform', ['version', '-json'], { env: terraformEnv(), encoding: 'utf8', timeout: 30_000 });
  if (version.error || version.status !== 0) {
    return { available: false, reason: `the terraform binary cannot be run (${version.error?.message ?? version.stderr.trim()})` };
  }
  const { terraform_version: terraformVersion, platform } = JSON.parse(version.stdout) as { terraform_version: string; platform: string };
  const [major = 0, minor = 0] = terraformVersion.split('.').map(Number);
  if (major < MINIMUM_TERRAFORM[0] || (major === MINIMUM_TERRAFORM[0] && minor < MINIMUM_TERRAFORM[1])) {
    return { available: false, reason: `terraform ${terraformVersion} is older than ${MINIMUM_TERRAFORM.join('.')}` };
  }
  const mirror = mirrorPath();
  if (mirror === undefined) return { available: false, reason: `${TERRAFORM_CLI_CONFIG} names no filesystem_mirror path` };
  const providerDir = join(mirror, 'registry.terraform.io', 'hashicorp', 'aws');
  const provider = existsSync(providerDir)
    ? readdirSync(providerDir).find((v) => {
        const [pMajor = 0, pMinor = 0] = v.split('.').map(Number);
        return pMajor === PROVIDER_MAJOR && pMinor >= PROVIDER_MINIMUM_MINOR && existsSync(join(providerDir, v, platform));
      })
    : undefined;
  if (provider === undefined) {
    return { available: false, reason: `no AWS provider ~> ${PROVIDER_MAJOR}.${PROVIDER_MINIMUM_MINOR} for ${platform} in the mirror ${providerDir}` };
  }
  return { available: true, version: terraformVersion, mirror, provider };
}

function mirrorPath(): string | undefined {
  const config = readFileSync(TERRAFORM_CLI_CONFIG, 'utf8');
  return /filesystem_mirror\s*\{[^}]*?path\s*=\s*"([^"]+)"/s.exec(config)?.[1];
}

/**
 * `describe` for suites that need the real terraform binary and the provider mirror. Where they are missing the
 * suite is skipped, with the reason in the skipped test's name and on the console; under `CI=true` it fails instead,
 * because CI must prove the module with real Terraform.
 */
export function describeWithTerraform(name: string, body: () => void): void {
  const availability = terraformAvailability();
  if (availability.available) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      test('terraform and the AWS provider mirror are available (required under CI=true)', () => {
        throw new Error(`Terraform checks cannot run: ${availability.reason}. Install terraform >= 1.9 and the AWS provider mirror (docs/terraform.md).`);
      });
    });
    return;
  }
  console.warn(`Skipping "${name}": ${availability.reason} (see docs/terraform.md; under CI=true this fails).`);
  describe(name, () => {
    test.skip(`skipped: ${availability.reason}`, () => undefined);
  });
}
