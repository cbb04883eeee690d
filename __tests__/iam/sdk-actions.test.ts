import { findSdkTasks, iamActionForSdkTask, sdkActionsOf } from '../../lib/iam';

describe('iamActionForSdkTask', () => {
  test.each([
    ['redshiftdata', 'executeStatement', 'redshift-data:ExecuteStatement'],
    ['redshiftdata', 'getStatementResult', 'redshift-data:GetStatementResult'],
    ['sqs', 'sendMessage', 'sqs:SendMessage'],
  ])('%s:%s → %s', (service, action, expected) => {
    expect(iamActionForSdkTask(service, action)).toBe(expected);
  });
});

describe('findSdkTasks', () => {
  const credentials = { RoleArn: 'arn:aws:iam::1:role/r' };
  const definition = {
    StartAt: 'Each',
    States: {
      Each: {
        Type: 'Map',
        ItemProcessor: {
          StartAt: 'Submit',
          States: {
            Submit: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:redshiftdata:executeStatement', Credentials: credentials, Next: 'Poll' },
            Poll: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:redshiftdata:describeStatement', Credentials: credentials, Next: 'Branches' },
            Branches: {
              Type: 'Parallel',
              Branches: [{ StartAt: 'Cancel', States: { Cancel: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:redshiftdata:cancelStatement', End: true } } }],
              End: true,
            },
          },
        },
        Next: 'Done',
      },
      Done: { Type: 'Succeed' },
      NotSdk: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', End: true },
    },
  };

  test('finds aws-sdk Tasks inside Map and Parallel states, with whether they carry Credentials', () => {
    expect(findSdkTasks(definition).map((task) => [task.stateName, task.iamAction, task.usesCredentials])).toEqual([
      ['Submit', 'redshift-data:ExecuteStatement', true],
      ['Poll', 'redshift-data:DescribeStatement', true],
      ['Cancel', 'redshift-data:CancelStatement', false],
    ]);
  });

  test('sdkActionsOf lists each action once, sorted; optimised integrations are not aws-sdk tasks', () => {
    expect(sdkActionsOf(definition)).toEqual([
      'redshift-data:CancelStatement',
      'redshift-data:DescribeStatement',
      'redshift-data:ExecuteStatement',
    ]);
  });
});
