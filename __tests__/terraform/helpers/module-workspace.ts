import { join } from 'node:path';
import { synthModuleFiles, writeModuleDir } from '../../../lib/module';
import { REPO_ROOT } from './terraform-cli';
import { TerraformWorkspace } from './terraform-workspace';

/** Where the built module sits in a workspace: the same place as in the repo, so examples' `source` resolves. */
export const MODULE_DIR = 'dist/terraform-module';

/** The plain-HCL examples shipped in the repo. */
export const HCL_EXAMPLES = ['cluster-hcl', 'serverless-hcl'] as const;

/** A workspace holding a fresh build of the module (never the repo's dist/, which a clean clone does not have). */
export function createModuleWorkspace(label: string): TerraformWorkspace {
  const workspace = TerraformWorkspace.create(label);
  writeModuleDir(workspace.path(MODULE_DIR), synthModuleFiles());
  return workspace;
}

/** Copies `examples/<name>` of the repo into the workspace at the same relative path. */
export function copyExample(workspace: TerraformWorkspace, name: string): string {
  return workspace.copyDir(join(REPO_ROOT, 'examples', name), `examples/${name}`);
}

/** Copies a test fixture root module (`__tests__/terraform/fixtures/<name>`) to `fixtures/<name>` (two levels deep, like examples). */
export function copyFixture(workspace: TerraformWorkspace, name: string): string {
  return workspace.copyDir(join(REPO_ROOT, '__tests__', 'terraform', 'fixtures', name), `fixtures/${name}`);
}
