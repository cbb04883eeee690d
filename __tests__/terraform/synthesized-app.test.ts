import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'cdktf';
import { addModuleStacks, synthModuleFiles } from '../../lib/module';
import { REPO_ROOT, terraformOk } from './helpers/terraform-cli';
import { describeWithTerraform } from './helpers/terraform-availability';
import { TerraformWorkspace } from './helpers/terraform-workspace';

// Each terraform process loads the 700 MB AWS provider; on a busy machine one command can take tens of seconds.
jest.setTimeout(180_000);

describeWithTerraform('cdktf apps: main.ts and addModuleStacks synthesize what terraform validates', () => {
  let workspace: TerraformWorkspace;

  beforeAll(async () => {
    workspace = TerraformWorkspace.create('synth');
    // `cdktf synth` runs `tsx main.ts`; CDKTF_OUTDIR keeps the output out of the repository.
    const synth = spawnSync(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['main.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, CDKTF_OUTDIR: workspace.root },
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (synth.status !== 0) throw new Error(`tsx main.ts failed: ${synth.stderr}`);
    // The module stacks in a cdktf app of their own (main.ts keeps one state machine stack for `npm start`).
    const moduleApp = new App({ outdir: workspace.path('module-app') });
    addModuleStacks(moduleApp);
    moduleApp.synth();
    await workspace.init('stacks/redshift-query-example');
  }, 180_000);

  afterAll(() => workspace?.dispose());

  test('the example stack passes terraform validate', async () => {
    const run = await terraformOk(['validate', '-json'], workspace.path('stacks/redshift-query-example'));
    expect(JSON.parse(run.stdout)).toMatchObject({ valid: true, error_count: 0 });
  });

  test('the module stack is the built module (validated in examples.test.ts), split into files by concern', () => {
    // `terraform validate` of the same configuration runs in examples.test.ts; here: same content, other layout.
    const withoutMetadata = (config: Record<string, unknown>) => JSON.parse(JSON.stringify(config, (key, value: unknown) => (key === '//' ? undefined : value)));
    const stack = withoutMetadata(JSON.parse(readFileSync(workspace.path('module-app/stacks/redshift-query-module/cdk.tf.json'), 'utf8')));
    const built = Object.assign(
      {},
      ...Object.entries(synthModuleFiles()).filter(([name]) => name.endsWith('.tf.json')).map(([, content]) => JSON.parse(content) as object),
    );
    expect(stack).toEqual(built);
  });
});
