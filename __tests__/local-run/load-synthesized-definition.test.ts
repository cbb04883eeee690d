import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSynthesizedDefinition, SynthesizedDefinitionError, unescapeTerraformTemplate } from '../../lib/local-run';

const definition = {
  QueryLanguage: 'JSONata',
  StartAt: 'Submit',
  States: {
    Submit: {
      Type: 'Pass',
      Output: "{% 'has $${literal} and %%{x}' %}",
      Credentials: { RoleArn: '${aws_iam_role.results.arn}' },
      End: true,
    },
  },
};

function stackConfig(definitionText: string | undefined, extraResources: Record<string, unknown> = {}): string {
  return JSON.stringify({
    resource: {
      aws_sfn_state_machine: {
        example_state_machine_ABC123: { name: 'example', ...(definitionText !== undefined ? { definition: definitionText } : {}) },
      },
      ...extraResources,
    },
  });
}

describe('loadSynthesizedDefinition', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'synth-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function writeStack(name: string, text: string): string {
    const dir = join(root, 'cdktf.out', 'stacks', name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'cdk.tf.json'), text);
    return dir;
  }

  test('finds the definition from the cdktf.out directory, a stack directory and the file alike', async () => {
    const stackDir = writeStack('redshift-query-example', stackConfig(JSON.stringify(definition)));
    for (const path of [join(root, 'cdktf.out'), stackDir, join(stackDir, 'cdk.tf.json')]) {
      const loaded = await loadSynthesizedDefinition(path);
      expect(loaded.resourceName).toBe('example_state_machine_ABC123');
      expect(loaded.file).toBe(join(stackDir, 'cdk.tf.json'));
      expect(loaded.stateMachineName).toBe('example');
      expect((loaded.definition.States as any).Submit.Output).toBe("{% 'has ${literal} and %{x}' %}");
      // Terraform interpolations stay as opaque text for the runtime.
      expect((loaded.definition.States as any).Submit.Credentials.RoleArn).toBe('${aws_iam_role.results.arn}');
    }
  });

  test('picks the only stack with a state machine among several, or the one named', async () => {
    writeStack('other', JSON.stringify({ resource: { aws_s3_bucket: { b: {} } } }));
    writeStack('example', stackConfig(JSON.stringify(definition)));
    expect((await loadSynthesizedDefinition(join(root, 'cdktf.out'))).file).toContain(join('stacks', 'example'));
    expect((await loadSynthesizedDefinition(join(root, 'cdktf.out'), 'example')).resourceName).toBe('example_state_machine_ABC123');
  });

  test('fails when several stacks have a state machine and none is named', async () => {
    writeStack('a', stackConfig(JSON.stringify(definition)));
    writeStack('b', stackConfig(JSON.stringify(definition)));
    await expect(loadSynthesizedDefinition(join(root, 'cdktf.out'))).rejects.toThrow(/2 stacks with a state machine \(a, b\): name one with --stack/);
  });

  test('fails naming the stacks when the named stack does not exist', async () => {
    writeStack('example', stackConfig(JSON.stringify(definition)));
    await expect(loadSynthesizedDefinition(join(root, 'cdktf.out'), { stackName: 'nope' })).rejects.toThrow(/has no stack 'nope' \(stacks: example\)/);
  });

  test('fails when the path does not exist', async () => {
    const error = await loadSynthesizedDefinition(join(root, 'missing')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SynthesizedDefinitionError);
    expect((error as Error).message).toMatch(/missing does not exist \(run `npm run synth` first/);
  });

  test('fails when the directory is no synth output', async () => {
    await expect(loadSynthesizedDefinition(root)).rejects.toThrow(/holds neither cdk.tf.json nor a stacks\/ directory/);
  });

  test('fails naming the file when there is no state machine', async () => {
    const dir = writeStack('example', JSON.stringify({ resource: { aws_s3_bucket: { b: {} } } }));
    await expect(loadSynthesizedDefinition(dir)).rejects.toThrow(`${join(dir, 'cdk.tf.json')} has no aws_sfn_state_machine resource`);
  });

  test('fails naming the resource when the definition is missing or not JSON', async () => {
    const dir = writeStack('example', stackConfig(undefined));
    await expect(loadSynthesizedDefinition(dir)).rejects.toThrow(/aws_sfn_state_machine.example_state_machine_ABC123 in .* has no definition string/);
    writeStack('example', stackConfig('{"StartAt": }'));
    await expect(loadSynthesizedDefinition(dir)).rejects.toThrow(/the definition of aws_sfn_state_machine.example_state_machine_ABC123 in .*cdk.tf.json is not valid JSON at line 1, column 13: unexpected '}'/);
  });

  test('fails when the definition is a Terraform expression', async () => {
    const dir = writeStack('example', stackConfig('${jsonencode(local.definition)}'));
    await expect(loadSynthesizedDefinition(dir)).rejects.toThrow(/has a definition computed by Terraform \(\$\{jsonencode\(local.definition\)\}\)/);
  });

  test('fails with the position when cdk.tf.json itself is malformed', async () => {
    const dir = writeStack('example', '{\n  "resource": {,\n}');
    await expect(loadSynthesizedDefinition(dir)).rejects.toThrow(/cdk.tf.json is not valid JSON at line 2, column 16/);
  });

  test('asks for a name when a stack has several state machines', async () => {
    const dir = writeStack('example', JSON.stringify({ resource: { aws_sfn_state_machine: { one: { definition: '{}' }, two: { definition: '{}' } } } }));
    await expect(loadSynthesizedDefinition(dir)).rejects.toThrow(/several aws_sfn_state_machine resources \(one, two\)/);
    expect((await loadSynthesizedDefinition(dir, { resourceName: 'two' })).resourceName).toBe('two');
  });
});

describe('unescapeTerraformTemplate', () => {
  test('undoes $${ and %%{ and leaves interpolations alone', () => {
    expect(unescapeTerraformTemplate('a $${b} %%{c} ${d.e} $x %y')).toBe('a ${b} %{c} ${d.e} $x %y');
  });
});
