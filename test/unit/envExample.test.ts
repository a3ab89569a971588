import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Config } from '../../src/config';

describe('.env.example', () => {
  const text = readFileSync(join(__dirname, '..', '..', '.env.example'), 'utf8');
  const listed = new Set([...text.matchAll(/^([A-Za-z_][A-Za-z0-9_]*)=/gm)].map((m) => m[1]));

  it('lists every variable the configuration reads', () => {
    expect(Object.keys(Config.shape).filter((name) => !listed.has(name))).toEqual([]);
  });

  it('lists nothing the configuration does not read', () => {
    expect([...listed].filter((name) => !(name in Config.shape))).toEqual([]);
  });
});
