/** The module's outputs: named `<resource>_<attribute>` like terraform-aws-modules, and like the construct's attributes. */
export const MODULE_OUTPUTS = [
  { name: 'state_machine_arn', description: 'ARN of the Step Functions state machine that runs the SQL.' },
  { name: 'state_machine_name', description: 'Name of the state machine.' },
  {
    name: 'results_role_arn',
    description: 'ARN of the role every Redshift Data call runs under; principals assume it (with the reader session tag) to fetch statement results.',
  },
  { name: 'role_arn', description: 'ARN of the state machine execution role (it may only assume the results role).' },
  {
    name: 'kms_key_policy_statements_json',
    description:
      'With kms_key_arn: IAM policy JSON whose statements the key policy must hold (CloudWatch Logs encrypts the log group, delivery.logs.amazonaws.com decrypts for log delivery); null without a key.',
  },
] as const;

export type ModuleOutputName = (typeof MODULE_OUTPUTS)[number]['name'];
