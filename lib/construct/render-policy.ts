import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import type { PolicyStatement } from '../iam';

/**
 * Renders policy statements as an `aws_iam_policy_document` data source (evaluated by Terraform, no API call).
 * A statement that applies under a plan-time switch (`when` is a Terraform expression) becomes a
 * `dynamic "statement"` block with `for_each = <when> ? [sid] : []`: one document, whatever the configuration.
 */
export function renderPolicyDocument(scope: Construct, id: string, statements: readonly PolicyStatement[]): DataAwsIamPolicyDocument {
  const always = statements.filter((statement) => statement.when === undefined || statement.when === true);
  const planTime = statements.filter((statement) => statement.when !== undefined && typeof statement.when !== 'boolean');
  const document = new DataAwsIamPolicyDocument(scope, id, { statement: always.map(toBlock) });
  if (planTime.length > 0) {
    document.addOverride(
      'dynamic.statement',
      planTime.map((statement) => ({ for_each: Fn.conditional(statement.when, [statement.sid], []), content: toRawBlock(statement) })),
    );
  }
  return document;
}

function toBlock(statement: PolicyStatement): DataAwsIamPolicyDocumentStatement {
  return {
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
  };
}

/** The same block with Terraform's attribute names, for an override (written as is). */
function toRawBlock(statement: PolicyStatement): Record<string, unknown> {
  const block = toBlock(statement);
  return {
    sid: block.sid,
    effect: block.effect,
    actions: block.actions,
    ...(block.resources ? { resources: block.resources } : {}),
    ...(block.principals ? { principals: block.principals } : {}),
    ...(block.condition ? { condition: block.condition } : {}),
  };
}
