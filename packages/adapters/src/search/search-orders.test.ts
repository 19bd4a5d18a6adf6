import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import { PGlite } from '@electric-sql/pglite';
import type { OrderCommand } from '@ccpor/domain';
import { InMemoryEventStore } from '../event-store/memory/in-memory-event-store';
import { pgliteDatabase } from '../event-store/pglite/pglite-database';
import type { SqlDatabase } from '../sql/sql-database';
import { command, LA_COURT, ORANGE_COURT, runCommands } from '../projections/__tests__/order-histories';
import { migrateViews } from '../projections/migrate-views';
import { pgliteViewExtensions } from '../projections/pglite-view-extensions';
import { ProjectionRunner } from '../projections/projection-runner';
import { SqlOrderProjection } from '../projections/sql-order-projection';
import { linkedOrders, ordersConcerningPair } from './party-index-queries';
import { imageHolders } from './image-holders';
import { orderStatistics } from './order-statistics';
import type { SearchHit, SearchPage } from './search-hit';
import { searchOrders } from './search-orders';
import type { SearchError } from './search-query';

const SCHEMA = 'views';
const NOW = '2026-09-01T12:00:00Z';
const SAN_DIEGO = { ori: 'CA037015J', county: '37', name: 'Superior Court of California, County of San Diego' };

const id = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

interface Person {
  readonly last: string;
  readonly first: string;
  readonly dob: string;
}

let next = 0;
const add = (
  restrained: Person,
  options: {
    court?: typeof LA_COURT;
    issuedAt?: string;
    form?: string;
    protectedPerson?: Person;
    sealed?: boolean;
    caseNumber?: string;
    expiration?: string;
  } = {},
): { orderId: string; commands: OrderCommand[] } => {
  const orderId = id(++next);
  const issuedAt = options.issuedAt ?? '2026-03-02T10:15:00-08:00';
  const protectedPerson = options.protectedPerson ?? { last: 'DOE', first: 'JANE', dob: '1991-01-01' };
  const details = {
    form: options.form ?? 'DV-130',
    court: options.court ?? LA_COURT,
    caseNumber: options.caseNumber ?? `26FL${String(next).padStart(6, '0')}`,
    issuedAt,
    restrainedPerson: { name: { last: restrained.last, first: restrained.first }, dateOfBirth: restrained.dob, sex: 'M' },
    protectedPersons: [
      { name: { last: protectedPerson.last, first: protectedPerson.first }, dateOfBirth: protectedPerson.dob, confidential: false, minor: false },
    ],
    ...(options.sealed ? { sealed: true } : {}),
    ...(options.expiration ? { expiration: { kind: 'date', date: options.expiration } } : {}),
  };
  const at = new Date(Date.parse(issuedAt) + 3_600_000).toISOString();
  return { orderId, commands: [command(orderId, at, { type: 'AddOrder', enteringAgencyOri: (options.court ?? LA_COURT).ori, details })] };
};

const MARIA: Person = { last: 'GONZALEZ', first: 'MARIA', dob: '1985-04-12' };
const ANA: Person = { last: 'RIVERA', first: 'ANA', dob: '1990-02-03' };

let db: SqlDatabase;
let pglite: PGlite;
const store = new InMemoryEventStore();
const orders: Record<string, string> = {};

const run = async (query: unknown, options: Record<string, unknown> = {}): Promise<SearchPage> => {
  const result = await searchOrders(db, query, { now: NOW, schema: SCHEMA, ...options });
  if (E.isLeft(result)) throw new Error(result.left.message);
  return result.right;
};
const fail = async (query: unknown, options: Record<string, unknown> = {}): Promise<SearchError> => {
  const result = await searchOrders(db, query, { now: NOW, schema: SCHEMA, ...options });
  if (E.isRight(result)) throw new Error(`expected an error, got ${result.right.hits.length} hits`);
  return result.left;
};
const ids = (hits: readonly SearchHit[]): string[] => hits.map((h) => h.orderId);

beforeAll(async () => {
  const setups: Record<string, { orderId: string; commands: OrderCommand[] }> = {
    maria: add(MARIA, { protectedPerson: ANA }),
    // The same woman entered in Orange County with a one-letter slip, and in San Diego sealed.
    mariaOrange: add({ ...MARIA, last: 'GONZALES' }, { court: ORANGE_COURT, form: 'CH-130', protectedPerson: ANA }),
    mariaSealed: add(MARIA, { court: SAN_DIEGO, sealed: true }),
    // Same DOB, other people.
    smith: add({ last: 'SMITH', first: 'JOHN', dob: MARIA.dob }),
    nguyen: add({ last: 'NGUYEN', first: 'LINH', dob: MARIA.dob }),
    marioSameDob: add({ last: 'GONZALEZ', first: 'MARIO', dob: MARIA.dob }),
    // Same name, other DOBs: inside a ±1 year window on the same day, inside it on another day, outside it.
    mariaYearOff: add({ ...MARIA, dob: '1986-04-12' }),
    mariaOtherDay: add({ ...MARIA, dob: '1985-09-30' }),
    mariaFar: add({ ...MARIA, dob: '1970-04-12' }),
    // Expired: a DV order after hearing from 2020 ends after three years.
    expired: add({ last: 'OKAFOR', first: 'CHIDI', dob: '1979-11-02' }, { issuedAt: '2020-06-01T09:00:00-07:00' }),
  };
  // Many GARCIAs with one DOB, for paging.
  for (let i = 0; i < 23; i++) setups[`garcia${i}`] = add({ last: 'GARCIA', first: `LUIS`, dob: '1992-08-20' }, { court: i % 2 ? LA_COURT : ORANGE_COURT });
  const commands = Object.values(setups).flatMap((s) => s.commands);
  for (const [name, s] of Object.entries(setups)) orders[name] = s.orderId;
  commands.push(command(orders.maria!, '2026-03-03T09:00:00-08:00', { type: 'RecordDojAcknowledgement', transaction: 'enter', messageId: 'm1', fcn: '1900000000042' }));
  await runCommands(store, commands);

  pglite = await PGlite.create({ extensions: pgliteViewExtensions });
  db = pgliteDatabase(pglite);
  await migrateViews(db, SCHEMA);
  await new ProjectionRunner({ store, target: new SqlOrderProjection(db, SCHEMA) }).catchUp();
});

afterAll(async () => {
  await store.close();
  await pglite.close();
});

describe('search by name and date of birth', () => {
  it.each([
    ['deletion', 'GONZALZ'],
    ['substitution', 'GONZALEX'],
    ['insertion', 'GONZZALEZ'],
    ['transposition', 'GONZAELZ'],
  ])('a one-letter %s in the surname still finds the person with the exact DOB, in every county', async (_kind, typo) => {
    const page = await run({ lastName: typo, firstName: 'MARIA', dateOfBirth: MARIA.dob });
    expect(ids(page.hits)).toEqual(expect.arrayContaining([orders.maria, orders.mariaOrange, orders.mariaSealed]));
    // People born the same day with unrelated surnames are not candidates.
    expect(ids(page.hits)).not.toContain(orders.smith);
    expect(ids(page.hits)).not.toContain(orders.nguyen);
  });

  it('ranks the exact full name first, explains each match, and breaks ties on the order id', async () => {
    const page = await run({ lastName: 'Gonzalez', firstName: 'Maria', dateOfBirth: MARIA.dob });
    const [first, second] = page.hits;
    expect([first!.orderId, second!.orderId].sort()).toEqual([orders.maria, orders.mariaSealed].sort());
    expect(first!.matchedOn).toEqual(['surname-exact', 'surname-nysiis', 'surname-double-metaphone', 'surname-soundex', 'first-name-exact', 'dob-exact']);
    const orange = page.hits.find((h) => h.orderId === orders.mariaOrange)!;
    expect(orange.matchedOn).toEqual(expect.arrayContaining(['surname-nysiis', 'surname-trigram', 'first-name-exact']));
    expect(orange.county).toBe('30');
    // Each is one letter away from the query (first name MARIO, surname GONZALES): both follow the exact matches.
    expect(page.hits.findIndex((h) => h.orderId === orders.marioSameDob)).toBeGreaterThanOrEqual(2);
    expect(page.hits.findIndex((h) => h.orderId === orders.mariaOrange)).toBeGreaterThanOrEqual(2);
    // Ties on score and DOB break on the order id.
    expect(first!.orderId < second!.orderId).toBe(true);
  });

  it('returns sealed orders with the sealed flag (redaction is the HTTP layer’s job)', async () => {
    const page = await run({ lastName: 'GONZALEZ', dateOfBirth: MARIA.dob });
    const sealed = page.hits.find((h) => h.orderId === orders.mariaSealed)!;
    expect(sealed.sealed).toBe(true);
    expect(sealed.county).toBe('37');
  });

  it('a ±1 year window finds the same day a year off (trigram) and another day by sound, never 15 years off', async () => {
    const exact = ids((await run({ lastName: 'GONZALEZ', firstName: 'MARIA', dateOfBirth: MARIA.dob })).hits);
    expect(exact).not.toContain(orders.mariaYearOff);
    const window = await run({ lastName: 'GONZALES', firstName: 'MARIA', dateOfBirth: MARIA.dob, dobYears: 1 });
    expect(ids(window.hits)).toEqual(expect.arrayContaining([orders.maria, orders.mariaYearOff, orders.mariaOtherDay]));
    expect(ids(window.hits)).not.toContain(orders.mariaFar);
    const yearOff = window.hits.find((h) => h.orderId === orders.mariaYearOff)!;
    expect(yearOff.dobDistanceDays).toBe(365);
    expect(yearOff.matchedOn).toContain('dob-window');
    // Same score, nearer DOB first.
    const pos = (o: string | undefined): number => window.hits.findIndex((h) => h.orderId === o);
    expect(pos(orders.maria)).toBeLessThan(pos(orders.mariaYearOff));
  });

  it('a typo in the surname and a DOB on another day within the window is found only if the surname still sounds alike', async () => {
    const page = await run({ lastName: 'GONTALEZ', dateOfBirth: MARIA.dob, dobYears: 1 });
    // GONTALEZ and GONZALEZ differ in NYSIIS, Double Metaphone and Soundex: the other-day record is out of reach.
    expect(ids(page.hits)).not.toContain(orders.mariaOtherDay);
    expect(ids(page.hits)).toEqual(expect.arrayContaining([orders.maria, orders.mariaYearOff]));
  });

  it('without a DOB, searches by name across the state (trigram ∪ phonetic), the first name narrowing by its initial', async () => {
    const page = await run({ lastName: 'GONZALEZ', firstName: 'MARIA', county: ['19', '30'] });
    expect(ids(page.hits)).toEqual(expect.arrayContaining([orders.maria, orders.mariaOrange, orders.mariaYearOff]));
    expect(ids(page.hits)).not.toContain(orders.mariaSealed);
    expect(page.hits.every((h) => h.dobDistanceDays === 0)).toBe(true);
    const noMario = await run({ lastName: 'GONZALEZ', firstName: 'LINDA' });
    expect(noMario.hits).toEqual([]);
  });
});

describe('search by protected person', () => {
  it('finds orders by a protected person’s name, typo included', async () => {
    const page = await run({ role: 'protected', lastName: 'RIVERRA', firstName: 'ANA', dateOfBirth: ANA.dob });
    expect(ids(page.hits).sort()).toEqual([orders.maria, orders.mariaOrange].sort());
    expect(page.hits[0]).toMatchObject({ role: 'protected', person: { last: 'RIVERA', first: 'ANA', dateOfBirth: ANA.dob } });
  });

  it('role "any" unites restrained and protected matches', async () => {
    const page = await run({ role: 'any', lastName: 'RIVERA', dateOfBirth: ANA.dob });
    expect(page.hits.map((h) => h.role)).toEqual(['protected', 'protected']);
    const both = await run({ role: 'any', lastName: 'GONZALEZ', dateOfBirth: MARIA.dob });
    expect(both.hits.every((h) => h.role === 'restrained')).toBe(true);
  });
});

describe('lookups by case number and FCN', () => {
  it('finds an order by its case number whatever the punctuation', async () => {
    const page = await run({ caseNumber: '26-FL-000001' });
    expect(ids(page.hits)).toEqual([orders.maria]);
    expect(page.hits[0]!.matchedOn).toEqual(['case-number']);
  });

  it('finds an order by the FCN DOJ assigned', async () => {
    const page = await run({ fcn: '1900000000042' });
    expect(page.hits).toHaveLength(1);
    expect(page.hits[0]).toMatchObject({ orderId: orders.maria, fcn: '1900000000042', dojStatus: 'acknowledged', matchedOn: ['fcn'] });
  });
});

describe('filters and derived status', () => {
  it('derives "expired" from the expiry at the query’s instant', async () => {
    const query = { lastName: 'OKAFOR', dateOfBirth: '1979-11-02' };
    expect((await run(query)).hits[0]!.status).toBe('expired');
    expect((await run(query, { now: '2022-01-01T00:00:00Z' })).hits[0]!.status).toBe('active');
    expect((await run({ ...query, status: ['expired'] })).hits).toHaveLength(1);
    expect((await run({ ...query, status: ['active', 'served'] })).hits).toHaveLength(0);
  });

  it('filters by county, court, type, form and issue dates', async () => {
    const base = { lastName: 'GONZALEZ', dateOfBirth: MARIA.dob };
    expect(ids((await run({ ...base, county: ['Orange'] })).hits)).toEqual([orders.mariaOrange]);
    expect(ids((await run({ ...base, courtOri: 'CA037015J' })).hits)).toEqual([orders.mariaSealed]);
    expect(ids((await run({ ...base, orderType: ['CH'] })).hits)).toEqual([orders.mariaOrange]);
    expect(ids((await run({ ...base, form: ['CH-130'] })).hits)).toEqual([orders.mariaOrange]);
    expect((await run({ ...base, issuedFrom: '2026-04-01T00:00:00Z' })).hits).toEqual([]);
    expect((await run({ ...base, issuedTo: '2026-04-01T00:00:00Z' })).hits.length).toBeGreaterThan(0);
    expect((await run({ ...base, expiresFrom: '2029-01-01T00:00:00Z', expiresTo: '2029-12-31T00:00:00Z' })).hits.length).toBeGreaterThan(0);
  });
});

describe('paging', () => {
  const query = { lastName: 'GARCIA', dateOfBirth: '1992-08-20' };

  it('keyset pages cover the whole ranked list once, in order, even when rows arrive between pages', async () => {
    const all = await run(query, { limit: 100 });
    expect(all.hits).toHaveLength(23);
    expect(all.nextCursor).toBeUndefined();
    const paged: SearchHit[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await run(query, { limit: 7, ...(cursor ? { cursor } : {}) });
      paged.push(...page.hits);
      cursor = page.nextCursor;
      pages++;
      if (pages === 2) {
        // A new GARCIA arrives mid-way; it sorts by id among equals, so it may land before or after the cursor, never twice.
        const late = add({ last: 'GARCIA', first: 'LUIS', dob: '1992-08-20' });
        await runCommands(store, late.commands);
        await new ProjectionRunner({ store, target: new SqlOrderProjection(db, SCHEMA) }).catchUp();
      }
    } while (cursor);
    expect(pages).toBe(4);
    expect(new Set(ids(paged)).size).toBe(paged.length);
    expect(ids(paged).slice(0, 14)).toEqual(ids(all.hits).slice(0, 14));
    const ranking = paged.map((h) => [h.score, h.dobDistanceDays, h.orderId]);
    expect(ranking).toEqual([...ranking].sort((a, b) => (b[0] as number) - (a[0] as number) || (a[1] as number) - (b[1] as number) || String(a[2]).localeCompare(String(b[2]))));
  });

  it('refuses a cursor from another query or a damaged one', async () => {
    const first = await run(query, { limit: 5 });
    expect((await fail({ ...query, firstName: 'LUIS' }, { cursor: first.nextCursor })).code).toBe('INVALID_CURSOR');
    expect((await fail(query, { cursor: 'not-a-cursor' })).code).toBe('INVALID_CURSOR');
  });
});

describe('query validation', () => {
  it.each([
    [{}, /lastName, a caseNumber or an fcn/],
    [{ firstName: 'MARIA' }, /lastName, a caseNumber or an fcn/],
    [{ lastName: 'G' }, /two letters/],
    [{ lastName: 'GONZALEZ', dateOfBirth: '1985-02-30' }, /DateOfBirth|IsoDate/],
    [{ lastName: 'GONZALEZ', dobYears: 1 }, /dobYears needs a dateOfBirth/],
    [{ lastName: 'GONZALEZ', dateOfBirth: MARIA.dob, dobYears: 9 }, /0–5/],
    [{ lastName: 'GONZALEZ', county: ['Atlantis'] }, /58 counties/],
    [{ lastName: 'GONZALEZ', status: ['lost'] }, /SearchStatus/],
    [{ lastName: 'GONZALEZ', lastname: 'X' }, /unknown field "lastname"/],
    [{ lastName: '--' }, /at least 1 letter/],
  ])('refuses %j with a clear message', async (query, message) => {
    const error = await fail(query);
    expect(error.code).toBe('INVALID_QUERY');
    expect(error.message).toMatch(message);
  });

  it('refuses bad options', async () => {
    expect((await fail({ lastName: 'GARCIA' }, { limit: 0 })).message).toMatch(/limit/);
    expect((await fail({ lastName: 'GARCIA' }, { now: 'yesterday' })).message).toMatch(/IsoDateTime/);
  });
});

describe('party index and statistics', () => {
  it('finds the orders about a person pair, exact and phonetic, and the orders linked to one order', async () => {
    const links = await ordersConcerningPair(db, { restrained: MARIA, protectedPerson: ANA }, SCHEMA);
    expect(links).toEqual(
      [
        { orderId: orders.maria, match: 'exact' },
        { orderId: orders.mariaOrange, match: 'phonetic' },
      ].sort((a, b) => a.orderId!.localeCompare(b.orderId!)),
    );
    expect(await linkedOrders(db, orders.mariaOrange!, SCHEMA)).toEqual([{ orderId: orders.maria, match: 'phonetic' }]);
  });

  it('counts orders by county, type, stage, status and month, with expired derived at now', async () => {
    const stats = await orderStatistics(db, { now: NOW, schema: SCHEMA, counties: ['19'] });
    const okafor = stats.find((s) => s.issueMonth === '2020-06');
    expect(okafor).toEqual({ county: '19', orderType: 'DV', stage: 'after-hearing', status: 'expired', issueMonth: '2020-06', orders: 1 });
    const earlier = await orderStatistics(db, { now: '2023-06-01T15:00:00Z', schema: SCHEMA, counties: ['19'], issuedFromMonth: '2020-01', issuedToMonth: '2020-12' });
    // Expiry falls in now's own month: decided by the instant (3 years after 1 June 2020, end of day).
    expect(earlier).toEqual([{ county: '19', orderType: 'DV', stage: 'after-hearing', status: 'active', issueMonth: '2020-06', orders: 1 }]);
    const total = stats.reduce((n, s) => n + s.orders, 0);
    const march = stats.filter((s) => s.issueMonth === '2026-03');
    expect(march.every((s) => s.county === '19')).toBe(true);
    expect(total).toBeGreaterThan(10);
  });
});

describe('visibility (what the server lets a caller see, from the access policy)', () => {
  const KOWALSKI: Person = { last: 'KOWALSKI', first: 'PIOTR', dob: '1975-05-05' };
  const NOWAK: Person = { last: 'NOWAK', first: 'ZOFIA', dob: '2012-06-06' };
  let confidential: string;
  let draft: string;
  let assignedDraft: string;
  const LA_SHERIFF = 'CA0194200';
  const SHARED_IMAGE = { sha256: 'e'.repeat(64), mediaType: 'application/pdf', pages: 1, bytes: 10, kind: 'order' } as const;

  beforeAll(async () => {
    const order = add(KOWALSKI, { court: ORANGE_COURT, protectedPerson: NOWAK });
    confidential = order.orderId;
    const add0 = order.commands[0] as OrderCommand & { details: { protectedPersons: { confidential: boolean; minor: boolean }[] } };
    add0.details.protectedPersons[0]!.confidential = true;
    draft = id(++next);
    assignedDraft = id(++next);
    await runCommands(store, [
      ...order.commands,
      command(draft, '2026-03-04T10:00:00-08:00', {
        type: 'CreateDraft',
        enteringAgencyOri: LA_COURT.ori,
        details: { form: 'DV-110', court: LA_COURT, caseNumber: '26FL777777', restrainedPerson: { name: { last: KOWALSKI.last, first: KOWALSKI.first }, dateOfBirth: KOWALSKI.dob } },
      }),
      command(assignedDraft, '2026-03-04T10:05:00-08:00', {
        type: 'CreateDraft',
        enteringAgencyOri: ORANGE_COURT.ori,
        details: {
          form: 'DV-110',
          court: ORANGE_COURT,
          caseNumber: '26FL777778',
          assignedAgencies: [LA_SHERIFF],
          restrainedPerson: { name: { last: KOWALSKI.last, first: KOWALSKI.first }, dateOfBirth: KOWALSKI.dob },
        },
      }),
      // The same bytes on two orders of two agencies (content-addressed images).
      command(confidential, '2026-03-04T11:00:00-08:00', { type: 'AttachImage', image: SHARED_IMAGE }),
      command(draft, '2026-03-04T11:01:00-08:00', { type: 'AttachImage', image: SHARED_IMAGE }),
    ]);
    await new ProjectionRunner({ store, target: new SqlOrderProjection(db, SCHEMA) }).catchUp();
  });

  it('finds every order that holds an image’s bytes, with the facts the policy needs', async () => {
    const holders = await imageHolders(db, SHARED_IMAGE.sha256, SCHEMA);
    expect(holders.sort((a, b) => a.orderId.localeCompare(b.orderId))).toEqual(
      [
        { orderId: confidential, facts: { ownerAgencyOri: ORANGE_COURT.ori, assignedAgencies: [], sealed: false, stage: 'issued' } },
        { orderId: draft, facts: { ownerAgencyOri: LA_COURT.ori, assignedAgencies: [], sealed: false, stage: 'draft' } },
      ].sort((a, b) => a.orderId.localeCompare(b.orderId)),
    );
    expect(await imageHolders(db, 'f'.repeat(64), SCHEMA)).toEqual([]);
  });

  const as = (sealed: boolean | 'own', agencyOri: string, c: 'all' | 'own' | 'none') => ({
    visibility: { sealed: sealed === 'own' ? 'own' : sealed ? 'all' : 'none', agencyOri, confidential: c },
  });

  it('leaves sealed orders out unless the caller may see them', async () => {
    const query = { lastName: 'GONZALEZ', dateOfBirth: MARIA.dob };
    expect(ids((await run(query, as(true, LA_COURT.ori, 'all'))).hits)).toContain(orders.mariaSealed);
    const hidden = ids((await run(query, as(false, LA_COURT.ori, 'all'))).hits);
    expect(hidden).not.toContain(orders.mariaSealed);
    expect(hidden).toEqual(expect.arrayContaining([orders.maria, orders.mariaOrange]));
    expect(ids((await run({ caseNumber: '26FL000003' })).hits)).toEqual([orders.mariaSealed]);
    expect((await run({ caseNumber: '26FL000003' }, as(false, LA_COURT.ori, 'all'))).hits).toEqual([]);
  });

  it('matches a confidential protected person only for those allowed to see them, and reports the flag', async () => {
    const query = { role: 'protected', lastName: NOWAK.last, dateOfBirth: NOWAK.dob };
    const own = await run(query, as(false, ORANGE_COURT.ori, 'own'));
    expect(own.hits).toHaveLength(1);
    expect(own.hits[0]).toMatchObject({ orderId: confidential, person: { last: 'NOWAK', confidential: true, minor: false } });
    expect((await run(query, as(false, LA_COURT.ori, 'own'))).hits).toEqual([]);
    expect((await run(query, as(false, ORANGE_COURT.ori, 'none'))).hits).toEqual([]);
    expect(ids((await run(query, as(false, LA_COURT.ori, 'all'))).hits)).toEqual([confidential]);
    // The restrained person of the same order is not confidential: found by anyone.
    expect(ids((await run({ lastName: KOWALSKI.last, dateOfBirth: KOWALSKI.dob, status: ['active'] }, as(false, LA_COURT.ori, 'none'))).hits)).toEqual([confidential]);
  });

  it('shows drafts only to the agency that entered them, or one they are assigned to', async () => {
    const query = { lastName: KOWALSKI.last, dateOfBirth: KOWALSKI.dob };
    expect(ids((await run(query, as(false, LA_COURT.ori, 'none'))).hits).sort()).toEqual([confidential, draft].sort());
    expect(ids((await run(query, as(false, ORANGE_COURT.ori, 'none'))).hits).sort()).toEqual([confidential, assignedDraft].sort());
    expect(ids((await run(query, as(false, SAN_DIEGO.ori, 'none'))).hits)).toEqual([confidential]);
    expect(ids((await run(query, as(false, LA_SHERIFF, 'none'))).hits).sort()).toEqual([confidential, assignedDraft].sort());
  });

  it('shows sealed orders, when only one’s own, to the agency that entered them or is assigned to them', async () => {
    const query = { lastName: 'GONZALEZ', dateOfBirth: MARIA.dob };
    expect(ids((await run(query, as('own', SAN_DIEGO.ori, 'none'))).hits)).toContain(orders.mariaSealed);
    expect(ids((await run(query, as('own', LA_COURT.ori, 'none'))).hits)).not.toContain(orders.mariaSealed);
  });

  it('counts only what the caller could find: statewide and per agency, sealed orders and other agencies’ drafts left out', async () => {
    const total = (rows: { orders: number }[]) => rows.reduce((n, r) => n + r.orders, 0);
    const all = await orderStatistics(db, { now: NOW, schema: SCHEMA });
    const rows = (await db.query<{ sealed: boolean; status: string; entering_ori: string; assigned_oris: string[] }>(`SELECT sealed, status, entering_ori, assigned_oris FROM ${SCHEMA}.order_search`)).rows;
    expect(total(all)).toBe(rows.length);
    const findable = (ori: string, sealed: 'own' | 'none') =>
      rows.filter((r) => {
        const mine = r.entering_ori === ori || r.assigned_oris.includes(ori);
        return (!r.sealed || (sealed === 'own' && mine)) && (!['draft', 'discarded'].includes(r.status) || mine);
      }).length;
    for (const ori of [LA_COURT.ori, ORANGE_COURT.ori, SAN_DIEGO.ori, LA_SHERIFF])
      for (const sealed of ['own', 'none'] as const) {
        const statewide = await orderStatistics(db, { now: NOW, schema: SCHEMA, visibility: { sealed, agencyOri: ori } });
        expect(total(statewide)).toBe(findable(ori, sealed));
        expect(statewide.every((r) => r.orders > 0)).toBe(true);
        const own = await orderStatistics(db, { now: NOW, schema: SCHEMA, enteringAgencyOri: ori, visibility: { sealed, agencyOri: ori } });
        expect(total(own)).toBe(rows.filter((r) => r.entering_ori === ori && (!r.sealed || sealed === 'own')).length);
      }
    // A sealed order in San Diego is not in Los Angeles' statewide count, nor in San Diego's when it may not see sealed orders.
    const sd = (v: 'own' | 'none') => orderStatistics(db, { now: NOW, schema: SCHEMA, counties: ['37'], visibility: { sealed: v, agencyOri: SAN_DIEGO.ori } });
    expect(total(await sd('own')) - total(await sd('none'))).toBe(1);
  });

  it('counts one agency’s orders from its rows, expired derived at now', async () => {
    const stats = await orderStatistics(db, { now: NOW, schema: SCHEMA, enteringAgencyOri: ORANGE_COURT.ori });
    const counted = stats.reduce((n, s) => n + s.orders, 0);
    const expected = (await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${SCHEMA}.order_search WHERE entering_ori = $1`, [ORANGE_COURT.ori])).rows[0]!.n;
    expect(counted).toBe(Number(expected));
    expect(stats.every((s) => s.county === '30')).toBe(true);
    const la = await orderStatistics(db, { now: NOW, schema: SCHEMA, enteringAgencyOri: LA_COURT.ori });
    expect(la.find((s) => s.status === 'draft')).toMatchObject({ orders: 1 });
    expect(la.find((s) => s.issueMonth === '2020-06')).toMatchObject({ status: 'expired', orders: 1 });
  });
});
