import { FAKE_ACCOUNT_ID } from './fake-sts-server';
import { changesOfType, PlanJson } from './plan-json';

/**
 * A Terraform state (format 4) in which the IAM roles a first plan would create already exist, as after a first
 * `apply`. On a first plan the state machine definition is unknown (it holds the results role ARN, known only
 * after apply), so the provider does not validate it and `show -json` does not show it; planning again on top of this
 * state is the second plan of a real deployment: the definition is known, validated by the provider, and shown.
 */
export function stateWithExistingRoles(firstPlan: PlanJson): { state: object; roleArns: Record<string, string> } {
  const roleArns: Record<string, string> = {};
  const resources = changesOfType(firstPlan, 'aws_iam_role').map((change, index) => {
    const after = change.change.after ?? {};
    const namePrefix = String(after.name_prefix);
    const path = String(after.path ?? '/');
    const name = `${namePrefix}${String(20260101000000000000000001n + BigInt(index))}`;
    const arn = `arn:aws:iam::${FAKE_ACCOUNT_ID}:role${path}${name}`;
    roleArns[change.address] = arn;
    return {
      ...(change.module_address ? { module: change.module_address } : {}),
      mode: 'managed',
      type: 'aws_iam_role',
      name: change.name,
      provider: 'provider["registry.terraform.io/hashicorp/aws"]',
      instances: [
        {
          schema_version: 0,
          attributes: {
            arn,
            id: name,
            name,
            name_prefix: namePrefix,
            path,
            assume_role_policy: typeof after.assume_role_policy === 'string' ? after.assume_role_policy : '{}',
            description: after.description ?? null,
            force_detach_policies: after.force_detach_policies ?? false,
            max_session_duration: after.max_session_duration ?? 3600,
            permissions_boundary: after.permissions_boundary ?? null,
            tags: after.tags ?? null,
            tags_all: after.tags_all ?? after.tags ?? null,
            unique_id: `AROA${String(index).padStart(17, '0')}`,
            create_date: '2026-01-01T00:00:00Z',
            managed_policy_arns: [],
            inline_policy: [],
          },
        },
      ],
    };
  });
  return {
    state: { version: 4, terraform_version: '1.11.4', serial: 1, lineage: '00000000-0000-4000-8000-000000000001', outputs: {}, resources },
    roleArns,
  };
}
