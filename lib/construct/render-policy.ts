import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { Construct } from 'constructs';
import type { PolicyStatement } from '../iam';

/** Renders policy statements as an `aws_iam_policy_document` data source (local to Terraform, no API call). */
export function renderPolicyDocument(scope: Construct, id: string, statements: readonly PolicyStatement[]): DataAwsIamPolicyDocument {
  return new DataAwsIamPolicyDocument(scope, id, {
    statement: statements.map((statement) => ({
      sid: statement.sid,
      effect: statement.effect,
      actions: [...statement.actions],
      resources: statement.resources ? [...statement.resources] : undefined,
      principals: statement.principals?.map((principal) => ({ type: principal.type, identifiers: [...principal.identifiers] })),
      condition: statement.conditions?.map((condition) => ({
        test: condition.test,
        variable: condition.variable,
        values: [...condition.values],
      })),
    })),
  });
}
