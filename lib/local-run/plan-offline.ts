import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_EMULATOR_ACCOUNT_ID, EmulatorServer, ServedRequest, startEmulatorServer } from '../emulator';
import { localBackendOverride, OfflineEndpoints, offlineProviderBlock } from './offline-provider';

/** The files an offline plan adds to the root module for its duration (removed afterwards, whatever happens). */
export const OFFLINE_PROVIDER_OVERRIDE_FILE = 'redshift_query_offline_override.tf';
export const OFFLINE_PROVIDER_FILE = 'redshift_query_offline_provider.tf';
export const OFFLINE_BACKEND_OVERRIDE_FILE = 'redshift_query_offline_backend_override.tf';
const LOCK_FILE = '.terraform.lock.hcl';

export interface PlanOfflineOptions {
  /** Account `data "aws_caller_identity"` reads. @default '123456789012' */
  readonly accountId?: string;
  /** Region of the provider block written when the root module declares none. @default 'us-east-1' */
  readonly region?: string;
  /** Extra `terraform plan` arguments (`-var-file=...`, `-var=...`, `-target=...`). @default [] */
  readonly planArgs?: readonly string[];
  /** The terraform binary. @default 'terraform' (on PATH) */
  readonly terraformBinary?: string;
  /**
   * Serve with this emulator server instead of starting one (tests record the definitions it validated); it must
   * answer STS and Step Functions, and is left running. @default - a new server on loopback, closed afterwards
   */
  readonly server?: EmulatorServer;
  /** Receives terraform's output as it comes, with the step and the stream it comes from. @default - discarded */
  readonly onOutput?: (text: string, from: { readonly step: 'init' | 'plan'; readonly stream: 'stdout' | 'stderr' }) => void;
  /** Aborting kills terraform; the added files are still removed. @default - none */
  readonly signal?: AbortSignal;
  /** Extra environment of the terraform processes (e.g. `TF_CLI_CONFIG_FILE` for a provider mirror). @default {} */
  readonly env?: Readonly<Record<string, string>>;
}

export interface OfflinePlan {
  /** True when `terraform plan` succeeded. */
  readonly ok: boolean;
  /** `terraform show -json` of the plan (undefined when the plan failed). */
  readonly plan?: PlanJson;
  /** terraform's text output of the plan (stdout and stderr). */
  readonly output: string;
  /** Requests the emulator server answered during the plan (ValidateStateMachineDefinition, GetCallerIdentity). */
  readonly served: readonly ServedRequest[];
}

/** The parts of `terraform show -json` most callers read; the rest is there too. */
export interface PlanJson {
  readonly resource_changes?: readonly { readonly address: string; readonly type: string; readonly change: { readonly actions: readonly string[] } }[];
  readonly [key: string]: unknown;
}

/** The root module cannot be planned offline: the folder, its files or terraform are missing. Nothing was changed. */
export class OfflinePlanError extends Error {
  override readonly name = 'OfflinePlanError';
}

/**
 * `terraform init` + `terraform plan` of a user's root module with no AWS account: fake credentials, and the AWS
 * provider's Step Functions and STS endpoints pointed at the emulator server, which validates every state machine
 * definition known at plan time (`ValidateStateMachineDefinition`, our static validator) and answers
 * `GetCallerIdentity` with `accountId`. Terraform's working data goes to a temporary `TF_DATA_DIR` and any backend
 * is overridden by a temporary local one, so the user's `.terraform/` and state are never touched; the files added to
 * the folder (and a lock file the init created) are removed afterwards. The plan starts from an empty state.
 */
export async function planOffline(dir: string, options: PlanOfflineOptions = {}): Promise<OfflinePlan> {
  const root = resolve(dir);
  const configFiles = rootModuleFiles(root);
  const declaresAwsProvider = configFiles.some((file) => /provider\s*"aws"|"provider"\s*:\s*\{\s*"aws"/.test(readFileSync(file, 'utf8')));
  const declaresBackend = configFiles.some((file) => /backend\s*"[^"]+"|"backend"\s*:|\bcloud\s*\{/.test(readFileSync(file, 'utf8')));
  const providerFile = join(root, declaresAwsProvider ? OFFLINE_PROVIDER_OVERRIDE_FILE : OFFLINE_PROVIDER_FILE);
  const backendFile = join(root, OFFLINE_BACKEND_OVERRIDE_FILE);
  for (const file of [providerFile, ...(declaresBackend ? [backendFile] : [])]) {
    if (existsSync(file)) throw new OfflinePlanError(`${file} already exists (left by an interrupted offline plan?): remove it and try again`);
  }

  const served: ServedRequest[] = [];
  const server =
    options.server ?? (await startEmulatorServer({ accountId: options.accountId ?? DEFAULT_EMULATOR_ACCOUNT_ID, onRequest: (request) => served.push(request) }));
  const work = mkdtempSync(join(tmpdir(), 'redshift-query-plan-'));
  const hadLockFile = existsSync(join(root, LOCK_FILE));
  const added: string[] = [];
  try {
    const endpoints: OfflineEndpoints = { sfn: server.url, sts: server.url };
    writeFileSync(providerFile, offlineProviderBlock(endpoints, declaresAwsProvider ? undefined : options.region ?? 'us-east-1'));
    added.push(providerFile);
    if (declaresBackend) {
      writeFileSync(backendFile, localBackendOverride(join(work, 'terraform.tfstate')));
      added.push(backendFile);
    }
    const run = (args: readonly string[]) => runTerraform(options.terraformBinary ?? 'terraform', args, root, terraformEnv(work, options.env), options);
    const init = await run(['init', '-input=false', '-no-color']);
    if (init.code !== 0) return { ok: false, output: init.output, served };
    const planFile = join(work, 'offline.tfplan');
    const plan = await run(['plan', '-input=false', '-no-color', '-refresh=false', '-lock=false', `-out=${planFile}`, ...(options.planArgs ?? [])]);
    if (plan.code !== 0) return { ok: false, output: plan.output, served };
    const show = await run(['show', '-json', '-no-color', planFile]);
    if (show.code !== 0) return { ok: false, output: plan.output + show.output, served };
    return { ok: true, plan: JSON.parse(show.stdout) as PlanJson, output: plan.output, served };
  } finally {
    for (const file of added) rmSync(file, { force: true });
    if (!hadLockFile) rmSync(join(root, LOCK_FILE), { force: true });
    rmSync(work, { recursive: true, force: true });
    if (options.server === undefined) await server.close();
  }
}

function rootModuleFiles(root: string): string[] {
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new OfflinePlanError(`${root} is not a folder: pass the folder of your Terraform root module`);
  const files = readdirSync(root)
    .filter((name) => name.endsWith('.tf') || name.endsWith('.tf.json'))
    .map((name) => join(root, name));
  if (files.length === 0) throw new OfflinePlanError(`${root} has no .tf or .tf.json file: pass the folder of your Terraform root module`);
  return files;
}

/**
 * The user's environment (TF_VAR_*, TF_CLI_CONFIG_FILE for their provider mirror) minus AWS credentials and
 * endpoints, which must not reach AWS, plus a temporary data dir so `.terraform/` of the folder is left alone.
 */
function terraformEnv(work: string, extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('AWS_') && key !== 'TF_DATA_DIR') env[key] = value;
  return { ...env, TF_DATA_DIR: join(work, 'data'), TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1', AWS_EC2_METADATA_DISABLED: 'true', ...extra };
}

interface TerraformRun {
  readonly code: number;
  readonly stdout: string;
  readonly output: string;
}

function runTerraform(binary: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, options: PlanOfflineOptions): Promise<TerraformRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(binary, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], ...(options.signal ? { signal: options.signal } : {}) });
    const stdout: Buffer[] = [];
    const output: Buffer[] = [];
    const step = args[0] === 'init' ? 'init' : 'plan';
    const echo = args[0] !== 'show';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout.push(chunk);
      if (echo) {
        output.push(chunk);
        options.onOutput?.(chunk.toString('utf8'), { step, stream: 'stdout' });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output.push(chunk);
      options.onOutput?.(chunk.toString('utf8'), { step, stream: 'stderr' });
    });
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new OfflinePlanError(`cannot run ${binary}: it is not installed or not on PATH (install terraform >= 1.9)`) : error),
    );
    child.on('close', (code) =>
      resolvePromise({ code: code ?? -1, stdout: Buffer.concat(stdout).toString('utf8'), output: Buffer.concat(output).toString('utf8') }),
    );
  });
}
