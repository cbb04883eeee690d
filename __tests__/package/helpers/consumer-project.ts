import { execFileSync } from 'node:child_process';
import { runProcess as run, type ProcessRun } from '../../helpers/run-process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../terraform/helpers/terraform-cli';
import { consumerLockfile, Lockfile } from './consumer-lockfile';

export const PACKAGE_NAME = 'redshift-query-step-function';

/** The toolchain a user's cdktf project pins: the versions we build and test with (GUIDE: pinned versions). */
export function pinnedToolchain(): { dependencies: Record<string, string>; devDependencies: Record<string, string> } {
  const ours = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  const pick = (names: string[]) => Object.fromEntries(names.map((name) => [name, ours.devDependencies[name]!]));
  return {
    dependencies: pick(['cdktf', 'constructs', '@cdktf/provider-aws']),
    devDependencies: pick(['typescript', '@types/node']),
  };
}

/** The compiler options `cdktf init --template=typescript` writes, with `skipLibCheck` off so our `.d.ts` are checked too. */
export const CDKTF_INIT_TSCONFIG = {
  compilerOptions: {
    alwaysStrict: true,
    declaration: true,
    experimentalDecorators: true,
    inlineSourceMap: true,
    inlineSources: true,
    lib: ['es2018'],
    module: 'CommonJS',
    noEmitOnError: true,
    noFallthroughCasesInSwitch: true,
    noImplicitAny: true,
    noImplicitReturns: true,
    noImplicitThis: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    resolveJsonModule: true,
    strict: true,
    strictNullChecks: true,
    strictPropertyInitialization: true,
    stripInternal: true,
    target: 'ES2018',
    skipLibCheck: false,
  },
  include: ['**/*.ts'],
  exclude: ['node_modules', 'cdktf.out'],
};

/** The first ```ts block of the README's "Use from cdktf" section: what a user pastes into main.ts. */
export function readmeCdktfExample(): string {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((part) => part.startsWith('Use from cdktf'));
  const code = section && /^```ts\n([\s\S]*?)^```$/m.exec(section)?.[1];
  if (!code) throw new Error('README.md has no ```ts block in its "## Use from cdktf" section');
  return code;
}

export interface PackedPackage {
  readonly file: string;
  readonly integrity: string;
  readonly manifest: Record<string, unknown>;
}

/** `npm pack` of the repository (its `prepack` builds dist/), into `destination`. */
export function packRepository(destination: string): PackedPackage {
  const output = execFileSync('npm', ['pack', '--json', '--pack-destination', destination], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  // prepack scripts print to stdout before npm's JSON; the JSON is the trailing array.
  const [{ filename }] = JSON.parse(output.slice(output.lastIndexOf('\n[') + 1)) as [{ filename: string }];
  const file = join(destination, filename);
  const manifest = JSON.parse(execFileSync('tar', ['-xOzf', file, 'package/package.json'], { encoding: 'utf8' })) as Record<string, unknown>;
  const integrity = `sha512-${createHash('sha512').update(readFileSync(file)).digest('base64')}`;
  return { file, integrity, manifest };
}

/**
 * Writes package.json and a package-lock.json (cut from ours, so `npm ci --offline` needs only the npm cache our own
 * `npm ci` filled) for a project depending on the pinned toolchain and the packed tarball.
 */
export function writeConsumerManifest(dir: string, packed: PackedPackage): void {
  const { dependencies, devDependencies } = pinnedToolchain();
  const spec = `file:${packed.file}`;
  const manifest = { name: 'my-infra', version: '1.0.0', private: true, dependencies: { ...dependencies, [PACKAGE_NAME]: spec }, devDependencies };
  const ours = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as Lockfile;
  const keep = ['version', 'license', 'dependencies', 'peerDependencies', 'bin', 'engines'];
  const lock = consumerLockfile(ours, {
    name: manifest.name,
    dependencies: manifest.dependencies,
    devDependencies,
    tarball: {
      name: PACKAGE_NAME,
      resolved: spec,
      integrity: packed.integrity,
      manifest: Object.fromEntries(keep.filter((key) => packed.manifest[key] !== undefined).map((key) => [key, packed.manifest[key]])),
    },
  });
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(dir, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
}

export { run };
export type { ProcessRun };

/** Like {@link run}, but rejects with the command's output when it exits non-zero. */
export async function runOk(command: string, args: readonly string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<ProcessRun> {
  const result = await run(command, args, cwd, env);
  if (result.code !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.code} in ${cwd}:\n${result.stderr}\n${result.stdout}`);
  }
  return result;
}
