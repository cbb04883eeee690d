import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { TerraformVariable, Testing } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest'; // types of the cdktf jest matchers
import { LOG_DELIVERY_ACTIONS, sdkActionsOf } from '../../lib/iam';
import { unescapeTerraformTemplate } from '../../lib/local-run';
import { CLUSTER_USER, only, parseDefinition, resourceName, statementsOf, synth } from './synth-helpers';

Testing.setupJest();

const READER_EXTRAS = ['redshift-data:DescribeStatement', 'redshift-data:GetStatementResult'];

describe('RedshiftQueryStepFunction', () => {
  test('wires the state machine to its execution role, and every Redshift Data task to the results role', () => {
    const { text, json } = synth(CLUSTER_USER);
    const executionRole = resourceName(json, 'aws_iam_role', 'ExecutionRole');
    const resultsRole = resourceName(json, 'aws_iam_role', 'ResultsRole');
    expect(text).toHaveResourceWithProperties(SfnStateMachine, {
      role_arn: `\${aws_iam_role.${executionRole}.arn}`,
      type: 'STANDARD',
    });
    // A fixed name (prefix + hash of the construct path), so conditions can name this exact machine.
    expect(only(json, 'aws_sfn_state_machine').name).toMatch(/^redshift-query-[0-9a-f]{8}$/);
    const definition = parseDefinition(only(json, 'aws_sfn_state_machine').definition);
    const roleArns = new Set<string>();
    const collect = (node: any): void => {
      if (node && typeof node === 'object') {
        if (node.Credentials) roleArns.add(node.Credentials.RoleArn);
        Object.values(node).forEach(collect);
      }
    };
    collect(definition);
    expect([...roleArns]).toEqual([`REF(aws_iam_role.${resultsRole}.arn)`]);
  });

  test('the results role grants exactly the definition actions plus the reader extras; the execution role none', () => {
    const { json } = synth({ ...CLUSTER_USER, resultsRoleAwsPrincipals: ['210987654321'] });
    const definitionActions = sdkActionsOf(parseDefinition(only(json, 'aws_sfn_state_machine').definition));
    expect(definitionActions).toEqual(expect.arrayContaining(['redshift-data:ExecuteStatement', 'redshift-data:DescribeStatement']));

    const policies = json.resource.aws_iam_role_policy;
    const resultsPolicy = Object.entries(policies).find(([name]) => name.includes('ResultsRolePolicy'))![1];
    const executionPolicy = Object.entries(policies).find(([name]) => name.includes('ExecutionRolePolicy'))![1];
    const allowed = (statements: Array<Record<string, any>>) =>
      statements.filter((s) => s.effect === 'Allow').flatMap((s) => s.actions as string[]);

    const resultsAllowed = allowed(statementsOf(json, resultsPolicy.policy));
    // Plus ListStatements for the cancel-on-stop cleanup, which runs as the results role.
    const dataApiActions = definitionActions.filter((action) => action.startsWith('redshift-data:'));
    expect(resultsAllowed.filter((action) => action.startsWith('redshift-data:')).sort()).toEqual(
      [...new Set([...dataApiActions, ...READER_EXTRAS, 'redshift-data:ListStatements'])].sort(),
    );
    expect(resultsAllowed.filter((action) => !action.startsWith('redshift-data:'))).toEqual(['redshift:GetClusterCredentials']);
    // The event-mode callback task writes its token to the completion table with the execution role.
    expect(definitionActions.filter((action) => !action.startsWith('redshift-data:'))).toEqual(['dynamodb:UpdateItem']);
    expect(allowed(statementsOf(json, executionPolicy.policy))).toEqual(['sts:AssumeRole', ...LOG_DELIVERY_ACTIONS, 'dynamodb:UpdateItem']);
  });

  test('Redshift resources are scoped to the configured cluster, database and user', () => {
    const { json } = synth(CLUSTER_USER);
    const resultsPolicy = Object.entries(json.resource.aws_iam_role_policy).find(([name]) => name.includes('ResultsRolePolicy'))![1];
    const statements = statementsOf(json, resultsPolicy.policy);
    const arnTail = (resource: string) => resource.replace(/^.*:(cluster|dbuser|dbname):/, '$1:');
    const submit = statements.find((s) => s.sid === 'SubmitStatementsToTarget')!;
    expect(submit.resources.map(arnTail)).toEqual(['cluster:analytics']);
    const credentials = statements.find((s) => s.sid === 'GetClusterCredentialsForDbUser')!;
    expect(credentials.resources.map(arnTail)).toEqual(['dbuser:analytics/etl', 'dbname:analytics/dev']);
  });

  test('results principals must tag their session; without principals nobody else is trusted', () => {
    const withReaders = synth({ ...CLUSTER_USER, resultsRoleAwsPrincipals: ['210987654321'] }).json;
    const resultsRole = withReaders.resource.aws_iam_role[resourceName(withReaders, 'aws_iam_role', 'ResultsRole')];
    const readerStatement = statementsOf(withReaders, resultsRole.assume_role_policy).find((s) => s.sid === 'TrustResultsReadersWithSessionTag')!;
    expect(readerStatement.principals).toEqual([{ type: 'AWS', identifiers: ['210987654321'] }]);
    expect(readerStatement.condition).toEqual([{ test: 'StringEquals', variable: 'aws:RequestTag/RedshiftQueryAccess', values: ['results-reader'] }]);

    const alone = synth(CLUSTER_USER).json;
    const trust = statementsOf(alone, alone.resource.aws_iam_role[resourceName(alone, 'aws_iam_role', 'ResultsRole')].assume_role_policy);
    expect(trust.map((s) => s.sid)).toEqual(['TrustStateMachineExecutionRole']);
  });

  test('logs at ERROR level without execution data by default, to a log group with retention', () => {
    const { text, json } = synth(CLUSTER_USER);
    const logGroup = resourceName(json, 'aws_cloudwatch_log_group', 'LogGroup');
    expect(text).toHaveResourceWithProperties(SfnStateMachine, {
      logging_configuration: { level: 'ERROR', include_execution_data: false, log_destination: `\${aws_cloudwatch_log_group.${logGroup}.arn}:*` },
    });
    expect(text).toHaveResourceWithProperties(CloudwatchLogGroup, { retention_in_days: 30, name_prefix: '/aws/vendedlogs/states/redshift-query-' });
  });

  test('logging OFF creates no log group and no log permissions; KMS and tracing reach the state machine and log group', () => {
    const off = synth({ ...CLUSTER_USER, logging: { level: 'OFF' } });
    expect(off.json.resource.aws_cloudwatch_log_group).toBeUndefined();
    expect(JSON.stringify(off.json)).not.toContain('logs:CreateLogDelivery');

    const key = 'arn:aws:kms:us-east-1:123456789012:key/abcd';
    const { text, json } = synth({ ...CLUSTER_USER, kmsKeyArn: key, tracing: true, logging: { level: 'ALL', includeExecutionData: true }, logRetentionDays: 7 });
    expect(only(json, 'aws_sfn_state_machine')).toMatchObject({
      encryption_configuration: { type: 'CUSTOMER_MANAGED_KMS_KEY', kms_key_id: key, kms_data_key_reuse_period_seconds: 300 },
      tracing_configuration: { enabled: true },
      logging_configuration: { level: 'ALL', include_execution_data: true },
    });
    expect(text).toHaveResourceWithProperties(CloudwatchLogGroup, { kms_key_id: key, retention_in_days: 7 });
  });

  test('a fixed name pins the trust condition to that exact state machine', () => {
    const { json } = synth({ ...CLUSTER_USER, stateMachineName: 'nightly-etl' });
    expect(only(json, 'aws_sfn_state_machine').name).toBe('nightly-etl');
    const role = json.resource.aws_iam_role[resourceName(json, 'aws_iam_role', 'ExecutionRole')];
    const [trust] = statementsOf(json, role.assume_role_policy);
    expect(trust.condition[1].values[0]).toMatch(/:stateMachine:nightly-etl$/);
  });

  test('roles get generated names, the IAM path and the permissions boundary', () => {
    const boundary = 'arn:aws:iam::123456789012:policy/boundary';
    const { json } = synth({ ...CLUSTER_USER, namePrefix: 'etl-', iamPath: '/data/', permissionsBoundary: boundary, tags: { team: 'data' } });
    for (const role of Object.values(json.resource.aws_iam_role)) {
      expect(role.name).toBeUndefined();
      expect(role.name_prefix).toMatch(/^etl-/);
      expect(role).toMatchObject({ path: '/data/', permissions_boundary: boundary, tags: { team: 'data' } });
    }
  });

  test('an alarm on failed or timed-out executions notifies the topic', () => {
    const topic = 'arn:aws:sns:us-east-1:123456789012:alerts';
    const { json } = synth({ ...CLUSTER_USER, alarm: { snsTopicArn: topic } });
    const alarm = only(json, 'aws_cloudwatch_metric_alarm');
    expect(alarm.alarm_actions).toEqual([topic]);
    expect(alarm.metric_query.map((query: any) => query.metric?.metric_name ?? query.expression)).toEqual([
      'ExecutionsFailed',
      'ExecutionsTimedOut',
      'failed + timedOut',
    ]);
  });

  test('synthesizes no Lambda function, whatever the options', () => {
    const { json } = synth({ ...CLUSTER_USER, resultsRoleAwsPrincipals: ['210987654321'], tracing: true }, (construct) => {
      construct.addSchedule({ schedule: 'rate(1 day)', queries: ['VACUUM'] });
      construct.addEventTrigger({ eventPattern: { source: ['aws.s3'] }, queriesPath: '$.detail.queries' });
    });
    expect(Object.keys(json.resource).filter((type) => type.includes('lambda'))).toEqual([]);
  });
});

describe('RedshiftQueryStepFunction token props', () => {
  test('a number variable stays a JSON number in the definition (Terraform JSON-encodes it in place)', () => {
    const { json } = synth((stack) => ({
      ...CLUSTER_USER,
      maxRetries: new TerraformVariable(stack, 'max_retries', { type: 'number' }).numberValue,
      initialWaitTime: new TerraformVariable(stack, 'initial_wait_time', { type: 'number' }).numberValue,
    }));
    const definition: string = only(json, 'aws_sfn_state_machine').definition;
    expect(definition).toContain('"MaxRetries":${jsonencode(var.max_retries)}');
    expect(definition).toContain('"InitialWaitTime":${jsonencode(var.initial_wait_time)}');
    expect(definition).not.toMatch(/e\+\d{3}/); // no leaked number-token double
  });

  test('string variables reach the definition JSON-encoded by Terraform, and the IAM scope as references', () => {
    const { json } = synth((stack) => ({
      defaultClusterId: new TerraformVariable(stack, 'cluster', { type: 'string' }).stringValue,
      defaultDb: new TerraformVariable(stack, 'db', { type: 'string' }).stringValue,
    }));
    // jsonencode: a quote, backslash or null in the variable still gives valid JSON with the exact value.
    expect(only(json, 'aws_sfn_state_machine').definition).toContain('"ClusterIdentifier":${jsonencode(var.cluster)}');
    expect(only(json, 'aws_sfn_state_machine').definition).not.toContain('"${var.cluster}"');
    expect(JSON.stringify(json.data.aws_iam_policy_document)).toContain(':cluster:${var.cluster}');
  });
});

describe('RedshiftQueryStepFunction with a list variable of results principals', () => {
  test('renders the reader trust as a dynamic statement, so an empty list at plan time yields no statement', () => {
    const { json } = synth((stack) => ({
      ...CLUSTER_USER,
      resultsRoleAwsPrincipals: new TerraformVariable(stack, 'principals', { type: 'list(string)' }).listValue,
    }));
    const documents = json.data.aws_iam_policy_document;
    const resultsRole = json.resource.aws_iam_role[resourceName(json, 'aws_iam_role', 'ResultsRole')];
    const trust = documents[/data\.aws_iam_policy_document\.([^.]+)\.json/.exec(resultsRole.assume_role_policy)![1]];
    expect(trust.statement.map((s: { sid: string }) => s.sid)).toEqual(['TrustStateMachineExecutionRole']);
    const [dynamic] = trust.dynamic.statement;
    expect(dynamic.for_each).toBe('${(length(var.principals) >= 1) ? ["TrustResultsReadersWithSessionTag"] : []}');
    expect(dynamic.content).toMatchObject({
      sid: 'TrustResultsReadersWithSessionTag',
      principals: [{ type: 'AWS', identifiers: '${var.principals}' }],
      condition: [{ test: 'StringEquals', variable: 'aws:RequestTag/RedshiftQueryAccess', values: ['results-reader'] }],
    });
  });
});


describe('RedshiftQueryStepFunction with a fixed results role name', () => {
  test('the definition refers to the role by a computed ARN (known at plan), so Terraform plans it in full', () => {
    const { json } = synth({ ...CLUSTER_USER, resultsRoleName: 'etl-results', iamPath: '/data/' });
    const resultsRole = json.resource.aws_iam_role[resourceName(json, 'aws_iam_role', 'ResultsRole')];
    expect(resultsRole.name).toBe('etl-results');
    const machine = only(json, 'aws_sfn_state_machine');
    // The ARN is a local built from data sources (known at plan), JSON-encoded by Terraform where it is used.
    const local = /"RoleArn":\$\{jsonencode\(local\.([A-Za-z0-9_]+)\)\}/.exec(machine.definition)![1];
    expect((json as unknown as { locals: Record<string, string> }).locals[local]).toMatch(
      /^arn:\$\{data\.aws_partition\.[^}]+\}:iam::\$\{data\.aws_caller_identity\.[^}]+\}:role\/data\/etl-results$/,
    );
    expect(machine.depends_on).toHaveLength(2);
  });
});

describe('RedshiftQueryStepFunction with hostile string props (quotes, backslashes, ${, %{, unicode)', () => {
  const HOSTILE = 'd"b\\c${x}%{y}ü😀';
  test('every string reaching the definition arrives exactly (JSON.stringify), and ${ / %{ are escaped for Terraform', () => {
    const { json } = synth({
      defaultClusterId: 'analytics',
      defaultDb: 'dev',
      defaultUser: 'etl',
      // Database and user names are validated (letters, digits, _+.@-); the free-form strings are these two.
      retryErrorMatch: 'ERROR: "x" \\\\ \\$\\{y\\} %\\{z\\} ü😀 \\d+',
      iamPath: '/q"b\\c${d}/',
      resultsRoleName: 'etl-results',
    });
    const machine = only(json, 'aws_sfn_state_machine');
    const definition = JSON.parse(unescapeTerraformTemplate(machine.definition));
    expect(definition.States.Defaults.Assign.config).toMatchObject({
      RetryErrorMatch: 'ERROR: "x" \\\\ \\$\\{y\\} %\\{z\\} ü😀 \\d+',
      Connection: { ClusterIdentifier: 'analytics', Database: 'dev', DbUser: 'etl' },
    });
    // The results role ARN is a local: Terraform reads `$${d}` as the literal `${d}` of the IAM path.
    const local = /"RoleArn":\$\{jsonencode\(local\.([A-Za-z0-9_]+)\)\}/.exec(machine.definition)![1];
    expect((json as unknown as { locals: Record<string, string> }).locals[local]).toMatch(/:role\/q"b\\c\$\$\{d\}\/etl-results$/);
    for (const role of Object.values(json.resource.aws_iam_role)) expect(role.path).toBe('/q"b\\c$${d}/');
  });
});
