import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { terraformOk, REPO_ROOT } from '../terraform/helpers/terraform-cli';
import { describeWithTerraform } from '../terraform/helpers/terraform-availability';
import { TerraformWorkspace } from '../terraform/helpers/terraform-workspace';
import { CDKTF_INIT_TSCONFIG, packRepository, PACKAGE_NAME, readmeCdktfExample, run, runOk, writeConsumerManifest } from './helpers/consumer-project';

// npm pack (tsc build + module build), an install from the npm cache, tsc, cdktf synth and terraform: ~1 minute.
jest.setTimeout(300_000);

/** The README example's stack id (`new TerraformStack(app, 'nightly-etl')`). */
const README_STACK = 'nightly-etl';

/**
 * What a user does: `npm pack` of this repository, a fresh cdktf project that depends on the tarball and the pinned
 * toolchain, the README's cdktf example pasted as main.ts, then tsc (with `skipLibCheck: false`, so our declarations
 * are checked with the compiler options `cdktf init` writes), `cdktf synth` and `terraform init` + `validate`.
 * Nothing comes from the network: npm installs from its cache, terraform from the provider mirror.
 */
describeWithTerraform('the packed package in a fresh cdktf project', () => {
  let workspace: TerraformWorkspace;
  let project: string;
  let exportedSubpaths: string[];

  beforeAll(async () => {
    workspace = TerraformWorkspace.create('consumer');
    project = workspace.path('my-infra');
    const packed = packRepository(workspace.root);
    exportedSubpaths = Object.keys(packed.manifest.exports as Record<string, unknown>).filter((key) => key !== '.' && key !== './package.json');

    workspace.writeFile('my-infra/main.ts', readmeCdktfExample());
    // Every documented entry point, imported by name as a user would (types through typesVersions, code through exports).
    workspace.writeFile(
      'my-infra/entry-points.ts',
      [
        ...exportedSubpaths.map((subpath, i) => `import * as entry${i} from '${PACKAGE_NAME}${subpath.slice(1)}';`),
        `const entries: Record<string, object> = { ${exportedSubpaths.map((subpath, i) => `'${subpath}': entry${i}`).join(', ')} };`,
        'console.log(JSON.stringify(Object.fromEntries(Object.entries(entries).map(([name, value]) => [name, Object.keys(value).length]))));',
        '',
      ].join('\n'),
    );
    workspace.writeFile('my-infra/tsconfig.json', JSON.stringify(CDKTF_INIT_TSCONFIG, null, 2));
    workspace.writeFile(
      'my-infra/cdktf.json',
      JSON.stringify({ language: 'typescript', app: 'node main.js', output: 'cdktf.out', projectId: 'consumer-test', sendCrashReports: 'false', terraformProviders: [], terraformModules: [] }),
    );
    writeConsumerManifest(project, packed);
    const install = await run('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--loglevel=error'], project);
    if (install.code !== 0) {
      const hint = /ENOTCACHED/.test(install.stderr) ? ' (a package is missing from the npm cache: run `npm ci` in the repository first, it fills the cache)' : '';
      throw new Error(`npm ci --offline failed in the consumer project${hint}:\n${install.stderr}`);
    }
  }, 300_000);

  afterAll(() => workspace?.dispose());

  test('the README example and every entry point type-check with skipLibCheck: false (cdktf init compiler options)', async () => {
    const tsc = await run(join(project, 'node_modules', '.bin', 'tsc'), ['-p', '.'], project);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.code).toBe(0);
    expect(existsSync(join(project, 'main.js'))).toBe(true);
  });

  test('every exported entry point loads from the installed package', async () => {
    const loaded = JSON.parse((await runOk(process.execPath, ['entry-points.js'], project)).stdout) as Record<string, number>;
    expect(Object.keys(loaded).sort()).toEqual([...exportedSubpaths].sort());
    for (const subpath of exportedSubpaths) expect({ subpath, exports: loaded[subpath] }).toEqual({ subpath, exports: expect.any(Number) });
    expect(Math.min(...Object.values(loaded))).toBeGreaterThan(0);
  });

  test('`cdktf synth` writes the README stack, and terraform init + validate pass on it', async () => {
    // cdktf-cli is the user's global tool (`npm install -g cdktf-cli`); ours is a devDependency of the checkout.
    const cdktf = join(REPO_ROOT, 'node_modules', '.bin', 'cdktf');
    await runOk(cdktf, ['synth'], project, { ...process.env, CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: join(REPO_ROOT, 'terraform.rc') });
    const stackDir = join('my-infra', 'cdktf.out', 'stacks', README_STACK);
    const stack = JSON.parse(readFileSync(workspace.path(join(stackDir, 'cdk.tf.json')), 'utf8')) as { resource: Record<string, unknown> };
    expect(Object.keys(stack.resource)).toEqual(expect.arrayContaining(['aws_sfn_state_machine', 'aws_iam_role', 'aws_scheduler_schedule']));

    // The local backend cdktf writes points at an absolute path inside the project; init it like a user would.
    await terraformOk(['init', '-input=false'], workspace.path(stackDir));
    const validate = await terraformOk(['validate', '-json'], workspace.path(stackDir));
    expect(JSON.parse(validate.stdout)).toMatchObject({ valid: true, error_count: 0 });
  });

  test('the installed `redshift-query` bin runs the compiled CLI end to end', async () => {
    const bin = join(project, 'node_modules', '.bin', 'redshift-query');
    expect(existsSync(join(project, 'node_modules', PACKAGE_NAME, 'lib'))).toBe(false); // no sources: dist/ it is
    const result = await runOk(bin, ['queries', '--sql', 'create table t (n int)', '--sql', "insert into t values (7)", '--sql', 'select n from t', '--results', '--quiet'], project);
    const output = JSON.parse(result.stdout) as { status: string; results: { rows: unknown[][] }[] };
    expect(output.status).toBe('SUCCEEDED');
    expect(output.results[0]!.rows).toEqual([[7]]);
  });

  test('the package ships the Terraform module for HCL users', () => {
    const moduleDir = join(project, 'node_modules', PACKAGE_NAME, 'dist', 'terraform-module');
    expect(JSON.parse(readFileSync(join(moduleDir, 'variables.tf.json'), 'utf8'))).toHaveProperty('variable.state_machine_name');
    expect(JSON.parse(readFileSync(join(moduleDir, 'main.tf.json'), 'utf8'))).toHaveProperty('resource.aws_sfn_state_machine');
  });
});
