import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as root from '../../lib';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const repo = join(__dirname, '..', '..');
const libFiles = [...sourceFiles(join(repo, 'lib')), join(repo, 'main.ts')];

describe('package root', () => {
  test('exposes the construct, the generator and the local runtime from one import', () => {
    expect(typeof root.RedshiftQueryStepFunction).toBe('function');
    expect(typeof root.buildDefinition).toBe('function');
    expect(typeof root.runExecution).toBe('function');
    expect(typeof root.RedshiftDataEmulator).toBe('function');
    expect(typeof root.validateDefinition).toBe('function');
    expect(typeof root.runQueryList).toBe('function');
  });

  test('imports @cdktf/provider-aws only through deep paths (the root index loads ~1,500 modules)', () => {
    const offenders = libFiles.filter((file) => /from ['"]@cdktf\/provider-aws['"]/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });

  test('reaches another lib folder only through its index.ts', () => {
    const offenders: string[] = [];
    for (const file of libFiles) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/from ['"](\.\.\/[^'"]+)['"]/g)) {
        const target = match[1]!;
        // '../clock' is a folder door; '../clock/virtual-clock' reaches inside another folder.
        const ownFolderDepth = file.split('/lib/')[1]?.split('/').length ?? 0;
        const segments = target.split('/').filter((s) => s !== '..');
        const ups = target.split('/').filter((s) => s === '..').length;
        if (ownFolderDepth - 1 === ups && segments.length > 1) offenders.push(`${file}: ${target}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
