import { expectAny, type EventStore, type OrderCommand } from '@ccpor/domain';
import { command, LA_COURT, ORANGE_COURT, runCommands } from '../../projections/__tests__/order-histories';

/**
 * The fixed synthetic data set the report figures are checked against (issue 16). Every figure the
 * tests expect is worked out by hand in the comments beside the orders; "now" is NOW. California
 * times are written with their offsets, so daylight time and standard time are both visible.
 */
export const NOW = '2026-12-01T12:00:00-08:00';

export const id = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
export const O1 = id(1);
export const O2 = id(2);
export const O3 = id(3);
export const O4 = id(4);
export const O5 = id(5);
export const O6 = id(6);
export const O7 = id(7);
export const D1 = id(8);

const person = (last: string) => ({ name: { last, first: 'PAT' }, dateOfBirth: '1980-01-01', sex: 'M' });
const protectedPerson = { name: { last: 'DOE', first: 'JAN' }, dateOfBirth: '1985-05-05', confidential: false, minor: false };

const add = (orderId: string, at: string, court: typeof LA_COURT, issuedAt: string, extra: Record<string, unknown> = {}): OrderCommand =>
  command(orderId, at, {
    type: 'AddOrder',
    enteringAgencyOri: court.ori,
    details: {
      form: 'DV-130',
      court,
      caseNumber: `CASE-${orderId.slice(-2)}`,
      issuedAt,
      restrainedPerson: person(`ROE${'ABCDEFGHIJ'[Number(orderId.slice(-1))]}`),
      protectedPersons: [protectedPerson],
      ...extra,
    },
  });
const ack = (orderId: string, at: string): OrderCommand =>
  command(orderId, at, { type: 'RecordDojAcknowledgement', transaction: 'enter', messageId: `m-${orderId.slice(-2)}`, fcn: `23200000000${orderId.slice(-2)}` });
const serve = (orderId: string, at: string): OrderCommand =>
  command(orderId, at, {
    type: 'RecordService',
    service: { serviceId: `s-${orderId.slice(-2)}`, servedAt: at, method: 'personal', servedBy: { name: 'Deputy A' }, servingAgencyOri: 'CA0194200' },
  });

/**
 * LA (CA019015J, county 19) and Orange (CA030015J, county 30); DOJ deadlines from the domain
 * (one business day of issue, the court's calendar, Fam. Code 6380(a)); issue→acknowledgement in minutes.
 */
export const fixtureCommands = (): OrderCommand[] => [
  // O1, LA: issued Friday 2026-03-06 16:00 PST; the clocks spring forward on Sunday 03-08; the
  // deadline is the end of Monday 03-09 (PDT). Acknowledged Monday 10:00 PDT: in time, after
  // 65 hours = 3900 minutes (not 3960: one hour of the weekend never happened). Served; has an image.
  add(O1, '2026-03-06T16:30:00-08:00', LA_COURT, '2026-03-06T16:00:00-08:00'),
  command(O1, '2026-03-06T16:40:00-08:00', { type: 'AttachImage', image: { sha256: 'a'.repeat(64), mediaType: 'application/pdf', pages: 1, bytes: 10, kind: 'order' } }),
  ack(O1, '2026-03-09T10:00:00-07:00'),
  serve(O1, '2026-03-10T09:00:00-07:00'),
  // O7, LA: issued Saturday 2026-08-01 10:00 PDT, deadline the end of Monday 08-03; acknowledged
  // Monday 09:00 PDT: 47 hours = 2820 minutes, in time. Never served: 122 days old at NOW (> 90).
  // Expires 2026-12-15 but is renewed on 2026-11-10 (a renewal in November 2026).
  add(O7, '2026-08-01T10:30:00-07:00', LA_COURT, '2026-08-01T10:00:00-07:00', { expiration: { kind: 'date', date: '2026-12-15' } }),
  ack(O7, '2026-08-03T09:00:00-07:00'),
  // O6, LA: issued 2026-09-30 20:00 PDT, which is already 10-01 in UTC: a September order in
  // California. Acknowledged 10-01 09:00 PDT: 13 hours = 780 minutes, in time. Never served: 61 days.
  add(O6, '2026-09-30T20:30:00-07:00', LA_COURT, '2026-09-30T20:00:00-07:00'),
  ack(O6, '2026-10-01T09:00:00-07:00'),
  // O3, LA: issued Friday 2026-10-30 10:00 PDT; the clocks fall back on Sunday 11-01; deadline the
  // end of Monday 11-02. Acknowledged Tuesday 11-03 08:00 PST: late, after 95 hours = 5700 minutes.
  // DOJ rejected it first (E042 and E007). Never served: 32 days. Expires 2027-02-20 (within 90 days).
  add(O3, '2026-10-30T10:30:00-07:00', LA_COURT, '2026-10-30T10:00:00-07:00', { expiration: { kind: 'date', date: '2027-02-20' } }),
  command(O3, '2026-11-02T10:00:00-08:00', {
    type: 'RecordDojRejection',
    transaction: 'enter',
    messageId: 'r-03',
    errors: [{ reason: 'E042: date of birth missing', field: 'DOB' }, { reason: 'E007: invalid name', field: 'NAM' }, { reason: 'E042: again', field: 'DOB' }],
  }),
  ack(O3, '2026-11-03T08:00:00-08:00'),
  // O4, Orange: issued Monday 2026-11-02 09:00 PST, sealed; DOJ rejected it (E042) and never
  // acknowledged it: overdue since the end of 11-03. Never served: 29 days. Expires 2027-01-15.
  add(O4, '2026-11-02T09:30:00-08:00', ORANGE_COURT, '2026-11-02T09:00:00-08:00', { sealed: true, expiration: { kind: 'date', date: '2027-01-15' } }),
  command(O4, '2026-11-03T10:00:00-08:00', { type: 'RecordDojRejection', transaction: 'enter', messageId: 'r-04', errors: [{ reason: 'E042: date of birth missing', field: 'DOB' }] }),
  // O5, Orange: issued 2026-11-02 11:00 PST, acknowledged 13:00: 120 minutes. Served, then canceled
  // (entered in error) on 11-20.
  add(O5, '2026-11-02T11:30:00-08:00', ORANGE_COURT, '2026-11-02T11:00:00-08:00'),
  ack(O5, '2026-11-02T13:00:00-08:00'),
  serve(O5, '2026-11-05T09:00:00-08:00'),
  command(O5, '2026-11-20T09:00:00-08:00', { type: 'CancelOrder', reason: 'entered-in-error' }),
  command(O7, '2026-11-10T10:00:00-08:00', { type: 'RenewOrder', requestFiledOn: '2026-11-10', expiration: { kind: 'date', date: '2031-12-15' } }),
  // D1, LA: a draft waiting for data since 2026-11-20 10:00 PST: 11 days at NOW.
  command(D1, '2026-11-20T10:00:00-08:00', { type: 'CreateDraft', enteringAgencyOri: LA_COURT.ori, details: { form: 'DV-110', court: LA_COURT } }),
  // O2, LA: issued Wednesday 2026-11-25 15:00 PST, the eve of Thanksgiving; 11-26 and 11-27 are
  // judicial holidays, then a weekend: the deadline is the end of Monday 11-30. Acknowledged Monday
  // 09:00: in time, after 114 hours = 6840 minutes. Never served: 5 days. Expires 2026-12-20.
  add(O2, '2026-11-25T15:30:00-08:00', LA_COURT, '2026-11-25T15:00:00-08:00', { expiration: { kind: 'date', date: '2026-12-20' } }),
  ack(O2, '2026-11-30T09:00:00-08:00'),
];

/** The access audit of two users, appended as the registry's AccessAuditLog does. */
export const appendAccessAudit = async (store: EventStore): Promise<void> => {
  const decision = (userId: string, action: string, allowed: boolean, orderId?: string) => ({
    at: '2026-11-05T23:30:00-08:00',
    requestId: 'r',
    principal: { userId, agencyOri: 'CA019015J', roles: ['court-clerk'], kind: 'user' },
    action,
    allowed,
    rule: 'test',
    route: 'GET /orders/:orderId',
    ...(orderId ? { orderId } : {}),
  });
  await store.append(
    'access-audit-2026-11-06',
    [
      {
        type: 'AccessDecisionsRecorded',
        schemaVersion: 1,
        data: {
          decisions: [
            decision('clerk-1', 'order.read', false, O4),
            decision('clerk-1', 'statistics.read', false),
            decision('clerk-2', 'order.read', true, O4),
            decision('clerk-2', 'order.read', true, O1),
          ],
        },
        metadata: { eventId: 'audit-1', actor: { userId: 'system:access-audit', agencyOri: 'CASTATE00', roles: [], kind: 'system' }, correlationId: 'c', recordedAt: '2026-11-06T07:30:00Z' },
      },
    ],
    expectAny,
  );
};

export const loadFixture = async (store: EventStore): Promise<void> => {
  await runCommands(store, fixtureCommands());
  await appendAccessAudit(store);
};
