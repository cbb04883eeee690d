import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODULE_VARIANTS } from '../../lib/module';
import { REPO_ROOT, terraformOk } from './helpers/terraform-cli';
import { describeWithTerraform } from './helpers/terraform-availability';
import { TerraformWorkspace } from './helpers/terraform-workspace';

describeWithTerraform('the cdktf app (main.ts) synthesizes stacks that terraform validates', () => {
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
    await Promise.all([workspace.init('stacks/redshift-query-example'), workspace.init('stacks/redshift-query-module')]);
  }, 180_000);

  afterAll(() => workspace?.dispose());

  test('the example stack passes terraform validate', async () => {
    const run = await terraformOk(['validate', '-json'], workspace.path('stacks/redshift-query-example'));
    expect(JSON.parse(run.stdout)).toMatchObject({ valid: true, error_count: 0 });
  });

  test('the module stack and its variant stacks are laid out so the root finds them, and the root validates', async () => {
    for (const variant of MODULE_VARIANTS) {
      expect(existsSync(workspace.path(`stacks/redshift-query-module-${variant.id}/cdk.tf.json`))).toBe(true);
    }
    const root = JSON.parse(readFileSync(workspace.path('stacks/redshift-query-module/cdk.tf.json'), 'utf8')) as { provider?: unknown; terraform: { backend?: unknown } };
    expect(root.provider).toBeUndefined();
    expect(root.terraform.backend).toBeUndefined();
    const run = await terraformOk(['validate', '-json'], workspace.path('stacks/redshift-query-module'));
    expect(JSON.parse(run.stdout)).toMatchObject({ valid: true, error_count: 0, warning_count: 0 });
  });
});
