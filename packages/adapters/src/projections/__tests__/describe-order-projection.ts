import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EventStore, GlobalPosition, RecordedEvent } from '@ccpor/domain';
import { inSchema } from '../../sql/schema-name';
import type { SqlDatabase } from '../../sql/sql-database';
import { InMemoryOrderProjection } from '../in-memory-order-projection';
import { ProjectionRunner, type BatchReport } from '../projection-runner';
import { SqlOrderProjection } from '../sql-order-projection';
import { command, lifecycleCommands, ORDER_A, ORDER_D, runCommands } from './order-histories';

/**
 * The order projection's runner suite, run against each pairing of event store and SQL engine.
 * `open` gives a fresh store and an empty, migrated view schema.
 */
export interface ProjectionFixture {
  readonly store: EventStore;
  readonly db: SqlDatabase;
  readonly schema: string;
  readonly dispose: () => Promise<void>;
}

/** Every table of the view, as JSON text per row in a stable order: what "equal views" means. */
export interface ViewDump {
  readonly order_search: string[];
  readonly order_search_protected: string[];
  readonly order_party_pair: string[];
  readonly order_statistics: string[];
  readonly order_event_counts: string[];
  readonly order_month_counts: string[];
  readonly order_in_force_counts: string[];
}

export const dumpViews = async (db: SqlDatabase, schema: string): Promise<ViewDump> => {
  const dump = async (from: string, order: string): Promise<string[]> =>
    (await db.query<{ j: string }>(inSchema(`SELECT row_to_json(t)::text AS j FROM ${from} AS t ORDER BY ${order}`, schema))).rows.map(
      (r) => r.j,
    );
  return {
    order_search: await dump('{{schema}}.order_search', 'order_id'),
    order_search_protected: await dump('{{schema}}.order_search_protected', 'order_id, ordinal'),
    order_party_pair: await dump('{{schema}}.order_party_pair', 'order_id, ordinal'),
    order_statistics: await dump(
      '(SELECT * FROM {{schema}}.order_statistics WHERE orders <> 0)',
      'county, order_type, stage, status, issue_month, expiry_month',
    ),
    order_event_counts: await dump('{{schema}}.order_event_counts', 'kind, month, county, court_ori, order_type, stage, reason'),
    order_month_counts: await dump('(SELECT * FROM {{schema}}.order_month_counts WHERE orders <> 0)', 'measure, month, county, court_ori, order_type, stage'),
    order_in_force_counts: await dump('(SELECT * FROM {{schema}}.order_in_force_counts WHERE orders <> 0)', 'expiry_month, county, court_ori, order_type, stage'),
  };
};

const instant = (v: unknown): unknown => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) ? Date.parse(v) : v);
/** A row with its instants as epoch milliseconds, so PostgreSQL's rendering compares with the event's. */
const comparable = (row: object): Record<string, unknown> => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, instant(v)]));

export const describeOrderProjection = (label: string, open: () => Promise<ProjectionFixture>): void => {
  describe(`order projection on ${label}`, () => {
    let f: ProjectionFixture;
    let events: readonly RecordedEvent[];

    beforeAll(async () => {
      f = await open();
      await runCommands(f.store, lifecycleCommands());
      // The gap-free read returns nothing above a transaction still running anywhere on the
      // server (another test's, say); the head waits until those have ended.
      await f.store.headPosition();
      events = await f.store.readAll({ maxCount: 10_000 });
    });
    afterAll(() => f.dispose());

    const projection = (name = 'order-search'): SqlOrderProjection => new SqlOrderProjection(f.db, f.schema, name);

    it('catches up and holds the same rows as the in-memory projection (same handlers)', async () => {
      const target = projection();
      const report = await new ProjectionRunner({ store: f.store, target, batchSize: 4 }).catchUp();
      expect(report.applied).toBe(events.length);
      expect(report.position).toBe(events[events.length - 1]!.globalPosition);

      const memory = new InMemoryOrderProjection();
      await new ProjectionRunner({ store: f.store, target: memory }).catchUp();
      const sqlRows = (await dumpViews(f.db, f.schema)).order_search.map((j) => JSON.parse(j) as object);
      expect(sqlRows.map(comparable)).toEqual(memory.allRows().map(comparable));
      const people = (await dumpViews(f.db, f.schema)).order_search_protected.map((j) => JSON.parse(j) as object);
      expect(people).toEqual(memory.protectedPersons());
      const pairs = (await dumpViews(f.db, f.schema)).order_party_pair.map((j) => JSON.parse(j) as object);
      expect(pairs).toEqual(memory.partyPairs());
      const stats = (await dumpViews(f.db, f.schema)).order_statistics.map((j) => JSON.parse(j) as object);
      expect(stats).toEqual(expect.arrayContaining(memory.statisticsRows()));
      expect(stats).toHaveLength(memory.statisticsRows().length);
      // The lifecycle renews, cancels and is rejected once each: the event counters hold them as the in-memory twin does.
      const counts = (await dumpViews(f.db, f.schema)).order_event_counts.map((j) => {
        const c = JSON.parse(j) as { kind: string; events: unknown };
        return { ...c, events: Number(c.events) };
      });
      expect(counts).toEqual(expect.arrayContaining(memory.eventCountRows()));
      expect(counts.map((c) => c.kind).sort()).toEqual(['canceled', 'rejected', 'renewed']);
      const numbered = (rows: string[]) => rows.map((j) => ({ ...(JSON.parse(j) as object), orders: Number((JSON.parse(j) as { orders: unknown }).orders) }));
      const views = await dumpViews(f.db, f.schema);
      expect(numbered(views.order_month_counts)).toEqual(expect.arrayContaining(memory.monthCountRows()));
      expect(views.order_month_counts).toHaveLength(memory.monthCountRows().length);
      expect(numbered(views.order_in_force_counts)).toEqual(expect.arrayContaining(memory.inForceCountRows()));
      expect(views.order_in_force_counts).toHaveLength(memory.inForceCountRows().length);
    });

    it('replaying everything over the view changes nothing (per-row version guard)', async () => {
      const before = await dumpViews(f.db, f.schema);
      // Lose the checkpoint but keep the rows: every event is delivered a second time.
      await f.db.query(inSchema("UPDATE {{schema}}.projection_checkpoints SET position = NULL WHERE projection = 'order-search'", f.schema));
      const report = await new ProjectionRunner({ store: f.store, target: projection(), batchSize: 3 }).catchUp();
      expect(report.applied).toBe(events.length);
      expect(await dumpViews(f.db, f.schema)).toEqual(before);
    });

    it('compare-and-set: a stale runner cannot move a checkpoint another runner moved', async () => {
      const name = 'cas-check';
      const a = projection(name);
      const b = projection(name);
      const p = (i: number): GlobalPosition => events[i]!.globalPosition;
      expect(await a.apply(events.slice(0, 5), undefined)).toBe('stored');
      // b still believes nothing was applied.
      expect(await b.apply(events.slice(0, 3), undefined)).toBe('ahead');
      expect(await b.apply(events.slice(0, 5), undefined)).toBe('idempotent');
      expect(await b.apply(events.slice(3, 8), p(2))).toBe('mismatch');
      expect(await b.apply(events.slice(5, 8), p(4))).toBe('stored');
      expect((await a.checkpoint()).position).toBe(p(7));
    });

    it('rebuild from zero equals the view built incrementally, and reports progress', async () => {
      const incremental = await dumpViews(f.db, f.schema);
      const progress: number[] = [];
      const runner = new ProjectionRunner({ store: f.store, target: projection(), batchSize: 2, pageSize: 5 });
      const report = await runner.rebuild((p) => progress.push(p.applied));
      expect(report.applied).toBe(events.length);
      expect(progress[progress.length - 1]).toBe(events.length);
      expect(progress.length).toBeGreaterThan(1);
      expect(await dumpViews(f.db, f.schema)).toEqual(incremental);
    });

    it('follows live appends in batches, can be waited for, and reports its lag', async () => {
      let now = Date.parse('2026-08-01T10:00:00Z');
      const batches: BatchReport[] = [];
      const runner = new ProjectionRunner({ store: f.store, target: projection(), batchSize: 50, now: () => now, onBatch: (b) => batches.push(b) });
      const stop = new AbortController();
      const running = runner.run(stop.signal);
      try {
        const at = '2026-07-20T09:00:00-07:00';
        const position = await runCommands(f.store, [
          command(ORDER_D, at, { type: 'ModifyOrder', changes: { sealed: true } }),
          command(ORDER_D, at, { type: 'RecordDojAcknowledgement', transaction: 'enter', messageId: 'm9', fcn: '3000000000009' }),
        ]);
        await runner.waitFor(position!, 10_000);
        const row = (await f.db.query<{ sealed: boolean; fcn: string }>(inSchema('SELECT sealed, fcn FROM {{schema}}.order_search WHERE order_id = $1', f.schema), [ORDER_D]))
          .rows[0];
        expect(row).toEqual({ sealed: true, fcn: '3000000000009' });
        expect(batches.every((b) => b.outcome === 'stored')).toBe(true);
        const lag = await runner.lag();
        expect(lag).toMatchObject({ eventsBehind: 0, atLeast: false, secondsBehind: 0 });
        // recordedAt of the last event is the command's time; the clock reads 12 days later.
        expect(lag.secondsSinceLastApplied).toBeCloseTo((now - Date.parse(at)) / 1000, 0);
      } finally {
        stop.abort();
        await running;
      }
      // Stopped: new events wait, and the lag says so.
      await runCommands(f.store, [command(ORDER_A, '2030-02-01T10:00:00-08:00', { type: 'AttachImage', image: { sha256: 'd'.repeat(64), mediaType: 'application/pdf', pages: 1, bytes: 10, kind: 'other' } })]);
      await f.store.headPosition();
      now = Date.parse('2030-02-01T18:01:00Z');
      expect(await runner.lag()).toMatchObject({ eventsBehind: 1, atLeast: false, secondsBehind: 60 });
      expect(await runner.lag(0)).toMatchObject({ eventsBehind: 0, atLeast: true });
      await runner.catchUp();
      expect((await runner.lag()).eventsBehind).toBe(0);
    });

    it('a run aborted at once, while it still reads the checkpoint, ends', async () => {
      const stop = new AbortController();
      const running = new ProjectionRunner({ store: f.store, target: projection() }).run(stop.signal);
      stop.abort();
      // Before the fix the subscription never heard the abort and this never settled.
      await expect(running).resolves.toBeUndefined();
    });

    it('two runners on one view end where one alone would, whichever wins each batch', async () => {
      const expected = await dumpViews(f.db, f.schema);
      await f.store.headPosition();
      const all = await f.store.readAll({ maxCount: 10_000 });
      const head = all[all.length - 1]!.globalPosition;
      await projection().reset();
      const outcomes: string[] = [];
      const make = (): ProjectionRunner =>
        new ProjectionRunner({ store: f.store, target: projection(), batchSize: 3, pageSize: 3, onBatch: (b) => outcomes.push(b.outcome) });
      const stop = new AbortController();
      const running = [make(), make()].map((r) => r.run(stop.signal));
      try {
        const deadline = Date.now() + 20_000;
        while ((await projection().checkpoint()).position !== head && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      } finally {
        stop.abort();
        await Promise.all(running);
      }
      expect((await projection().checkpoint()).position).toBe(head);
      expect(await dumpViews(f.db, f.schema)).toEqual(expected);
      // Every batch was applied exactly once; the loser of a race wrote nothing.
      expect(outcomes.filter((o) => o === 'stored').length).toBeGreaterThan(0);
    });
  });
};

