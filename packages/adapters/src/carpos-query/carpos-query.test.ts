import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startDojSimulator, type DojSimulator } from '@ccpor/test-kit';
import * as E from 'fp-ts/Either';
import {
  addOrder,
  appendNewOrder,
  COURT_ORI,
  eventTypes,
  eventually,
  openPgliteRegistry,
  SELF_KEYING_ORI,
  startRig,
  type Registry,
  type Rig,
} from '../carpos-gateway/__tests__/gateway-harness';
import { askCarpos, type QueryAnswer } from './ask-carpos';
import { type CarposQuery } from './query-criteria';

// CARPOS queries through the gateway's link to the DOJ simulator over TCP (ADR 0012).

const ORANGE_COURT = 'CA030015J';
const ORANGE_SHERIFF = 'CA0300000';
const AS_OF = '2026-06-01T12:00:00-07:00';

/** A record an Orange County deputy keyed at a CLETS terminal: the registry never saw it. */
const orangeRecord = (overrides: Record<string, string | string[]> = {}, extra: Record<string, unknown> = {}) => ({
  enteringOri: ORANGE_SHERIFF,
  fields: {
    NAM: 'RIVERA,DANIEL JAMES',
    SEX: 'M',
    RAC: 'H',
    DOB: '19880714',
    HGT: '510',
    WGT: '185',
    HAI: 'BLK',
    OCA: '26DV990001',
    PNO: '26FL990001',
    CTI: ORANGE_COURT,
    ISD: '20260110',
    EXP: '20290110',
    PPN: 'MORALES,LUISA',
    ...overrides,
  },
  ...extra,
});

describe('CARPOS query through the gateway and the DOJ simulator (PGlite)', () => {
  let registry: Registry;
  let simulator: DojSimulator;
  let rig: Rig;
  const store = () => ({ db: registry.db, schema: registry.schema });
  const ask = async (query: CarposQuery, paging = {}): Promise<QueryAnswer> => {
    const answer = await askCarpos(rig.gateway.queries, store(), rig.gateway.codec, query, { ori: COURT_ORI, asOf: AS_OF, paging });
    if (E.isLeft(answer)) throw new Error(`the query failed: ${JSON.stringify(answer.left)}`);
    return answer.right;
  };
  let laOrder: string;
  let laFcn: string;
  let selfKeyed: string;

  // An embedded database, the simulator and the gateway start, and orders reach DOJ: a loaded CI machine needs time.
  beforeAll(async () => {
    registry = await openPgliteRegistry();
    simulator = await startDojSimulator({ now: () => new Date(AS_OF), pageSize: 2 });
    rig = await startRig(registry, simulator, { gateway: { queries: { pageTimeoutMs: 1_000 } } });
    // Los Angeles: an order through the registry, acknowledged by DOJ with its FCN.
    laOrder = await addOrder(registry.commands, 1);
    await eventually(async () => (await eventTypes(registry.eventStore, laOrder)).includes('DojAcknowledgementRecorded'), 'the LA order at DOJ');
    laFcn = simulator.records.all()[0]?.fcn ?? '';
    // Orange County keys its own orders into CLETS: the registry has this one, DOJ has it under a case number only.
    selfKeyed = await addOrder(
      registry.commands,
      2,
      { court: { ori: SELF_KEYING_ORI, county: '30', name: 'Superior Court of California, County of Orange' }, caseNumber: '26FL990002', restrainedPerson: { name: { last: 'Okafor', first: 'Chidi' }, dateOfBirth: '1979-05-05', sex: 'M', race: 'B', height: '602', weight: '190', hair: 'BLK' } },
      SELF_KEYING_ORI,
    );
    const seeded = simulator.seed([
      orangeRecord(),
      orangeRecord({ NAM: 'OKAFOR,CHIDI', DOB: '19790505', PNO: '26FL990002', CTI: SELF_KEYING_ORI, EXP: '20300101', PPN: 'RIVERA,ANA' }, { fcn: '7770260000002' }),
    ]);
    if (E.isLeft(seeded)) throw new Error(JSON.stringify(seeded.left));
    await eventually(async () => (await registry.db.query(`SELECT 1 FROM ${registry.schema}.carpos_order_state WHERE order_id = $1`, [selfKeyed])).rows.length > 0, 'the self-keyed order folded');
  }, 120_000);
  afterAll(async () => {
    await rig.stop();
    await simulator.close();
    await registry.close();
    expect(rig.errors).toEqual([]);
  });

  it('a person with orders in two counties: the LA record matched to its registry order by FCN, the Orange record only at DOJ', async () => {
    const answer = await ask({ kind: 'person', name: { last: 'RIVERA', first: 'DANIEL' }, dateOfBirth: '1988-07-14' });
    expect(answer.total).toBe(2);
    const byCourt = new Map(answer.records.map((r) => [r.record.courtOri, r]));
    const la = byCourt.get(COURT_ORI);
    expect(la?.record).toMatchObject({ fcn: laFcn, status: 'active', enteringAgencyOri: COURT_ORI, restrainedName: 'RIVERA,DANIEL JAMES', dateOfBirth: '1988-07-14' });
    expect(la?.record.enteredOn).toBe('2026-06-01');
    expect(la?.match).toMatchObject({ kind: 'registry-order', by: 'fcn', registry: { orderId: laOrder, courtOri: COURT_ORI, fcn: laFcn }, differences: [], fixes: [] });
    const orange = byCourt.get(ORANGE_COURT);
    expect(orange?.record).toMatchObject({ status: 'active', enteringAgencyOri: ORANGE_SHERIFF, caseNumber: '26FL990001', expiresOn: '2029-01-10' });
    expect(orange?.match).toEqual({ kind: 'only-at-doj', fixes: [expect.objectContaining({ action: 'draft-order' })] });
  });

  it('by FCN and by NIC: the record with DOJ’s own fields', async () => {
    const byFcn = await ask({ kind: 'record', fcn: laFcn });
    expect(byFcn.records.map((r) => [r.record.fcn, r.match.kind])).toEqual([[laFcn, 'registry-order']]);
    const nic = byFcn.records[0]?.record.nic ?? '';
    expect(nic).toMatch(/^H\d{9}$/);
    const byNic = await ask({ kind: 'record', nic });
    expect(byNic.records.map((r) => r.record.fcn)).toEqual([laFcn]);
  });

  it('by case number and court: an order DOJ never numbered for the registry is matched by its case, its differing expiry shown with the fixes', async () => {
    const answer = await ask({ kind: 'case', caseNumber: '26-FL-990002', courtOri: SELF_KEYING_ORI });
    expect(answer.records).toHaveLength(1);
    const [record] = answer.records;
    expect(record?.match).toMatchObject({ kind: 'registry-order', by: 'case', registry: { orderId: selfKeyed, submittedThroughRegistry: false } });
    const match = record?.match;
    if (match?.kind !== 'registry-order') throw new Error('not matched');
    expect(match.differences).toEqual([{ field: 'EXP', label: 'expiry', registry: expect.stringMatching(/^\d{8}$/), doj: '20300101' }]);
    // Orange keys its own orders: the registry cannot send the correction, only suggest the registry's own change.
    expect(match.fixes.map((f) => f.action)).toEqual(['modify-order']);
  });

  it('no record: an empty answer; a name in another spelling finds nothing', async () => {
    expect(await ask({ kind: 'person', name: { last: 'NOBODY', first: 'NEVER' }, dateOfBirth: '1970-01-01' })).toMatchObject({ total: 0, records: [] });
    expect((await ask({ kind: 'case', caseNumber: '99XX1', courtOri: COURT_ORI })).records).toEqual([]);
  });

  it('pages: a continuation token brings the next page, every record once', async () => {
    const seeded = simulator.seed(Array.from({ length: 5 }, (_, i) => orangeRecord({ NAM: 'MANY,PAGES', DOB: '19900101', PNO: `26FL88000${i}`, OCA: `OCA88${i}` })));
    expect(E.isRight(seeded)).toBe(true);
    const query: CarposQuery = { kind: 'person', name: { last: 'MANY', first: 'PAGES' }, dateOfBirth: '1990-01-01' };
    const fcns: string[] = [];
    let continuation: string | undefined;
    const sizes: number[] = [];
    do {
      const page = await ask(query, continuation === undefined ? {} : { continuation });
      sizes.push(page.records.length);
      expect(page.total).toBe(5);
      fcns.push(...page.records.map((r) => r.record.fcn));
      continuation = page.continuation;
    } while (continuation !== undefined);
    expect(sizes).toEqual([2, 2, 1]);
    expect(new Set(fcns).size).toBe(5);
  });

  it('DOJ’s reject of a query comes back as a rejection naming the field', async () => {
    const answer = await askCarpos(rig.gateway.queries, store(), rig.gateway.codec, { kind: 'person', name: { last: 'MANY', first: 'PAGES' }, dateOfBirth: '1990-01-01' }, {
      ori: COURT_ORI,
      asOf: AS_OF,
      paging: { continuation: 'BOGUS1' },
    });
    expect(answer).toEqual(E.left(expect.objectContaining({ kind: 'rejected', code: 'TOK', field: 'CTK' })));
  });

  it('a query the dictionary refuses never leaves the registry', async () => {
    const answer = await askCarpos(rig.gateway.queries, store(), rig.gateway.codec, { kind: 'case', caseNumber: '26FL1', courtOri: 'NOT AN ORI' }, { ori: COURT_ORI, asOf: AS_OF });
    expect(E.isLeft(answer) && answer.left.kind).toBe('invalid');
  });

  it('an answer later than the page timeout: the page is asked for again under a new frame id, the late frames are ignored', async () => {
    const { retries, staleFrames } = rig.gateway.queries.stats;
    const from = simulator.exchanges.length;
    // DOJ's next response comes 1.5 s late, past the 1 s page timeout.
    simulator.setFaults({ delay: { on: [1], ms: 1_500 } });
    const answer = await ask({ kind: 'record', fcn: laFcn });
    simulator.setFaults(undefined);
    expect(answer.records.map((r) => r.record.fcn)).toEqual([laFcn]);
    expect(rig.gateway.queries.stats.retries).toBe(retries + 1);
    const ids = simulator.exchanges.slice(from).flatMap((x) => (x.kind === 'received' && x.message?.key === 'QPO' ? [x.messageId] : []));
    expect(ids).toHaveLength(2);
    expect(ids[0]).not.toBe(ids[1]);
    await eventually(() => rig.gateway.queries.stats.staleFrames === staleFrames + 1, 'the late answer, dropped');
  });

  it('entries first: a query asked while entries wait for the link goes out only after them', async () => {
    // Forty orders at once; the dispatcher sends four at a time, so most wait while the query is asked.
    await rig.stop();
    rig = await startRig(registry, simulator, { gateway: { queries: { pageTimeoutMs: 5_000 }, dispatch: { responseTimeoutMs: 1_000, maxAttempts: 8, retry: { initialMs: 50, maxMs: 1_000 }, maxInFlight: 4 } } });
    const received = simulator.exchanges.length;
    const orders = await Promise.all(Array.from({ length: 40 }, (_, i) => appendNewOrder(registry.eventStore, 500 + i)));
    await eventually(async () => Number((await registry.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${registry.schema}.carpos_outbox WHERE order_id = ANY($1)`, [orders])).rows[0]?.n) === 40, 'the outbox rows');
    const waitedBefore = rig.gateway.queries.stats.waitedForEntries;
    const answer = await ask({ kind: 'record', fcn: laFcn });
    expect(answer.records).toHaveLength(1);
    expect(rig.gateway.queries.stats.waitedForEntries).toBe(waitedBefore + 1);
    const arrivals = simulator.exchanges.slice(received).flatMap((x) => (x.kind === 'received' && x.message !== undefined ? [x.message.key] : []));
    const queryAt = arrivals.indexOf('QPO');
    // Every entry reached DOJ before the query, but for those the dispatcher may have been writing at that very moment.
    expect(arrivals.slice(queryAt).filter((k) => k === 'EPO').length).toBeLessThanOrEqual(4);
    await eventually(async () => (await Promise.all(orders.map(async (o) => (await eventTypes(registry.eventStore, o)).includes('DojAcknowledgementRecorded')))).every(Boolean), 'every entry acknowledged');
  });
});
