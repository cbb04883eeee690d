import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { Fn, Lazy, Op, TerraformLocal, Token } from 'cdktf';
import { createHash } from 'node:crypto';
import { Construct } from 'constructs';
import { buildDefinition, DefinitionOptionsError, withDefinitionDefaults, type DefinitionOptions } from '../definition';
import {
  buildCompletionTableAccess,
  buildKmsKeyPolicyStatements,
  buildPolicies,
  buildTriggerRolePolicies,
  findSdkTasks,
  sdkActionsOf,
  type PolicyStatement,
  type Switch,
} from '../iam';
import { ConstructValidationError } from './errors';
import { completionTableName, EventCompanions } from './event-completion';
import { checkEventModeTarget } from './event-mode-checks';
import { addEventTrigger, type EventTriggerOptions } from './event-trigger';
import { attributeOf, choose, countWhen, equals, flag, isSet, not, PLAN_TIME_LOGIC } from './plan-time';
import { PROP_DEFAULTS, type RedshiftQueryStepFunctionProps } from './props';
import { resolveRedshiftTarget } from './redshift-target';
import { renderPolicyDocument } from './render-policy';
import { addSchedule, type ScheduleOptions } from './schedule';
import { asPlanTimeString, escapeTerraformTemplate, toTerraformJson } from './terraform-json';
import type { TriggerContext, TriggerResources } from './trigger-resources';
import { validateProps } from './validate-props';

/** Construct prop behind each definition option, for error messages. */
const PROP_BY_DEFINITION_OPTION: Record<keyof DefinitionOptions, keyof RedshiftQueryStepFunctionProps | 'resultsRoleArn'> = {
  initialWaitTime: 'initialWaitTime',
  baseWaitTime: 'baseWaitTime',
  waitMultiplier: 'waitMultiplier',
  maxWait: 'maxWait',
  maxRetries: 'maxRetries',
  retryErrorMatch: 'retryErrorMatch',
  timeoutSeconds: 'defaultTimeoutSeconds',
  clusterIdentifier: 'defaultClusterId',
  workgroupName: 'defaultWorkgroupName',
  database: 'defaultDb',
  dbUser: 'defaultUser',
  secretArn: 'defaultSecretArn',
  resultsRoleArn: 'resultsRoleArn',
  completionMode: 'completionMode',
  completionTableName: 'completionMode',
  statementNamePrefix: 'namePrefix',
  eventFallbackSeconds: 'eventFallbackSeconds',
};

/**
 * A Step Functions state machine that runs a list of Redshift SQL statements through the Redshift Data API, with
 * no Lambda, plus its two IAM roles: the execution role, which may only assume the results role, and the results
 * role every Redshift Data call runs under (statements belong to it, so whoever assumes it can fetch results).
 */
export class RedshiftQueryStepFunction extends Construct {
  /** ARN of the state machine. */
  readonly stateMachineArn: string;
  /** Name of the state machine (generated unless `stateMachineName` is given). */
  readonly stateMachineName: string;
  /** ARN of the role the Redshift Data tasks run under; results principals assume it to read results. */
  readonly resultsRoleArn: string;
  /** ARN of the state machine's execution role. */
  readonly roleArn: string;
  /** The generated definition as an object (tokens unresolved), e.g. to run it on the local runtime. */
  readonly definition: unknown;
  /** The state machine resource, for overrides. */
  readonly stateMachine: SfnStateMachine;
  /**
   * With `kmsKeyArn`: the statements (IAM policy JSON) the key's policy must hold so CloudWatch Logs can encrypt the
   * log group and deliver execution logs; a role policy cannot grant service principals. Undefined without a key
   * (null at plan time for a plan-time key that is not set).
   */
  readonly kmsKeyPolicyStatementsJson?: string;

  /** The state machine's ARN as known before it exists (its name is fixed), for conditions. */
  private readonly stateMachineArnExpected: string;
  private readonly kms: Switch;

  private readonly namePrefix: string;
  private readonly accountId: string;
  private readonly props: RedshiftQueryStepFunctionProps;
  private triggerRole?: IamRole;
  private triggerCount = 0;

  constructor(scope: Construct, id: string, props: RedshiftQueryStepFunctionProps) {
    super(scope, id);
    validateProps(this.node.path, props);
    this.props = props;
    this.namePrefix = props.namePrefix ?? PROP_DEFAULTS.namePrefix;
    const completionMode = props.completionMode ?? PROP_DEFAULTS.completionMode;
    // A mode chosen at plan time (a token) gets the event resources: idle, the table and the relay cost nothing.
    const eventMode = completionMode === 'event' || Token.isUnresolved(completionMode);
    const cancelOnStop = Token.isUnresolved(props.cancelOnStop) || (props.cancelOnStop ?? PROP_DEFAULTS.cancelOnStop);
    if (completionMode === 'event') checkEventModeTarget(this.node.path, props, this);
    // A fixed name (given, or derived from the construct's path) gives the exact ARN before the machine exists, so
    // trust and KMS conditions name this machine only (never a `<prefix>*` pattern).
    const stateMachineName = asPlanTimeString(this, 'StateMachineName', props.stateMachineName ?? generatedName(this.namePrefix, this.node.addr));
    // Statement names carry it: the event rule and the cleanup machine find this deployment's statements by it.
    const deploymentId = stateMachineName;
    const tableName = eventMode ? asPlanTimeString(this, 'CompletionTableName', completionTableName(deploymentId)) : undefined;
    const tags = props.tags;
    const iamPath = props.iamPath ?? PROP_DEFAULTS.iamPath;

    // Everything that can reject the props runs before the first resource is created (lazy ARNs resolve at synth).
    let resultsRoleArnValue: string | undefined;
    const resultsRoleArn = Lazy.stringValue({ produce: () => resultsRoleArnValue });
    const options: DefinitionOptions = {
      ...withDefinitionDefaults(props),
      timeoutSeconds: props.defaultTimeoutSeconds,
      clusterIdentifier: props.defaultClusterId,
      workgroupName: props.defaultWorkgroupName,
      database: props.defaultDb,
      dbUser: props.defaultUser,
      secretArn: props.defaultSecretArn,
      resultsRoleArn,
      completionMode,
      completionTableName: tableName,
      statementNamePrefix: eventMode || cancelOnStop ? deploymentId : undefined,
      eventFallbackSeconds: props.eventFallbackSeconds,
    };
    this.definition = this.buildDefinition(options);
    const sdkTasks = findSdkTasks(this.definition);
    // The callback Task writes to the deployment's own completion table with the execution role.
    const isCompletionWait = (task: { iamAction: string; usesCredentials: boolean }) => task.iamAction === 'dynamodb:UpdateItem' && !task.usesCredentials;
    const withoutCredentials = sdkTasks.find((task) => !task.usesCredentials && !isCompletionWait(task));
    const foreign = sdkTasks.find((task) => !task.iamAction.startsWith('redshift-data:') && !isCompletionWait(task));
    if (withoutCredentials || foreign) {
      // The policies below only cover Redshift Data calls made under the results role.
      const task = (withoutCredentials ?? foreign)!;
      throw new ConstructValidationError(this.node.path, `definition.States.${task.stateName}`, `calls ${task.resource} ${withoutCredentials ? 'without Credentials' : 'which the IAM policy builder does not cover'}.`);
    }

    const partition = new DataAwsPartition(this, 'Partition').partition;
    const region = new DataAwsRegion(this, 'Region').name;
    this.accountId = new DataAwsCallerIdentity(this, 'Account').accountId;
    const stateMachineArn = `arn:${partition}:states:${region}:${this.accountId}:stateMachine:${stateMachineName}`;
    this.stateMachineArnExpected = stateMachineArn;
    const companions = new EventCompanions(
      this,
      'Companions',
      {
        partition,
        region,
        accountId: this.accountId,
        namePrefix: this.namePrefix,
        deploymentId,
        completionTableName: tableName ?? '',
        resultsRoleArn,
        tags,
        createRole: (id, suffix, description, trust) => this.createRole(`Companions${id}`, suffix, description, trust),
        attachPolicy: (id, role, statements) => this.attachPolicy(`Companions${id}`, role, statements),
      },
      { eventMode, cancelOnStop },
    );

    const logLevel = props.logging?.level ?? PROP_DEFAULTS.logLevel;
    const logging = not(equals(logLevel, 'OFF'));
    const tracing = flag(props.tracing, PROP_DEFAULTS.tracing);
    this.kms = isSet(props.kmsKeyArn);
    const principals = props.resultsRoleAwsPrincipals ?? [];

    // The results role ARN is spliced into the definition: a Terraform local, JSON-encoded there by Terraform.
    const fixedResultsRoleArn =
      props.resultsRoleName !== undefined
        ? new TerraformLocal(this, 'ResultsRoleArn', escapeTerraformTemplate(`arn:${partition}:iam::${this.accountId}:role${iamPath}${props.resultsRoleName}`)).asString
        : undefined;
    let executionRoleArn: string | undefined;
    const policies = buildPolicies({
      partition,
      region,
      accountId: this.accountId,
      stateMachineArn,
      executionRoleArn: Lazy.stringValue({ produce: () => executionRoleArn }),
      cleanupRoleArn: companions.cleanupRole?.arn,
      resultsRoleArn: fixedResultsRoleArn ?? resultsRoleArn,
      redshiftDataActions: sdkActionsOf(this.definition)
        .filter((action) => action.startsWith('redshift-data:'))
        .concat(companions.cleanupRole ? ['redshift-data:ListStatements', 'redshift-data:CancelStatement'] : []),
      target: resolveRedshiftTarget(props),
      resultsPrincipals: principals,
      hasResultsPrincipals: Token.isUnresolved(principals) ? Op.gte(Fn.lengthOf(principals), 1) : principals.length > 0,
      logging,
      tracing,
      kmsKeyArn: props.kmsKeyArn,
      kms: this.kms,
      logic: PLAN_TIME_LOGIC,
    });

    const executionRole = this.createRole('ExecutionRole', 'sfn-', 'Step Functions execution role: may only assume the results role', policies.executionRoleTrust);
    const resultsRole = this.createRole('ResultsRole', 'results-', 'Runs the Redshift Data API calls of the state machine and reads their results', policies.resultsRoleTrust, props.resultsRoleName);
    executionRoleArn = executionRole.arn;
    resultsRoleArnValue = fixedResultsRoleArn ?? resultsRole.arn;
    const executionPolicy = this.attachPolicy('ExecutionRolePolicy', executionRole, [
      ...policies.executionRolePolicy,
      ...(companions.table ? buildCompletionTableAccess(companions.table.arn) : []),
    ]);
    const resultsPolicy = this.attachPolicy('ResultsRolePolicy', resultsRole, policies.resultsRolePolicy);

    let logDestination: string | undefined;
    if (logging !== false) {
      const logGroup = new CloudwatchLogGroup(this, 'LogGroup', {
        namePrefix: `/aws/vendedlogs/states/${this.namePrefix}`,
        retentionInDays: props.logRetentionDays ?? PROP_DEFAULTS.logRetentionDays,
        kmsKeyId: props.kmsKeyArn,
        tags,
      });
      countWhen(logGroup, logging);
      logDestination = choose(logging, `${attributeOf(logGroup, logging, 'arn')}:*`, Token.asString(Token.nullValue()));
    }

    this.stateMachine = new SfnStateMachine(this, 'StateMachine', {
      name: stateMachineName,
      type: 'STANDARD',
      roleArn: executionRole.arn,
      definition: toTerraformJson(this.definition, Object.values(options)),
      loggingConfiguration:
        logDestination !== undefined
          ? {
              level: logLevel,
              includeExecutionData: props.logging?.includeExecutionData ?? PROP_DEFAULTS.includeExecutionData,
              logDestination,
            }
          : undefined,
      tracingConfiguration: { enabled: tracing as boolean },
      // A plan-time key keeps the block, so adding or removing the key updates the machine in place.
      encryptionConfiguration:
        this.kms === false
          ? undefined
          : {
              type: choose(this.kms, 'CUSTOMER_MANAGED_KMS_KEY', 'AWS_OWNED_KEY'),
              kmsKeyId: props.kmsKeyArn,
              kmsDataKeyReusePeriodSeconds: choose(this.kms, 300, Token.asNumber(Token.nullValue())),
            },
      tags,
      // Creating a state machine with logging checks that the role may already deliver logs; and the first
      // execution needs the results role in place (its ARN may be computed, not referenced).
      dependsOn: [executionPolicy, resultsPolicy],
    });

    companions.attachTo(this.stateMachine.arn);
    this.stateMachineArn = this.stateMachine.arn;
    this.stateMachineName = this.stateMachine.name;
    this.roleArn = executionRole.arn;
    this.resultsRoleArn = resultsRole.arn;
    this.kmsKeyPolicyStatementsJson =
      this.kms === false
        ? undefined
        : choose(this.kms, renderPolicyDocument(this, 'KmsKeyPolicyStatements', buildKmsKeyPolicyStatements({ partition, region, accountId: this.accountId })).json, Token.asString(Token.nullValue()));

    if (props.alarm) this.createAlarm(props.alarm);
  }

  /** The generator checks the wait, retry and connection options; its errors are reported under the prop names. */
  private buildDefinition(options: DefinitionOptions): unknown {
    try {
      return buildDefinition(options, { isUnresolved: (value: unknown) => Token.isUnresolved(value) });
    } catch (error) {
      if (!(error instanceof DefinitionOptionsError)) throw error;
      const prop = PROP_BY_DEFINITION_OPTION[error.option as keyof DefinitionOptions] ?? error.option;
      throw new ConstructValidationError(this.node.path, prop, `is invalid: ${error.message}`);
    }
  }

  /**
   * Runs a constant query list on a schedule: an EventBridge rule, or an EventBridge Scheduler schedule when
   * `scheduler` options (timezone, flexible window) are given.
   */
  addSchedule(options: ScheduleOptions): void {
    addSchedule(this, `Schedule${++this.triggerCount}`, options, this.triggerContext());
  }

  /** Starts an execution for every event matching a pattern, with an input that is always a valid query list. */
  addEventTrigger(options: EventTriggerOptions): void {
    addEventTrigger(this, `EventTrigger${++this.triggerCount}`, options, this.triggerContext());
  }

  private triggerContext(): TriggerContext {
    return {
      queryContext: {
        hasDefaultTarget: this.props.defaultClusterId !== undefined || this.props.defaultWorkgroupName !== undefined,
        hasDefaultDatabase: this.props.defaultDb !== undefined,
      },
      resources: () => this.triggerResources(),
    };
  }

  private triggerResources(): TriggerResources {
    if (!this.triggerRole) {
      const { trust, policy } = buildTriggerRolePolicies({ accountId: this.accountId, stateMachineArn: this.stateMachineArnExpected });
      this.triggerRole = this.createRole('TriggerRole', 'trigger-', 'Lets EventBridge rules and schedules start this state machine', trust);
      this.attachPolicy('TriggerRolePolicy', this.triggerRole, policy);
    }
    return {
      role: this.triggerRole,
      stateMachineArn: this.stateMachineArn,
      namePrefix: this.namePrefix,
      tags: this.props.tags,
      kmsKeyArn: this.props.kmsKeyArn,
      kms: this.kms,
      attachPolicy: (id, statements, when = true) => {
        const policy = this.attachPolicy(id, this.triggerRole!, statements);
        countWhen(policy, when);
        return policy;
      },
    };
  }

  private createRole(id: string, suffix: string, description: string, trust: readonly PolicyStatement[], name?: string): IamRole {
    return new IamRole(this, id, {
      name,
      namePrefix: name === undefined ? `${this.namePrefix}${suffix}` : undefined,
      description,
      // A valid IAM path may hold `${` or `%{`: escaped, or Terraform would read a template.
      path: escapeTerraformTemplate(this.props.iamPath ?? PROP_DEFAULTS.iamPath),
      permissionsBoundary: this.props.permissionsBoundary,
      assumeRolePolicy: renderPolicyDocument(this, `${id}Trust`, trust).json,
      tags: this.props.tags,
    });
  }

  private attachPolicy(id: string, role: IamRole, statements: readonly PolicyStatement[]): IamRolePolicy {
    return new IamRolePolicy(this, id, {
      role: role.id,
      namePrefix: this.namePrefix,
      policy: renderPolicyDocument(this, `${id}Document`, statements).json,
    });
  }

  private createAlarm(alarm: NonNullable<RedshiftQueryStepFunctionProps['alarm']>): void {
    const period = alarm.periodSeconds ?? PROP_DEFAULTS.alarmPeriodSeconds;
    const metric = (id: string, metricName: string) => ({
      id,
      metric: {
        namespace: 'AWS/States',
        metricName,
        dimensions: { StateMachineArn: this.stateMachineArn },
        period,
        stat: 'Sum',
      },
    });
    const created = isSet(alarm.snsTopicArn);
    if (created === false) return;
    const resource = new CloudwatchMetricAlarm(this, 'FailedExecutionsAlarm', {
      alarmName: `${this.stateMachineName}-failed-executions`,
      alarmDescription: 'Executions of the Redshift query state machine failed or timed out.',
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      evaluationPeriods: 1,
      threshold: alarm.threshold ?? PROP_DEFAULTS.alarmThreshold,
      treatMissingData: 'notBreaching',
      metricQuery: [
        metric('failed', 'ExecutionsFailed'),
        metric('timedOut', 'ExecutionsTimedOut'),
        { id: 'failedOrTimedOut', expression: 'failed + timedOut', label: 'Failed or timed-out executions', returnData: true },
      ],
      alarmActions: [alarm.snsTopicArn],
      okActions: [alarm.snsTopicArn],
      tags: this.props.tags,
    });
    countWhen(resource, created);
  }
}

/** `<prefix><8 hex of the construct address>`: stable across synths, unique per construct path in an app. */
function generatedName(prefix: string, address: string): string {
  return `${prefix}${createHash('sha256').update(address).digest('hex').slice(0, 8)}`;
}
