import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FactReader, loadVocabulary } from '../../../../src/nlu/facts';

const knowledge = join(__dirname, '..', '..', '..', '..', 'knowledge');
let dir: string;

beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'icp-vocabulary-')), 'knowledge');
  cpSync(join(knowledge, 'vocabulary'), join(dir, 'vocabulary'), { recursive: true });
  cpSync(join(knowledge, 'places'), join(dir, 'places'), { recursive: true });
  // The entries a provider names (providers.yaml `entry`) must be there.
  for (const language of ['en', 'zh-CN']) cpSync(join(knowledge, language), join(dir, language), { recursive: true });
});

afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

function edit(file: string, from: string, to: string): void {
  const path = join(dir, 'vocabulary', file);
  const text = readFileSync(path, 'utf8');
  expect(text).toContain(from);
  writeFileSync(path, text.replace(from, to));
}

describe('loadVocabulary', () => {
  it('loads the shipped vocabulary and place data', () => {
    const vocabulary = loadVocabulary(dir);
    expect(vocabulary.providers.providers.map((p) => p.id)).toContain('alibaba-cloud');
    expect(vocabulary.placeData.mainland.length).toBeGreaterThan(3000);
  });

  it('names the file and the entry of a malformed provider id', () => {
    edit('providers.yaml', 'id: tencent-cloud', 'id: Tencent Cloud');
    expect(() => loadVocabulary(dir)).toThrow(/^loadVocabulary\(\): knowledge\/vocabulary\/providers\.yaml: providers\.0\.id: /);
  });

  it('names a provider id used elsewhere that providers.yaml does not define', () => {
    edit('providers.yaml', 'id: tencent-cloud', 'id: tencent-clouds');
    expect(() => loadVocabulary(dir)).toThrow(/provider id\(s\) tencent-cloud not in providers\.yaml/);
  });

  it('names a provider entry that is not in the knowledge base', () => {
    edit('providers.yaml', 'entry: aws-china-filing', 'entry: aws-china-filings');
    expect(() => loadVocabulary(dir)).toThrow(/providers\.yaml: provider "aws-china" names entry "aws-china-filings", which is not in the knowledge base \(en, zh-CN\)/);
  });

  it('names the file of a missing section', () => {
    edit('cues.yaml', 'negationWindow: 4', '');
    expect(() => loadVocabulary(dir)).toThrow(/knowledge\/vocabulary\/cues\.yaml: negationWindow: /);
  });

  it('names a file that cannot be parsed', () => {
    writeFileSync(join(dir, 'vocabulary', 'asks.yaml'), 'asks: [unclosed');
    expect(() => loadVocabulary(dir)).toThrow(/knowledge\/vocabulary\/asks\.yaml cannot be parsed/);
  });

  it('names a missing file', () => {
    rmSync(join(dir, 'places', 'places.json'));
    expect(() => loadVocabulary(dir)).toThrow(/knowledge\/places\/places\.json is missing/);
  });

  it('rejects a malformed row of the generated place data', () => {
    const path = join(dir, 'places', 'places.json');
    const data = JSON.parse(readFileSync(path, 'utf8'));
    data.mainland[5][0] = 'atlantis';
    writeFileSync(path, JSON.stringify(data));
    expect(() => loadVocabulary(dir)).toThrow(/places\.json: mainland\.5: expected \[province id/);
  });
});

describe('FactReader on edited vocabulary', () => {
  it('names a region whose place the place data does not know', () => {
    edit('regions.yaml', '{ id: cn-hangzhou, names: [华东1, 华东 1, China East 1], places: { alibaba-cloud: 杭州 } }', '{ id: cn-hangzhou, places: { alibaba-cloud: Atlantis } }');
    expect(() => new FactReader(loadVocabulary(dir))).toThrow(/regions\.yaml: region "cn-hangzhou" names "Atlantis"/);
  });

  it('names an alias whose place the place data does not know', () => {
    edit('places.yaml', 'Amoy: 厦门', 'Amoy: 大西洋');
    expect(() => new FactReader(loadVocabulary(dir))).toThrow(/places\.yaml: alias "Amoy" names "大西洋"/);
  });

  it('reads a provider an editor added', () => {
    edit('providers.yaml', 'names:\n      en: [Vultr]', 'names:\n      en: [Vultr, Choopa]');
    expect(new FactReader(loadVocabulary(dir)).read('we host at Choopa').hostingProviderId).toBe('vultr');
  });
});
