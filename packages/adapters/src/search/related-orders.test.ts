import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PGlite } from '@electric-sql/pglite';
import { Pool } from 'pg';
import type { OrderCommand, PairPerson, Provision } from '@ccpor/domain';
import { InMemoryEventStore } from '../event-store/memory/in-memory-event-store';
import { pgliteDatabase } from '../event-store/pglite/pglite-database';
import { postgresDatabase } from '../event-store/postgres/postgres-database';
import { dropSchema, testPostgresConfig, throwawaySchemaName } from '../event-store/postgres/throwaway-schema';
import type { SqlDatabase } from '../sql/sql-database';
import { command, LA_COURT, ORANGE_COURT, runCommands } from '../projections/__tests__/order-histories';
import { migrateViews } from '../projections/migrate-views';
import { pgliteViewExtensions } from '../projections/pglite-view-extensions';
import { ProjectionRunner } from '../projections/projection-runner';
import { SqlOrderProjection } from '../projections/sql-order-projection';
import { sqlRelatedOrders } from './related-orders';

const id = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const SAN_DIEGO = { ori: 'CA037015J', county: '37', name: 'Superior Court of California, County of San Diego' };

const ANA: PairPerson = { last: 'RIVERA', first: 'ANA', dob: '1990-02-03' };
const LUIS: PairPerson = { last: 'GARCIA', first: 'LUIS', dob: '1984-07-19' };
const PIOTR: PairPerson = { last: 'KOWALSKI', first: 'PIOTR', dob: '1979-05-05' };
const stayAway = (yards: number): Provision => ({ kind: 'stay-away', distanceYards: yards as never, places: ['person', 'home'] });

let next = 0;
const add = (
  restrained: PairPerson,
  protectedPerson: PairPerson,
  options: { court?: typeof LA_COURT; form?: string; provisions?: Provision[]; sealed?: boolean } = {},
): { orderId: string; commands: OrderCommand[] } => {
  const orderId = id(++next);
  const issuedAt = '2026-03-02T10:15:00-08:00';
  const court = options.court ?? LA_COURT;
  const details = {
    form: options.form ?? 'DV-130',
    court,
    caseNumber: `26FL${String(next).padStart(6, '0')}`,
    issuedAt,
    expiration: { kind: 'date', date: '2029-03-02' },
    restrainedPerson: { name: { last: restrained.last, first: restrained.first }, dateOfBirth: restrained.dob, sex: 'M' },
    protectedPersons: [{ name: { last: protectedPerson.last, first: protectedPerson.first }, dateOfBirth: protectedPerson.dob, confidential: false, minor: false }],
    ...(options.provisions ? { provisions: options.provisions } : {}),
    ...(options.sealed ? { sealed: true } : {}),
  };
  return { orderId, commands: [command(orderId, '2026-03-02T19:00:00Z', { type: 'AddOrder', enteringAgencyOri: court.ori, details })] };
};

interface Fixture {
  readonly db: SqlDatabase;
  readonly schema: string;
  readonly dispose: () => Promise<void>;
}

const describeRelatedOrders = (label: string, open: () => Promise<Fixture>): void =>
  describe(`orders about the same pair, across counties (${label})`, () => {
    let f: Fixture;
    const store = new InMemoryEventStore();
    const orders: Record<string, string> = {};

    beforeAll(async () => {
      const setups = {
        // Los Angeles enters GARCIA; Orange County, the same man as GARSIA (NYSIIS GARC ≠ GARS; Double Metaphone KRS = KRS).
        garciaLa: add(LUIS, ANA, { provisions: [{ kind: 'no-contact' }, stayAway(100)] }),
        garsiaOrange: add({ ...LUIS, last: 'GARSIA' }, ANA, { court: ORANGE_COURT, form: 'CR-160', provisions: [{ kind: 'peaceful-contact-only' }] }),
        // Same names, another DOB for the restrained person: another man.
        garciaOtherDob: add({ ...LUIS, dob: '1984-07-20' }, ANA, { court: SAN_DIEGO }),
        // The same restrained man and another protected person: another pair.
        garciaOtherVictim: add(LUIS, { last: 'RIVERA', first: 'SOFIA', dob: '2015-09-09' }),
        // A one-letter slip NYSIIS forgives (KOWALSKI/KOWALSKY differ there; both routes checked below) and a sealed order.
        kowalskiLa: add(PIOTR, ANA, { provisions: [stayAway(300)] }),
        kowalskySealed: add({ ...PIOTR, last: 'KOWALSKY' }, ANA, { court: SAN_DIEGO, sealed: true }),
      };
      for (const [name, s] of Object.entries(setups)) orders[name] = s.orderId;
      await runCommands(store, Object.values(setups).flatMap((s) => s.commands));
      f = await open();
      await migrateViews(f.db, f.schema);
      await new ProjectionRunner({ store, target: new SqlOrderProjection(f.db, f.schema) }).catchUp();
    });

    afterAll(async () => {
      await store.close();
      await f?.dispose();
    });

    it('matches two counties’ orders whose restrained surnames differ by one letter when the DOB agrees, and not when it differs', async () => {
      const [found] = await sqlRelatedOrders(f.db, f.schema).ordersConcerning([{ restrained: LUIS, protectedPerson: ANA }]);
      expect(found!.map((r) => [r.snapshot.orderId, r.match])).toEqual(
        [
          [orders.garciaLa, 'exact'],
          [orders.garsiaOrange, 'phonetic'],
        ].sort(),
      );
      expect(found!.map((r) => r.snapshot.orderId)).not.toContain(orders.garciaOtherDob);
      expect(found!.map((r) => r.snapshot.orderId)).not.toContain(orders.garciaOtherVictim);
    });

    it('returns what precedence needs: form, times, status and the provisions, plus the facts the access policy reads', async () => {
      const [found] = await sqlRelatedOrders(f.db, f.schema).ordersConcerning([{ restrained: { ...LUIS, last: 'GARSIA' }, protectedPerson: ANA }]);
      const la = found!.find((r) => r.snapshot.orderId === orders.garciaLa)!;
      expect(la.snapshot).toMatchObject({ form: 'DV-130', status: 'issued', provisions: [{ kind: 'no-contact' }, stayAway(100)] });
      expect(Date.parse(la.snapshot.issuedAt)).toBe(Date.parse('2026-03-02T10:15:00-08:00'));
      expect(la.facts).toEqual({ ownerAgencyOri: LA_COURT.ori, assignedAgencies: [], sealed: false });
      expect(found!.find((r) => r.snapshot.orderId === orders.garsiaOrange)?.snapshot.form).toBe('CR-160');
    });

    it('answers several pairs in one statement, indexed like the question; sealed orders are returned with their flag', async () => {
      const port = sqlRelatedOrders(f.db, f.schema);
      const [piotr, nobody] = await port.ordersConcerning([
        { restrained: PIOTR, protectedPerson: ANA },
        { restrained: { last: 'NOBODY', first: 'X', dob: '1950-01-01' }, protectedPerson: ANA },
      ]);
      expect(piotr!.map((r) => [r.snapshot.orderId, r.facts.sealed])).toEqual([
        [orders.kowalskiLa, false],
        [orders.kowalskySealed, true],
      ]);
      expect(nobody).toEqual([]);
    });

    it('without DOBs only the exact route can match', async () => {
      const [found] = await sqlRelatedOrders(f.db, f.schema).ordersConcerning([{ restrained: { ...LUIS, last: 'GARSIA', dob: null }, protectedPerson: ANA }]);
      expect(found).toEqual([]);
    });

    it('links a page of orders to the orders about each of their pairs, themselves included', async () => {
      const linked = await sqlRelatedOrders(f.db, f.schema).ordersLinkedTo([orders.garsiaOrange!, orders.garciaOtherDob!]);
      expect(linked.get(orders.garsiaOrange!)?.get(0)?.map((r) => r.snapshot.orderId)).toEqual([orders.garciaLa, orders.garsiaOrange].sort());
      expect(linked.get(orders.garciaOtherDob!)?.get(0)?.map((r) => r.snapshot.orderId)).toEqual([orders.garciaOtherDob]);
    });
  });

describeRelatedOrders('PGlite', async () => {
  const pglite = await PGlite.create({ extensions: pgliteViewExtensions });
  return { db: pgliteDatabase(pglite), schema: 'views', dispose: () => pglite.close() };
});

describeRelatedOrders('PostgreSQL', async () => {
  const connection = testPostgresConfig();
  const schema = throwawaySchemaName('related');
  const pool = new Pool({ ...connection, max: 2 });
  return {
    db: postgresDatabase(pool),
    schema,
    dispose: async () => {
      await pool.end();
      await dropSchema(connection, schema);
    },
  };
});
