import { describe, expect, it } from 'vitest';
import { citedLaw, ruleWords } from './expiry-rule';

describe('rule citations in plain words', () => {
  it('keep the statutes and bills a rule names', () => {
    expect(citedLaw('domain-brief §2 "DV restraining order after hearing" (Fam. Code 6345): up to 5 years, no date → 3 years')).toBe('Fam. Code 6345');
    expect(citedLaw('domain-brief §3 "A TRO ends at the hearing" (AB 1081) and "within 21 days, or 25 for good cause" (AB 1596)')).toBe('AB 1081; AB 1596');
  });

  it('drop the registry’s internal references and say what [I] means', () => {
    expect(ruleWords('Pen. Code 136.2(c)(1); Fam. Code 6383(h): a no-contact order has precedence. docs/law/precedence.md')).toBe('Pen. Code 136.2(c)(1); Fam. Code 6383(h): a no-contact order has precedence.');
    expect(ruleWords('Fam. Code 6457 step 3: where only civil orders exist, the most recently issued one is enforced (domain-brief §9.1).')).toBe(
      'Fam. Code 6457 step 3: where only civil orders exist, the most recently issued one is enforced.',
    );
    expect(ruleWords('[I] Only criminal orders set this term; the most recent is shown (domain-brief §9.4).')).toBe(
      '(the registry’s reading; no rule says it outright) Only criminal orders set this term; the most recent is shown.',
    );
  });
});
