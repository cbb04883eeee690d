import type { RedshiftTarget } from '../iam';
import type { RedshiftQueryStepFunctionProps } from './props';

/**
 * The target and auth mode the results role is scoped to: the `allowed*` props when given (the seed's `'*'`
 * stays possible), else the defaults. {@link validateProps} guarantees a cluster or a workgroup is configured.
 */
export function resolveRedshiftTarget(props: RedshiftQueryStepFunctionProps): RedshiftTarget {
  const secret = props.defaultSecretArn;
  if (props.defaultWorkgroupName !== undefined || props.allowedWorkgroupArn !== undefined) {
    const workgroupArn =
      props.allowedWorkgroupArn ?? (props.defaultWorkgroupName?.startsWith('arn:') ? props.defaultWorkgroupName : undefined);
    return {
      kind: 'workgroup',
      workgroupArn,
      auth: secret !== undefined ? { kind: 'secret', secretArn: secret } : { kind: 'iam' },
    };
  }
  const dbUser = props.allowedUserId ?? props.defaultUser;
  return {
    kind: 'cluster',
    clusterId: (props.allowedClusterId ?? props.defaultClusterId) as string,
    dbName: (props.allowedDbName ?? props.defaultDb) as string,
    auth:
      secret !== undefined
        ? { kind: 'secret', secretArn: secret }
        : dbUser !== undefined
          ? { kind: 'dbUser', dbUser }
          : { kind: 'iam' },
  };
}
