import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { Fn, TerraformIterator, Token } from 'cdktf';
import { Construct } from 'constructs';
import type { PolicyStatement } from '../iam';

/**
 * Renders policy statements as an `aws_iam_policy_document` data source (evaluated by Terraform, no API call).
 * A statement whose principals are one list token (a module variable that may be `[]` at plan time) is rendered
 * as a dynamic block in a second document merged in, so an empty list yields no statement instead of an invalid one.
 */
export function renderPolicyDocument(scope: Construct, id: string, statements: readonly PolicyStatement[]): DataAwsIamPolicyDocument {
  const isDeferred = (statement: PolicyStatement) =>
    statement.principals?.some((principal) => Token.isUnresolved(principal.identifiers)) ?? false;
  const deferred = statements.filter(isDeferred);
  const document = new DataAwsIamPolicyDocument(scope, id, { statement: statements.filter((s) => !isDeferred(s)).map(toBlock) });
  if (deferred.length === 0) return document;
  const sources = deferred.map((statement, index) => {
    const principal = statement.principals!.find((p) => Token.isUnresolved(p.identifiers))!;
    // chunklist(list, n) is [] for an empty list and [list] otherwise: zero or one statement.
    const iterator = TerraformIterator.fromList(Fn.chunklist([...principal.identifiers], 1000));
    const block = toBlock({
      ...statement,
      principals: statement.principals!.map((p) => (p === principal ? { ...p, identifiers: Token.asList(iterator.value) } : p)),
    });
    return new DataAwsIamPolicyDocument(scope, `${id}Deferred${index + 1}`, { statement: iterator.dynamic(block as Record<string, unknown>) }).json;
  });
  return new DataAwsIamPolicyDocument(scope, `${id}Merged`, { sourcePolicyDocuments: [document.json, ...sources] });
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
