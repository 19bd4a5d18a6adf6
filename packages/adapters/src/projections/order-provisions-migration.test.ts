import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PGlite } from '@electric-sql/pglite';
import { InMemoryEventStore } from '../event-store/memory/in-memory-event-store';
import { pgliteDatabase } from '../event-store/pglite/pglite-database';
import { runMigrations } from '../sql/migration-runner';
import { inSchema } from '../sql/schema-name';
import type { SqlDatabase } from '../sql/sql-database';
import { command, LA_COURT, ORDER_A, runCommands } from './__tests__/order-histories';
import { viewMigrations } from './migrations';
import { pgliteViewExtensions } from './pglite-view-extensions';
import { ProjectionRunner } from './projection-runner';
import { SqlOrderProjection } from './sql-order-projection';

const SCHEMA = 'views';
let pglite: PGlite;
let db: SqlDatabase;
const store = new InMemoryEventStore();

beforeAll(async () => {
  pglite = await PGlite.create({ extensions: pgliteViewExtensions });
  db = pgliteDatabase(pglite);
  await runCommands(store, [
    command(ORDER_A, '2026-03-02T19:00:00Z', {
      type: 'AddOrder',
      enteringAgencyOri: LA_COURT.ori,
      details: {
        form: 'DV-130',
        court: LA_COURT,
        caseNumber: '26FL000001',
        issuedAt: '2026-03-02T10:15:00-08:00',
        restrainedPerson: { name: { last: 'RIVERA', first: 'DANIEL' }, dateOfBirth: '1988-07-14', sex: 'M' },
        protectedPersons: [{ name: { last: 'RIVERA', first: 'ANA' }, dateOfBirth: '1990-02-03', confidential: false, minor: false }],
        provisions: [{ kind: 'no-contact' }],
      },
    }),
  ]);
});

afterAll(async () => {
  await store.close();
  await pglite.close();
});

describe('views-0006: provisions on the search row', () => {
  it('a view projected before the column existed is emptied and rewound, and the next catch-up fills in the provisions', async () => {
    const before = viewMigrations.filter((m) => m.id !== 'views-0006-order-provisions');
    await runMigrations(db, SCHEMA, before);
    // What the code before views-0006 left: the order's row (no provisions column) and a checkpoint past it.
    const [event] = await store.readStream(`order-${ORDER_A}`);
    await db.query(
      inSchema(
        `INSERT INTO {{schema}}.order_search (order_id, stream_version, last_position, last_recorded_at, entering_ori, status, r_last, r_first, r_dob)
         VALUES ($1, 1, $2, now(), 'CA019015J', 'active', 'RIVERA', 'DANIEL', '1988-07-14')`,
        SCHEMA,
      ),
      [ORDER_A, event!.globalPosition],
    );
    await db.query(inSchema(`INSERT INTO {{schema}}.order_party_pair VALUES ($1, 0, 'RIVERA|DANIEL|1988-07-14#RIVERA|ANA|1990-02-03', NULL)`, SCHEMA), [ORDER_A]);
    await db.query(inSchema(`INSERT INTO {{schema}}.projection_checkpoints (projection, position) VALUES ('order-search', $1)`, SCHEMA), [event!.globalPosition]);
    const projection = new SqlOrderProjection(db, SCHEMA);
    expect((await projection.checkpoint()).position).toBe(event!.globalPosition);

    await runMigrations(db, SCHEMA, viewMigrations);
    const count = async (table: string) => Number((await db.query<{ n: number }>(inSchema(`SELECT count(*)::int AS n FROM {{schema}}.${table}`, SCHEMA))).rows[0]!.n);
    expect([await count('order_search'), await count('order_party_pair')]).toEqual([0, 0]);
    expect((await projection.checkpoint()).position).toBeUndefined();

    await new ProjectionRunner({ store, target: new SqlOrderProjection(db, SCHEMA) }).catchUp();
    const { rows } = await db.query<{ provisions: unknown }>(inSchema('SELECT provisions FROM {{schema}}.order_search WHERE order_id = $1', SCHEMA), [ORDER_A]);
    expect(rows).toEqual([{ provisions: [{ kind: 'no-contact' }] }]);
  });
});
