/**
 * Redshift naming rules as data, so the construct (TypeScript) and the Terraform module (HCL `regex`, which is RE2)
 * apply the same rule with the same words. Every pattern is anchored and uses only syntax JavaScript and RE2 share.
 */

export interface NameRule {
  /** What the value names, e.g. `a cluster identifier`. */
  readonly what: string;
  readonly minLength: number;
  readonly maxLength: number;
  /** Characters and shape (length is checked apart, so the pattern stays simple). */
  readonly pattern: string;
  /** The character class every character belongs to, to point at the first one that does not. */
  readonly characters: string;
  /** Values the rule forbids whatever their case, e.g. `PUBLIC` as a user name. */
  readonly forbidden?: readonly string[];
  /** AWS's own words for the rule. */
  readonly awsRule: string;
  readonly source: string;
}

export const CLUSTER_IDENTIFIER_RULE: NameRule = {
  what: 'a cluster identifier',
  minLength: 1,
  maxLength: 63,
  pattern: '^[a-z](-?[a-z0-9])*$',
  characters: '[a-z0-9-]',
  awsRule:
    'Must contain from 1 to 63 alphanumeric characters or hyphens. Alphabetic characters must be lowercase. First character must be a letter. Cannot end with a hyphen or contain two consecutive hyphens.',
  source: 'https://docs.aws.amazon.com/redshift/latest/APIReference/API_CreateCluster.html',
};

export const WORKGROUP_NAME_RULE: NameRule = {
  what: 'a workgroup name',
  minLength: 3,
  maxLength: 64,
  pattern: '^[a-z0-9-]+$',
  characters: '[a-z0-9-]',
  awsRule: 'workgroupName: Length Constraints: Minimum length of 3. Maximum length of 64. Pattern: ^[a-z0-9-]+$',
  source: 'https://docs.aws.amazon.com/redshift-serverless/latest/APIReference/API_DeleteWorkgroup.html',
};

/** A workgroup ARN names the workgroup by id (a UUID), as the Data API's WorkgroupName pattern requires. */
export const WORKGROUP_ARN_PATTERN =
  '^arn:aws[a-z-]*:redshift-serverless:[a-z0-9-]+:[0-9]{12}:workgroup/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

/** The rule GetClusterCredentials and Serverless GetCredentials apply to DbName: the Data API gets credentials with it. */
export const DATABASE_NAME_RULE: NameRule = {
  what: 'a database name',
  minLength: 1,
  maxLength: 64,
  pattern: '^[A-Za-z][A-Za-z0-9_+.@-]*$',
  characters: '[A-Za-z0-9_+.@-]',
  awsRule:
    'Must be 1 to 64 alphanumeric characters or hyphens. Must contain uppercase or lowercase letters, numbers, underscore, plus sign, period (dot), at symbol (@), or hyphen. First character must be a letter. Must not contain a colon ( : ) or slash ( / ).',
  source: 'https://docs.aws.amazon.com/redshift/latest/APIReference/API_GetClusterCredentials.html',
};

export const DB_USER_RULE: NameRule = {
  what: 'a database user name',
  minLength: 1,
  maxLength: 64,
  pattern: '^[A-Za-z][A-Za-z0-9_+.@-]*$',
  characters: '[A-Za-z0-9_+.@-]',
  forbidden: ['PUBLIC'],
  awsRule:
    "Must be 1 to 64 alphanumeric characters or hyphens. The user name can't be PUBLIC. Must contain uppercase or lowercase letters, numbers, underscore, plus sign, period (dot), at symbol (@), or hyphen. First character must be a letter. Must not contain a colon ( : ) or slash ( / ).",
  source: 'https://docs.aws.amazon.com/redshift/latest/APIReference/API_GetClusterCredentials.html',
};

/** The rule as one sentence for error messages: what it names, AWS's words, where AWS says so. */
export function describeNameRule(rule: NameRule): string {
  return `must be ${rule.what}. AWS: "${rule.awsRule}" (${rule.source})`;
}

/** Why `value` breaks `rule`, or undefined. */
export function nameProblem(rule: NameRule, value: string): string | undefined {
  if (typeof value !== 'string') return `${describeNameRule(rule)} Received: ${JSON.stringify(value)}`;
  const length = [...value].length;
  const problem =
    length < rule.minLength || length > rule.maxLength
      ? `it has ${length} characters`
      : !new RegExp(rule.pattern).test(value)
        ? firstBadCharacter(rule, value)
        : rule.forbidden?.find((word) => word.toLowerCase() === value.toLowerCase()) !== undefined
          ? `${value} is a reserved name`
          : undefined;
  return problem && `${describeNameRule(rule)} Received: ${JSON.stringify(value)} (${problem}).`;
}

function firstBadCharacter(rule: NameRule, value: string): string {
  const allowed = new RegExp(`^${rule.characters}$`);
  const bad = [...value].find((ch) => !allowed.test(ch));
  if (bad !== undefined) return `${JSON.stringify(bad)} is not allowed`;
  if (!/^[A-Za-z]/.test(value)) return `it starts with ${JSON.stringify(value[0])}, not a letter`;
  if (value.endsWith('-')) return 'it ends with a hyphen';
  if (value.includes('--')) return 'it has two consecutive hyphens';
  return 'it breaks the pattern';
}
