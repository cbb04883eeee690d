import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformLocal, TerraformOutput, TerraformResource, TerraformStack, TerraformVariable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { RedshiftQueryStepFunction, type RedshiftQueryStepFunctionProps } from '../construct';
import { ModuleBuildError } from './errors';
import { LEGACY_RESOURCES, LEGACY_VARIANT_MODULES, type LegacyResource } from './legacy-variants';
import { createModuleInputs, ModuleInputs } from './module-inputs';
import { MODULE_OUTPUTS, type ModuleOutputName } from './module-outputs';
import { MODULE_AWS_PROVIDER_RANGE, MODULE_TERRAFORM_RANGE, removeProviderAndBackend } from './portable-stack';

/** The construct's id inside the module (part of every resource address in state: keep it stable). */
export const CONSTRUCT_ID = 'redshift_query';

/** One `moved` block (Terraform addresses, no `${}`). */
export interface MovedBlock {
  readonly from: string;
  readonly to: string;
}

/**
 * The construct as a Terraform module: every construct prop that makes sense in HCL is a variable (snake_case,
 * typed, documented, validated), bound to the prop of the same name; the construct's attributes are the outputs.
 * Variables are plan-time values, so the construct decides in Terraform (count, dynamic statements, conditionals)
 * what exists: one resource of each kind, whatever the variables, and changing one updates in place. No provider
 * block and no backend, so a caller's `aws` provider is used and `count` / `for_each` work on the module.
 */
export class RedshiftQueryModuleStack extends TerraformStack {
  readonly inputs: ModuleInputs;
  readonly construct: RedshiftQueryStepFunction;
  /** `moved` blocks from every resource address of the old variant layout. */
  readonly moved: readonly MovedBlock[];

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // cdktf needs a provider construct to bind resources; the overrides keep it out of the output.
    new AwsProvider(this, 'aws', {});
    removeProviderAndBackend(this, MODULE_AWS_PROVIDER_RANGE, MODULE_TERRAFORM_RANGE);
    this.inputs = createModuleInputs(this);
    new DataAwsRegion(this, 'current');

    this.construct = new RedshiftQueryStepFunction(this, CONSTRUCT_ID, this.props());

    const attributes: Record<ModuleOutputName, string | undefined> = {
      state_machine_arn: this.construct.stateMachineArn,
      state_machine_name: this.construct.stateMachineName,
      results_role_arn: this.construct.resultsRoleArn,
      role_arn: this.construct.roleArn,
      kms_key_policy_statements_json: this.construct.kmsKeyPolicyStatementsJson,
    };
    for (const output of MODULE_OUTPUTS) {
      // Construct ids must differ from the variables' (same names); the Terraform name is the output's.
      new TerraformOutput(this, `${output.name}_output`, { value: attributes[output.name], description: output.description }).overrideLogicalId(
        output.name,
      );
    }

    this.moved = movedFromLegacyVariants(this.construct);
    this.addOverride('moved', this.moved);
  }

  private props(): RedshiftQueryStepFunctionProps {
    const text = (name: string) => this.variable(name).stringValue;
    const number = (name: string) => this.variable(name).numberValue;
    const bool = (name: string) => this.variable(name).booleanValue as unknown as boolean;
    return {
      stateMachineName: text('state_machine_name'),
      namePrefix: text('name_prefix'),
      // Always a fixed name, so the results role ARN, and with it the whole definition, is known at plan time: the
      // provider validates the definition on the first plan. The derived name is unique per account: the state
      // machine name is unique per region, and the hash covers the region and the full (untruncated) name.
      resultsRoleName: new TerraformLocal(
        this,
        'fixed_results_role_name',
        '${var.results_role_name != null ? var.results_role_name : format("%s-%s-results", substr(join("", [var.name_prefix, var.state_machine_name]), 0, 47), substr(sha256(join("/", [data.aws_region.current.name, var.name_prefix, var.state_machine_name])), 0, 8))}',
      ).asString,
      initialWaitTime: number('initial_wait_time'),
      baseWaitTime: number('base_wait_time'),
      waitMultiplier: number('wait_multiplier'),
      maxWait: number('max_wait'),
      maxRetries: number('max_retries'),
      retryErrorMatch: text('retry_error_match'),
      defaultTimeoutSeconds: number('default_timeout_seconds'),
      defaultClusterId: text('default_cluster_id'),
      defaultWorkgroupName: text('default_workgroup_name'),
      defaultDb: text('default_db'),
      defaultUser: text('default_user'),
      defaultSecretArn: text('default_secret_arn'),
      allowedClusterId: text('allowed_cluster_id'),
      allowedUserId: text('allowed_user_id'),
      allowedDbName: text('allowed_db_name'),
      allowedWorkgroupArn: text('allowed_workgroup_arn'),
      resultsRoleAwsPrincipals: this.variable('results_role_aws_principals').listValue,
      permissionsBoundary: text('permissions_boundary'),
      iamPath: text('iam_path'),
      logging: { level: text('logging_level') as 'ERROR', includeExecutionData: bool('logging_include_execution_data') },
      logRetentionDays: number('log_retention_days'),
      tracing: bool('tracing'),
      kmsKeyArn: text('kms_key_arn'),
      alarm: { snsTopicArn: text('alarm_sns_topic_arn'), periodSeconds: number('alarm_period_seconds'), threshold: number('alarm_threshold') },
      tags: Token.asStringMap(this.variable('tags').value),
      completionMode: text('completion_mode') as 'event',
      eventFallbackSeconds: number('event_fallback_seconds'),
      cancelOnStop: bool('cancel_on_stop'),
    };
  }

  private variable(name: string): TerraformVariable {
    const variable = this.inputs[name];
    if (variable === undefined) throw new ModuleBuildError(`module variable ${name} is not declared in MODULE_VARIABLES`);
    return variable;
  }
}

/**
 * The old layout kept each resource at `module.<variant>[0].<address>`, one variant in state at a time. Terraform
 * allows one `moved` block per destination, so each resource gets a chain through every old variant:
 * `module.v1[0].R -> module.v2[0].R -> ... -> module.v10[0].R -> <new address>`; whichever variant a state holds,
 * the rest of the chain brings it to the new address.
 */
function movedFromLegacyVariants(construct: RedshiftQueryStepFunction): MovedBlock[] {
  const children: Record<LegacyResource, string> = {
    stateMachine: 'StateMachine',
    executionRole: 'ExecutionRole',
    resultsRole: 'ResultsRole',
    executionRolePolicy: 'ExecutionRolePolicy',
    resultsRolePolicy: 'ResultsRolePolicy',
    logGroup: 'LogGroup',
    alarm: 'FailedExecutionsAlarm',
  };
  const moved: MovedBlock[] = [];
  for (const [key, child] of Object.entries(children) as [LegacyResource, string][]) {
    const resource = construct.node.tryFindChild(child);
    if (!(resource instanceof TerraformResource)) throw new ModuleBuildError(`the construct has no ${child} resource to move the old module's ${key} to`);
    const counted = (resource as unknown as { rawOverrides: Record<string, unknown> }).rawOverrides.count !== undefined;
    const oldAddress = LEGACY_RESOURCES[key];
    // The old log group had no count; the new one does (instance 0). The alarm had a count in both layouts.
    const newAddress = `${resource.terraformResourceType}.${resource.friendlyUniqueId}${counted && key !== 'alarm' ? '[0]' : ''}`;
    const chain = [...LEGACY_VARIANT_MODULES.map((module) => `module.${module}[0].${oldAddress}`), newAddress];
    for (let index = 0; index + 1 < chain.length; index++) moved.push({ from: chain[index]!, to: chain[index + 1]! });
  }
  return moved;
}
