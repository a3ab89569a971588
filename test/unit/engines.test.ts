import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import semver from 'semver';

const root = join(__dirname, '..', '..');

interface PackageJson {
  name: string;
  version: string;
  engines?: { node?: string };
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** An installed package whose `engines.node` leaves out part of the project's declared range. */
interface EnginesProblem {
  name: string;
  version: string;
  node: string;
  /** How the project reaches it, from the root. */
  via: string;
}

/**
 * Installed packages whose engines do not admit the whole declared range, with the reason each one may
 * stay. Keep it short: an entry belongs here only when no version of the package (or of what pulls it
 * in) admits the range.
 */
const ALLOWED: Readonly<Record<string, string>> = {};

const readPackage = (path: string): PackageJson => JSON.parse(readFileSync(path, 'utf8')) as PackageJson;

/** The package.json that `name` resolves to from a package in `fromDir`, as Node looks it up in node_modules. */
function findInstalled(fromDir: string, name: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(candidate)) return candidate;
    if (dir === root || dirname(dir) === dir) return undefined;
  }
}

/**
 * Walks the runtime dependencies of the package in `dir` as installed (dependencies, and the optional
 * and peer dependencies that are present) and returns every package whose `engines.node` is not a
 * superset of `range`, plus the regular dependencies that are not installed at all.
 */
function checkEngines(dir: string, range: string): { problems: EnginesProblem[]; missing: string[]; visited: Set<string> } {
  const problems: EnginesProblem[] = [];
  const missing: string[] = [];
  const visited = new Set<string>();
  const start = readPackage(join(dir, 'package.json'));
  const queue: { from: string; name: string; required: boolean; via: string[] }[] = Object.keys(start.dependencies ?? {}).map((name) => ({
    from: dir,
    name,
    required: true,
    via: [],
  }));
  for (let item = queue.shift(); item; item = queue.shift()) {
    const path = findInstalled(item.from, item.name);
    if (!path) {
      if (item.required) missing.push([...item.via, item.name].join(' > '));
      continue;
    }
    if (visited.has(path)) continue;
    visited.add(path);
    const pkg = readPackage(path);
    const node = pkg.engines?.node;
    const via = [...item.via, `${pkg.name}@${pkg.version}`];
    if (node && !semver.subset(range, node)) problems.push({ name: pkg.name, version: pkg.version, node, via: via.join(' > ') });
    const from = dirname(path);
    for (const name of Object.keys(pkg.dependencies ?? {})) queue.push({ from, name, required: true, via });
    for (const name of Object.keys({ ...pkg.optionalDependencies, ...pkg.peerDependencies })) queue.push({ from, name, required: false, via });
  }
  return { problems, missing, visited };
}

const project = readPackage(join(root, 'package.json'));
const declared = project.engines?.node ?? '';

describe('engines.node', () => {
  it('is declared as a valid semver range', () => {
    expect(semver.validRange(declared)).not.toBeNull();
  });

  it.each([
    ['>=20.19', '>=22', false],
    ['>=20.19', '20 || >=22', false],
    ['^20.19.0 || ^22.12.0 || >=24', '20 || >=22', true],
    ['^20.19.0 || ^22.12.0 || >=24', '>=18', true],
    ['^20.19.0 || ^22.12.0 || >=24', '^20.19.0 || ^22.12.0 || >=24.0.0', true],
    ['^20.19.0 || ^22.12.0 || >=24', '^20.19.0 || ^22.13.0 || >=24', false],
  ])('declared %s is admitted by a dependency with %s: %s', (range, dependency, admitted) => {
    expect(semver.subset(range, dependency)).toBe(admitted);
  });

  const { problems, missing, visited } = checkEngines(root, declared);

  it('walks the installed runtime tree (so the check below has something to check)', () => {
    const names = new Set([...visited].map((path) => readPackage(path).name));
    for (const name of ['botbuilder', 'restify', 'ioredis', 'botframework-connector', 'semver']) expect(names).toContain(name);
    expect(visited.size).toBeGreaterThan(100);
  });

  it('finds every regular dependency installed', () => {
    expect(missing).toEqual([]);
  });

  it("is admitted in whole by every runtime dependency's engines.node, direct or transitive", () => {
    const unexplained = problems.filter((p) => !(p.name in ALLOWED)).map((p) => `${p.name}@${p.version} needs node ${p.node} (${p.via})`);
    expect(unexplained).toEqual([]);
  });

  it('allows no exception that is no longer needed', () => {
    const found = new Set(problems.map((p) => p.name));
    expect(Object.keys(ALLOWED).filter((name) => !found.has(name))).toEqual([]);
  });
});
