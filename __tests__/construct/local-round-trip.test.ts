import { RedshiftDataEmulator } from '../../lib/emulator';
import { runDefinitionLocally, unescapeTerraformTemplate } from '../../lib/local-run';
import { CLUSTER_USER, only, resourceName, synth } from './synth-helpers';

/**
 * What Terraform would deploy, run on the local runtime: the synthesized definition and the schedule's constant
 * input (with Terraform's template escapes undone, as Terraform does) against the emulator on embedded Postgres.
 */
describe('synthesized state machine and schedule input, run locally', () => {
  const emulator = new RedshiftDataEmulator();
  afterAll(() => emulator.close());

  test('SQL with ${ and %{ reaches the database literally; statements belong to the results role', async () => {
    const { json } = synth(CLUSTER_USER, (construct) =>
      construct.addSchedule({
        schedule: 'rate(1 day)',
        queries: [
          'CREATE TABLE templates (v VARCHAR(32))',
          { ExecuteStatementParameters: { Sqls: ["INSERT INTO templates VALUES ('${x}')", "INSERT INTO templates VALUES ('%{ if y }')"] } },
          'SELECT v FROM templates ORDER BY v',
        ],
      }),
    );
    const definition = JSON.parse(unescapeTerraformTemplate(only(json, 'aws_sfn_state_machine').definition));
    const input = JSON.parse(unescapeTerraformTemplate(only(json, 'aws_cloudwatch_event_target').input));

    const result = await runDefinitionLocally(definition, input, { emulator });

    expect(result.status).toBe('SUCCEEDED');
    expect(await emulator.query('dev', 'SELECT v FROM templates ORDER BY v')).toEqual([{ v: '${x}' }, { v: '%{ if y }' }]);
    // The Credentials role is the results role reference; whoever assumes it (and only it) reads the results.
    const resultsRole = `\${aws_iam_role.${resourceName(json, 'aws_iam_role', 'ResultsRole')}.arn}`;
    const select = (result.output as Array<{ StatementId: string }>)[2].StatementId;
    const page = await emulator.getStatementResult({ Id: select }, resultsRole);
    expect(page.TotalNumRows).toBe(2);
    await expect(emulator.getStatementResult({ Id: select }, 'arn:aws:iam::123456789012:role/someone-else')).rejects.toThrow();
  });
});
