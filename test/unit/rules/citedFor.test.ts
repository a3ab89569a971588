import { citedByRules, entriesCitedForFacts } from '../../../src/rules/citedFor.js';
import { RULES } from '../../../src/rules/table.js';

describe('entriesCitedForFacts', () => {
  it('names the entry the rules cite for a telling fact', () => {
    expect(entriesCitedForFacts({ numberOfSites: 4 })).toEqual(['multiple-websites']);
    expect(entriesCitedForFacts({ hosting: 'mainland', ipOnlyAccess: true })).toContain('ip-only-access');
    expect(entriesCitedForFacts({ usesLoadBalancer: true })).toContain('server-load-balancer');
  });

  it('names nothing for facts that many rules read: where the server is, who files, what the site offers', () => {
    expect(entriesCitedForFacts({ hosting: 'mainland' })).toEqual([]);
    expect(entriesCitedForFacts({ entityType: 'individual', idProvince: 'hunan' })).toEqual([]);
    expect(entriesCitedForFacts({ siteTypes: ['gaming'] })).toEqual([]);
    expect(entriesCitedForFacts({})).toEqual([]);
  });

  it('leaves out a rule the other stated facts rule out', () => {
    // Several sites need a filing only when one is needed: a server outside the mainland without a mainland CDN needs none.
    expect(entriesCitedForFacts({ numberOfSites: 3, hosting: 'outside-mainland', mainlandCdn: false })).toEqual([]);
  });

  it('does not take a "no" as telling', () => {
    expect(entriesCitedForFacts({ ipOnlyAccess: false, usesLoadBalancer: false })).toEqual([]);
  });

  it('names only entries the rules cite', () => {
    const cited = new Set(RULES.flatMap((rule) => rule.cites));
    const entries = entriesCitedForFacts({ numberOfSites: 2, hasInProgressApplication: true, accountHoldsOtherEntity: true, usesLoadBalancer: true });
    expect(entries.length).toBeGreaterThan(1);
    for (const entry of entries) expect(cited.has(entry)).toBe(true);
  });
});

describe('citedByRules', () => {
  it('tells entries the rules rest on from the others', () => {
    expect(citedByRules('hosted-outside-mainland')).toBe(true);
    expect(citedByRules('mini-program-filing')).toBe(false);
  });
});
