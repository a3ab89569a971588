import * as rules from '../../../src/rules/index.js';

describe('src/rules/index', () => {
  it('exports the functions the dialogs call', () => {
    for (const name of ['assess', 'nextQuestion', 'isDetermined', 'questionById', 'matchProvince', 'matchRegion', 'parseProfile', 'withAnswer'] as const) {
      expect(typeof rules[name]).toBe('function');
    }
  });

  it('exports the data tables', () => {
    expect(rules.RULES.length).toBeGreaterThan(0);
    expect(rules.QUESTIONS.length).toBeGreaterThan(0);
    expect(rules.PROVINCES).toHaveLength(31);
    expect(rules.ENTRY_IDS).toContain('what-is-icp-filing');
  });

  it('keeps the evaluator internals private', () => {
    expect(Object.keys(rules)).not.toContain('editDistance');
    expect(Object.keys(rules)).not.toContain('evaluateCondition');
  });
});
