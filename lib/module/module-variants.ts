/**
 * The construct decides at synth time which resources and IAM statements exist (cluster or workgroup, DbUser, secret
 * or IAM identity, KMS or not), while a module's variables are only known at plan time. The module therefore ships
 * one inner module per shape ("variant"), and its root instantiates exactly one of them with `count`, chosen from
 * which variables are set. Changing the shape later (e.g. from a DbUser to a secret) replaces the resources.
 */

export type VariantTarget = 'cluster' | 'workgroup';
export type VariantAuth = 'db-user' | 'secret' | 'iam';

export interface ModuleVariant {
  /** Folder and module-block name, e.g. `cluster-db-user-kms`. */
  readonly id: string;
  readonly target: VariantTarget;
  readonly auth: VariantAuth;
  /** Whether a customer managed KMS key encrypts the state machine and the log group. */
  readonly kms: boolean;
}

const SHAPES: readonly (readonly [VariantTarget, VariantAuth])[] = [
  ['cluster', 'db-user'],
  ['cluster', 'secret'],
  ['cluster', 'iam'],
  ['workgroup', 'secret'],
  ['workgroup', 'iam'],
];

export const MODULE_VARIANTS: readonly ModuleVariant[] = SHAPES.flatMap(([target, auth]) =>
  [false, true].map((kms) => ({ id: `${target}-${auth}${kms ? '-kms' : ''}`, target, auth, kms })),
);

/** The Terraform condition (an HCL expression, no `${}`) under which the root instantiates `variant`. */
export function variantCondition(variant: ModuleVariant): string {
  const target = variant.target === 'workgroup' ? 'var.default_workgroup_name != null' : 'var.default_workgroup_name == null';
  const auth =
    variant.auth === 'secret'
      ? 'var.default_secret_arn != null'
      : variant.auth === 'db-user'
        ? 'var.default_secret_arn == null && var.default_user != null'
        : 'var.default_secret_arn == null && var.default_user == null';
  const kms = variant.kms ? 'var.kms_key_arn != null' : 'var.kms_key_arn == null';
  return `${target} && ${auth} && ${kms}`;
}

/** Terraform module block name of a variant (`-` is allowed, but `_` reads like the other identifiers). */
export function variantModuleName(variant: ModuleVariant): string {
  return variant.id.replace(/-/g, '_');
}
