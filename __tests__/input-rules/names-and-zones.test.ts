import {
  CLUSTER_IDENTIFIER_RULE,
  DATABASE_NAME_RULE,
  DB_USER_RULE,
  nameProblem,
  timeZoneProblem,
  WORKGROUP_NAME_RULE,
  type NameRule,
} from '../../lib/input-rules';

describe('Scheduler time zones', () => {
  test.each(['Europe/Paris', 'America/New_York', 'UTC', 'Etc/UTC', 'Etc/GMT+5', 'Asia/Kolkata', 'Asia/Calcutta', 'Europe/Kyiv', 'US/Eastern', 'EST5EDT', 'America/Argentina/Buenos_Aires'])(
    'accepts %s',
    (zone) => {
      expect(timeZoneProblem(zone)).toBeUndefined();
    },
  );

  test.each<[string, RegExp]>([
    ['europe/paris', /use 'Europe\/Paris'/],
    ['EUROPE/PARIS', /use 'Europe\/Paris'/],
    ['utc', /use 'UTC'/],
    ['us/eastern', /case-sensitive; it resolves to 'America\/New_York'/],
    ['US/EASTERN', /case-sensitive/],
    ['Paris', /not an IANA time zone name \(did you mean 'Europe\/Paris'\?\)/],
    ['Mars/Olympus', /not an IANA time zone name\./],
    ['', /must be an IANA time zone name/],
  ])('rejects %j: %s', (zone, message) => {
    const problem = timeZoneProblem(zone);
    expect(problem).toMatch(message);
    expect(problem).toContain('AWS: "ScheduleExpressionTimezone: The timezone in which the scheduling expression is evaluated."');
  });
});

describe('Redshift names', () => {
  test.each<[string, NameRule, string]>([
    ['cluster', CLUSTER_IDENTIFIER_RULE, 'analytics'],
    ['cluster, 63 characters', CLUSTER_IDENTIFIER_RULE, `a${'b'.repeat(62)}`],
    ['cluster with single hyphens', CLUSTER_IDENTIFIER_RULE, 'prod-1-analytics'],
    ['workgroup starting with a digit', WORKGROUP_NAME_RULE, '1st-wg'],
    ['database', DATABASE_NAME_RULE, 'sales_2024'],
    ['database with the characters GetClusterCredentials allows', DATABASE_NAME_RULE, 'Dev+x.y@z-1'],
    ['user', DB_USER_RULE, 'etl_user@corp'],
  ])('accepts a %s', (_name, rule, value) => {
    expect(nameProblem(rule, value)).toBeUndefined();
  });

  test.each<[string, NameRule, string, RegExp]>([
    ['cluster with capitals', CLUSTER_IDENTIFIER_RULE, 'Analytics', /"A" is not allowed/],
    ['cluster of 64 characters', CLUSTER_IDENTIFIER_RULE, `a${'b'.repeat(63)}`, /it has 64 characters/],
    ['cluster with two hyphens', CLUSTER_IDENTIFIER_RULE, 'a--b', /two consecutive hyphens/],
    ['cluster ending with a hyphen', CLUSTER_IDENTIFIER_RULE, 'analytics-', /ends with a hyphen/],
    ['cluster starting with a digit', CLUSTER_IDENTIFIER_RULE, '1analytics', /starts with "1", not a letter/],
    ['workgroup of 2 characters', WORKGROUP_NAME_RULE, 'wg', /it has 2 characters/],
    ['workgroup with an underscore', WORKGROUP_NAME_RULE, 'my_wg', /"_" is not allowed/],
    ['database with a quote (would break the IAM dbname ARN)', DATABASE_NAME_RULE, 'dev"x', /"\\"" is not allowed/],
    ['database with a slash', DATABASE_NAME_RULE, 'dev/prod', /"\/" is not allowed/],
    ['database with a template interpolation', DATABASE_NAME_RULE, 'dev${x}', /"\$" is not allowed/],
    ['database with a unicode letter', DATABASE_NAME_RULE, 'développement', /"é" is not allowed/],
    ['database of 65 characters', DATABASE_NAME_RULE, `d${'x'.repeat(64)}`, /65 characters/],
    ['database starting with an underscore', DATABASE_NAME_RULE, '_dev', /starts with "_", not a letter/],
    ['user PUBLIC', DB_USER_RULE, 'public', /public is a reserved name/],
    ['user with a colon', DB_USER_RULE, 'IAM:alice', /":" is not allowed/],
    ['user with a backslash', DB_USER_RULE, 'corp\\alice', /"\\\\" is not allowed/],
  ])('rejects a %s, quoting AWS', (_name, rule, value, message) => {
    const problem = nameProblem(rule, value);
    expect(problem).toMatch(message);
    expect(problem).toContain(`must be ${rule.what}. AWS: "${rule.awsRule}"`);
    expect(problem).toContain(rule.source);
  });

  test('patterns use only syntax Terraform (RE2) shares with JavaScript: no lookaround, no backreferences', () => {
    for (const rule of [CLUSTER_IDENTIFIER_RULE, WORKGROUP_NAME_RULE, DATABASE_NAME_RULE, DB_USER_RULE]) {
      expect(rule.pattern).not.toMatch(/\(\?[=!<]|\\[1-9]/);
      expect(rule.pattern.startsWith('^') && rule.pattern.endsWith('$')).toBe(true);
    }
  });
});
