/**
 * A package-lock.json for a consumer project, cut out of this repository's own lockfile: the consumer pins the same
 * versions we build and test with, so `npm ci --offline` installs every package from the npm cache (filled by our
 * own `npm ci`) by integrity, without the registry metadata an offline `npm install` would need.
 */

interface LockEntry {
  readonly version?: string;
  readonly resolved?: string;
  readonly integrity?: string;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly peerDependenciesMeta?: Readonly<Record<string, { optional?: boolean }>>;
  readonly dev?: boolean;
  readonly optional?: boolean;
  readonly peer?: boolean;
  readonly link?: boolean;
  readonly [key: string]: unknown;
}

export interface Lockfile {
  readonly name?: string;
  readonly lockfileVersion: number;
  readonly packages: Readonly<Record<string, LockEntry>>;
  readonly [key: string]: unknown;
}

export interface ConsumerLockOptions {
  readonly name: string;
  readonly dependencies: Readonly<Record<string, string>>;
  readonly devDependencies: Readonly<Record<string, string>>;
  /** Our packed package: its lock entry (the tarball with its integrity) and the manifest inside it. */
  readonly tarball: { readonly name: string; readonly resolved: string; readonly integrity: string; readonly manifest: LockEntry };
}

/** Where Node (and npm's hoisted layout) finds `name` required from the package installed at `from`. */
function resolveIn(packages: Readonly<Record<string, LockEntry>>, from: string, name: string): string | undefined {
  for (let dir = from; ; ) {
    const candidate = `${dir === '' ? '' : `${dir}/`}node_modules/${name}`;
    if (packages[candidate] !== undefined) return candidate;
    if (dir === '') return undefined;
    const cut = dir.lastIndexOf('/node_modules/');
    dir = cut < 0 ? '' : dir.slice(0, cut);
  }
}

/**
 * The closure of the consumer's dependencies in `ours`, at the same paths (a subtree of a valid hoisted tree is a
 * valid tree), plus our tarball. Dev/optional/peer flags are recomputed for the consumer's root.
 */
export function consumerLockfile(ours: Lockfile, options: ConsumerLockOptions): Lockfile {
  const source: Record<string, LockEntry> = { ...ours.packages };
  const ourPath = `node_modules/${options.tarball.name}`;
  source[ourPath] = { ...options.tarball.manifest, resolved: options.tarball.resolved, integrity: options.tarball.integrity };

  const prodRoots = Object.keys(options.dependencies);
  const devRoots = Object.keys(options.devDependencies);
  const reached = new Map<string, { prod: boolean }>();
  const visit = (path: string, prod: boolean) => {
    const seen = reached.get(path);
    if (seen && (seen.prod || !prod)) return;
    reached.set(path, { prod: prod || (seen?.prod ?? false) });
    const entry = source[path]!;
    const required = { ...entry.dependencies, ...entry.optionalDependencies, ...nonOptionalPeers(entry) };
    for (const name of Object.keys(required)) {
      const target = resolveIn(source, path, name);
      if (target === undefined) {
        if (entry.optionalDependencies?.[name] !== undefined) continue;
        throw new Error(`${path} needs ${name}, which the repository's package-lock.json does not hold`);
      }
      visit(target, prod);
    }
  };
  for (const name of prodRoots) visit(requireEntry(source, name), true);
  for (const name of devRoots) visit(requireEntry(source, name), false);

  const packages: Record<string, LockEntry> = {
    '': { name: options.name, dependencies: options.dependencies, devDependencies: options.devDependencies },
  };
  for (const path of [...reached.keys()].sort()) {
    const { dev: _dev, peer: _peer, devOptional: _devOptional, ...entry } = source[path]!;
    packages[path] = { ...entry, ...(reached.get(path)!.prod ? {} : { dev: true }) };
  }
  return { name: options.name, lockfileVersion: 3, requires: true, packages };
}

function nonOptionalPeers(entry: LockEntry): Record<string, string> {
  const peers: Record<string, string> = {};
  for (const [name, range] of Object.entries(entry.peerDependencies ?? {})) {
    if (!entry.peerDependenciesMeta?.[name]?.optional) peers[name] = range;
  }
  return peers;
}

function requireEntry(packages: Readonly<Record<string, LockEntry>>, name: string): string {
  const path = `node_modules/${name}`;
  if (packages[path] === undefined) throw new Error(`the repository's package-lock.json has no ${path}`);
  return path;
}
