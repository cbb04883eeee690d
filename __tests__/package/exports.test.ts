import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const repo = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
  name: string;
  exports: Record<string, { types: string; default: string } | string>;
  typesVersions: { '*': Record<string, string[]> };
  files: string[];
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** Every lib folder with an index.ts: each one's public door is an entry point of the package. */
const libFolders = readdirSync(join(repo, 'lib'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(repo, 'lib', entry.name, 'index.ts')))
  .map((entry) => entry.name)
  .sort();

/** `redshift-query-step-function[/<subpath>]` specifiers in the README and docs/ (the documented entry points). */
function documentedSpecifiers(): { file: string; specifier: string }[] {
  const files = ['README.md', ...readdirSync(join(repo, 'docs')).map((name) => join('docs', name))].filter((file) => file.endsWith('.md'));
  return files.flatMap((file) =>
    [...readFileSync(join(repo, file), 'utf8').matchAll(/from '(redshift-query-step-function(?:\/[^']*)?)'/g)].map((match) => ({ file, specifier: match[1]! })),
  );
}

describe('package.json entry points', () => {
  test('every lib folder is an entry point, for code (exports) and for node10 type resolution (typesVersions)', () => {
    // A new folder fails here: add "./<folder>" to exports and "<folder>" to typesVersions (same dist paths).
    const subpaths = Object.keys(manifest.exports).filter((key) => key !== '.' && key !== './package.json');
    expect(subpaths.map((key) => key.slice(2)).sort()).toEqual(libFolders);
    expect(Object.keys(manifest.typesVersions['*']).sort()).toEqual(libFolders);
    for (const folder of libFolders) {
      expect(manifest.exports[`./${folder}`]).toEqual({ types: `./dist/lib/${folder}/index.d.ts`, default: `./dist/lib/${folder}/index.js` });
      expect(manifest.typesVersions['*'][folder]).toEqual([`dist/lib/${folder}/index.d.ts`]);
    }
    expect(manifest.exports['.']).toEqual({ types: './dist/lib/index.d.ts', default: './dist/lib/index.js' });
  });

  test('every entry point the README and docs import from is exported', () => {
    const documented = documentedSpecifiers();
    expect(documented.length).toBeGreaterThan(3);
    const missing = documented.filter(({ specifier }) => manifest.exports[`.${specifier.slice(manifest.name.length)}`] === undefined);
    expect(missing).toEqual([]);
  });

  test('cdktf, constructs and the AWS bindings are peers (one copy in the user project), pinned for our own build', () => {
    for (const name of ['cdktf', 'constructs', '@cdktf/provider-aws']) {
      expect(manifest.dependencies[name]).toBeUndefined();
      expect(manifest.peerDependencies[name]).toBe(`^${manifest.devDependencies[name]}`);
    }
  });

  test('the example stack and its data are not part of the package', () => {
    expect(existsSync(join(repo, 'lib', 'construct', 'example-stack.ts'))).toBe(false);
    expect(manifest.files).not.toContain('examples/');
    const libSources = readdirSync(join(repo, 'lib'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
    const offenders = libSources.filter((file) => /from ['"][./]*examples\//.test(readFileSync(join(repo, 'lib', file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  test('declarations need no esModuleInterop: `export =` modules (jsonata) are imported with import = require()', () => {
    // A consumer with default compiler options type-checks our .d.ts; `import x from 'jsonata'` there fails (TS1259).
    const libSources = readdirSync(join(repo, 'lib'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
    const offenders = libSources.filter((file) => /import (type )?\w+ from 'jsonata'/.test(readFileSync(join(repo, 'lib', file), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
