import type { FormNumber, OrderType } from '../order/order-forms';

/**
 * How long each form's order lasts — the rule table (domain-brief §2 and §3). Every row names
 * its source line; `verified: false` marks rows the brief labels [U] or leaves unsourced, so a
 * successor knows which to confirm (ADR 0004).
 */
export type DurationRule =
  | {
      /** Earlier of close of business on the 5th court day and the end of the 7th calendar day (Fam. Code 6256). */
      readonly kind: 'emergency-court-days';
      readonly courtDays: number;
      readonly calendarDays: number;
      readonly closeOfBusiness: string;
      readonly source: string;
      readonly verified: boolean;
    }
  | { readonly kind: 'fixed-days'; readonly days: number; readonly source: string; readonly verified: boolean }
  | {
      /** Lasts until the hearing, which must be within `hearingWithinDays` (or `goodCauseDays`). */
      readonly kind: 'until-hearing';
      readonly hearingWithinDays: number;
      readonly goodCauseDays: number;
      readonly source: string;
      readonly verified: boolean;
    }
  | {
      readonly kind: 'after-hearing';
      readonly maxYears: number | null;
      readonly minYears: number | null;
      /** Duration when the order has no date written on it; null = the date must be entered. */
      readonly defaultYears: number | null;
      readonly defaultFrom: 'issue' | 'hearing';
      readonly source: string;
      readonly verified: boolean;
    };

const tro = (source: string, within = 21, goodCause = 25, verified = true): DurationRule => ({
  kind: 'until-hearing',
  hearingWithinDays: within,
  goodCauseDays: goodCause,
  source,
  verified,
});

export const DURATION_RULES: Readonly<Record<FormNumber, DurationRule>> = {
  'EPO-001': { kind: 'emergency-court-days', courtDays: 5, calendarDays: 7, closeOfBusiness: '17:00:00', source: 'domain-brief §2 "Emergency protective order" (Fam. Code 6256); §3 row 1. Close of judicial business taken as 17:00 [I]', verified: true },
  'EPO-002': { kind: 'fixed-days', days: 21, source: 'domain-brief §2 "Gun violence emergency protective order" (Pen. Code 18125–18145); §3 row 2', verified: true },
  'DV-110': tro('domain-brief §3 "A TRO ends at the hearing" (AB 1081) and "within 21 days, or 25 for good cause" (AB 1596)'),
  'CH-110': tro('domain-brief §2 "Civil harassment": TRO until the hearing (21–25 days); §3 AB 1596'),
  'EA-110': tro('domain-brief §2 "Elder / dependent adult abuse": TRO until the hearing (about 21, at most 25 days)'),
  'WV-110': tro('domain-brief §2 "Workplace violence": temporary ex parte order up to 25 days'),
  'SV-110': tro('domain-brief §3 hearing within 21/25 days (AB 1596) applied to SV [I]', 21, 25, false),
  'GV-110': tro('domain-brief §2 "Gun violence restraining order": ex parte up to 21 days', 21, 21),
  'JV-250': tro('domain-brief §3 hearing within 21/25 days applied to juvenile TROs [I]', 21, 25, false),
  'DV-130': { kind: 'after-hearing', maxYears: 5, minYears: null, defaultYears: 3, defaultFrom: 'issue', source: 'domain-brief §2 "DV restraining order after hearing" (Fam. Code 6345): up to 5 years, no date → 3 years', verified: true },
  'CH-130': { kind: 'after-hearing', maxYears: 5, minYears: null, defaultYears: 3, defaultFrom: 'issue', source: 'domain-brief §2 "Civil harassment" (CCP 527.6): up to 5 years, no date → 3 years', verified: true },
  'EA-130': { kind: 'after-hearing', maxYears: 5, minYears: null, defaultYears: 3, defaultFrom: 'issue', source: 'domain-brief §2 "Elder / dependent adult abuse" (W&I 15657.03(i)(1); EA-130 2008): up to 5 years, no date → 3 years', verified: true },
  'WV-130': { kind: 'after-hearing', maxYears: 3, minYears: null, defaultYears: null, defaultFrom: 'issue', source: 'domain-brief §2 "Workplace violence" (CCP 527.8): up to 3 years; §3 "no default sourced"', verified: true },
  'SV-130': { kind: 'after-hearing', maxYears: 3, minYears: null, defaultYears: null, defaultFrom: 'issue', source: 'domain-brief §2 "Private postsecondary school violence" (CCP 527.85): up to 3 years; §3 "no default sourced"', verified: true },
  'GV-130': { kind: 'after-hearing', maxYears: 5, minYears: 1, defaultYears: null, defaultFrom: 'issue', source: 'domain-brief §2 "Gun violence restraining order" (AB 12, 2019): 1 to 5 years, no default', verified: true },
  'JV-255': { kind: 'after-hearing', maxYears: 3, minYears: null, defaultYears: 3, defaultFrom: 'hearing', source: 'domain-brief §2 "Juvenile restraining order" (CRC 5.630): up to 3 years, no date → 3 years after the hearing, no time → midnight', verified: true },
  'CR-160': { kind: 'after-hearing', maxYears: 10, minYears: null, defaultYears: null, defaultFrom: 'issue', source: 'domain-brief §2 "Criminal protective order, DV" (Pen. Code 136.2(i)(1)): up to 10 years at sentencing; no default sourced', verified: true },
  'CR-161': { kind: 'after-hearing', maxYears: null, minYears: null, defaultYears: null, defaultFrom: 'issue', source: 'domain-brief §2 "Criminal protective order, other than DV": duration "not established" [U]', verified: false },
};

/**
 * Renewal of orders after hearing (domain-brief §3 "Renewal window" and §2): the request may be
 * filed in the `windowMonths` before expiry; the renewed order runs for at most `maxYears` (null:
 * no maximum) and at least `minYears` beyond the old expiry, or permanently where allowed.
 */
export interface RenewalRule {
  readonly windowMonths: number;
  readonly minYears: number | null;
  readonly maxYears: number | null;
  readonly permanentAllowed: boolean;
  readonly source: string;
  readonly verified: boolean;
}

export const RENEWAL_RULES: Readonly<Partial<Record<OrderType, RenewalRule>>> = {
  DV: { windowMonths: 3, minYears: 5, maxYears: null, permanentAllowed: true, source: 'domain-brief §2 "DV restraining order after hearing" (Fam. Code 6345): 5+ years or permanently, filed in the 3 months before expiry', verified: true },
  CH: { windowMonths: 3, minYears: null, maxYears: 5, permanentAllowed: false, source: 'domain-brief §2 "Civil harassment": up to 5 more years, within the 3 months before expiry', verified: true },
  WV: { windowMonths: 3, minYears: null, maxYears: 3, permanentAllowed: false, source: 'domain-brief §2 "Workplace violence": up to 3 years, within the 3 months before expiry', verified: true },
  EA: { windowMonths: 3, minYears: null, maxYears: 5, permanentAllowed: true, source: 'domain-brief §2 "Elder / dependent adult abuse": EA-130 (2008) permanent-renewal box; renewal window [U], length assumed as the original maximum [U]', verified: false },
  GV: { windowMonths: 3, minYears: 1, maxYears: 5, permanentAllowed: false, source: 'domain-brief §2 "Gun violence restraining order": renewable for 1–5 years (AB 12); window [U]', verified: false },
};
