import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ConvoLoadError, loadScripts } from '../../../tools/convo';

const FIXTURES = join(__dirname, 'fixtures', 'scripts');

describe('loadScripts()', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'convo-load-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (path: string, text: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  const problemsOf = (paths: string | string[]): string[] => {
    try {
      loadScripts(paths);
    } catch (error) {
      expect(error).toBeInstanceOf(ConvoLoadError);
      return (error as ConvoLoadError).problems;
    }
    throw new Error('loadScripts did not throw');
  };

  it('reads every script under a folder, recursively, with utterances from any of its folders', () => {
    write('a/one.convo.txt', 'One\n#me\nGREETING\n#bot\nhello');
    write('b/deeper/two.convo.txt', 'Two\n#me\nhi\n#bot\nhello');
    write('c/greeting.utterances.txt', 'GREETING\nhi\nhello');
    write('notes.md', '# not a script');
    const { convos, utterances } = loadScripts(dir);
    expect(convos.map((c) => c.name)).toEqual(['One', 'Two']);
    expect([...utterances.keys()]).toEqual(['GREETING']);
  });

  it('names files relative to the working directory', () => {
    const { convos } = loadScripts(FIXTURES);
    expect(convos.map((c) => c.file)).toEqual(
      ['greeting-then-check.convo.txt', 'hong-kong-answer.convo.txt', 'welcome-to-chinese.convo.txt'].map((f) => relative(process.cwd(), join(FIXTURES, f))),
    );
  });

  it('reads a single file with the utterances beside it', () => {
    const { convos } = loadScripts(join(FIXTURES, 'greeting-then-check.convo.txt'));
    expect(convos).toHaveLength(1);
    expect(convos[0].steps[0]).toMatchObject({ input: { lines: [{ kind: 'utterances', utterances: { name: 'FIXTURE_GREETING' } }] } });
  });

  it('reports every broken file, a duplicate convo name and a duplicate utterances name, with file and line', () => {
    write('a.convo.txt', 'Same name\n#me\nhi\n#bot\nhello');
    write('b.convo.txt', '\nSame name\n#me\nhi\n#bot\nhello');
    write('c.convo.txt', 'Broken\n#me\nhi\n#bot\nBUTTON_TEXT x');
    write('d.utterances.txt', 'GREETING\nhi');
    write('e.utterances.txt', 'GREETING\nhello');
    // As a user would type them: relative inside the working directory, absolute outside it.
    const rel = (f: string) => (relative(process.cwd(), dir).startsWith('..') ? join(dir, f) : relative(process.cwd(), join(dir, f)));
    expect(problemsOf(dir)).toEqual([
      `${rel('e.utterances.txt')}:1: utterances "GREETING" is also defined in ${rel('d.utterances.txt')}:1`,
      `${rel('b.convo.txt')}:2: convo name "Same name" is also used by ${rel('a.convo.txt')}:1`,
      `${rel('c.convo.txt')}:5: unknown directive "BUTTON_TEXT"`,
    ]);
  });

  it('reports a path that does not exist', () => {
    expect(problemsOf([join(dir, 'missing')])).toEqual([`loadScripts(): no such file or folder: ${join(dir, 'missing')}`]);
  });
});
