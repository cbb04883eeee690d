import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { RedshiftQueryStepFunction, type RedshiftQueryStepFunctionProps } from '../../lib/construct';

export interface Synthesized {
  /** The Terraform JSON string, for the cdktf jest matchers. */
  readonly text: string;
  readonly json: TerraformJson;
}

export interface TerraformJson {
  readonly resource: Record<string, Record<string, Record<string, any>>>;
  readonly data: Record<string, Record<string, Record<string, any>>>;
  readonly variable?: Record<string, unknown>;
}

export const CLUSTER_USER: RedshiftQueryStepFunctionProps = { defaultClusterId: 'analytics', defaultDb: 'dev', defaultUser: 'etl' };

/** Synthesizes one stack holding the construct; `configure` adds triggers or variables. */
export function synth(
  props: RedshiftQueryStepFunctionProps | ((stack: TerraformStack) => RedshiftQueryStepFunctionProps),
  configure?: (construct: RedshiftQueryStepFunction, stack: TerraformStack) => void,
): Synthesized {
  const stack = new TerraformStack(Testing.app(), 'stack');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const construct = new RedshiftQueryStepFunction(stack, 'Queries', typeof props === 'function' ? props(stack) : props);
  configure?.(construct, stack);
  const text = Testing.synth(stack);
  return { text, json: JSON.parse(text) };
}

/** Logical ids of the event-completion and cancel-on-stop companions (relay, cleanup, table, their rules and roles). */
export const isCompanion = (logicalId: string): boolean => logicalId.includes('Companions');

/** The only resource of a type, companions aside. */
export function only(json: TerraformJson, type: string): Record<string, any> {
  const resources = Object.entries(json.resource[type] ?? {}).filter(([id]) => !isCompanion(id)).map(([, resource]) => resource);
  if (resources.length !== 1) throw new Error(`expected one ${type}, found ${resources.length}`);
  return resources[0];
}

/** The statements of the policy document data source a resource's attribute references, e.g. `${data.aws_iam_policy_document.X.json}`. */
export function statementsOf(json: TerraformJson, reference: string): Array<Record<string, any>> {
  const name = /^\$\{data\.aws_iam_policy_document\.([^.]+)\.json\}$/.exec(reference)?.[1];
  if (!name) throw new Error(`not a policy document reference: ${reference}`);
  return json.data.aws_iam_policy_document[name].statement;
}

/** Name of the resource whose logical id contains `part`, e.g. `ResultsRole`. */
export function resourceName(json: TerraformJson, type: string, part: string): string {
  const names = Object.keys(json.resource[type] ?? {}).filter((name) => name.includes(part) && !name.includes(`${part}Policy`) && !isCompanion(name));
  if (names.length !== 1) throw new Error(`expected one ${type} named like ${part}, found ${names.join(', ')}`);
  return names[0];
}

/**
 * The definition as an object: Terraform escapes undone and `${...}` references replaced, so JSON.parse works:
 * a value Terraform encodes (`${jsonencode(var.x)}`) becomes the string "REF(var.x)", other unquoted interpolations
 * become 1234567.
 */
export function parseDefinition(definition: string): any {
  const placeholder = '\u0000';
  const text = definition
    .replace(/\$\$\{/g, placeholder)
    .replace(/%%\{/g, '%{')
    .replace(/\$\{jsonencode\(([^()]*)\)\}/g, '"REF($1)"')
    .replace(/"\$\{([^}]*)\}"/g, '"REF($1)"')
    .replace(/:\$\{([^}]*)\}/g, ':1234567')
    .replace(/\$\{([^}]*)\}/g, 'REF($1)')
    .split(placeholder)
    .join('${');
  return JSON.parse(text);
}
