import { TerraformStack, Token } from 'cdktf';
import type { Construct } from 'constructs';
import { PropChecks, isKnown } from './prop-checks';
import type { RedshiftQueryStepFunctionProps } from './props';

/**
 * A name unique to this deployment in its account and region: the fixed state machine name, else the name prefix
 * and a hash of the construct path (stable across deploys). StatementNames start with it.
 */
const ACCOUNT_OF_ARN = /^arn:aws[a-z-]*:[a-z-]+:[^:]*:(\d{12}):/;

/**
 * Event mode needs the Data API's events on this account's default bus: Redshift sends them to the account that
 * owns the database (the workgroup or cluster), so a target in another account would never wake an execution.
 * Known ARNs of the target are compared with the AWS provider's `allowedAccountIds` when it pins one account.
 */
export function checkEventModeTarget(constructPath: string, props: RedshiftQueryStepFunctionProps, scope?: Construct): void {
  const check = new PropChecks(constructPath);
  const targets: [keyof RedshiftQueryStepFunctionProps, string | undefined][] = [
    ['allowedWorkgroupArn', props.allowedWorkgroupArn],
    ['defaultWorkgroupName', props.defaultWorkgroupName],
  ];
  const accounts = targets
    .filter(([, value]) => isKnown(value))
    .map(([prop, value]) => [prop, ACCOUNT_OF_ARN.exec(value!)?.[1]] as const)
    .filter(([, account]) => account !== undefined);
  const own = scope ? providerAccountOf(scope) : undefined;
  const distinct = new Set(accounts.map(([, account]) => account));
  for (const [prop, account] of accounts) {
    if ((own !== undefined && account !== own) || distinct.size > 1) {
      check.fail(
        'completionMode',
        `cannot be "event" with ${prop} in account ${account}${own !== undefined ? ` while this stack deploys to ${own}` : ' (the target ARNs name different accounts)'}: ` +
          'the Data API sends statement events to the account that owns the database, where this stack\'s rule never sees them. Use completionMode "poll".',
      );
    }
  }
}

/** The single account the stack's AWS provider is pinned to (`allowedAccountIds`), when known. */
function providerAccountOf(scope: Construct): string | undefined {
  const stack = TerraformStack.of(scope);
  for (const child of stack.node.findAll()) {
    const allowed = (child as { allowedAccountIds?: unknown }).allowedAccountIds;
    if (child.constructor.name === 'AwsProvider' && Array.isArray(allowed) && allowed.length === 1 && !Token.isUnresolved(allowed[0])) {
      return String(allowed[0]);
    }
  }
  return undefined;
}
