import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { buildCore } from '../../../src/app';
import { runCli } from '../../../src/cli/main';
import { EventLog } from '../../../src/learning/eventLog';
import type { RecordedEvent } from '../../../src/learning/events';
import { addAlternates } from '../../../src/learning/knowledgeEdit';
import { FileStorage } from '../../../src/storage/fileStorage';
import { readCalibrationData } from '../../../src/nlu/calibrate';
import { projectRoot } from '../../../src/util/projectRoot';
import { testConfig } from '../../helpers';

/** Asked in words the knowledge base does not have: the bot says "Did you mean…", and users pick one-account-one-entity. */
const ACCOUNT_QUESTION = 'one login for a person and a business';
// A topic no entry answers (paying the fee by PayPal was one until the cost entry came).
const FAX = ['can I send the filing paper by fax please', 'can I send the filing papers by fax'];

let root: string;
let env: Record<string, string>;
let suggestionsDir: string;

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { stdin: new PassThrough(), stdout: (t) => out.push(t), stderr: (t) => err.push(t), env });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

function recognize(text: string) {
  return buildCore(testConfig({ KNOWLEDGE_DIR: join(root, 'knowledge') })).recognizer.recognize(text, 'en');
}

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'icp-suggest-'));
  cpSync(join(projectRoot(), 'knowledge'), join(root, 'knowledge'), { recursive: true });
  suggestionsDir = join(root, 'suggestions');
  env = { LOG_LEVEL: 'silent', STORAGE: 'file', STORAGE_DIR: join(root, 'state'), KNOWLEDGE_DIR: join(root, 'knowledge') };
  const at = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
  const base = (n: number, user: string) => ({ id: `e${n}`, at: at(100 - n), userKey: `webchat:${user}`, channel: 'webchat', language: 'en' as const });
  const events: RecordedEvent[] = [
    { ...base(1, 'a'), type: 'question', text: ACCOUNT_QUESTION, outcome: 'clarify', candidates: [{ id: 'one-account-one-entity', score: 0.33 }, { id: 'personal-in-progress-new-organization', score: 0.31 }] },
    { ...base(2, 'a'), type: 'pick', after: 'clarify', ref: 'e1', text: ACCOUNT_QUESTION, offered: ['one-account-one-entity', 'personal-in-progress-new-organization'], shown: 'one-account-one-entity', entry: 'one-account-one-entity' },
    { ...base(3, 'b'), type: 'question', text: ACCOUNT_QUESTION, outcome: 'clarify', candidates: [{ id: 'one-account-one-entity', score: 0.33 }] },
    { ...base(4, 'b'), type: 'pick', after: 'clarify', ref: 'e3', text: ACCOUNT_QUESTION, offered: ['one-account-one-entity'], shown: 'one-account-one-entity', entry: 'one-account-one-entity' },
    { ...base(5, 'c'), type: 'question', text: FAX[0], outcome: 'none', candidates: [{ id: 'prerequisites', score: 0.04 }] },
    { ...base(6, 'd'), type: 'question', text: FAX[1], outcome: 'none', candidates: [{ id: 'prerequisites', score: 0.05 }] },
    { ...base(7, 'e'), type: 'question', text: 'call me on [phone] about my filing', outcome: 'none', candidates: [] },
  ];
  const log = new EventLog({ storage: new FileStorage({ directory: join(root, 'state') }), salt: '', retentionDays: 90, log: () => undefined });
  log.append(events);
  await log.close();
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

function pendingIds(): string[] {
  return readdirSync(suggestionsDir).filter((name) => /^(alt|new)-/.test(name));
}

describe('icp-bot suggest', () => {
  it('proposes an alternate for the entry users picked, and a new-entry draft for questions nothing matches', async () => {
    const { code, stdout } = await cli('suggest', '--dir', suggestionsDir);
    expect(code).toBe(0);
    expect(stdout).toMatch(/alt-[0-9a-f]{8} {2}\[en\] {2}add to one-account-one-entity: "one login for a person and a business"/);
    expect(stdout).toMatch(/new-[0-9a-f]{8} {2}\[en\] {2}new entry send-filing-papers-fax: "can I send the filing paper by fax please"/);
    expect(stdout).not.toContain('[phone]');
    const draft = readFileSync(join(suggestionsDir, pendingIds().find((id) => id.startsWith('new-')) as string, 'en.md'), 'utf8');
    expect(draft).toContain('question: can I send the filing paper by fax please');
    expect(draft).toContain('  - can I send the filing papers by fax');
  });

  it('proposes nothing already decided a second time', async () => {
    await cli('suggest', '--dir', suggestionsDir);
    const again = await cli('suggest', '--dir', suggestionsDir);
    expect(again.stdout).toContain('0 new, 3 already there or decided');
  });

  it('an accepted alternate changes the answer the matcher gives to that question', async () => {
    expect(recognize(ACCOUNT_QUESTION).outcome).not.toBe('answer');
    await cli('suggest', '--dir', suggestionsDir);
    const id = pendingIds().find((name) => name.startsWith('alt-')) as string;
    const accepted = await cli('suggest', '--accept', id, '--dir', suggestionsDir);
    expect(accepted.stderr).toBe('');
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toMatch(/accepted alt-[0-9a-f]{8}; kb lint: ok \(\d+ en, \d+ zh-CN entries\)/);
    expect(readFileSync(join(root, 'knowledge', 'en', 'one-account-one-entity.md'), 'utf8')).toContain(`  - ${ACCOUNT_QUESTION}\n`);
    const after = recognize(ACCOUNT_QUESTION);
    expect(after.outcome).toBe('answer');
    expect(after.top?.id).toBe('one-account-one-entity');
    expect(existsSync(join(suggestionsDir, 'accepted', id))).toBe(true);
    expect((await cli('suggest', '--accept', id, '--dir', suggestionsDir)).stderr).toMatch(/was accepted already/);
  });

  it('refuses an incomplete new-entry draft, naming what kb lint found, and leaves the knowledge files as they were', async () => {
    await cli('suggest', '--dir', suggestionsDir);
    const id = pendingIds().find((name) => name.startsWith('new-')) as string;
    const before = readdirSync(join(root, 'knowledge', 'en')).sort();
    const result = await cli('suggest', '--accept', id, '--dir', suggestionsDir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('kb lint found');
    expect(result.stderr).toMatch(/en\/send-filing-papers-fax\.md: source/);
    expect(result.stderr).toMatch(/zh-CN\/send-filing-papers-fax\.md: question/);
    expect(readdirSync(join(root, 'knowledge', 'en')).sort()).toEqual(before);
    expect(existsSync(join(suggestionsDir, id))).toBe(true);
  });

  it('accepts a completed new-entry draft in both languages', async () => {
    await cli('suggest', '--dir', suggestionsDir);
    const id = pendingIds().find((name) => name.startsWith('new-')) as string;
    const entry = (language: string, question: string, alternates: string[], answer: string) =>
      `---\nid: filing-by-fax\nquestion: ${question}\nsource: tencent-faq\nrelated: []\nalternates:\n${alternates.map((a) => `  - ${a}`).join('\n')}\n---\n${answer}\n`;
    writeFileSync(join(suggestionsDir, id, 'en.md'), entry('en', 'Can I submit an ICP filing by fax?', [...FAX, 'fax beian', 'icp filing fax number', 'fax the documents instead of uploading', 'beian papers by fax'], 'No: the filing is submitted online.'));
    writeFileSync(join(suggestionsDir, id, 'zh-CN.md'), entry('zh-CN', '可以传真提交备案吗？', ['备案能传真吗', '传真备案', '备案材料传真', '用传真交备案材料', '备案传真号码', '传真办理备案'], '不能，备案在网上提交。'));
    const result = await cli('suggest', '--accept', id, '--dir', suggestionsDir);
    expect(result.stderr).toBe('');
    expect(existsSync(join(root, 'knowledge', 'zh-CN', 'filing-by-fax.md'))).toBe(true);
    expect(recognize(FAX[0]).top?.id).toBe('filing-by-fax');
  });

  it('proposes the questions users labelled by a pick as calibration examples; accepted, they join the data eval --calibrate reads', async () => {
    const labelled = join(root, 'labelled');
    cpSync(join(projectRoot(), 'test', 'labelled'), labelled, { recursive: true });
    const { stdout } = await cli('suggest', '--dir', suggestionsDir, '--labelled', labelled);
    expect(stdout).toMatch(new RegExp(`lab-[0-9a-f]{8} {2}\\[en\\] {2}1 labelled example\\(s\\) for the calibration: "${ACCOUNT_QUESTION}" → one-account-one-entity`));
    const id = readdirSync(suggestionsDir).find((name) => name.startsWith('lab-')) as string;
    const accepted = await cli('suggest', '--accept', id, '--dir', suggestionsDir, '--labelled', labelled);
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain('npm run eval -- --calibrate');
    expect(readFileSync(join(labelled, 'feedback', 'en.tsv'), 'utf8')).toBe(`id\tquestion\none-account-one-entity\t${ACCOUNT_QUESTION}\n`);
    expect(readCalibrationData(labelled)).toContainEqual({ expected: 'one-account-one-entity', question: ACCOUNT_QUESTION, language: 'en' });
    // Now part of the labelled data, it is not proposed again.
    rmSync(join(suggestionsDir, 'accepted'), { recursive: true });
    expect((await cli('suggest', '--dir', suggestionsDir, '--labelled', labelled)).stdout).not.toContain('lab-');
  });

  it('rejects a suggestion so it is not proposed again, and says so when it is accepted later', async () => {
    await cli('suggest', '--dir', suggestionsDir);
    const id = pendingIds()[0];
    expect((await cli('suggest', '--reject', id, '--dir', suggestionsDir)).stdout).toContain(`rejected ${id}`);
    expect(pendingIds()).not.toContain(id);
    expect((await cli('suggest', '--dir', suggestionsDir)).stdout).not.toContain(`${id} `);
    const accepted = await cli('suggest', '--accept', id, '--dir', suggestionsDir);
    expect(accepted.code).toBe(1);
    expect(accepted.stderr).toMatch(new RegExp(`${id} was rejected; move .* back`));
  });

  it.each([
    ['../../etc', /is not a suggestion id/],
    ['alt-00000000', /no suggestion alt-00000000 in .* \(run "icp-bot suggest" to list them\)/],
  ])('gives a clear error for the id %s', async (id, message) => {
    const result = await cli('suggest', '--accept', id, '--dir', suggestionsDir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
  });
});

describe('icp-bot report', () => {
  it('prints the groups of unanswered questions with what users picked', async () => {
    const { code, stdout } = await cli('report');
    expect(code).toBe(0);
    expect(stdout).toContain('5 questions: 0 answered');
    expect(stdout).toContain(`"${ACCOUNT_QUESTION}"`);
    expect(stdout).toContain('picked one-account-one-entity ×2');
    expect(stdout).toContain('[phone]');
  });

  it('writes JSON and HTML', async () => {
    const json = JSON.parse((await cli('report', '--format', 'json', '--since', '2d')).stdout);
    expect(json.totals).toMatchObject({ questions: 5, picks: 2, users: 5 });
    const out = join(root, 'report.html');
    expect((await cli('report', '--format', 'html', '--out', out)).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^<!doctype html>[\s\S]*<svg /);
  });

  it.each([
    [['--since', 'last week'], /--since "last week" is not a period/],
    [['--format', 'pdf'], /unsupported --format "pdf"/],
  ])('refuses %j', async (args, message) => {
    const result = await cli('report', ...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});

describe('addAlternates', () => {
  const file = '---\nid: x\nquestion: What?\nsource: s\nalternates:\n  - one\n  - two\n---\nThe answer.\n';

  it('appends to the block list and keeps the rest of the file as written', () => {
    const { text, added } = addAlternates(file, ['three: with a colon', 'ONE', 'what?']);
    expect(added).toEqual(['three: with a colon']);
    expect(text).toBe('---\nid: x\nquestion: What?\nsource: s\nalternates:\n  - one\n  - two\n  - "three: with a colon"\n---\nThe answer.\n');
  });

  it('also edits a list written in flow style', () => {
    const { text } = addAlternates('---\nid: x\nquestion: q\nalternates: [a, b]\n---\nbody\n', ['c']);
    expect(text).toContain('alternates: [ a, b, c ]');
    expect(text.endsWith('---\nbody\n')).toBe(true);
  });

  it('refuses a file without alternates', () => {
    expect(() => addAlternates('---\nid: x\n---\nbody', ['c'])).toThrow(/no "alternates" list/);
  });
});
