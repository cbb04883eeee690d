import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, terraformOk } from './helpers/terraform-cli';
import { describeWithTerraform } from './helpers/terraform-availability';
import { TerraformWorkspace } from './helpers/terraform-workspace';

// Each terraform process loads the 700 MB AWS provider; on a busy machine one command can take tens of seconds.
jest.setTimeout(180_000);

describeWithTerraform('cdktf app: `cdktf synth` in the checkout writes the example stack only, which terraform validates', () => {
  let workspace: TerraformWorkspace;

  beforeAll(async () => {
    workspace = TerraformWorkspace.create('synth');
    // What a user runs in the checkout: the pinned cdktf-cli (`npx cdktf synth`), which runs cdktf.json's app
    // (`npx tsx main.ts`); --output keeps the result out of the repository.
    const synth = spawnSync(join(REPO_ROOT, 'node_modules', '.bin', 'cdktf'), ['synth', '--output', workspace.root], {
      cwd: REPO_ROOT,
      env: { ...process.env, CHECKPOINT_DISABLE: '1', CI: 'true' },
      encoding: 'utf8',
      timeout: 150_000,
    });
    if (synth.status !== 0) throw new Error(`cdktf synth failed (${synth.status}): ${synth.stderr}${synth.stdout}`);
    await workspace.init('stacks/redshift-query-example');
  }, 180_000);

  afterAll(() => workspace?.dispose());

  test('main.ts synthesizes one stack, so `cdktf deploy` and `redshift-query synthesized` need no stack name', () => {
    // The Terraform module is built by `npm run build:module`, not by this app.
    expect(readdirSync(workspace.path('stacks'))).toEqual(['redshift-query-example']);
  });

  test('the example stack passes terraform validate', async () => {
    const run = await terraformOk(['validate', '-json'], workspace.path('stacks/redshift-query-example'));
    expect(JSON.parse(run.stdout)).toMatchObject({ valid: true, error_count: 0 });
  });
});
