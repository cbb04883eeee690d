import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ModuleBuildError } from './errors';

/** File name (relative, `/`-separated) → content. */
export type ModuleFiles = Readonly<Record<string, string>>;

/**
 * Replaces `outDir` with exactly `files`: everything is written into a sibling temporary directory first, which then
 * takes the place of `outDir` by rename. A failure leaves the previous module folder as it was and no temp dir behind.
 */
export function writeModuleDir(outDir: string, files: ModuleFiles): void {
  const parent = dirname(outDir);
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const staging = join(parent, `.${basename(outDir)}.tmp-${suffix}`);
  const previous = join(parent, `.${basename(outDir)}.old-${suffix}`);
  try {
    mkdirSync(parent, { recursive: true });
    mkdirSync(staging);
    for (const [name, content] of Object.entries(files)) {
      if (name.startsWith('/') || name.split('/').includes('..')) {
        throw new ModuleBuildError(`module file name ${JSON.stringify(name)} must be relative and stay inside the module folder`);
      }
      const target = join(staging, name);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content, { encoding: 'utf8', flag: 'wx' });
    }
    let movedAway = false;
    try {
      renameSync(outDir, previous);
      movedAway = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    try {
      renameSync(staging, outDir);
    } catch (error) {
      if (movedAway) renameSync(previous, outDir);
      throw error;
    }
    rmSync(previous, { recursive: true, force: true });
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (error instanceof ModuleBuildError) throw error;
    throw new ModuleBuildError(`cannot write the module folder ${outDir}: ${(error as Error).message}`, { cause: error });
  }
}
