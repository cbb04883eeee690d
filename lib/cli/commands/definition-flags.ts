import { Command, Option } from 'commander';
import { DEFINITION_DEFAULTS, type DefinitionOptions } from '../../definition';
import { CliInputError } from '../errors';
import { parseNonNegativeIntegerArg, parseNonNegativeNumberArg, parsePositiveNumberArg } from '../option-parsers';

/**
 * Commander's view of the deploy-time flags (camelCase of the flag names). Each maps to the
 * {@link DefinitionOptions} field of the same meaning; a flag not given leaves the generator's default.
 */
export interface DefinitionFlags
  extends Pick<
    DefinitionOptions,
    'secretArn' | 'resultsRoleArn' | 'initialWaitTime' | 'baseWaitTime' | 'waitMultiplier' | 'maxWait' | 'maxRetries' | 'retryErrorMatch' | 'timeoutSeconds'
  > {
  /** `clusterIdentifier`. @default - none (the `queries` command uses `local-cluster` when no target is given) */
  readonly cluster?: string;
  /** `workgroupName`. @default - none */
  readonly workgroup?: string;
  /** `database`. @default - none (`dev` with the local cluster default) */
  readonly database?: string;
  /** `dbUser`. @default - none (`awsuser` with the local cluster default) */
  readonly dbUser?: string;
}

interface DefinitionFlagSpec {
  readonly option: keyof DefinitionOptions;
  /** Commander flags; the long name, camelCased, is the {@link DefinitionFlags} field. */
  readonly flags: string;
  readonly description: string;
  readonly parse?: (value: string) => number;
  readonly conflicts?: string;
}

/** One flag per {@link DefinitionOptions} field, in help order. */
const DEFINITION_FLAG_SPECS: readonly DefinitionFlagSpec[] = [
  { option: 'clusterIdentifier', flags: '--cluster <id>', description: 'default ClusterIdentifier (provisioned cluster)', conflicts: 'workgroup' },
  { option: 'workgroupName', flags: '--workgroup <name>', description: 'default WorkgroupName (Redshift Serverless)', conflicts: 'cluster' },
  { option: 'database', flags: '--database <name>', description: 'default Database' },
  { option: 'dbUser', flags: '--db-user <name>', description: 'default DbUser (temporary credentials)' },
  { option: 'secretArn', flags: '--secret-arn <arn>', description: 'default SecretArn (Secrets Manager credentials)' },
  { option: 'resultsRoleArn', flags: '--results-role-arn <arn>', description: 'role every Redshift Data task runs under (Task Credentials)' },
  { option: 'initialWaitTime', flags: '--initial-wait-time <seconds>', description: `wait after submitting before the first status check [default: ${DEFINITION_DEFAULTS.initialWaitTime}]`, parse: parseNonNegativeNumberArg },
  { option: 'baseWaitTime', flags: '--base-wait-time <seconds>', description: `interval between status checks before the multiplier [default: ${DEFINITION_DEFAULTS.baseWaitTime}]`, parse: parseNonNegativeNumberArg },
  { option: 'waitMultiplier', flags: '--wait-multiplier <factor>', description: `each interval is the previous one times this factor [default: ${DEFINITION_DEFAULTS.waitMultiplier}]`, parse: parsePositiveNumberArg },
  { option: 'maxWait', flags: '--max-wait <seconds>', description: `upper bound of any interval and retry delay [default: ${DEFINITION_DEFAULTS.maxWait}]`, parse: parseNonNegativeNumberArg },
  { option: 'maxRetries', flags: '--max-retries <n>', description: `times a FAILED statement is submitted again [default: ${DEFINITION_DEFAULTS.maxRetries}]`, parse: parseNonNegativeIntegerArg },
  { option: 'retryErrorMatch', flags: '--retry-error-match <regex>', description: `only errors matching this regex (Python re.match) are retried; '' = all [default: '${DEFINITION_DEFAULTS.retryErrorMatch}']` },
  { option: 'timeoutSeconds', flags: '--timeout-seconds <seconds>', description: 'cancel a statement and fail after this long [default: no timeout]', parse: parsePositiveNumberArg },
];

function definitionOption(spec: DefinitionFlagSpec): Option {
  const option = new Option(spec.flags, spec.description);
  if (spec.conflicts !== undefined) option.conflicts(spec.conflicts);
  if (spec.parse !== undefined) option.argParser(spec.parse);
  return option;
}

/** The deploy-time defaults of the generated state machine, one flag per {@link DefinitionOptions} field. */
export function addDefinitionFlags(command: Command): Command {
  for (const spec of DEFINITION_FLAG_SPECS) command.addOption(definitionOption(spec));
  return command;
}

/** Keeps only the flags that were given, so the generator's own defaults apply to the rest. */
export function definitionOptionsFromFlags(flags: DefinitionFlags): DefinitionOptions {
  const given = (flags as Readonly<Record<string, unknown>>);
  const options = DEFINITION_FLAG_SPECS.map((spec) => [spec.option, given[definitionOption(spec).attributeName()]] as const);
  return Object.fromEntries(options.filter(([, value]) => value !== undefined)) as DefinitionOptions;
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

/**
 * The generator names the option it rejects (`maxRetries`); on the command line the user typed a flag,
 * so say that instead: "--retry-error-match: ...".
 */
export function inFlagTerms(error: unknown): unknown {
  if (!(error instanceof Error) || error.name !== 'DefinitionOptionsError') return error;
  const option = (error as Error & { option?: unknown }).option;
  const flag = DEFINITION_FLAG_SPECS.find((spec) => spec.option === option)?.flags.split(' ')[0];
  return flag ? new CliInputError(`${flag}: ${error.message}`, { cause: error }) : error;
}
