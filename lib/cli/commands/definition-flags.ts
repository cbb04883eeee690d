import { Command, Option } from 'commander';
import type { DefinitionOptions } from '../../definition';
import { CliInputError } from '../errors';
import { parseNonNegativeIntegerArg, parseNonNegativeNumberArg, parsePositiveNumberArg } from '../option-parsers';

/**
 * Commander's view of the deploy-time flags (camelCase of the flag names). Each maps to the
 * {@link DefinitionOptions} field of the same meaning; a flag not given leaves the generator's default.
 */
export interface DefinitionFlags {
  /** `clusterIdentifier`. @default - none (the `queries` command uses `local-cluster` when no target is given) */
  readonly cluster?: string;
  /** `workgroupName`. @default - none */
  readonly workgroup?: string;
  /** `database`. @default - none (`dev` with the local cluster default) */
  readonly database?: string;
  /** `dbUser`. @default - none (`awsuser` with the local cluster default) */
  readonly dbUser?: string;
  /** `secretArn`. @default - none */
  readonly secretArn?: string;
  /** `resultsRoleArn`. @default - none */
  readonly resultsRoleArn?: string;
  /** `initialWaitTime`. @default 30 */
  readonly initialWaitTime?: number;
  /** `baseWaitTime`. @default 15 */
  readonly baseWaitTime?: number;
  /** `waitMultiplier`. @default 1 */
  readonly waitMultiplier?: number;
  /** `maxWait`. @default 450 */
  readonly maxWait?: number;
  /** `maxRetries`. @default 10 */
  readonly maxRetries?: number;
  /** `retryErrorMatch`. @default '' */
  readonly retryErrorMatch?: string;
  /** `timeoutSeconds`. @default - no timeout */
  readonly timeoutSeconds?: number;
}

/** The deploy-time defaults of the generated state machine, one flag per {@link DefinitionOptions} field. */
export function addDefinitionFlags(command: Command): Command {
  return command
    .addOption(new Option('--cluster <id>', 'default ClusterIdentifier (provisioned cluster)').conflicts('workgroup'))
    .addOption(new Option('--workgroup <name>', 'default WorkgroupName (Redshift Serverless)').conflicts('cluster'))
    .option('--database <name>', 'default Database')
    .option('--db-user <name>', 'default DbUser (temporary credentials)')
    .option('--secret-arn <arn>', 'default SecretArn (Secrets Manager credentials)')
    .option('--results-role-arn <arn>', 'role every Redshift Data task runs under (Task Credentials)')
    .addOption(new Option('--initial-wait-time <seconds>', 'wait after submitting before the first status check [default: 30]').argParser(parseNonNegativeNumberArg))
    .addOption(new Option('--base-wait-time <seconds>', 'interval between status checks before the multiplier [default: 15]').argParser(parseNonNegativeNumberArg))
    .addOption(new Option('--wait-multiplier <factor>', 'each interval is the previous one times this factor [default: 1]').argParser(parsePositiveNumberArg))
    .addOption(new Option('--max-wait <seconds>', 'upper bound of any interval and retry delay [default: 450]').argParser(parseNonNegativeNumberArg))
    .addOption(new Option('--max-retries <n>', 'times a FAILED statement is submitted again [default: 10]').argParser(parseNonNegativeIntegerArg))
    .option('--retry-error-match <regex>', "only errors matching this regex (Python re.match) are retried; '' = all [default: '']")
    .addOption(new Option('--timeout-seconds <seconds>', 'cancel a statement and fail after this long [default: no timeout]').argParser(parsePositiveNumberArg));
}

/** Keeps only the flags that were given, so the generator's own defaults apply to the rest. */
export function definitionOptionsFromFlags(flags: DefinitionFlags): DefinitionOptions {
  const options: Record<string, unknown> = {
    clusterIdentifier: flags.cluster,
    workgroupName: flags.workgroup,
    database: flags.database,
    dbUser: flags.dbUser,
    secretArn: flags.secretArn,
    resultsRoleArn: flags.resultsRoleArn,
    initialWaitTime: flags.initialWaitTime,
    baseWaitTime: flags.baseWaitTime,
    waitMultiplier: flags.waitMultiplier,
    maxWait: flags.maxWait,
    maxRetries: flags.maxRetries,
    retryErrorMatch: flags.retryErrorMatch,
    timeoutSeconds: flags.timeoutSeconds,
  };
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as DefinitionOptions;
}

/**
 * Connection defaults for a local run when none were given: the emulator accepts any names, and the
 * seed's string items need a cluster, database and user to be valid Data API requests.
 */
export const LOCAL_CONNECTION_DEFAULTS = { clusterIdentifier: 'local-cluster', database: 'dev', dbUser: 'awsuser' } as const;

export function withLocalConnectionDefaults(options: DefinitionOptions): DefinitionOptions {
  if (options.clusterIdentifier !== undefined || options.workgroupName !== undefined) return options;
  return {
    ...options,
    clusterIdentifier: LOCAL_CONNECTION_DEFAULTS.clusterIdentifier,
    database: options.database ?? LOCAL_CONNECTION_DEFAULTS.database,
    ...(options.secretArn === undefined ? { dbUser: options.dbUser ?? LOCAL_CONNECTION_DEFAULTS.dbUser } : {}),
  };
}

const FLAG_OF_OPTION: Readonly<Record<string, string>> = {
  clusterIdentifier: '--cluster',
  workgroupName: '--workgroup',
  database: '--database',
  dbUser: '--db-user',
  secretArn: '--secret-arn',
  resultsRoleArn: '--results-role-arn',
  initialWaitTime: '--initial-wait-time',
  baseWaitTime: '--base-wait-time',
  waitMultiplier: '--wait-multiplier',
  maxWait: '--max-wait',
  maxRetries: '--max-retries',
  retryErrorMatch: '--retry-error-match',
  timeoutSeconds: '--timeout-seconds',
};

/**
 * The generator names the option it rejects (`maxRetries`); on the command line the user typed a flag,
 * so say that instead: "--retry-error-match: ...".
 */
export function inFlagTerms(error: unknown): unknown {
  if (!(error instanceof Error) || error.name !== 'DefinitionOptionsError') return error;
  const option = (error as Error & { option?: unknown }).option;
  const flag = typeof option === 'string' ? FLAG_OF_OPTION[option] : undefined;
  return flag ? new CliInputError(`${flag}: ${error.message}`, { cause: error }) : error;
}
