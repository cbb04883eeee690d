import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { Lazy, Token } from 'cdktf';
import { Construct } from 'constructs';
import { buildDefinition, DefinitionOptionsError, withDefinitionDefaults, type DefinitionOptions } from '../definition';
import {
  buildCompletionTableAccess,
  buildPolicies,
  buildTriggerRolePolicies,
  findSdkTasks,
  sdkActionsOf,
  type PolicyStatement,
} from '../iam';
import { ConstructValidationError } from './errors';
import { completionTableName, EventCompanions } from './event-completion';
import { checkEventModeTarget, deploymentIdOf } from './event-mode-checks';
import { addEventTrigger, type EventTriggerOptions } from './event-trigger';
import { PROP_DEFAULTS, type RedshiftQueryStepFunctionProps } from './props';
import { resolveRedshiftTarget } from './redshift-target';
import { renderPolicyDocument } from './render-policy';
import { addSchedule, type ScheduleOptions } from './schedule';
import { toTerraformJson } from './terraform-json';
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
    // Statement names carry it: the event rule and the cleanup machine find this deployment's statements by it.
    const deploymentId = deploymentIdOf(this, this.namePrefix, props.stateMachineName);
    const tags = props.tags;

    // Everything that can reject the props runs before the first resource is created (lazy ARNs resolve at synth).
    let resources: { partition: string; accountId: string; executionRole?: IamRole; resultsRole?: IamRole } | undefined;
    const lazy = (produce: () => string) => Lazy.stringValue({ produce });
    const executionRoleArn = lazy(() => resources!.executionRole!.arn);
    // A fixed results role name gives an ARN Terraform knows at plan time, so the definition is planned in full.
    const resultsRoleArn =
      props.resultsRoleName !== undefined
        ? lazy(() => `arn:${resources!.partition}:iam::${resources!.accountId}:role${props.iamPath ?? PROP_DEFAULTS.iamPath}${props.resultsRoleName}`)
        : lazy(() => resources!.resultsRole!.arn);

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
      completionTableName: eventMode ? completionTableName(deploymentId) : undefined,
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
    resources = { partition, accountId: this.accountId };
    const companions = new EventCompanions(
      this,
      'Companions',
      {
        partition,
        region,
        accountId: this.accountId,
        namePrefix: this.namePrefix,
        deploymentId,
        resultsRoleArn,
        tags,
        createRole: (id, suffix, description, trust) => this.createRole(`Companions${id}`, suffix, description, trust),
        attachPolicy: (id, role, statements) => this.attachPolicy(`Companions${id}`, role, statements),
      },
      { eventMode, cancelOnStop },
    );
    const stateMachineArnPattern = `arn:${partition}:states:${region}:${this.accountId}:stateMachine:${
      props.stateMachineName ?? `${this.namePrefix}*`
    }`;
    const logLevel = props.logging?.level ?? PROP_DEFAULTS.logLevel;
    const logging = logLevel !== 'OFF';
    const tracing = props.tracing ?? PROP_DEFAULTS.tracing;

    const policies = buildPolicies({
      partition,
      region,
      accountId: this.accountId,
      stateMachineArnPattern,
      executionRoleArn,
      cleanupRoleArn: companions.cleanupRole?.arn,
      resultsRoleArn,
      redshiftDataActions: sdkActionsOf(this.definition)
        .filter((action) => action.startsWith('redshift-data:'))
        .concat(companions.cleanupRole ? ['redshift-data:ListStatements', 'redshift-data:CancelStatement'] : []),
      target: resolveRedshiftTarget(props),
      resultsPrincipals: props.resultsRoleAwsPrincipals ?? [],
      logging,
      tracing: tracing !== false,
      kmsKeyArn: props.kmsKeyArn,
    });

    const executionRole = this.createRole('ExecutionRole', 'sfn-', 'Step Functions execution role: may only assume the results role', policies.executionRoleTrust);
    const resultsRole = this.createRole('ResultsRole', 'results-', 'Runs the Redshift Data API calls of the state machine and reads their results', policies.resultsRoleTrust, props.resultsRoleName);
    resources = { ...resources, executionRole, resultsRole };
    const executionPolicy = this.attachPolicy('ExecutionRolePolicy', executionRole, [
      ...policies.executionRolePolicy,
      ...(companions.table ? buildCompletionTableAccess(companions.table.arn) : []),
    ]);
    const resultsPolicy = this.attachPolicy('ResultsRolePolicy', resultsRole, policies.resultsRolePolicy);

    const logGroup = logging
      ? new CloudwatchLogGroup(this, 'LogGroup', {
          namePrefix: `/aws/vendedlogs/states/${this.namePrefix}`,
          retentionInDays: props.logRetentionDays ?? PROP_DEFAULTS.logRetentionDays,
          kmsKeyId: props.kmsKeyArn,
          tags,
        })
      : undefined;

    this.stateMachine = new SfnStateMachine(this, 'StateMachine', {
      name: props.stateMachineName,
      namePrefix: props.stateMachineName === undefined ? this.namePrefix : undefined,
      type: 'STANDARD',
      roleArn: executionRole.arn,
      definition: toTerraformJson(this.definition, Object.values(options)),
      loggingConfiguration: logGroup
        ? {
            level: logLevel,
            includeExecutionData: props.logging?.includeExecutionData ?? PROP_DEFAULTS.includeExecutionData,
            logDestination: `${logGroup.arn}:*`,
          }
        : undefined,
      tracingConfiguration: { enabled: tracing },
      encryptionConfiguration: props.kmsKeyArn
        ? { type: 'CUSTOMER_MANAGED_KMS_KEY', kmsKeyId: props.kmsKeyArn, kmsDataKeyReusePeriodSeconds: 300 }
        : undefined,
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
      const { trust, policy } = buildTriggerRolePolicies({ accountId: this.accountId, stateMachineArn: this.stateMachineArn });
      this.triggerRole = this.createRole('TriggerRole', 'trigger-', 'Lets EventBridge rules and schedules start this state machine', trust);
      this.attachPolicy('TriggerRolePolicy', this.triggerRole, policy);
    }
    return {
      role: this.triggerRole,
      stateMachineArn: this.stateMachineArn,
      namePrefix: this.namePrefix,
      tags: this.props.tags,
      kmsKeyArn: this.props.kmsKeyArn,
      attachPolicy: (id, statements) => this.attachPolicy(id, this.triggerRole!, statements),
    };
  }

  private createRole(id: string, suffix: string, description: string, trust: readonly PolicyStatement[], name?: string): IamRole {
    return new IamRole(this, id, {
      name,
      namePrefix: name === undefined ? `${this.namePrefix}${suffix}` : undefined,
      description,
      path: this.props.iamPath ?? PROP_DEFAULTS.iamPath,
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
    new CloudwatchMetricAlarm(this, 'FailedExecutionsAlarm', {
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
  }
}
