import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFollowUps } from '../../../src/cli/followUps';

describe('readFollowUps', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'follow-ups-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads each row after the header as the first message, the follow-up and its label', () => {
    const file = join(dir, 'en.tsv');
    writeFileSync(file, 'first\tfollow_up\tid\nHow long does it take?\tis it free?\tfiling-cost\n\nwhat is ICP?\tand the weather?\tnone\n');
    expect(readFollowUps(file, 'en')).toEqual([
      { first: 'How long does it take?', followUp: 'is it free?', expected: 'filing-cost', language: 'en' },
      { first: 'what is ICP?', followUp: 'and the weather?', expected: 'none', language: 'en' },
    ]);
  });

  it.each([
    ['a missing label', 'first\tfollow_up\tid\nHow long?\tis it free?\n'],
    ['a column too many', 'first\tfollow_up\tid\nHow long?\tis it free?\tfiling-cost\textra\n'],
  ])('names the file and line of %s', (_name, content) => {
    const file = join(dir, 'zh-CN.tsv');
    writeFileSync(file, content);
    expect(() => readFollowUps(file, 'zh-CN')).toThrow(`readFollowUps(): ${file}:2: expected "first<TAB>follow_up<TAB>id"`);
  });
});
