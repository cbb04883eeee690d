import { Command, Option } from 'commander';
import { DEFAULT_EMULATOR_ACCOUNT_ID } from '../../emulator';
import { OfflinePlanError, planOffline } from '../../local-run';
import { CliInputError } from '../errors';
import { ExitCode } from '../exit-codes';
import { collectArg, parseAccountIdArg } from '../option-parsers';
import { resolveUserPath } from '../read-input';
import type { CommandContext } from './command-context';

interface PlanOfflineFlags {
  readonly accountId: string;
  readonly region: string;
  readonly var?: string[];
  readonly varFile?: string[];
  readonly json?: boolean;
  readonly terraform: string;
}

/** `plan-offline [dir]`: terraform init + plan of a root module with no AWS account, against the emulator server. */
export function planOfflineCommand(context: CommandContext): Command {
  return new Command('plan-offline')
    .description('terraform init + plan of your root module with no AWS account: fake credentials, Step Functions and STS answered locally')
    .argument('[dir]', 'folder of the Terraform root module', '.')
    .addOption(new Option('--account-id <id>', 'account that data "aws_caller_identity" reads').argParser(parseAccountIdArg).default(DEFAULT_EMULATOR_ACCOUNT_ID))
    .option('--region <region>', 'region of the provider block added when the root module declares no provider "aws"', 'us-east-1')
    .option('--var <name=value>', 'a root module variable (repeatable; passed to terraform plan as -var)', collectArg)
    .option('--var-file <file>', 'a .tfvars file (repeatable; passed to terraform plan as -var-file)', collectArg)
    .option('--json', 'print `terraform show -json` of the plan on stdout instead of the plan text')
    .option('--terraform <path>', 'the terraform binary', 'terraform')
    .addHelpText(
      'after',
      `
Runs terraform in the folder with a temporary provider override (fake keys; endpoints sfn and sts pointed at a
loopback emulator server), a temporary TF_DATA_DIR and, when the folder has a backend, a temporary local backend:
your .terraform/, your state and your files are left as they were. The plan starts from an empty state.
Provider installation follows your terraform CLI config (TF_CLI_CONFIG_FILE), e.g. a filesystem mirror.`,
    )
    .action(async (dir: string, flags: PlanOfflineFlags) => {
      const { io } = context;
      const planArgs = [...(flags.varFile ?? []).map((file) => `-var-file=${resolveUserPath(file, io)}`), ...(flags.var ?? []).map((v) => `-var=${v}`)];
      let result;
      try {
        result = await planOffline(resolveUserPath(dir, io), {
          accountId: flags.accountId,
          region: flags.region,
          planArgs,
          terraformBinary: flags.terraform,
          // init and errors are progress (stderr); the plan is the result (stdout), unless --json makes the JSON the result.
          onOutput: (text, from) => (from.step === 'plan' && from.stream === 'stdout' && !flags.json ? io.stdout : io.stderr).write(text),
          signal: io.shutdownSignal(),
        });
      } catch (error) {
        if (error instanceof OfflinePlanError) throw new CliInputError(error.message, { cause: error });
        throw error;
      }
      const validations = result.served.filter((r) => r.operation === 'ValidateStateMachineDefinition').length;
      if (!result.ok) {
        io.stderr.write(`Offline plan of ${dir} FAILED (see terraform's output above)\n`);
        context.exitCode = ExitCode.EXECUTION_FAILED;
        return;
      }
      if (flags.json) io.stdout.write(`${JSON.stringify(result.plan)}\n`);
      io.stderr.write(`Offline plan of ${dir} succeeded: ${validations} state machine definition${validations === 1 ? '' : 's'} validated\n`);
    });
}
