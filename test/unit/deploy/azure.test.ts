import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { Config } from '../../../src/config';

// The bicep CLI is not available to the tests, so these read main.bicep as text: they check what
// the template must say to run this bot, and a few syntax mistakes that are easy to make.

const root = join(__dirname, '..', '..', '..');
const azureDir = join(root, 'deploy', 'azure');
const bicep = readFileSync(join(azureDir, 'main.bicep'), 'utf8');
const parameterFile = JSON.parse(readFileSync(join(azureDir, 'main.parameters.json'), 'utf8')) as {
  $schema: string;
  contentVersion: string;
  parameters: Record<string, { value?: unknown; reference?: unknown }>;
};

interface BicepParam {
  name: string;
  type: string;
  /** The default's source text, when there is one. */
  defaultValue?: string;
  allowed?: string[];
  secure: boolean;
}

/** `'text'` without interpolation → text; anything else (an expression) → undefined. */
function stringLiteral(source: string): string | undefined {
  const match = /^'((?:[^'\\$]|\\.)*)'$/.exec(source.trim());
  return match ? match[1].replace(/\\(.)/g, '$1') : undefined;
}

/** The params of a Bicep file with their decorators (multi-line `@allowed([...])` included). */
function parseParams(source: string): Map<string, BicepParam> {
  const params = new Map<string, BicepParam>();
  const lines = source.split('\n');
  let decorators: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line.startsWith('@')) {
      let decorator = line;
      if (line.endsWith('([')) {
        while (i + 1 < lines.length && lines[i].trim() !== '])') decorator += `\n${lines[++i].trim()}`;
      }
      decorators.push(decorator);
      continue;
    }
    const param = /^param\s+(\w+)\s+(\w+)(?:\s*=\s*(.+))?$/.exec(line);
    if (param) {
      const allowed = decorators.find((d) => d.startsWith('@allowed('));
      params.set(param[1], {
        name: param[1],
        type: param[2],
        defaultValue: param[3],
        allowed: allowed ? [...allowed.matchAll(/'([^']*)'/g)].map((m) => m[1]) : undefined,
        secure: decorators.includes('@secure()'),
      });
    }
    if (line !== '' && !line.startsWith('//')) decorators = [];
  }
  return params;
}

/** `var name = …` lines: name → source of the value. */
function parseVars(source: string): Map<string, string> {
  return new Map([...source.matchAll(/^var\s+(\w+)\s*=\s*(.+)$/gm)].map((m) => [m[1], m[2].trim()]));
}

/**
 * The text from `open` (an index of `[`, `{` or `(`) to its matching bracket, skipping strings and
 * `//` comments.
 */
function bracketed(source: string, open: number): string {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === "'") {
      for (i++; i < source.length && source[i] !== "'"; i++) if (source[i] === '\\') i++;
    } else if (c === '/' && source[i + 1] === '/') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if ('[{('.includes(c)) depth++;
    else if (']})'.includes(c) && --depth === 0) return source.slice(open, i + 1);
  }
  throw new Error(`bracketed(): no match for ${source[open]} at ${open}`);
}

/** The resources: symbolic name → { type, apiVersion, body }. */
function parseResources(source: string): Map<string, { type: string; apiVersion: string; body: string }> {
  const resources = new Map<string, { type: string; apiVersion: string; body: string }>();
  for (const m of source.matchAll(/^resource\s+(\w+)\s+'([^'@]+)@([^']+)'\s*=\s*\{/gm)) {
    resources.set(m[1], { type: m[2], apiVersion: m[3], body: bracketed(source, (m.index ?? 0) + m[0].length - 1) });
  }
  return resources;
}

/** The web app's app settings: name → source of the value. */
function parseAppSettings(source: string): Map<string, string> {
  const start = source.indexOf('appSettings: [');
  if (start < 0) throw new Error('parseAppSettings(): no appSettings in main.bicep');
  const block = bracketed(source, start + 'appSettings: '.length);
  return new Map([...block.matchAll(/\{\s*name:\s*'([^']+)'\s*value:\s*([^\n]+?)\s*\n\s*\}/g)].map((m) => [m[1], m[2]]));
}

const params = parseParams(bicep);
const vars = parseVars(bicep);
const resources = parseResources(bicep);
const appSettings = parseAppSettings(bicep);
const configKeys = Object.keys(Config.shape);

/** Every value a setting can get, when the template fixes them (literal, var, or param default/@allowed). */
function possibleValues(source: string): string[] | undefined {
  const literal = stringLiteral(source);
  if (literal !== undefined) return [literal];
  const param = params.get(source);
  if (param?.allowed) return param.allowed;
  const fixed = param ? param.defaultValue : vars.get(source);
  const value = fixed === undefined ? undefined : stringLiteral(fixed);
  return value === undefined ? undefined : [value];
}

/** A line of Bicep with its strings blanked ('') and its `//` comment removed; `unterminated` when a string does not end. */
function codeOf(line: string): { code: string; unterminated: boolean } {
  let code = '';
  for (let i = 0; i < line.length; i++) {
    if (line[i] === "'") {
      let j = i + 1;
      while (j < line.length && line[j] !== "'") j += line[j] === '\\' ? 2 : 1;
      if (j >= line.length) return { code, unterminated: true };
      code += "''";
      i = j;
    } else if (line.startsWith('//', i)) break;
    else code += line[i];
  }
  return { code, unterminated: false };
}

const resourceOfType = (type: string) => [...resources.values()].filter((r) => r.type === type);

describe('deploy/azure/main.parameters.json', () => {
  it('is a deployment parameters file', () => {
    expect(parameterFile.$schema).toBe('https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#');
    expect(parameterFile.contentVersion).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    for (const [name, entry] of Object.entries(parameterFile.parameters)) {
      expect([name, 'value' in entry || 'reference' in entry]).toEqual([name, true]);
    }
  });

  it('sets only parameters that main.bicep declares', () => {
    expect(params.size).toBeGreaterThan(0);
    expect(Object.keys(parameterFile.parameters).filter((name) => !params.has(name))).toEqual([]);
  });

  it('stores no secret: every @secure() parameter is left to the command line', () => {
    const secure = [...params.values()].filter((p) => p.secure).map((p) => p.name);
    expect(secure).toContain('appPassword');
    expect(secure.filter((name) => name in parameterFile.parameters)).toEqual([]);
  });

  it('sets every parameter that has no default, except the secrets', () => {
    const required = [...params.values()].filter((p) => p.defaultValue === undefined && !p.secure).map((p) => p.name);
    expect(required.filter((name) => !(name in parameterFile.parameters))).toEqual([]);
  });

  it('uses only allowed values', () => {
    for (const [name, entry] of Object.entries(parameterFile.parameters)) {
      const allowed = params.get(name)?.allowed;
      if (allowed) expect([name, allowed.includes(String(entry.value))]).toEqual([name, true]);
    }
  });

  it('has placeholders only for the app id and the tenant, which the README tells to fill', () => {
    const placeholders = Object.entries(parameterFile.parameters).filter(([, entry]) => /^<.+>$/.test(String(entry.value)));
    expect(placeholders.map(([name]) => name).sort()).toEqual(['appId', 'tenantId']);
  });
});

describe('deploy/azure/main.bicep', () => {
  it('declares the parameters of the deployment', () => {
    for (const name of ['namePrefix', 'location', 'appId', 'appPassword', 'appType', 'tenantId', 'sku']) expect(params.has(name)).toBe(true);
    expect(params.get('appPassword')?.secure).toBe(true);
  });

  it('sets only app settings that are variables the bot reads (src/config.ts)', () => {
    expect(appSettings.size).toBeGreaterThan(0);
    expect([...appSettings.keys()].filter((name) => !configKeys.includes(name))).toEqual([]);
  });

  it('sets what the bot needs on Azure, and leaves PORT to App Service', () => {
    expect([...appSettings.keys()]).toEqual(
      expect.arrayContaining([
        'MicrosoftAppId',
        'MicrosoftAppPassword',
        'MicrosoftAppType',
        'MicrosoftAppTenantId',
        'STORAGE',
        'AZURE_STORAGE_CONNECTION_STRING',
        'AZURE_STORAGE_CONTAINER',
        'DEFAULT_LOCALE',
      ]),
    );
    expect(appSettings.has('PORT')).toBe(false);
    expect(appSettings.get('STORAGE')).toBe("'azure-blob'");
    expect(appSettings.get('MicrosoftAppPassword')).toBe('appPassword');
  });

  it('gives every setting only values the bot accepts', () => {
    const checked: string[] = [];
    for (const [name, source] of appSettings) {
      const values = possibleValues(source);
      if (!values) continue;
      for (const value of values) {
        const result = Config.shape[name as keyof typeof Config.shape].safeParse(value);
        expect([name, value, result.success]).toEqual([name, value, true]);
      }
      checked.push(name);
    }
    expect(checked).toEqual(expect.arrayContaining(['MicrosoftAppType', 'STORAGE', 'AZURE_STORAGE_CONTAINER', 'DEFAULT_LOCALE']));
  });

  it('builds the storage connection string from the storage account it creates', () => {
    const accounts = [...resources.entries()].filter(([, r]) => r.type === 'Microsoft.Storage/storageAccounts');
    expect(accounts).toHaveLength(1);
    const [symbol] = accounts[0];
    expect(appSettings.get('AZURE_STORAGE_CONNECTION_STRING')).toContain(`AccountName=\${${symbol}.name};AccountKey=\${${symbol}.listKeys().keys[0].value}`);
    const containers = resourceOfType('Microsoft.Storage/storageAccounts/blobServices/containers');
    expect(containers).toHaveLength(1);
    expect(containers[0].body).toContain(`name: ${appSettings.get('AZURE_STORAGE_CONTAINER')}`);
  });

  it('runs the web app as npm start does, on Linux Node, with the health check on a route the server serves', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string>; engines: { node: string } };
    const [site] = resourceOfType('Microsoft.Web/sites');
    expect(site.body).toContain(`appCommandLine: '${pkg.scripts.start}'`);
    expect(site.body).toMatch(/linuxFxVersion: 'NODE\|\$\{nodeVersion\}'/);
    const majors = params.get('nodeVersion')?.allowed?.map((v) => Number(/^(\d+)-lts$/.exec(v)?.[1])) ?? [];
    expect(majors.length).toBeGreaterThan(0);
    expect(majors.filter((major) => !semver.intersects(`^${major}`, pkg.engines.node))).toEqual([]);
    const health = /healthCheckPath: '([^']+)'/.exec(site.body)?.[1];
    // App Service takes an instance out of rotation when this fails: readiness (the store answers), not mere liveness.
    expect(health).toBe('/readyz');
    expect(readFileSync(join(root, 'src', 'http', 'readiness.ts'), 'utf8')).toContain(`'${health}'`);
    const [plan] = resourceOfType('Microsoft.Web/serverfarms');
    expect(plan.body).toMatch(/reserved: true/);
  });

  it('creates the Azure Bot with its messaging endpoint on the web app', () => {
    const [bot] = resourceOfType('Microsoft.BotService/botServices');
    expect(bot.body).toMatch(/kind: 'azurebot'/);
    expect(bot.body).toMatch(/sku: \{\s*name: sku\s*\}/);
    expect(bot.body).toContain("endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'");
    expect(bot.body).toMatch(/msaAppId: appId\n/);
    expect(readFileSync(join(root, 'src', 'server.ts'), 'utf8')).toContain("'/api/messages'");
    expect(bicep).toMatch(/^output messagingEndpoint string = /m);
    expect(bicep).toMatch(/^output webAppUrl string = /m);
  });

  it('enables the Teams and Direct Line channels, Direct Line with one site', () => {
    const channels = resourceOfType('Microsoft.BotService/botServices/channels');
    const byName = new Map(channels.map((c) => [/^\s*name: '(\w+)'/m.exec(c.body)?.[1], c.body]));
    expect([...byName.keys()].sort()).toEqual(['DirectLineChannel', 'MsTeamsChannel']);
    for (const [name, body] of byName) expect(body).toContain(`channelName: '${name}'`);
    expect(byName.get('MsTeamsChannel')).toMatch(/isEnabled: true/);
    expect(byName.get('DirectLineChannel')?.match(/siteName: '/g)).toHaveLength(1);
  });

  it('uses the API versions chosen for each resource type', () => {
    const versions = Object.fromEntries([...resources.values()].map((r) => [r.type, r.apiVersion]));
    expect(versions).toEqual({
      'Microsoft.Storage/storageAccounts': '2023-05-01',
      'Microsoft.Storage/storageAccounts/blobServices': '2023-05-01',
      'Microsoft.Storage/storageAccounts/blobServices/containers': '2023-05-01',
      'Microsoft.Web/serverfarms': '2023-12-01',
      'Microsoft.Web/sites': '2023-12-01',
      'Microsoft.BotService/botServices': '2022-09-15',
      'Microsoft.BotService/botServices/channels': '2022-09-15',
    });
  });

  it('uses every parameter and variable it declares', () => {
    for (const name of [...params.keys(), ...vars.keys()]) {
      // A property key of the same name (`sku: {`) is not a use; the declaration is one match.
      const uses = bicep
        .split('\n')
        .filter((line) => !line.trim().startsWith('//'))
        .map((line) => line.replace(new RegExp(`^\\s*${name}\\s*:`), ''))
        .flatMap((line) => line.match(new RegExp(`(?<![.\\w])${name}\\b`, 'g')) ?? []);
      expect([name, uses.length > 1]).toEqual([name, true]);
    }
  });

  it('has balanced brackets and no JSON-style commas in multi-line arrays and objects', () => {
    const body = bicep.replace(/^targetScope.*$/m, '');
    expect(bracketed(`{${body}}`, 0)).toHaveLength(body.length + 2);
    const lines = bicep.split('\n').map(codeOf);
    expect(lines.filter((line) => line.unterminated)).toEqual([]);
    expect(lines.filter((line) => /,\s*$/.test(line.code))).toEqual([]);
  });
});

describe('deploy/README.md zip deploy', () => {
  const readme = readFileSync(join(root, 'deploy', 'README.md'), 'utf8');
  const packed = /^cp -r ((?:[\w.-]+ )+)"\$STAGE"\/?$/m.exec(readme)?.[1].trim().split(' ') ?? [];

  it('packs every file of the runtime image of deploy/Dockerfile', () => {
    const dockerfile = readFileSync(join(root, 'deploy', 'Dockerfile'), 'utf8');
    const runtimeStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    const copied = [...runtimeStage.matchAll(/^COPY\s+(?:--from=\S+\s+)?(.+)\s+\S+$/gm)].flatMap((m) =>
      m[1].split(/\s+/).map((source) => source.replace(/^\/app\//, '')),
    );
    expect(copied.length).toBeGreaterThan(0);
    expect(copied.filter((file) => !packed.includes(file))).toEqual([]);
  });

  it('packs every folder the running bot reads from the project root (src/, the CLI and the build step aside)', () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return entry.name === 'cli' || entry.name === 'build' ? [] : sources(path);
        return entry.name.endsWith('.ts') ? [path] : [];
      });
    const folders = new Set([String(Config.shape.KNOWLEDGE_DIR.parse(undefined)), 'dist']);
    for (const file of sources(join(root, 'src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/join\(projectRoot\(\), '([^'/]+)'/g)) folders.add(m[1]);
    }
    expect(folders).toContain('locales');
    expect([...folders].filter((folder) => !packed.includes(folder))).toEqual([]);
  });
});
