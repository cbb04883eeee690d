import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { QueryItem, RedshiftQueryStepFunction } from '../lib/construct';
import exampleQueries from './queries.json';

/**
 * The repository's runnable example (`npm run synth`, `npx cdktf synth`): a provisioned cluster target with temporary
 * DbUser credentials and a daily schedule running `examples/queries.json`. Also what `npm start` runs on the local
 * runtime. Not part of the package: a user's own stack imports `RedshiftQueryStepFunction` the same way.
 */
export class RedshiftQueryExampleStack extends TerraformStack {
  readonly queries: RedshiftQueryStepFunction;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1' });
    // The local backend cdktf adds holds an absolute path; without it the output is the same on every machine.
    this.addOverride('terraform.backend', undefined);

    this.queries = new RedshiftQueryStepFunction(this, 'RedshiftQuery', {
      defaultClusterId: 'example-cluster',
      defaultDb: 'dev',
      defaultUser: 'awsuser',
    });
    this.queries.addSchedule({ schedule: 'rate(1 day)', queries: exampleQueries as QueryItem[] });

    const output = (name: string, value: string, description: string) =>
      new TerraformOutput(this, name, { value, description, staticId: true });
    output('state_machine_arn', this.queries.stateMachineArn, 'ARN of the state machine running the query lists.');
    output('state_machine_name', this.queries.stateMachineName, 'Name of the state machine.');
    output('results_role_arn', this.queries.resultsRoleArn, 'Role to assume (with the results-reader session tag) to fetch statement results.');
    output('role_arn', this.queries.roleArn, 'Execution role of the state machine.');
  }
}
