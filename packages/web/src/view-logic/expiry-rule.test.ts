import { describe, expect, it } from 'vitest';
import { citedLaw, ruleWords } from './expiry-rule';

describe('rule citations in plain words', () => {
  it('keep the statutes and bills a rule names', () => {
    expect(citedLaw('Fam. Code 6345(a) (up to 5 years); Fam. Code 6345(c) (no date stated: 3 years from issue); docs/law/durations.md')).toBe('Fam. Code 6345(a); Fam. Code 6345(c)');
    expect(citedLaw('A temporary order lasts until its hearing, through a continuance (AB 1081), held within 21 days, or 25 for good cause (AB 1596)')).toBe('AB 1081; AB 1596');
  });

  it('drop the registry’s own law pages and say what [I] means', () => {
    expect(ruleWords('Pen. Code 136.2(c)(1); Fam. Code 6383(h): a no-contact order has precedence. docs/law/precedence.md')).toBe('Pen. Code 136.2(c)(1); Fam. Code 6383(h): a no-contact order has precedence.');
    expect(ruleWords('Fam. Code 6457 step 3: where only civil orders exist, the most recently issued one is enforced. docs/law/precedence.md#the-ladder')).toBe(
      'Fam. Code 6457 step 3: where only civil orders exist, the most recently issued one is enforced.',
    );
    expect(ruleWords('[I] Only criminal orders set this term; the most recent is shown. docs/law/precedence.md')).toBe(
      '(the registry’s reading; no rule says it outright) Only criminal orders set this term; the most recent is shown.',
    );
  });
});
