import { PGlite } from '@electric-sql/pglite';
import { Pool } from 'pg';
import { runMigrations } from '../sql/migration-runner';
import { type SqlDatabase } from '../sql/sql-database';
import { pgliteDatabase } from '../event-store/pglite/pglite-database';
import { postgresDatabase } from '../event-store/postgres/postgres-database';
import { dropSchema, testPostgresConfig, throwawaySchemaName } from '../event-store/postgres/throwaway-schema';
import { deliveryMigrations } from './delivery-migrations';
import { DeliveryOutbox, type NewDelivery } from './delivery-outbox';

interface Target {
  readonly name: string;
  open(): Promise<{ db: SqlDatabase; schema: string; close(): Promise<void> }>;
}

const targets: Target[] = [
  {
    name: 'PGlite',
    open: async () => {
      const pg = new PGlite();
      return { db: pgliteDatabase(pg), schema: 'ccpor', close: () => pg.close() };
    },
  },
  {
    name: 'PostgreSQL',
    open: async () => {
      const config = testPostgresConfig();
      const schema = throwawaySchemaName('outbox');
      const pool = new Pool({ ...config, max: 4 });
      return {
        db: postgresDatabase(pool),
        schema,
        close: async () => {
          await pool.end();
          await dropSchema(config, schema);
        },
      };
    },
  },
];

const row = (order: string, n: number, target = 'sub-1'): NewDelivery => ({
  dedupeKey: `${target}|${order}|${n}`,
  target,
  orderingKey: `${target}|${order}`,
  agencyOri: 'CA019015J',
  kind: 'OrderModified',
  payload: { order, n },
});

describe.each(targets)('delivery outbox on $name', (target) => {
  let home: Awaited<ReturnType<Target['open']>>;
  beforeAll(async () => {
    home = await target.open();
    await runMigrations(home.db, home.schema, deliveryMigrations);
  });
  afterAll(() => home.close());

  const outbox = (channel: string, leaseMs = 60_000, maxAttempts = 3) =>
    new DeliveryOutbox(home.db, home.schema, channel, { maxAttempts, backoff: { initialMs: 1, maxMs: 5 }, leaseMs });
  const enqueue = (o: DeliveryOutbox, rows: NewDelivery[]) => home.db.transaction((tx) => o.enqueue(tx, rows));
  const waitMs = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('claims one row per order at a time, in order, and writes a row planned twice once', async () => {
    const o = outbox('order-test');
    await enqueue(o, [row('A', 1), row('A', 2), row('B', 1), row('A', 3)]);
    await enqueue(o, [row('A', 1), row('B', 1)]);
    const first = await o.claim(10);
    expect(first.map((d) => d.payload)).toEqual([
      { order: 'A', n: 1 },
      { order: 'B', n: 1 },
    ]);
    // Nothing else may go while A@1 is in flight.
    expect(await o.claim(10)).toEqual([]);
    for (const d of first) expect(await o.delivered(d.id)).toBe(true);
    expect((await o.claim(10)).map((d) => d.payload)).toEqual([{ order: 'A', n: 2 }]);
  });

  it('retries a failed row under the same delivery id, dead-letters it after the last attempt, holds the order behind it, and retries on request', async () => {
    const o = outbox('dead-test');
    await enqueue(o, [row('A', 1), row('A', 2)]);
    let id = '';
    let deliveryId = '';
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      let claimed = await o.claim(10);
      for (let i = 0; claimed.length === 0 && i < 50; i += 1) {
        await waitMs(5);
        claimed = await o.claim(10);
      }
      expect(claimed).toHaveLength(1);
      const d = claimed[0]!;
      if (attempt === 1) ({ id, deliveryId } = d);
      expect([d.id, d.deliveryId, d.attempts]).toEqual([id, deliveryId, attempt]);
      expect(await o.failed(d.id, 'the receiver answered 503')).toBe(attempt < 3 ? 'pending' : 'dead');
    }
    await waitMs(20);
    expect(await o.claim(10)).toEqual([]);
    expect(await o.counts()).toEqual({ pending: 1, inFlight: 0, dead: 1 });
    expect(await o.retry(id)).toBe(true);
    expect(await o.retry(id)).toBe(false);
    const again = await o.claim(10);
    expect(again.map((d) => [d.deliveryId, d.attempts])).toEqual([[deliveryId, 1]]);
  });

  it('claims a row again under the same delivery id when its lease runs out (the sender died), and a late settle is refused', async () => {
    const o = outbox('lease-test', 50);
    await enqueue(o, [row('A', 1)]);
    const [d] = await o.claim(10);
    expect(await o.claim(10)).toEqual([]);
    await waitMs(120);
    const [again] = await o.claim(10);
    expect(again?.deliveryId).toBe(d?.deliveryId);
    expect(again?.attempts).toBe(2);
    expect(await o.delivered(again!.id)).toBe(true);
    expect(await o.delivered(d!.id)).toBe(false);
  });

  it('a withheld row closes without blocking the order’s later rows; channels do not see each other', async () => {
    const o = outbox('withheld-test');
    const other = outbox('other-channel');
    await enqueue(o, [row('A', 1), row('A', 2)]);
    const [d] = await o.claim(10);
    expect(await o.withheld(d!.id, 'SEALED_ORDER: the key may not see this order')).toBe(true);
    expect((await o.claim(10)).map((x) => x.payload)).toEqual([{ order: 'A', n: 2 }]);
    expect(await other.claim(10)).toEqual([]);
    expect((await o.list({ status: 'withheld' })).map((x) => x.lastError)).toEqual(['SEALED_ORDER: the key may not see this order']);
  });

  it('two senders never claim the same row', async () => {
    const o = outbox('race-test');
    await enqueue(
      o,
      Array.from({ length: 40 }, (_, i) => row(`O${i}`, 1)),
    );
    const [a, b] = await Promise.all([o.claim(25), o.claim(25)]);
    const ids = [...a!, ...b!].map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(40);
  });
});
