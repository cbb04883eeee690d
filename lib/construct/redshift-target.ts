import type { RedshiftTarget } from '../iam';
import { and, firstSet, isSet, or, startsWith } from './plan-time';
import type { RedshiftQueryStepFunctionProps } from './props';

/**
 * The target and sign-in the results role is scoped to: the `allowed*` props when given (the seed's `'*'` stays
 * possible), else the defaults. Props may be plan-time values that may be null: the answers are then switches that
 * Terraform evaluates. {@link validateProps} (and the module's validations) guarantee a cluster or a workgroup.
 */
export function resolveRedshiftTarget(props: RedshiftQueryStepFunctionProps): RedshiftTarget {
  const workgroupName = props.defaultWorkgroupName;
  const workgroupNameIsArn = workgroupName === undefined ? false : and(isSet(workgroupName), startsWith(workgroupName, 'arn:'));
  return {
    workgroup: or(isSet(workgroupName), isSet(props.allowedWorkgroupArn)),
    clusterId: firstSet(props.allowedClusterId, props.defaultClusterId),
    dbName: firstSet(props.allowedDbName, props.defaultDb),
    workgroupArn: firstSet(props.allowedWorkgroupArn, workgroupName),
    useWorkgroupArn: or(isSet(props.allowedWorkgroupArn), workgroupNameIsArn),
    secretArn: props.defaultSecretArn,
    useSecret: isSet(props.defaultSecretArn),
    dbUser: firstSet(props.allowedUserId, props.defaultUser),
    useDbUser: or(isSet(props.allowedUserId), isSet(props.defaultUser)),
  };
}
