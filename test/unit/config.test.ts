import { ConfigError, loadConfig, recognizerThresholds, withLocalDesk } from '../../src/config';
import { parseAgentAccounts } from '../../src/handoff/agentAuth';

describe('loadConfig', () => {
  it('runs with no variables at all, on port 3978 in English', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3978);
    expect(config.DEFAULT_LOCALE).toBe('en');
    expect(config.MicrosoftAppId).toBe('');
  });

  it('treats blank values as unset', () => {
    expect(loadConfig({ PORT: '  ', DEFAULT_LOCALE: '' }).PORT).toBe(3978);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DEFAULT_LOCALE', 'fr'],
    ['ANSWER_THRESHOLD', '1.5'],
    ['MAX_BODY_BYTES', '10'],
  ])('names the bad variable %s=%s', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`${name}:`));
  });

  it('rejects a clarify threshold above the answer threshold', () => {
    expect(() => loadConfig({ ANSWER_THRESHOLD: '0.3', CLARIFY_THRESHOLD: '0.4' })).toThrow(/CLARIFY_THRESHOLD/);
    expect(() => loadConfig({ ANSWER_THRESHOLD_ZH: '0.25' })).toThrow(/CLARIFY_THRESHOLD \(0\.27\) must not exceed ANSWER_THRESHOLD_ZH/);
  });

  it('gives the recognizer the Chinese answer threshold beside the others', () => {
    expect(recognizerThresholds(loadConfig({}))).toEqual({ answer: 0.4, clarify: 0.27, margin: 0.125, chineseAnswer: 0.35 });
    expect(recognizerThresholds(loadConfig({ ANSWER_THRESHOLD_ZH: '0.4' })).chineseAnswer).toBe(0.4);
  });
});

describe('withLocalDesk', () => {
  it.each([
    ['nothing set', {}, true],
    ['NODE_ENV=production', { NODE_ENV: 'production' }, false],
    ['a bot registered in Azure', { MicrosoftAppId: '00000000-0000-0000-0000-000000000000', MicrosoftAppPassword: 'p' }, false],
    ['HANDOFF=off', { HANDOFF: 'off' }, false],
    ['HANDOFF=protocol', { HANDOFF: 'protocol' }, false],
    ['AGENT_ACCOUNTS alone', { AGENT_ACCOUNTS: 'alice:alice-secret-123' }, false],
    ['NODE_ENV=development', { NODE_ENV: 'development' }, true],
  ])('%s: desk with a made-up account %s', (_case, env: Record<string, string>, desk) => {
    const { config, agent } = withLocalDesk(loadConfig(env), env);
    expect(agent !== undefined).toBe(desk);
    if (!agent) {
      expect(config).toEqual(loadConfig(env));
      return;
    }
    expect(config.HANDOFF).toBe('desk');
    expect(config.AGENT_ACCOUNTS).toBe(`agent:${agent.password}`);
    expect(agent.password).toMatch(/^[A-Za-z]{24}$/);
    // The account is one the desk accepts.
    expect(parseAgentAccounts(config.AGENT_ACCOUNTS)).toHaveLength(1);
  });

  it('makes up a new password each run', () => {
    expect(withLocalDesk(loadConfig({}), {}).agent?.password).not.toBe(withLocalDesk(loadConfig({}), {}).agent?.password);
  });
});
