import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { InMemoryEventStore } from '../../event-store/memory/in-memory-event-store';
import { inSchema } from '../../sql/schema-name';
import type { SqlDatabase } from '../../sql/sql-database';
import { migrateViews } from '../../projections/migrate-views';
import { ProjectionRunner } from '../../projections/projection-runner';
import { SqlOrderProjection } from '../../projections/sql-order-projection';
import { accessReport } from '../access-report';
import { dataQualityReport } from '../data-quality-report';
import { expiringReport } from '../expiring-report';
import { rejectsReport } from '../rejects-report';
import type { ReportSource } from '../report-filter';
import { serviceReport } from '../service-report';
import { statisticalReport } from '../statistical-report';
import { timelinessReport } from '../timeliness-report';
import { D1, loadFixture, NOW, O1, O2, O3, O4, O5, O6, O7 } from './report-fixture';

const LA = 'CA019015J';
const ORANGE = 'CA030015J';

export interface ReportsFixture {
  readonly db: SqlDatabase;
  /** An empty schema for the views, and one for the CARPOS gateway's tables. */
  readonly schema: string;
  readonly carposSchema: string;
  readonly dispose: () => Promise<void>;
}

/** The report figures on one SQL engine: the fixed data set projected into fresh views. */
export const describeReports = (label: string, open: () => Promise<ReportsFixture>): void =>
describe(`reports on ${label}: the fixed synthetic data set (figures worked out by hand in report-fixture.ts)`, () => {
  let f: ReportsFixture;
  let db: SqlDatabase;
  let src: ReportSource;
  let SCHEMA: string;

  beforeAll(async () => {
    f = await open();
    db = f.db;
    SCHEMA = f.schema;
    await migrateViews(db, SCHEMA);
    const store = new InMemoryEventStore();
    await loadFixture(store);
    await new ProjectionRunner({ store, target: new SqlOrderProjection(db, SCHEMA), batchSize: 7 }).catchUp();
    src = { db, schema: SCHEMA };
  });
  afterAll(() => f.dispose());

  it('keeps the domain’s DOJ deadlines on the view: daylight time and court holidays', async () => {
    const { rows } = await db.query<{ order_id: string; d: string }>(
      `SELECT order_id::text AS order_id, to_char(doj_deadline AT TIME ZONE 'America/Los_Angeles', 'YYYY-MM-DD') AS d FROM "${SCHEMA}".order_search WHERE doj_deadline IS NOT NULL ORDER BY order_id`,
    );
    expect(Object.fromEntries(rows.map((r) => [r.order_id, r.d]))).toEqual({
      [O1]: '2026-03-09', // Friday → Monday, across the spring-forward Sunday
      [O2]: '2026-11-30', // Wednesday → Monday: Thanksgiving and the day after are judicial holidays
      [O3]: '2026-11-02', // Friday → Monday, across the fall-back Sunday
      [O4]: '2026-11-03',
      [O5]: '2026-11-03',
      [O6]: '2026-10-01',
      [O7]: '2026-08-03', // Saturday → Monday
    });
  });

  it('statistical: issued, entered, renewals and cancellations by California month', async () => {
    const r = await statisticalReport(src, { now: NOW }, 'month');
    expect(r.byKey.rows).toEqual([
      { key: '2026-03', issued: 1, entered: 1, renewed: 0, canceled: 0 },
      { key: '2026-08', issued: 1, entered: 1, renewed: 0, canceled: 0 },
      // O6 was issued at 20:00 PDT on 09-30, 10-01 in UTC: it counts in September.
      { key: '2026-09', issued: 1, entered: 1, renewed: 0, canceled: 0 },
      { key: '2026-10', issued: 1, entered: 1, renewed: 0, canceled: 0 },
      // O2, O4, O5 issued; O7's renewal; O5's cancellation. (In force now is not a monthly figure.)
      { key: '2026-11', issued: 3, entered: 3, renewed: 1, canceled: 1 },
    ]);
    expect(r.cancellations.rows).toEqual([{ reason: 'entered-in-error', cancellations: 1 }]);
  });

  it('statistical: by court and county, with filters; a caller who may not see sealed orders does not count O4', async () => {
    const byCourt = await statisticalReport(src, { now: NOW }, 'court');
    expect(byCourt.byKey.rows).toEqual([
      { key: LA, issued: 5, entered: 5, inForce: 5, renewed: 1, canceled: 0 },
      { key: ORANGE, issued: 2, entered: 2, inForce: 1, renewed: 0, canceled: 1 },
    ]);
    const novemberOrange = await statisticalReport(src, { now: NOW, from: '2026-11-01', to: '2026-11-30', counties: ['30'] }, 'county');
    expect(novemberOrange.byKey.rows).toEqual([{ key: '30', issued: 2, entered: 2, inForce: 1, renewed: 0, canceled: 1 }]);
    const hidden = await statisticalReport(src, { now: NOW, counties: ['30'], visibility: { sealed: 'none', agencyOri: LA } }, 'county');
    expect(hidden.byKey.rows).toEqual([{ key: '30', issued: 1, entered: 1, inForce: 0, renewed: 0, canceled: 1 }]);
  });

  it('timeliness: shares, medians and 95th percentiles per court, late and overdue lists', async () => {
    const r = await timelinessReport(src, { now: NOW });
    expect(r.byCourt.rows).toEqual([
      // LA: 780, 2820, 3900, 5700, 6840 minutes; O3 late; 4 of 5 in time.
      { court: LA, orders: 5, due: 5, acknowledgedInTime: 4, acknowledgedLate: 1, overdue: 0, shareAcknowledgedInTime: 0.8, acknowledgedMedianMinutes: 3900, acknowledgedP95Minutes: 6840 },
      // Orange: O5 after 120 minutes, O4 overdue.
      { court: ORANGE, orders: 2, due: 2, acknowledgedInTime: 1, acknowledgedLate: 0, overdue: 1, shareAcknowledgedInTime: 0.5, acknowledgedMedianMinutes: 120, acknowledgedP95Minutes: 120 },
    ]);
    expect(r.late.rows.map((o) => o.orderId)).toEqual([O3]);
    expect(r.overdue.rows.map((o) => o.orderId)).toEqual([O4]);
    // October–November in California: O6 (09-30 PDT, 10-01 UTC) is out; O3 and O2 remain.
    const autumn = await timelinessReport(src, { now: NOW, from: '2026-10-01', to: '2026-11-30', courts: [LA] });
    expect(autumn.byCourt.rows).toEqual([
      { court: LA, orders: 2, due: 2, acknowledgedInTime: 1, acknowledgedLate: 1, overdue: 0, shareAcknowledgedInTime: 0.5, acknowledgedMedianMinutes: 5700, acknowledgedP95Minutes: 6840 },
    ]);
  });

  it('service: unserved orders in force by age, per court and agency, the oldest first', async () => {
    const r = await serviceReport(src, { now: NOW });
    expect(r.byCourtAndAgency.rows).toEqual([
      { court: LA, agency: LA, unserved: 4, over7: 3, over30: 3, over90: 1 },
      { court: ORANGE, agency: ORANGE, unserved: 1, over7: 1, over30: 0, over90: 0 },
    ]);
    expect(r.orders.rows.map((o) => [o.orderId, o.ageDays])).toEqual([
      [O7, 122],
      [O6, 61],
      [O3, 32],
      [O4, 29],
      [O2, 5],
    ]);
  });

  it('expiring: within 30, 60 and 90 days per court', async () => {
    const r = await expiringReport(src, { now: NOW });
    expect(r.byCourt.rows).toEqual([
      { court: LA, within30: 1, within60: 1, within90: 2 },
      { court: ORANGE, within30: 0, within60: 1, within90: 1 },
    ]);
    expect(r.orders.rows.map((o) => o.orderId)).toEqual([O2, O4, O3]);
  });

  it('DOJ rejects by month, court and error code (a code named twice in one answer counts once)', async () => {
    const r = await rejectsReport(src, { now: NOW });
    expect(r.byMonthAndCode.rows).toEqual([
      { month: '2026-11', code: 'E007', rejects: 1 },
      { month: '2026-11', code: 'E042', rejects: 2 },
    ]);
    expect(r.byCourtAndCode.rows).toEqual([
      { court: LA, code: 'E007', rejects: 1 },
      { court: LA, code: 'E042', rejects: 1 },
      { court: ORANGE, code: 'E042', rejects: 1 },
    ]);
  });

  it('data quality: in force without an image, drafts waiting for data', async () => {
    const r = await dataQualityReport(src, { now: NOW });
    expect(r.byCourt.rows).toEqual([
      { court: LA, withoutImage: 4, drafts: 1 },
      { court: ORANGE, withoutImage: 1, drafts: 0 },
    ]);
    expect(r.withoutImage.rows.map((o) => o.orderId)).toEqual([O7, O6, O3, O4, O2]);
    expect(r.drafts.rows).toEqual([expect.objectContaining({ orderId: D1, ageDays: 11, court: LA })]);
    // A range takes in all of 2026 (the draft was created in it); every statement binds only its own parameters.
    expect((await dataQualityReport(src, { now: NOW, from: '2026-01-01', to: '2026-12-31' })).byCourt.rows).toEqual(r.byCourt.rows);
    // Another agency's caller does not see LA's draft.
    const other = await dataQualityReport(src, { now: NOW, visibility: { sealed: 'none', agencyOri: ORANGE } });
    expect(other.drafts.rows).toEqual([]);
    expect(other.withoutImage.rows.map((o) => o.orderId)).toEqual([O7, O6, O3, O2]);
  });

  it('access: denied attempts and sealed-order reads by agency and user, on California days', async () => {
    const r = await accessReport(src, {});
    expect(r.byAgencyAndUser.rows).toEqual([
      { agency: LA, user: 'clerk-1', denied: 2, sealedReads: 0 },
      { agency: LA, user: 'clerk-2', denied: 0, sealedReads: 1 },
    ]);
    // 23:30 PST on 11-05 is 11-06 in UTC: the day is the 5th.
    expect((await accessReport(src, { from: '2026-11-06' })).byAgencyAndUser.rows).toEqual([]);
    expect((await accessReport(src, { from: '2026-11-05', to: '2026-11-05' })).byAgencyAndUser.rows).toHaveLength(2);
  });

  it('timeliness and data quality with the CARPOS gateway beside the views: sent to CLETS, awaiting DOJ fields', async () => {
    const gw = f.carposSchema;
    await db.query(inSchema(`CREATE TABLE {{schema}}.carpos_deadlines (order_id text, deadline_id text, sent_at timestamptz, PRIMARY KEY (order_id, deadline_id))`, gw));
    await db.query(inSchema(`CREATE TABLE {{schema}}.carpos_outbox (id bigint, order_id text, status text)`, gw));
    // Minutes from issue to the first send: LA 60 (O1), 10 (O2), 5640 (O3, late), 5 (O6), 5 (O7); Orange 5 (O5), O4 never sent.
    const sent: [string, string][] = [
      [O1, '2026-03-06T17:00:00-08:00'],
      [O2, '2026-11-25T15:10:00-08:00'],
      [O3, '2026-11-03T07:00:00-08:00'],
      [O6, '2026-09-30T20:05:00-07:00'],
      [O7, '2026-08-01T10:05:00-07:00'],
      [O5, '2026-11-02T11:05:00-08:00'],
    ];
    for (const [order, at] of sent) await db.query(inSchema(`INSERT INTO {{schema}}.carpos_deadlines VALUES ($1, 'd1', $2)`, gw), [order, at]);
    await db.query(inSchema(`INSERT INTO {{schema}}.carpos_outbox VALUES (1, $1, 'awaiting-data'), (2, $1, 'awaiting-data'), (3, $2, 'done')`, gw), [O4, O5]);
    const withGateway = { ...src, carposSchema: gw };
    // Statewide, transmission is not joined (/carpos/timeliness has it per agency); for named courts it is.
    expect((await timelinessReport(withGateway, { now: NOW })).byCourt.rows[0]).not.toHaveProperty('shareSentInTime');
    const r = await timelinessReport(withGateway, { now: NOW, courts: [LA, ORANGE] });
    expect(r.byCourt.rows.map((c) => [c.court, c.shareSentInTime, c.sentMedianMinutes, c.sentP95Minutes])).toEqual([
      [LA, 0.8, 10, 5640],
      [ORANGE, 0.5, 5, 5],
    ]);
    expect(r.overdue.rows).toEqual([expect.objectContaining({ orderId: O4, sentAt: null })]);
    const q = await dataQualityReport(withGateway, { now: NOW });
    expect(q.byCourt.rows).toEqual([
      { court: LA, withoutImage: 4, drafts: 1, awaitingDojFields: 0 },
      { court: ORANGE, withoutImage: 1, drafts: 0, awaitingDojFields: 1 },
    ]);
  });
});
