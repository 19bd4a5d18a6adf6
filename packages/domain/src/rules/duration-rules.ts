import type { FormNumber, OrderType } from '../order/order-forms';
import { LAW_DOCS } from './law-docs';

/**
 * How long each form's order lasts — the rule table (docs/law/durations.md). Every row cites its
 * statute or form; `verified: false` marks rows that could not be confirmed from the statute or
 * the form, with what to confirm, so a successor knows where the registry rests on a reading
 * rather than on the text (ADR 0004, ADR 0041).
 */
export type DurationRule =
  | {
      /**
       * Earlier of close of judicial business on the `courtDays`th court day and the end of the
       * `calendarDays`th calendar day after issue (Fam. Code 6256). Close of business is the
       * issuing court's setting (calendar/court-calendar.ts). The expiry written on the order is
       * its expiry (Fam. Code 6253(b)); the computed one is a check.
       */
      readonly kind: 'emergency-court-days';
      readonly courtDays: number;
      readonly calendarDays: number;
      readonly source: string;
      readonly verified: boolean;
      readonly toConfirm?: string;
    }
  | {
      /** `days` from issue; the expiry written on the order is its expiry, the computed one a check. */
      readonly kind: 'fixed-days';
      readonly days: number;
      readonly source: string;
      readonly verified: boolean;
      readonly toConfirm?: string;
    }
  | {
      /** Lasts until the hearing, which must be within `hearingWithinDays` (or `goodCauseDays`). */
      readonly kind: 'until-hearing';
      readonly hearingWithinDays: number;
      readonly goodCauseDays: number;
      readonly source: string;
      readonly verified: boolean;
      readonly toConfirm?: string;
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
      readonly toConfirm?: string;
    }
  | {
      /**
       * A registered order of another jurisdiction keeps that jurisdiction's terms and end
       * (Fam. Code 6402, 6404; 6453–6454 for Canada): the end written on it is required, or
       * `non-expiring` when it states none; no California maximum applies.
       */
      readonly kind: 'as-registered';
      readonly source: string;
      readonly verified: boolean;
      readonly toConfirm?: string;
    };

const D = LAW_DOCS.durations;

const tro = (source: string, within = 21, goodCause = 25, verified = true, toConfirm?: string): DurationRule => ({
  kind: 'until-hearing',
  hearingWithinDays: within,
  goodCauseDays: goodCause,
  source: `${source}; ${D}`,
  verified,
  ...(toConfirm !== undefined ? { toConfirm } : {}),
});

export const DURATION_RULES: Readonly<Record<FormNumber, DurationRule>> = {
  'EPO-001': { kind: 'emergency-court-days', courtDays: 5, calendarDays: 7, source: `Fam. Code 6256 (earlier of close of judicial business on the 5th court day and the 7th calendar day); Fam. Code 6253(b) (the order states its expiry date and time); ${D}`, verified: true },
  'EPO-002': { kind: 'fixed-days', days: 21, source: `Pen. Code 18125(b) (expires 21 days from the date of issue); Pen. Code 18135(b) (the order states its expiry date and time); ${D}`, verified: true },
  'DV-110': tro('Fam. Code 242(a) (hearing within 21 days, 25 for good cause); Fam. Code 245 (a continued hearing keeps the order in force)'),
  'CH-110': tro('CCP 527.6 (hearing within 21 days, 25 for good cause; AB 1596, AB 1081)'),
  'EA-110': tro('Welf. & Inst. Code 15657.03 (hearing within 21 days, 25 for good cause)'),
  'WV-110': tro('CCP 527.8 (temporary order up to 25 days; hearing within 21, 25 for good cause)'),
  'SV-110': tro('CCP 527.85, read as CCP 527.8 (hearing within 21 days, 25 for good cause)', 21, 25, false, 'the hearing time limit in CCP 527.85'),
  'GV-110': tro('Pen. Code 18155 (temporary order until the hearing, held within 21 days)', 21, 21),
  'JV-250': tro('Welf. & Inst. Code 213.5(c) (hearing within 21 days, 25 for good cause)', 21, 25, false, 'the hearing time limit in Welf. & Inst. Code 213.5(c)'),
  'JV-260': tro('Welf. & Inst. Code 213.5(c); CRC 5.630, read as for JV-250', 21, 25, false, 'the hearing time limit for an order against a child'),
  'DV-130': { kind: 'after-hearing', maxYears: 5, minYears: null, defaultYears: 3, defaultFrom: 'issue', source: `Fam. Code 6345(a) (up to 5 years); Fam. Code 6345(c) (no date stated: 3 years from issue); ${D}`, verified: true },
  'CH-130': { kind: 'after-hearing', maxYears: 5, minYears: null, defaultYears: 3, defaultFrom: 'issue', source: `CCP 527.6 (up to 5 years; no date: 3 years from issue); ${D}`, verified: true },
  'EA-130': { kind: 'after-hearing', maxYears: 5, minYears: null, defaultYears: 3, defaultFrom: 'issue', source: `Welf. & Inst. Code 15657.03(i)(1) (up to 5 years); form EA-130 (2008) (no date: 3 years from issue); ${D}`, verified: true },
  'WV-130': {
    kind: 'after-hearing',
    maxYears: 5,
    minYears: null,
    defaultYears: null,
    defaultFrom: 'issue',
    source: `CCP 527.8 (order after hearing; maximum read as 5 years so that no lawful order is refused); ${D}`,
    verified: false,
    toConfirm: 'the maximum in the current CCP 527.8 (3 years in the text before SB 428; the Judicial Council self-help pages now say up to 5) and what form WV-130 says an order without a date means; until then the written date is required',
  },
  'SV-130': {
    kind: 'after-hearing',
    maxYears: 3,
    minYears: null,
    defaultYears: null,
    defaultFrom: 'issue',
    source: `CCP 527.85 (order after hearing up to 3 years); ${D}`,
    verified: false,
    toConfirm: 'what form SV-130 says an order without a date means (and whether AB 2096 changed the maximum); until then the written date is required',
  },
  'GV-130': { kind: 'after-hearing', maxYears: 5, minYears: 1, defaultYears: null, defaultFrom: 'issue', source: `Pen. Code 18175(e) as amended by AB 12 (Stats. 2019) (1 to 5 years, no default); ${D}`, verified: true },
  'JV-255': { kind: 'after-hearing', maxYears: 3, minYears: null, defaultYears: 3, defaultFrom: 'hearing', source: `Welf. & Inst. Code 213.5(d)(1) (up to 3 years); form JV-255 item 3 (no date: 3 years after the hearing; no time: midnight); ${D}`, verified: true },
  'JV-265': {
    kind: 'after-hearing',
    maxYears: 3,
    minYears: null,
    defaultYears: 3,
    defaultFrom: 'hearing',
    source: `Welf. & Inst. Code 213.5(d)(1) (up to 3 years); form JV-265, read as JV-255 item 3 (no date: 3 years after the hearing); ${D}`,
    verified: false,
    toConfirm: 'that JV-265 carries the same no-date wording as JV-255',
  },
  'CR-160': {
    kind: 'after-hearing',
    maxYears: 10,
    minYears: null,
    defaultYears: 3,
    defaultFrom: 'issue',
    source: `Pen. Code 136.2(i)(1) (a sentencing order may be valid up to 10 years); form CR-160 ("If no date is listed, this order expires three years from date of issuance"); ${D}`,
    verified: false,
    toConfirm: 'the no-date sentence on the current CR-160 (Rev. 2019 or later); the 10-year maximum is the statute',
  },
  'CR-161': {
    kind: 'after-hearing',
    maxYears: 10,
    minYears: null,
    defaultYears: 3,
    defaultFrom: 'issue',
    source: `Pen. Code 136.2(i)(1); Pen. Code 646.9(k) (up to 10 years); form CR-161, read as CR-160 (no date: 3 years from issue); ${D}`,
    verified: false,
    toConfirm: 'the no-date sentence on the current CR-161',
  },
  'PC-490.8': {
    kind: 'after-hearing',
    maxYears: 2,
    minYears: null,
    defaultYears: null,
    defaultFrom: 'issue',
    source: `Pen. Code 490.8 (order valid up to 2 years); ${D}`,
    verified: false,
    toConfirm: 'the 2-year maximum in Pen. Code 490.8 and whether an order without a date has a default; until then the written date is required',
  },
  'DV-600': { kind: 'as-registered', source: `Fam. Code 6402 (enforced on its own terms); Fam. Code 6404 (registration); ${D}`, verified: true },
  'CANADIAN-DVPO': { kind: 'as-registered', source: `Fam. Code 6452–6454 (enforced on its own terms; registration); ${D}`, verified: false, toConfirm: 'the section numbers of the Canadian enforcement and registration provisions' },
};

/**
 * Renewal (extension) of orders after hearing (docs/law/durations.md): the request may be filed in
 * the `windowMonths` before expiry (null: any time while the order is in force); the renewed
 * order runs for at most `maxYears` (null: no maximum) and at least `minYears` beyond the old
 * expiry, or permanently where allowed.
 */
export interface RenewalRule {
  readonly windowMonths: number | null;
  readonly minYears: number | null;
  readonly maxYears: number | null;
  readonly permanentAllowed: boolean;
  readonly source: string;
  readonly verified: boolean;
  readonly toConfirm?: string;
}

export const RENEWAL_RULES: Readonly<Partial<Record<OrderType, RenewalRule>>> = {
  DV: { windowMonths: 3, minYears: 5, maxYears: null, permanentAllowed: true, source: `Fam. Code 6345(a) (5 or more years, or permanently, without proof of further abuse; requested in the 3 months before expiry); ${D}`, verified: true },
  CH: { windowMonths: 3, minYears: null, maxYears: 5, permanentAllowed: false, source: `CCP 527.6 (up to 5 more years; requested in the 3 months before expiry); ${D}`, verified: true },
  WV: { windowMonths: 3, minYears: null, maxYears: 3, permanentAllowed: false, source: `CCP 527.8 (up to 3 more years; requested in the 3 months before expiry); ${D}`, verified: true },
  SV: { windowMonths: 3, minYears: null, maxYears: 3, permanentAllowed: false, source: `CCP 527.85 (up to 3 more years; requested in the 3 months before expiry, as CCP 527.8); ${D}`, verified: true },
  EA: { windowMonths: 3, minYears: null, maxYears: 5, permanentAllowed: true, source: `Welf. & Inst. Code 15657.03; form EA-130 (2008) (permanent-renewal box); ${D}`, verified: false, toConfirm: 'the renewal window in Welf. & Inst. Code 15657.03 and the renewal length (taken as the original maximum)' },
  GV: { windowMonths: 3, minYears: 1, maxYears: 5, permanentAllowed: false, source: `Pen. Code 18190 as amended by AB 12 (Stats. 2019) (renewed for 1 to 5 years); ${D}`, verified: false, toConfirm: 'the renewal window in Pen. Code 18190' },
  JV: {
    windowMonths: null,
    minYears: null,
    maxYears: 3,
    permanentAllowed: false,
    source: `Welf. & Inst. Code 213.5(d)(1) (extended by mutual consent or by further order of the court on a party's motion); ${D}`,
    verified: false,
    toConfirm: 'that Welf. & Inst. Code 213.5 sets no filing window and whether an extension is limited (taken as 3 years, the original maximum)',
  },
};
