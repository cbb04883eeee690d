import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformLocal, TerraformOutput, TerraformResource, TerraformStack, TerraformVariable, Token } from 'cdktf';
import { ModuleBuildError } from './errors';
import { Construct } from 'constructs';
import { RedshiftQueryStepFunction, RedshiftQueryStepFunctionProps } from '../construct';
import { createModuleInputs, ModuleInputs } from './module-inputs';
import { MODULE_OUTPUTS } from './module-outputs';
import { ModuleVariant } from './module-variants';
import { MODULE_AWS_PROVIDER_RANGE, MODULE_TERRAFORM_RANGE, removeProviderAndBackend } from './portable-stack';

/** The construct's id inside a variant stack (part of every resource address in state: keep it stable). */
export const CONSTRUCT_ID = 'redshift_query';

/**
 * One shape of the module (see {@link ModuleVariant}): the construct with every prop bound to a variable of the same
 * name in snake_case. The root module validates the variables; this inner module only maps them.
 */
export class RedshiftQueryVariantStack extends TerraformStack {
  readonly inputs: ModuleInputs;
  readonly construct: RedshiftQueryStepFunction;

  constructor(scope: Construct, id: string, readonly variant: ModuleVariant) {
    super(scope, id);
    new AwsProvider(this, 'aws', {});
    removeProviderAndBackend(this, MODULE_AWS_PROVIDER_RANGE, MODULE_TERRAFORM_RANGE);
    this.inputs = createModuleInputs(this, { validations: false });
    new DataAwsRegion(this, 'region');

    this.construct = new RedshiftQueryStepFunction(this, CONSTRUCT_ID, this.props());

    // A token topic ARN is always "set" for the construct; the alarm exists only when the variable is.
    const alarm = this.construct.node.tryFindChild('FailedExecutionsAlarm');
    if (!(alarm instanceof TerraformResource)) {
      throw new ModuleBuildError(`the construct created no FailedExecutionsAlarm resource to make conditional on alarm_sns_topic_arn (variant ${variant.id})`);
    }
    alarm.addOverride('count', '${var.alarm_sns_topic_arn == null ? 0 : 1}');
    // The cleanup machine always exists (idle, free); its rule's target is what cancel_on_stop switches.
    const stoppedTarget = this.construct.node.tryFindChild('Companions')?.node.tryFindChild('ExecutionStoppedTarget');
    if (!(stoppedTarget instanceof TerraformResource)) {
      throw new ModuleBuildError(`the construct created no ExecutionStoppedTarget to make conditional on cancel_on_stop (variant ${variant.id})`);
    }
    stoppedTarget.addOverride('count', '${var.cancel_on_stop ? 1 : 0}');

    const attributes: Record<(typeof MODULE_OUTPUTS)[number]['name'], string> = {
      state_machine_arn: this.construct.stateMachineArn,
      state_machine_name: this.construct.stateMachineName,
      results_role_arn: this.construct.resultsRoleArn,
      role_arn: this.construct.roleArn,
    };
    for (const output of MODULE_OUTPUTS) {
      // Construct ids must differ from the variables' (same names); the Terraform name is the output's.
      new TerraformOutput(this, `${output.name}_output`, { value: attributes[output.name], description: output.description }).overrideLogicalId(
        output.name,
      );
    }
  }

  private props(): RedshiftQueryStepFunctionProps {
    const { variant } = this;
    const text = (name: string) => this.variable(name).stringValue;
    const number = (name: string) => this.variable(name).numberValue;
    const bool = (name: string) => this.variable(name).booleanValue as unknown as boolean;
    // Free-form strings land inside the definition's JSON text: interpolate their JSON-escaped form (quotes, `\`).
    const jsonText = (name: string) =>
      this.local(`${name}_json_text`, `\${substr(jsonencode(var.${name}), 1, length(jsonencode(var.${name})) - 2)}`).asString;

    const common: RedshiftQueryStepFunctionProps = {
      stateMachineName: text('state_machine_name'),
      namePrefix: text('name_prefix'),
      // Always a fixed name, so the results role ARN, and with it the whole definition, is known at plan time: the
      // provider validates the definition on the first plan. The derived name is unique per account: the state
      // machine name is unique per region, and the hash covers the region and the full (untruncated) name.
      resultsRoleName: this.local(
        'fixed_results_role_name',
        '${var.results_role_name != null ? var.results_role_name : format("%s-%s-results", substr(join("", [var.name_prefix, var.state_machine_name]), 0, 47), substr(sha256(join("/", [data.aws_region.region.name, var.name_prefix, var.state_machine_name])), 0, 8))}',
      ).asString,
      initialWaitTime: number('initial_wait_time'),
      baseWaitTime: number('base_wait_time'),
      waitMultiplier: number('wait_multiplier'),
      maxWait: number('max_wait'),
      maxRetries: number('max_retries'),
      retryErrorMatch: jsonText('retry_error_match'),
      // null = no limit; a null cannot be interpolated into the definition text, the JSON literal `null` can.
      defaultTimeoutSeconds: this.local(
        'default_timeout_seconds_json',
        '${var.default_timeout_seconds == null ? "null" : var.default_timeout_seconds}',
      ).asNumber,
      defaultDb: jsonText('default_db'),
      completionMode: text('completion_mode') as 'event',
      eventFallbackSeconds: number('event_fallback_seconds'),
      cancelOnStop: bool('cancel_on_stop'),
      resultsRoleAwsPrincipals: this.variable('results_role_aws_principals').listValue,
      permissionsBoundary: text('permissions_boundary'),
      iamPath: text('iam_path'),
      logging: { level: text('logging_level') as 'ERROR', includeExecutionData: bool('logging_include_execution_data') },
      logRetentionDays: number('log_retention_days'),
      tracing: bool('tracing'),
      kmsKeyArn: variant.kms ? text('kms_key_arn') : undefined,
      alarm: { snsTopicArn: text('alarm_sns_topic_arn'), periodSeconds: number('alarm_period_seconds'), threshold: number('alarm_threshold') },
      tags: Token.asStringMap(this.variable('tags').value),
    };
    const auth: Partial<RedshiftQueryStepFunctionProps> =
      variant.auth === 'secret'
        ? { defaultSecretArn: text('default_secret_arn') }
        : variant.auth === 'db-user'
          ? { defaultUser: jsonText('default_user'), allowedUserId: this.local('scope_user_id', '${coalesce(var.allowed_user_id, var.default_user)}').asString }
          : {};
    if (variant.target === 'cluster') {
      return {
        ...common,
        ...auth,
        defaultClusterId: text('default_cluster_id'),
        allowedClusterId: this.local('scope_cluster_id', '${coalesce(var.allowed_cluster_id, var.default_cluster_id)}').asString,
        allowedDbName: this.local('scope_db_name', '${coalesce(var.allowed_db_name, var.default_db)}').asString,
      };
    }
    return { ...common, ...auth, defaultWorkgroupName: text('default_workgroup_name'), allowedWorkgroupArn: this.workgroupScope() };
  }

  /** The construct's "no ARN given" scope (every workgroup of the account and region), chosen at plan time. */
  private workgroupScope(): string {
    new DataAwsPartition(this, 'partition');
    new DataAwsCallerIdentity(this, 'account');
    const wildcard =
      'arn:${data.aws_partition.partition.partition}:redshift-serverless:${data.aws_region.region.name}:${data.aws_caller_identity.account.account_id}:workgroup/*';
    return this.local(
      'scope_workgroup_arn',
      `\${var.allowed_workgroup_arn != null ? var.allowed_workgroup_arn : startswith(var.default_workgroup_name, "arn:") ? var.default_workgroup_name : "${wildcard}"}`,
    ).asString;
  }

  private variable(name: string): TerraformVariable {
    const variable = this.inputs[name];
    if (variable === undefined) throw new ModuleBuildError(`module variable ${name} is not declared in MODULE_VARIABLES`);
    return variable;
  }

  /** A named local (`local.<name>`); its name must differ from every variable's. */
  private local(name: string, expression: string): TerraformLocal {
    return new TerraformLocal(this, name, expression);
  }
}
