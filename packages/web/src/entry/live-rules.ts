import {
  addDays,
  californiaLocalDate,
  createCourtCalendar,
  deadlineDue,
  deadlineRule,
  dojRecordRule,
  DURATION_RULES,
  formInfo,
  missingForDoj,
  missingForRegistry,
  ORDER_FORMS,
  resolveExpiry,
  type CourtCalendar,
  type DraftDetails,
  type FormNumber,
  type MissingField,
} from '@ccpor/domain';
import { citedLaw, ruleWords } from '../view-logic/expiry-rule';

/** A court's calendar as `GET /courts/{ori}/calendar` answers it. */
export interface CourtCalendarView {
  readonly closeOfBusiness?: string;
  readonly closures?: readonly { readonly date: string; readonly reason: string }[];
}

export const calendarFrom = (view: CourtCalendarView | undefined): CourtCalendar =>
  createCourtCalendar({ ...(view?.closures ? { localClosures: view.closures } : {}), ...(view?.closeOfBusiness ? { closeOfBusiness: view.closeOfBusiness } : {}) });

/**
 * What the domain will decide about this draft, computed in the browser by the domain's own rules
 * (issue 15: never a second copy): when it ends and by which rule, the hearing window, the DOJ
 * deadline, and the fields still missing for the registry and for DOJ.
 */
export interface LiveRules {
  readonly expiry?: { readonly at: string | null; readonly lawLimit?: string; readonly rule: string };
  readonly expiryProblem?: { readonly field: string; readonly message: string; readonly rule?: string };
  readonly hearingWindow?: { readonly latest: string; readonly latestGoodCause: string; readonly rule: string };
  readonly dojDeadline?: { readonly at: string; readonly rule: string };
  readonly missingForRegistry: readonly MissingField[];
  readonly missingForDoj: readonly MissingField[];
}

export const liveRules = (d: DraftDetails, calendar: CourtCalendar): LiveRules => {
  const base = { missingForRegistry: missingForRegistry(d), missingForDoj: missingForDoj(d) };
  if (d.form === undefined || !(d.form in ORDER_FORMS) || d.issuedAt === undefined) return base;
  const form = d.form as FormNumber;
  const rule = DURATION_RULES[form];
  const issueDate = californiaLocalDate(d.issuedAt);
  const hearingWindow =
    rule.kind === 'until-hearing'
      ? { latest: addDays(issueDate, rule.hearingWithinDays), latestGoodCause: addDays(issueDate, rule.goodCauseDays), rule: citedLaw(rule.source) }
      : undefined;
  const dojRule = dojRecordRule(form, 'issue');
  const startedAt = d.registration?.registeredAt ?? d.issuedAt;
  let dojDeadline: LiveRules['dojDeadline'];
  try {
    dojDeadline = { at: deadlineDue(dojRule, startedAt, calendar), rule: ruleWords(deadlineRule(dojRule).source) };
  } catch {
    // A date outside the calendar's years: the server will refuse it on its field; nothing to show here.
  }
  let expiry: LiveRules['expiry'];
  let expiryProblem: LiveRules['expiryProblem'];
  try {
    const r = resolveExpiry({ form, issuedAt: d.issuedAt, ...(d.expiration ? { expiration: d.expiration } : {}), ...(d.hearing ? { hearing: d.hearing } : {}) }, calendar);
    if (r._tag === 'Right') expiry = { at: r.right.expiresAt, ...(r.right.lawLimit ? { lawLimit: r.right.lawLimit } : {}), rule: ruleWords(rule.source) };
    else expiryProblem = { field: r.left.field ?? 'expiration', message: r.left.message, ...(r.left.rule ? { rule: ruleWords(r.left.rule) } : {}) };
  } catch {
    // As above.
  }
  return { ...base, ...(expiry ? { expiry } : {}), ...(expiryProblem ? { expiryProblem } : {}), ...(hearingWindow ? { hearingWindow } : {}), ...(dojDeadline ? { dojDeadline } : {}) };
};

/** The form's stage in words for the rules panel. */
export const stageOf = (form: string | undefined): string | undefined => (form && form in ORDER_FORMS ? formInfo(form as FormNumber).stage : undefined);
