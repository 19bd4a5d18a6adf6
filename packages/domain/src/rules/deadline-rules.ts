import { californiaLocalDate, californiaOffsetMinutes, fromCaliforniaLocal, type CourtCalendar } from '../calendar';
import type { DojTransaction } from '../order/commands';
import { formInfo, type FormNumber, type OrderType } from '../order/order-forms';
import { LAW_DOCS } from './law-docs';

/**
 * Every deadline the registry keeps on an order, as data (docs/law/doj-deadlines.md,
 * docs/law/firearms.md): what it is for, the event that starts it, how it is counted, and its
 * source. A deadline is computed when the event that starts it is decided, on the issuing court's
 * calendar, and stored with the event (ADR 0042).
 */
export type DeadlineKind = 'doj-transmission' | 'firearm-surrender' | 'firearm-receipt' | 'court-filing';
export type DeadlinePurpose =
  | 'issue'
  | 'registration'
  | 'modify'
  | 'renew'
  | 'cancel'
  | 'service'
  | 'firearm-surrender'
  | 'firearm-receipt'
  | 'emergency-order-filing';

export type DeadlineMeasure =
  /** The end of the `count`th business (court) day after the starting day, California time. */
  | { readonly unit: 'business-days' | 'court-days'; readonly count: number; readonly at: 'end-of-day' | 'close-of-business' }
  /** `count` hours after the starting instant (0: due at once). */
  | { readonly unit: 'hours'; readonly count: number };

export interface DeadlineRule {
  readonly kind: DeadlineKind;
  readonly purpose: DeadlinePurpose;
  /** For DOJ deadlines: the CARPOS transaction that meets it. */
  readonly transaction?: DojTransaction;
  /** What must happen, in a clerk's words. */
  readonly what: string;
  readonly measure: DeadlineMeasure;
  readonly source: string;
  readonly verified: boolean;
  readonly toConfirm?: string;
}

const DOJ = LAW_DOCS.dojDeadlines;
const FIRE = LAW_DOCS.firearms;

/** The statutes that put an order's data into CARPOS within one business day. */
const TRANSMITTAL =
  'Fam. Code 6380(a) (issuance, modification, extension and termination of orders under the Domestic Violence Prevention Act and of criminal protective orders under Pen. Code 136.2: within one business day)';
const CIVIL_TRANSMITTAL_NOTE = 'the civil-harassment, workplace, school and elder-abuse statutes (CCP 527.6, 527.8, 527.85; Welf. & Inst. Code 15657.03) read as the same one business day';
const GV_NOTICE = 'Pen. Code 18115(a) (the court notifies DOJ no later than one court day after issuing or renewing a gun violence restraining order)';

const oneBusinessDay: DeadlineMeasure = { unit: 'business-days', count: 1, at: 'end-of-day' };
const oneCourtDay: DeadlineMeasure = { unit: 'court-days', count: 1, at: 'end-of-day' };

export const DEADLINE_RULES = {
  'doj.issue': { kind: 'doj-transmission', purpose: 'issue', transaction: 'enter', what: 'Enter the order in CARPOS', measure: oneBusinessDay, source: `${TRANSMITTAL}; ${CIVIL_TRANSMITTAL_NOTE} [U]; ${DOJ}`, verified: true },
  'doj.issue.gv': { kind: 'doj-transmission', purpose: 'issue', transaction: 'enter', what: 'Notify DOJ of the gun violence order (enter it in CARPOS)', measure: oneCourtDay, source: `${GV_NOTICE}; ${DOJ}`, verified: true },
  'doj.registration': {
    kind: 'doj-transmission',
    purpose: 'registration',
    transaction: 'enter',
    what: 'Enter the registered order in CARPOS',
    measure: oneBusinessDay,
    source: `Fam. Code 6404 (registration of an out-of-state or tribal order), 6454 (Canadian orders); ${TRANSMITTAL}, counted from registration [I]; ${DOJ}`,
    verified: false,
    toConfirm: 'the time limit for entering a registered order in CARPOS',
  },
  'doj.modify': { kind: 'doj-transmission', purpose: 'modify', transaction: 'modify', what: 'Send the modification to CARPOS', measure: oneBusinessDay, source: `${TRANSMITTAL}; ${DOJ}`, verified: true },
  'doj.modify.gv': {
    kind: 'doj-transmission',
    purpose: 'modify',
    transaction: 'modify',
    what: 'Send the change to the gun violence order to CARPOS',
    measure: oneCourtDay,
    source: `Pen. Code 18115, read as for issue and renewal [I]; ${DOJ}`,
    verified: false,
    toConfirm: 'the time limit Pen. Code 18115 sets for a changed gun violence order',
  },
  'doj.renew': { kind: 'doj-transmission', purpose: 'renew', transaction: 'modify', what: 'Send the renewal (extension) to CARPOS', measure: oneBusinessDay, source: `${TRANSMITTAL}; ${DOJ}`, verified: true },
  'doj.renew.gv': { kind: 'doj-transmission', purpose: 'renew', transaction: 'modify', what: 'Notify DOJ of the renewed gun violence order', measure: oneCourtDay, source: `${GV_NOTICE}; ${DOJ}`, verified: true },
  'doj.cancel': { kind: 'doj-transmission', purpose: 'cancel', transaction: 'clear', what: 'Send the termination (cancellation) to CARPOS', measure: oneBusinessDay, source: `${TRANSMITTAL}; ${DOJ}`, verified: true },
  'doj.cancel.gv': {
    kind: 'doj-transmission',
    purpose: 'cancel',
    transaction: 'clear',
    what: 'Notify DOJ that the gun violence order was terminated',
    measure: oneCourtDay,
    source: `Pen. Code 18115(b) (the court notifies DOJ of a dissolved or terminated order), counted as 18115(a) [I]; ${DOJ}`,
    verified: false,
    toConfirm: 'the time limit in Pen. Code 18115(b)',
  },
  'doj.service.officer': {
    kind: 'doj-transmission',
    purpose: 'service',
    transaction: 'service',
    what: 'Enter the officer’s proof of service in CARPOS',
    measure: oneBusinessDay,
    source: `Fam. Code 6380 (an officer who served the order submits the proof of service into CARPOS within one business day of service, with the officer's name and agency); ${DOJ}`,
    verified: true,
  },
  'doj.service.filed': {
    kind: 'doj-transmission',
    purpose: 'service',
    transaction: 'service',
    what: 'Send the filed proof of service to CARPOS',
    measure: oneBusinessDay,
    source: `${TRANSMITTAL}, counted from the day the proof was filed (entered in the registry) [I]; ${DOJ}`,
    verified: false,
    toConfirm: 'the time limit for a proof of service filed by a process server or by mail',
  },
  'firearm.surrender': {
    kind: 'firearm-surrender',
    purpose: 'firearm-surrender',
    what: 'Turn in, sell or store every firearm and all ammunition',
    measure: { unit: 'hours', count: 24 },
    source: `Fam. Code 6389(c)(2) (immediately on an officer's request, otherwise within 24 hours of being served); CCP 527.9; Pen. Code 18120; ${FIRE}`,
    verified: true,
  },
  'firearm.surrender.on-request': {
    kind: 'firearm-surrender',
    purpose: 'firearm-surrender',
    what: 'Surrender the firearms to the officer who asked for them at service',
    measure: { unit: 'hours', count: 0 },
    source: `Fam. Code 6389(c)(2) (immediately, on the request of a law-enforcement officer); ${FIRE}`,
    verified: true,
  },
  'firearm.receipt': {
    kind: 'firearm-receipt',
    purpose: 'firearm-receipt',
    what: 'File the relinquishment receipt with the court and the law-enforcement agency',
    measure: { unit: 'hours', count: 48 },
    source: `Fam. Code 6389(c)(2); CCP 527.9; Pen. Code 18120 (receipt within 48 hours of being served); CRC 4.700 (review for criminal protective orders); ${FIRE}`,
    verified: false,
    toConfirm: 'the subdivisions of CCP 527.9 and Pen. Code 18120 that set the 48 hours',
  },
  'court-filing.gv-epo': {
    kind: 'court-filing',
    purpose: 'emergency-order-filing',
    what: 'File the gun violence emergency order with the court',
    measure: { unit: 'court-days', count: 3, at: 'close-of-business' },
    source: `Pen. Code 18140(c) (as soon as practicable, but not later than three court days after issuance); due at the court's close of business [I]; ${DOJ}`,
    verified: true,
  },
} as const satisfies Record<string, DeadlineRule>;

export type DeadlineRuleId = keyof typeof DEADLINE_RULES;
export const DEADLINE_RULE_IDS = Object.keys(DEADLINE_RULES) as DeadlineRuleId[];
export const deadlineRule = (id: DeadlineRuleId): DeadlineRule => DEADLINE_RULES[id];

const MS_PER_HOUR = 3_600_000;
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** The instant `ms` written with the California offset in force then, e.g. '2026-03-06T10:00:00-08:00'. */
export const californiaInstant = (ms: number): string => {
  const offset = californiaOffsetMinutes(new Date(ms).toISOString());
  const local = new Date(ms + offset * 60_000);
  const frac = ms % 1000 === 0 ? '' : `.${pad(((ms % 1000) + 1000) % 1000, 3)}`;
  const abs = Math.abs(offset);
  return `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${frac}${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
};

/**
 * When a deadline started at `startedAt` falls due, on the given court calendar. Never before the
 * start: a day count ends on a later day, an hour count adds hours. A closure of the court can
 * only move a day count later (one more day is not a court day), never earlier.
 */
export const deadlineDue = (ruleId: DeadlineRuleId, startedAt: string, calendar: CourtCalendar): string => {
  const m = DEADLINE_RULES[ruleId].measure;
  if (m.unit === 'hours') {
    // Hours are counted on the instant, so a daylight-saving change neither stretches nor cuts them.
    return californiaInstant(Date.parse(startedAt) + m.count * MS_PER_HOUR);
  }
  const start = californiaLocalDate(startedAt);
  const day = m.unit === 'business-days' ? calendar.addBusinessDays(start, m.count) : calendar.addCourtDays(start, m.count);
  return fromCaliforniaLocal(day, m.at === 'end-of-day' ? '23:59:59' : calendar.closeOfBusiness);
};

const isGv = (type: OrderType): boolean => type === 'GV';

/** The rule for a transmission of the order's own record, by what happened and the order's type. */
export const dojRecordRule = (form: FormNumber, purpose: 'issue' | 'modify' | 'renew' | 'cancel'): DeadlineRuleId => {
  const info = formInfo(form);
  if (purpose === 'issue') return info.stage === 'registered' ? 'doj.registration' : isGv(info.type) ? 'doj.issue.gv' : 'doj.issue';
  if (purpose === 'modify') return isGv(info.type) ? 'doj.modify.gv' : 'doj.modify';
  if (purpose === 'renew') return isGv(info.type) ? 'doj.renew.gv' : 'doj.renew';
  return isGv(info.type) ? 'doj.cancel.gv' : 'doj.cancel';
};
