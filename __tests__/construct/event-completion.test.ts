/** The construct's event-completion and cancel-on-stop resources. */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { RedshiftQueryStepFunction, type RedshiftQueryStepFunctionProps } from '../../lib/construct';
import { COMPLETION_TABLE, RELAY_STATE_NAMES, STATE_NAMES } from '../../lib/definition';
import { CLUSTER_USER, only, parseDefinition, statementsOf, synth, type TerraformJson } from './synth-helpers';

const companions = (json: TerraformJson, type: string) =>
  Object.entries(json.resource[type] ?? {}).filter(([id]) => id.includes('Companions'));
const configOf = (json: TerraformJson) => parseDefinition(only(json, 'aws_sfn_state_machine').definition).States[STATE_NAMES.DEFAULTS].Assign.config;

describe('event mode (the default)', () => {
  const { json } = synth({ ...CLUSTER_USER, stateMachineName: 'nightly-etl' });

  test('an on-demand completion table with TTL, named after the deployment', () => {
    const [[, table]] = companions(json, 'aws_dynamodb_table') as [[string, Record<string, any>]];
    expect(table).toMatchObject({
      name: 'nightly-etl-completions',
      billing_mode: 'PAY_PER_REQUEST',
      hash_key: COMPLETION_TABLE.KEY,
      attribute: [{ name: COMPLETION_TABLE.KEY, type: 'S' }],
      ttl: { attribute_name: COMPLETION_TABLE.EXPIRES_AT, enabled: true },
    });
    expect(configOf(json)).toMatchObject({ CompletionMode: 'event', CompletionTable: 'nightly-etl-completions', StatementNamePrefix: 'nightly-etl', EventFallbackSeconds: 7200 });
  });

  test('relay and cleanup are Express machines; the relay writes to the table the main machine waits on', () => {
    const machines = Object.fromEntries(companions(json, 'aws_sfn_state_machine').map(([id, machine]) => [id.includes('Relay') ? 'relay' : 'cleanup', machine]));
    expect(machines.relay.type).toBe('EXPRESS');
    expect(machines.cleanup.type).toBe('EXPRESS');
    const relay = parseDefinition(machines.relay.definition);
    expect(relay.States[RELAY_STATE_NAMES.RECORD].Arguments.TableName).toMatch(/aws_dynamodb_table\..*\.name|nightly-etl-completions/);
    const cleanup = parseDefinition(machines.cleanup.definition);
    expect(cleanup.States.LetInFlightSubmitsLand.Assign.deploymentPrefix).toBe('nightly-etl');
    expect(JSON.stringify([relay, cleanup])).not.toMatch(/lambda/i);
  });

  test('rules: statement events of this deployment to the relay; stopped executions of this machine to the cleanup', () => {
    const rules = companions(json, 'aws_cloudwatch_event_rule').map(([, rule]) => parseDefinition(rule.event_pattern));
    expect(rules).toEqual(
      expect.arrayContaining([
        { source: ['aws.redshift-data'], 'detail-type': ['Redshift Data Statement Status Change'], detail: { statementName: [{ prefix: 'nightly-etl/' }] } },
        {
          source: ['aws.states'],
          'detail-type': ['Step Functions Execution Status Change'],
          detail: { stateMachineArn: [expect.stringMatching(/^REF\(aws_sfn_state_machine\.[^.]+\.arn\)$/)], status: ['ABORTED', 'TIMED_OUT', 'FAILED'] },
        },
      ]),
    );
    const targets = companions(json, 'aws_cloudwatch_event_target').map(([, target]) => target);
    expect(targets).toHaveLength(2);
    expect(targets.every((target) => /aws_iam_role\..*Companions.*\.arn/.test(target.role_arn))).toBe(true);
  });

  test('the execution role may update the completion table; the results role trusts the cleanup role', () => {
    const policy = Object.entries(json.resource.aws_iam_role_policy).find(([id]) => id.includes('ExecutionRolePolicy'))![1];
    const table = statementsOf(json, policy.policy).find((s) => s.sid === 'LeaveTaskTokenInCompletionTable')!;
    expect(table.actions).toEqual(['dynamodb:UpdateItem']);
    expect(table.resources).toEqual([expect.stringMatching(/^\$\{aws_dynamodb_table\..*\.arn\}$/)]);
    const resultsRole = Object.entries(json.resource.aws_iam_role).find(([id]) => id.includes('ResultsRole'))![1];
    const trust = statementsOf(json, resultsRole.assume_role_policy);
    expect(trust[0]!.principals[0].identifiers).toEqual([expect.stringContaining('ExecutionRole'), expect.stringContaining('CompanionsCleanupRole')]);
  });
});

test('poll mode creates no table and no relay, but still the cleanup (cancel on stop)', () => {
  const { json } = synth({ ...CLUSTER_USER, completionMode: 'poll' });
  expect(companions(json, 'aws_dynamodb_table')).toEqual([]);
  expect(companions(json, 'aws_sfn_state_machine').map(([id]) => id)).toEqual([expect.stringContaining('CleanupStateMachine')]);
  expect(configOf(json)).toMatchObject({ CompletionMode: 'poll', CompletionTable: null, StatementNamePrefix: expect.stringMatching(/^redshift-query-[0-9a-f]{8}$/) });
});

test('poll mode without cancel on stop is the plain machine: no companion at all, statement names untouched', () => {
  const { json } = synth({ ...CLUSTER_USER, completionMode: 'poll', cancelOnStop: false });
  for (const type of ['aws_dynamodb_table', 'aws_sfn_state_machine', 'aws_cloudwatch_event_rule', 'aws_iam_role']) expect(companions(json, type)).toEqual([]);
  expect(configOf(json)).toMatchObject({ CompletionMode: 'poll', CompletionTable: null, StatementNamePrefix: null });
});

describe('bad input fails at synth naming the prop', () => {
  const build = (props: Partial<RedshiftQueryStepFunctionProps>, allowedAccountIds?: string[]) => () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    new AwsProvider(stack, 'aws', { region: 'us-east-1', ...(allowedAccountIds ? { allowedAccountIds } : {}) });
    new RedshiftQueryStepFunction(stack, 'Queries', { ...CLUSTER_USER, ...props } as RedshiftQueryStepFunctionProps);
  };

  test('an unknown completion mode', () => {
    expect(build({ completionMode: 'sometimes' as never })).toThrow(/completionMode.*must be one of "poll", "event"/);
  });

  test('a fallback outside 300-86400 s', () => {
    expect(build({ eventFallbackSeconds: 10 })).toThrow(/eventFallbackSeconds.*300 to 86400, got 10/);
  });

  test('event mode with a workgroup in another account than the one the stack deploys to', () => {
    const serverless = { defaultClusterId: undefined, defaultUser: undefined, defaultDb: 'dev', allowedWorkgroupArn: 'arn:aws:redshift-serverless:us-east-1:222222222222:workgroup/abc' };
    expect(build(serverless, ['111111111111'])).toThrow(
      /completionMode.*cannot be "event" with allowedWorkgroupArn in account 222222222222 while this stack deploys to 111111111111: the Data API sends statement events to the account that owns the database/,
    );
    expect(build({ ...serverless, completionMode: 'poll' }, ['111111111111'])).not.toThrow();
    expect(build(serverless, ['222222222222'])).not.toThrow();
  });
});
