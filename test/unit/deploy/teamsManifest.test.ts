import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import Ajv, { type AnySchemaObject, type ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

const root = join(__dirname, '..', '..', '..');
const teamsDir = join(root, 'deploy', 'teams');

interface Command {
  title: string;
  description?: string;
}
interface Manifest {
  $schema: string;
  manifestVersion: string;
  name: { short: string; full?: string };
  id: string;
  developer: Record<string, string>;
  icons: { color: string; outline: string };
  accentColor: string;
  localizationInfo: { defaultLanguageTag: string; additionalLanguages?: { languageTag: string; file: string }[] };
  bots: { botId: string; scopes: string[]; supportsFiles?: boolean; commandLists: { scopes: string[]; commands: Command[] }[] }[];
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const manifest = readJson<Manifest>(join(teamsDir, 'manifest.json'));
const zhCn = readJson<Record<string, string>>(join(teamsDir, 'zh-cn.json'));
/**
 * The schemas of the manifest's own version, as @microsoft/app-manifest (the Microsoft 365 Agents
 * Toolkit's manifest package) bundles them; a manifest version it does not bundle fails here.
 */
const schemaDir = dirname(require.resolve(`@microsoft/app-manifest/build/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`));
const manifestSchema = readJson<AnySchemaObject>(join(schemaDir, 'MicrosoftTeams.schema.json'));
const localizationSchema = readJson<AnySchemaObject>(join(schemaDir, 'MicrosoftTeams.Localization.schema.json'));

/**
 * A draft-04 validator for the Teams schemas. `unicodeRegExp: false` because the schemas' patterns
 * are ECMAScript patterns without the `u` flag (the localization schema has a bare `]`, a syntax
 * error under `u`); `strictTypes: false` because the schemas leave out `type` beside keywords such as
 * additionalProperties, which draft-04 allows. Formats come from ajv-formats; a test below checks
 * that it knows every format the schemas use, so a schema update cannot silently skip one.
 */
function makeAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, unicodeRegExp: false, strictTypes: false });
  addFormats(ajv);
  return ajv;
}
const ajv = makeAjv();
const validateManifest: ValidateFunction = ajv.compile(manifestSchema);
const validateLocalization: ValidateFunction = ajv.compile(localizationSchema);

/** Every `format` keyword value in a schema. */
function formatsUsed(schema: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) schema.forEach((item) => formatsUsed(item, found));
  else if (schema !== null && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'format' && typeof value === 'string') found.add(value);
      else formatsUsed(value, found);
    }
  }
  return found;
}

// ---- PNG reading: the format make-icons.js writes (8-bit, no interlace, filter 0 per row) ---------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

interface Png {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
  /** RGBA, 4 bytes per pixel, rows top to bottom. */
  rgba: Buffer;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Reads a PNG's chunks (checking each CRC), its IHDR, and decodes 8-bit RGBA pixels with filter 0. */
function readPng(file: string): Png {
  const bytes = readFileSync(file);
  if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error(`${file}: not a PNG (bad signature)`);
  const chunks: { type: string; data: Buffer }[] = [];
  for (let offset = 8; offset < bytes.length; ) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    const crc = bytes.readUInt32BE(offset + 8 + length);
    if (crc !== crc32(bytes.subarray(offset + 4, offset + 8 + length))) throw new Error(`${file}: bad CRC in ${type}`);
    chunks.push({ type, data });
    offset += 12 + length;
  }
  if (chunks[0]?.type !== 'IHDR' || chunks.at(-1)?.type !== 'IEND') throw new Error(`${file}: IHDR must come first and IEND last`);
  const ihdr = chunks[0].data;
  const png = { width: ihdr.readUInt32BE(0), height: ihdr.readUInt32BE(4), bitDepth: ihdr[8], colorType: ihdr[9], interlace: ihdr[12] };
  if (png.bitDepth !== 8 || png.colorType !== 6 || png.interlace !== 0) {
    throw new Error(`${file}: expected 8-bit RGBA without interlace, got depth ${png.bitDepth}, colour type ${png.colorType}, interlace ${png.interlace}`);
  }
  const raw = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const stride = png.width * 4;
  if (raw.length !== (stride + 1) * png.height) throw new Error(`${file}: ${raw.length} bytes of image data, expected ${(stride + 1) * png.height}`);
  const rgba = Buffer.alloc(stride * png.height);
  for (let y = 0; y < png.height; y++) {
    const filter = raw[y * (stride + 1)];
    if (filter !== 0) throw new Error(`${file}: row ${y} uses filter ${filter}; make-icons.js writes filter 0 only`);
    raw.copy(rgba, y * stride, y * (stride + 1) + 1, (y + 1) * (stride + 1));
  }
  return { ...png, rgba };
}

function pixels(png: Png): [number, number, number, number][] {
  const out: [number, number, number, number][] = [];
  for (let i = 0; i < png.rgba.length; i += 4) out.push([png.rgba[i], png.rgba[i + 1], png.rgba[i + 2], png.rgba[i + 3]]);
  return out;
}

const hex = ([r, g, b]: number[]) => `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`.toUpperCase();

// ---- The bot's chat intents ---------------------------------------------------------------------

const intents = parse(readFileSync(join(root, 'knowledge', 'intents.yaml'), 'utf8')) as Record<string, Record<string, unknown[]>>;

/** The intents having `phrase` among their examples, in any language, ignoring case. */
function intentsOf(phrase: string): string[] {
  const wanted = phrase.trim().toLowerCase();
  return Object.entries(intents)
    .filter(([, byLanguage]) => Object.values(byLanguage).some((examples) => examples.some((e) => String(e).trim().toLowerCase() === wanted)))
    .map(([intent]) => intent);
}

const commandKey = (list: number, command: number, field: 'title' | 'description') =>
  `bots[0].commandLists[${list}].commands[${command}].${field}`;
const allCommands = manifest.bots[0].commandLists.flatMap((list, i) => list.commands.map((command, j) => ({ list: i, index: j, command })));

describe('deploy/teams/manifest.json', () => {
  it('is valid against the Teams manifest schema 1.29', () => {
    const valid = validateManifest(manifest);
    expect(ajv.errorsText(validateManifest.errors, { dataVar: 'manifest' })).toBe('No errors');
    expect(valid).toBe(true);
  });

  it('uses no schema format that the validator does not know', () => {
    const used = [...formatsUsed(manifestSchema), ...formatsUsed(localizationSchema)];
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((format) => !(format in ajv.formats))).toEqual([]);
  });

  it('is checked for real: a manifest with a bot id that is not a GUID or another version is rejected', () => {
    const badId = { ...manifest, bots: [{ ...manifest.bots[0], botId: '${{BOT_ID}}' }] };
    expect(validateManifest(badId)).toBe(false);
    expect(validateManifest.errors?.map((e) => e.instancePath)).toContain('/bots/0/botId');
    expect(validateManifest({ ...manifest, manifestVersion: '1.28' })).toBe(false);
  });

  it('points $schema at the official schema of its manifestVersion', () => {
    expect(manifest.$schema).toBe(`https://developer.microsoft.com/en-us/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
  });

  it('uses one placeholder GUID for the app id and the bot id, which deploy/README.md says to replace', () => {
    const placeholder = '00000000-0000-0000-0000-000000000000';
    expect(manifest.id).toBe(placeholder);
    expect(manifest.bots[0].botId).toBe(placeholder);
    expect(readFileSync(join(root, 'deploy', 'README.md'), 'utf8')).toContain(placeholder);
  });

  it('gives https developer URLs (Teams rejects http ones)', () => {
    for (const field of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) expect(manifest.developer[field]).toMatch(/^https:\/\/[^/]+\//);
  });

  it('offers the bot in personal chats, teams and group chats, without files', () => {
    expect([...manifest.bots[0].scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(manifest.bots[0].supportsFiles).toBe(false);
    const scopesWithCommands = manifest.bots[0].commandLists.flatMap((list) => list.scopes);
    expect(scopesWithCommands).toEqual(expect.arrayContaining(['personal', 'team']));
  });

  it('lists in every command list: help, the check, a person, both languages and start over', () => {
    for (const list of manifest.bots[0].commandLists) {
      const covered = list.commands.map((command) => intentsOf(command.title)[0]).sort();
      expect(covered).toEqual(['check', 'help', 'human', 'restart', 'switch-en', 'switch-zh']);
    }
  });

  it.each(allCommands.map(({ list, index, command }) => [`${list}/${index} "${command.title}"`, command] as const))(
    'command %s has a title of at most 32 characters and a description of at most 128',
    (_name, command) => {
      expect(command.title.length).toBeGreaterThan(0);
      expect(command.title.length).toBeLessThanOrEqual(32);
      expect(command.description?.length ?? 0).toBeGreaterThan(0);
      expect(command.description?.length ?? 0).toBeLessThanOrEqual(128);
    },
  );

  it.each(allCommands.map(({ list, index, command }) => [`${list}/${index} "${command.title}"`, command] as const))(
    'command %s is a phrase the bot understands (an example of exactly one intent in knowledge/intents.yaml)',
    (_name, command) => {
      expect(intentsOf(command.title)).toHaveLength(1);
    },
  );

  it('names icon files that exist', () => {
    for (const file of [manifest.icons.color, manifest.icons.outline]) expect(existsSync(join(teamsDir, file))).toBe(true);
  });
});

describe('deploy/teams/zh-cn.json', () => {
  it('is the additional language zh-cn of the manifest, with English as the default', () => {
    expect(manifest.localizationInfo.defaultLanguageTag).toBe('en');
    expect(manifest.localizationInfo.additionalLanguages).toEqual([{ languageTag: 'zh-cn', file: 'zh-cn.json' }]);
  });

  it('is valid against the Teams localization schema', () => {
    const valid = validateLocalization(zhCn);
    expect(ajv.errorsText(validateLocalization.errors, { dataVar: 'zh-cn.json' })).toBe('No errors');
    expect(valid).toBe(true);
  });

  it('is checked for real: a short name over 30 characters or an unknown key is rejected', () => {
    expect(validateLocalization({ ...zhCn, 'name.short': '备'.repeat(31) })).toBe(false);
    expect(validateLocalization({ ...zhCn, 'bots[0].commandLists[0].commands[0].titel': '帮助' })).toBe(false);
  });

  it('translates the name and the descriptions into Chinese', () => {
    for (const key of ['name.short', 'name.full', 'description.short', 'description.full']) {
      expect(zhCn[key]).toMatch(/\p{Script=Han}/u);
    }
    expect(zhCn['name.short']).not.toBe(manifest.name.short);
  });

  it('has a title and a description for every command of the manifest, and nothing for commands it lacks', () => {
    const expected = allCommands.flatMap(({ list, index }) => [commandKey(list, index, 'title'), commandKey(list, index, 'description')]);
    const commandKeys = Object.keys(zhCn).filter((key) => key.startsWith('bots['));
    expect(commandKeys.sort()).toEqual(expected.sort());
  });

  it.each(allCommands.map(({ list, index, command }) => [`${list}/${index} "${command.title}"`, list, index, command] as const))(
    'command %s has a Chinese title of at most 32 characters that the bot reads as the same intent',
    (_name, list, index, command) => {
      const title = zhCn[commandKey(list, index, 'title')];
      expect(title.length).toBeLessThanOrEqual(32);
      expect(intentsOf(title)).toEqual(intentsOf(command.title));
      expect(zhCn[commandKey(list, index, 'description')]).toMatch(/\p{Script=Han}/u);
    },
  );
});

describe('deploy/teams icons', () => {
  const color = readPng(join(teamsDir, manifest.icons.color));
  const outline = readPng(join(teamsDir, manifest.icons.outline));

  it('color.png is 192x192', () => {
    expect([color.width, color.height]).toEqual([192, 192]);
  });

  it('color.png is mostly the accent colour, with a white shape on it', () => {
    const counts = new Map<string, number>();
    for (const [r, g, b, a] of pixels(color)) if (a === 255) counts.set(hex([r, g, b]), (counts.get(hex([r, g, b])) ?? 0) + 1);
    const [dominant] = [...counts.entries()].sort((x, y) => y[1] - x[1]);
    expect(dominant[0]).toBe(manifest.accentColor.toUpperCase());
    expect(counts.get('#FFFFFF') ?? 0).toBeGreaterThan(192 * 192 * 0.1);
  });

  it('outline.png is 32x32 with an alpha channel', () => {
    expect([outline.width, outline.height]).toEqual([32, 32]);
    expect(outline.colorType).toBe(6);
  });

  it('outline.png has only white or fully transparent pixels, and both', () => {
    const all = pixels(outline);
    const offending = all.filter(([r, g, b, a]) => a !== 0 && (r !== 255 || g !== 255 || b !== 255));
    expect(offending).toEqual([]);
    expect(all.filter(([, , , a]) => a === 255).length).toBeGreaterThan(32 * 32 * 0.25);
    expect(all.filter(([, , , a]) => a === 0).length).toBeGreaterThan(32 * 32 * 0.1);
  });

  // Pixels, not bytes: zlib's output may differ between Node builds.
  it('are what make-icons.js draws (so they can be regenerated, e.g. after a new accent colour)', () => {
    const out = mkdtempSync(join(tmpdir(), 'icons-'));
    try {
      execFileSync(process.execPath, [join(teamsDir, 'make-icons.js'), out], { stdio: 'pipe' });
      for (const file of ['color.png', 'outline.png']) {
        const drawn = readPng(join(out, file));
        const committed = readPng(join(teamsDir, file));
        expect([drawn.width, drawn.height]).toEqual([committed.width, committed.height]);
        expect(drawn.rgba.equals(committed.rgba)).toBe(true);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
