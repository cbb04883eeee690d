import { join, resolve } from 'node:path';
import { runProcess } from '../../helpers/run-process';

/** The repository root, found from this file so tests run the same from any working directory. */
export const REPO_ROOT = resolve(__dirname, '../../..');

/** The repo-local Terraform CLI configuration: providers come from the filesystem mirror, never the network. */
export const TERRAFORM_CLI_CONFIG = join(REPO_ROOT, 'terraform.rc');

export interface TerraformRun {
  readonly args: readonly string[];
  readonly cwd: string;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Thrown by {@link terraformOk} when a command exits non-zero; the message carries Terraform's own diagnostics. */
export class TerraformCommandError extends Error {
  constructor(readonly run: TerraformRun) {
    super(`terraform ${run.args.join(' ')} failed with exit code ${run.code} in ${run.cwd}:\n${run.stderr}${run.stdout}`);
    this.name = 'TerraformCommandError';
  }
}

/**
 * The environment of every terraform child process: the repo's CLI config, no checkpoint calls, no prompts,
 * and nothing inherited that could change what Terraform does (TF_CLI_ARGS*, TF_VAR_*, AWS credentials or profiles).
 */
export function terraformEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(TF_|AWS_)/.test(key)) continue;
    env[key] = value;
  }
  return {
    ...env,
    TF_CLI_CONFIG_FILE: TERRAFORM_CLI_CONFIG,
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
}

/**
 * Runs `terraform <args>` in `cwd` with the repo's CLI config (asynchronously, so independent plans can run in
 * parallel). `-no-color` is added after the subcommand. Never rejects for a non-zero exit: see {@link terraformOk}.
 */
export function terraform(args: readonly string[], cwd: string): Promise<TerraformRun> {
  const [command, ...rest] = args;
  const fullArgs = command === undefined ? [] : [command, '-no-color', ...rest];
  return runProcess('terraform', fullArgs, cwd, terraformEnv()).then((run) => ({ args: fullArgs, cwd, ...run }));
}

/** Like {@link terraform}, but rejects with a {@link TerraformCommandError} (showing Terraform's diagnostics) on failure. */
export async function terraformOk(args: readonly string[], cwd: string): Promise<TerraformRun> {
  const run = await terraform(args, cwd);
  if (run.code !== 0) throw new TerraformCommandError(run);
  return run;
}
