import type { PolicyStatement } from './types';

export interface IamPolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly Record<string, unknown>[];
}

/** Standard IAM JSON for statements (what `aws_iam_policy_document` renders), e.g. for a policy simulator. */
export function toPolicyDocument(statements: readonly PolicyStatement[]): IamPolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: statements.map((statement) => {
      const rendered: Record<string, unknown> = {
        Sid: statement.sid,
        Effect: statement.effect,
        Action: [...statement.actions],
      };
      if (statement.resources) rendered.Resource = [...statement.resources];
      if (statement.principals) {
        rendered.Principal = Object.fromEntries(
          statement.principals.map((principal) => [principal.type, [...principal.identifiers]]),
        );
      }
      if (statement.conditions) {
        const condition: Record<string, Record<string, string[]>> = {};
        for (const { test, variable, values } of statement.conditions) {
          condition[test] = { ...condition[test], [variable]: [...values] };
        }
        rendered.Condition = condition;
      }
      return rendered;
    }),
  };
}
