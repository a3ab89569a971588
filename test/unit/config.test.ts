import { ConfigError, loadConfig } from '../../src/config';

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
  });
});
