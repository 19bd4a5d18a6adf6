import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { agencyOriArb, anyOrderChangesArb, anyOrderDetailsArb, expirationInputArb, hearingArb, historyArb, instantAfter, orderIdArb, type History } from '@ccpor/test-kit';
import { californiaCourtCalendar } from '../calendar';
import type { OrderCommand } from '../order/commands';
import { orderDecider } from '../order/decide';
import type { OrderEvent } from '../order/events';
import type { OrderDetails } from '../order/order-details';
import { formInfo } from '../order/order-forms';
import type { OrderState } from '../order/order-state';
import { DURATION_RULES, RENEWAL_RULES } from './duration-rules';

/*
 * The limits are recomputed here from the rule tables with the host's time-zone database (Intl) and
 * plain UTC date arithmetic, not with the domain's own California-time and date helpers, so a
 * mistake in those shows up as a disagreement.
 */
const LA = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Los_Angeles',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** California wall clock of an instant, 'YYYY-MM-DD HH:MM:SS' (comparable as text). */
const wallClock = (iso: string): string => {
  const p = Object.fromEntries(LA.formatToParts(new Date(Date.parse(iso))).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
};
const localDate = (iso: string): string => wallClock(iso).slice(0, 10);

const ymd = (date: string): [number, number, number] => date.split('-').map(Number) as [number, number, number];
const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const plusDays = (date: string, n: number): string => {
  const [y, m, d] = ymd(date);
  return iso(Date.UTC(y, m - 1, d + n));
};
/** Calendar months later, on the same day or the month's last day (29 Feb + 1 year → 28 Feb). */
const plusMonths = (date: string, n: number): string => {
  const [y, m, d] = ymd(date);
  const lastDay = new Date(Date.UTC(y, m - 1 + n + 1, 0)).getUTCDate();
  return iso(Date.UTC(y, m - 1 + n, Math.min(d, lastDay)));
};
const plusYears = (date: string, n: number): string => plusMonths(date, 12 * n);

/** The `n`th court day after `date` (the day itself not counted). */
const nthCourtDayAfter = (date: string, n: number): string => {
  let day = date;
  for (let counted = 0; counted < n; ) {
    day = plusDays(day, 1);
    if (californiaCourtCalendar.isCourtDay(day)) counted += 1;
  }
  return day;
};

const endOf = (date: string): string => `${date} 23:59:59`;
const earlier = (a: string, b: string): string => (a <= b ? a : b);

/** Passes, or fails showing every fact of the case. */
const expectWithin = (ok: boolean, facts: Record<string, unknown>): void => expect(ok ? 'within the rule' : facts).toBe('within the rule');

/** The end an order has at issue (or after a change that did not renew it), against DURATION_RULES. */
const checkEnd = (details: OrderDetails, expiresAt: string | null, when: 'issue' | 'modify'): void => {
  const rule = DURATION_RULES[details.form];
  const facts = { form: details.form, when, issuedAt: details.issuedAt, expiration: details.expiration, hearing: details.hearing, expiresAt };
  // Only a registered order that states no end has none.
  expectWithin(expiresAt !== null || (rule.kind === 'as-registered' && details.expiration?.kind === 'non-expiring'), facts);
  if (expiresAt === null) return;
  const written = details.expiration?.kind === 'date' ? `${details.expiration.date} ${details.expiration.time ?? '23:59'}:${details.expiration.time ? '00' : '59'}` : undefined;
  const issue = localDate(details.issuedAt);
  const end = wallClock(expiresAt);
  expectWithin(Date.parse(expiresAt) > Date.parse(details.issuedAt), { ...facts, broken: 'ends before it was issued' });
  switch (rule.kind) {
    case 'emergency-court-days': {
      // The expiry written on an emergency order is its end (Fam. Code 6253(b)); the law's limit only bounds a computed one.
      const limit = earlier(`${nthCourtDayAfter(issue, rule.courtDays)} ${californiaCourtCalendar.closeOfBusiness}`, endOf(plusDays(issue, rule.calendarDays)));
      if (written !== undefined) expectWithin(end === written, { ...facts, end, written, broken: 'the written expiry is the end' });
      else expectWithin(end <= limit, { ...facts, end, limit });
      break;
    }
    case 'fixed-days':
      if (written !== undefined) expectWithin(end === written, { ...facts, end, written, broken: 'the written expiry is the end' });
      else expectWithin(end <= endOf(plusDays(issue, rule.days)), { ...facts, end, limit: endOf(plusDays(issue, rule.days)) });
      break;
    case 'as-registered':
      expectWithin(written !== undefined && end === written, { ...facts, end, written, broken: 'a registered order keeps the end written on it' });
      break;
    case 'until-hearing': {
      const hearing = details.hearing?.at;
      expectWithin(hearing !== undefined && end === endOf(localDate(hearing)), { ...facts, end, broken: 'a temporary order ends with its hearing day' });
      // A continued hearing may fall later (AB 1081); at issue the hearing is within the allowed days.
      const allowed = details.hearing?.goodCause ? rule.goodCauseDays : rule.hearingWithinDays;
      if (when === 'issue') expectWithin(end <= endOf(plusDays(issue, allowed)), { ...facts, end, limit: endOf(plusDays(issue, allowed)) });
      break;
    }
    case 'after-hearing':
      if (rule.maxYears !== null) expectWithin(end <= endOf(plusYears(issue, rule.maxYears)), { ...facts, end, limit: endOf(plusYears(issue, rule.maxYears)) });
      if (rule.minYears !== null) expectWithin(end >= `${plusYears(issue, rule.minYears)} 00:00:00`, { ...facts, end, minimum: plusYears(issue, rule.minYears) });
      if (details.expiration === undefined) {
        expectWithin(rule.defaultYears !== null && end.endsWith(' 23:59:59'), { ...facts, end, broken: 'a default end is the end of a day' });
      }
      break;
  }
};

const checkRenewal = (before: Extract<OrderState, { status: 'issued' }>, event: Extract<OrderEvent, { type: 'OrderRenewed' }>): void => {
  const rule = RENEWAL_RULES[formInfo(before.details.form).type];
  const { expiresAt, previousExpiresAt, requestFiledOn } = event.data;
  const facts = { form: before.details.form, previousExpiresAt, requestFiledOn, expiration: event.data.expiration, expiresAt };
  expectWithin(rule !== undefined && formInfo(before.details.form).stage === 'after-hearing', { ...facts, broken: 'renewed a form that has no renewal rule' });
  if (rule === undefined) return;
  expectWithin(previousExpiresAt !== null && previousExpiresAt === before.expiresAt, facts);
  if (previousExpiresAt === null) return;
  const oldEnd = localDate(previousExpiresAt);
  const opens = rule.windowMonths === null ? '0000-01-01' : plusMonths(oldEnd, -rule.windowMonths);
  expectWithin(requestFiledOn >= opens && requestFiledOn <= oldEnd, { ...facts, window: [opens, oldEnd] });
  if (expiresAt === null) {
    expectWithin(rule.permanentAllowed, { ...facts, broken: 'renewed permanently where the law does not allow it' });
    return;
  }
  const newEnd = localDate(expiresAt);
  expectWithin(Date.parse(expiresAt) > Date.parse(previousExpiresAt), { ...facts, broken: 'a renewal must end later' });
  if (rule.maxYears !== null) expectWithin(newEnd <= plusYears(oldEnd, rule.maxYears), { ...facts, newEnd, latest: plusYears(oldEnd, rule.maxYears) });
  if (rule.minYears !== null) expectWithin(newEnd >= plusYears(oldEnd, rule.minYears), { ...facts, newEnd, earliest: plusYears(oldEnd, rule.minYears) });
};

/** Checks every accepted add, modification and renewal of a history. */
const checkHistory = (h: History): number => {
  let checked = 0;
  for (const d of h.decisions) {
    if (E.isLeft(d.result)) continue;
    for (const event of d.result.right) {
      const after = [event].reduce(orderDecider.evolve, d.before);
      if (event.type === 'OrderAdded') {
        checkEnd(event.data.details, event.data.expiresAt, 'issue');
        checked += 1;
      } else if (event.type === 'OrderModified' && d.before.status === 'issued' && after.status === 'issued') {
        if (d.before.renewals > 0) expectWithin(event.data.expiresAt === d.before.expiresAt, { broken: 'a renewed order’s end moved by a modification', before: d.before.expiresAt, after: event.data.expiresAt });
        else checkEnd(after.details, event.data.expiresAt, 'modify');
        checked += 1;
      } else if (event.type === 'OrderRenewed' && d.before.status === 'issued') {
        checkRenewal(d.before, event);
        checked += 1;
      }
    }
  }
  return checked;
};

describe('an order never lasts longer than its type allows (docs/law/durations.md; Fam. Code 6256, 6345; CCP 527.6–527.85; Pen. Code 136.2(i)(1))', () => {
  it('holds for every add, modification and renewal accepted in a history', () => {
    let checked = 0;
    fc.assert(
      fc.property(historyArb({ weights: { modify: 16, renew: 16 } }), (h) => {
        checked += checkHistory(h);
      }),
      { numRuns: 200 },
    );
    // The property must have met real decisions, not only rejected ones.
    expect(checked).toBeGreaterThan(100);
  });

  it('holds for orders added with details that ignore the rules, whenever decide accepts them', () =>
    fc.assert(
      fc.property(anyOrderDetailsArb, orderIdArb, agencyOriArb, fc.integer({ min: 0, max: 60 * 24 * 30 }), (details, orderId, ori, minutes) => {
        const at = instantAfter(details.issuedAt, minutes);
        const command: OrderCommand = { type: 'AddOrder', orderId, at, enteringAgencyOri: ori, details };
        const result = orderDecider.decide(command, orderDecider.initialState);
        for (const event of E.isRight(result) ? result.right : []) {
          if (event.type === 'OrderAdded') checkEnd(event.data.details, event.data.expiresAt, 'issue');
        }
      }),
      { numRuns: 1000 },
    ));

  it('holds for modifications that change the end or the hearing with arbitrary values, whenever decide accepts them', () =>
    fc.assert(
      fc.property(
        historyArb({ start: ['add'], maxSteps: 4 }),
        anyOrderChangesArb,
        fc.oneof(expirationInputArb.map((expiration) => ({ expiration })), hearingArb().map((hearing) => ({ hearing }))),
        fc.integer({ min: 1, max: 60 * 24 * 400 }),
        (h, changes, endChange, minutes) => {
          const last = h.decisions[h.decisions.length - 1]?.command.at ?? h.base.issuedAt;
          const command: OrderCommand = {
            type: 'ModifyOrder',
            orderId: h.orderId,
            at: instantAfter(last, minutes),
            changes: { ...changes, ...endChange },
          };
          const result = orderDecider.decide(command, h.state);
          if (E.isLeft(result) || h.state.status !== 'issued') return;
          const after = result.right.reduce(orderDecider.evolve, h.state as OrderState);
          const event = result.right[0];
          if (event?.type !== 'OrderModified' || after.status !== 'issued') return;
          if (h.state.renewals > 0) expectWithin(event.data.expiresAt === h.state.expiresAt, { broken: 'a renewed order’s end moved', event });
          else checkEnd(after.details, event.data.expiresAt, 'modify');
        },
      ),
      { numRuns: 300 },
    ));

  describe('cases the properties found (JV-255 counts its default end from the hearing)', () => {
    const jv255 = (issuedAt: string, hearingAt: string, expiration?: OrderDetails['expiration']): OrderCommand =>
      ({
        type: 'AddOrder',
        orderId: '00000000-0000-4000-8000-000000000000',
        at: issuedAt,
        enteringAgencyOri: 'CA0010000',
        details: {
          form: 'JV-255',
          court: { ori: 'CA001000J', county: '01', name: 'Superior Court of California, County of Alameda' },
          caseNumber: '00FL000001',
          issuedAt,
          restrainedPerson: { name: { last: 'GARCIA', first: 'A' } },
          protectedPersons: [{ name: { last: 'GARCIA', first: 'A' }, confidential: false, minor: false }],
          hearing: { at: hearingAt },
          ...(expiration ? { expiration } : {}),
        },
      }) as OrderCommand;

    it('a hearing after the issue date does not stretch the 3-year maximum', () => {
      const result = orderDecider.decide(jv255('1990-01-01T16:00-08:00', '1990-01-02T00:00-08:00', { kind: 'date', date: '1993-01-02' as never }), orderDecider.initialState);
      expect(E.isLeft(result) && result.left).toMatchObject({ code: 'EXPIRATION_EXCEEDS_MAXIMUM', details: { latest: '1993-01-01T23:59:59-08:00' } });
    });

    it('a hearing more than 3 years before issue cannot give an order that ended before it began', () => {
      const result = orderDecider.decide(jv255('1993-01-02T00:00-08:00', '1990-01-01T16:00-08:00'), orderDecider.initialState);
      expect(E.isLeft(result) && result.left).toMatchObject({ code: 'EXPIRATION_BEFORE_ISSUE', field: 'hearing.at' });
    });
  });
});
