import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { terraformOk, TerraformRun } from './terraform-cli';

/**
 * A throw-away directory tree for Terraform working files (never the repository: CI runs on a clean clone).
 * Folders keep their relative layout, so an example's `source = "../../dist/terraform-module"` resolves inside it.
 */
export class TerraformWorkspace {
  private readonly inits = new Map<string, Promise<TerraformRun>>();

  private constructor(readonly root: string) {}

  static create(label: string): TerraformWorkspace {
    return new TerraformWorkspace(mkdtempSync(join(tmpdir(), `rqsf-${label}-`)));
  }

  /** Absolute path of `relative` inside the workspace. */
  path(relative: string): string {
    return join(this.root, relative);
  }

  /** Copies a file tree into the workspace, leaving out Terraform's own state and working files. */
  copyDir(source: string, relative: string): string {
    const target = this.path(relative);
    cpSync(source, target, {
      recursive: true,
      filter: (path) => !/(^|[\\/])(\.terraform|\.terraform\.lock\.hcl|terraform\.tfstate[^\\/]*)$/.test(path),
    });
    return target;
  }

  writeFile(relative: string, content: string): string {
    const target = this.path(relative);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    return target;
  }

  /** `terraform init` of one folder, run once however many tests ask for it. */
  init(relative: string): Promise<TerraformRun> {
    let init = this.inits.get(relative);
    if (init === undefined) {
      init = terraformOk(['init', '-input=false', '-backend=false'], this.path(relative));
      this.inits.set(relative, init);
    }
    return init;
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
