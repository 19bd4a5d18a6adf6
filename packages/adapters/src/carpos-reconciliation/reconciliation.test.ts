import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type CommandInput, type IssuedOrder } from '@ccpor/domain';
import { startDojSimulator, type DojSimulator } from '@ccpor/test-kit';
import * as E from 'fp-ts/Either';
import { addOrder, COURT_ORI, eventTypes, eventually, openPostgresRegistry, run, startRig, type Registry, type Rig } from '../carpos-gateway/__tests__/gateway-harness';
import { appendOrangeOrder, dojFieldsOf, inParallel, ORANGE, ORANGE_SHERIFF } from './__tests__/reconciliation-harness';
import { Reconciler } from './reconciler';
import { courtSummaries, runDifferences, runDifferencesCsv, type ReconciliationDifference } from './reconciliation-report';
import { type ReconciliationRun } from './reconciliation-run';
import { findRun, startReconciliation } from './start-reconciliation';

// A state reconciliation over 10,000 orders of a county that keys its own orders into CLETS and a
// few of one that sends them through the registry, with differences of every kind injected at
// DOJ; the link drops mid-run and the runner is stopped and resumed (ADR 0013).

const BULK = 10_000;

const pick = <T>(items: T[], count: number): T[] => items.splice(0, count);

describe(`reconciliation over ${BULK.toLocaleString('en-US')} orders through the DOJ simulator (PostgreSQL)`, () => {
  let registry: Registry;
  let simulator: DojSimulator;
  let rig: Rig;
  const store = () => ({ db: registry.db, schema: registry.schema });
  const injected = {
    absent: new Set<string>(),
    different: new Map<string, string[]>(),
    inactive: new Set<string>(),
    onlyAtDoj: new Set<string>(),
  };
  let dojInForce = 0;
  const la = { gone: '', changed: '', canceled: '', sealed: '' };

  beforeAll(async () => {
    registry = await openPostgresRegistry();
    simulator = await startDojSimulator({ maxPageSize: 250 });
    rig = await startRig(registry, simulator, { gateway: { queries: { pageTimeoutMs: 1_000 } } });

    // Los Angeles sends its orders through the registry: five (one sealed), acknowledged with their FCNs.
    const laOrders = await Promise.all([1, 2, 3, 4, 5].map((n) => addOrder(registry.commands, n, n === 5 ? { sealed: true } : {})));
    await eventually(async () => (await Promise.all(laOrders.map(async (o) => (await eventTypes(registry.eventStore, o)).includes('DojAcknowledgementRecorded')))).every(Boolean), 'the LA orders at DOJ');
    const [laGone, laChanged, laCanceled, laKept, laSealed] = laOrders as [string, string, string, string, string];
    Object.assign(la, { gone: laGone, changed: laChanged, canceled: laCanceled, sealed: laSealed });
    await run(registry.commands, { type: 'CancelOrder', orderId: laCanceled, reason: 'terminated-by-court' } as CommandInput);
    await eventually(async () => (await eventTypes(registry.eventStore, laCanceled)).filter((t) => t === 'DojAcknowledgementRecorded').length === 2, 'the clear at DOJ');
    const laRecord = (orderId: string) => {
      const pno = `26FL${String(laOrders.indexOf(orderId) + 1).padStart(6, '0')}`;
      const record = simulator.records.all().find((r) => r.fields.get('PNO')?.[0] === pno);
      if (record === undefined) throw new Error(`no DOJ record for ${pno}`);
      return record;
    };
    simulator.records.remove(laRecord(laGone).fcn); // DOJ lost it
    laRecord(laChanged).fields.set('EXP', ['20310101']); // DOJ holds another expiry
    laRecord(laCanceled).status = 'active'; // DOJ never applied the clear
    laRecord(laSealed).fields.set('EXP', ['20310101']);
    injected.absent.add(laGone);
    injected.different.set(laChanged, ['EXP']);
    injected.different.set(laSealed, ['EXP']);
    injected.inactive.add(laCanceled);
    const laOnly = simulator.seed([{ enteringOri: 'CA0194200', fields: { ...dojFieldsOf(await stateOf(laKept)), PNO: '26FL777777', OCA: '26FL777777' } }]);
    if (E.isLeft(laOnly)) throw new Error(JSON.stringify(laOnly.left));
    injected.onlyAtDoj.add(laOnly.right[0]?.fcn ?? '');
    // Orange County keys its own orders at CLETS terminals: 10,000 in the registry (9 of them expired), none sent by it.
    const ids: string[] = new Array<string>(BULK);
    await inParallel(BULK, 64, async (i) => {
      ids[i] = await appendOrangeOrder(registry.eventStore, i + 1, i < 9 ? '2021-01-15T10:00:00-08:00' : '2026-03-02T10:15:00-08:00');
    });
    const expired = ids.slice(0, 9);
    const pool = ids.slice(9);
    const canceled = pick(pool, 23);
    await inParallel(canceled.length, 8, (i) => run(registry.commands, { type: 'CancelOrder', orderId: canceled[i] ?? '', reason: i % 2 === 0 ? 'terminated-by-court' : 'entered-in-error' } as CommandInput));
    await eventually(
      async () => Number((await registry.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${registry.schema}.carpos_order_state WHERE state->'details'->'court'->>'ori' = $1 AND state->'canceled' IS NOT NULL`, [ORANGE])).rows[0]?.n) === 23,
      'the gateway to fold every order',
      60_000,
    );
    // DOJ's file for Orange: what the registry holds, with differences of every kind.
    const states = new Map(
      (await registry.db.query<{ order_id: string; state: IssuedOrder }>(`SELECT order_id, state FROM ${registry.schema}.carpos_order_state WHERE state->'details'->'court'->>'ori' = $1`, [ORANGE])).rows.map((r) => [
        r.order_id,
        r.state,
      ]),
    );
    expect(states.size).toBe(BULK);
    const absent = pick(pool, 37);
    const changes: [string, (f: Record<string, string | string[]>) => void][] = [
      ['EXP', (f) => (f.EXP = '20300101')],
      ['NAM', (f) => (f.NAM = 'RIVERO,DANIEL JAMES')],
      ['DOB', (f) => (f.DOB = '19880715')],
      ['PPN', (f) => (f.PPN = 'RIVERA,ANNA')],
      ['STS', (f) => Object.assign(f, { SDT: '20260305', STM: '1015', SBY: 'SMITH,JANE', SAG: ORANGE_SHERIFF })],
    ];
    const differing = pick(pool, 50);
    const seeds = [];
    for (const orderId of ids) {
      if (absent.includes(orderId)) {
        injected.absent.add(orderId);
        continue;
      }
      const state = states.get(orderId);
      if (state === undefined) throw new Error(`order ${orderId} not folded`);
      const fields = dojFieldsOf(state);
      const d = differing.indexOf(orderId);
      if (d !== -1) {
        // Most differ in one field, every fifth in two.
        const [first, second] = [changes[d % changes.length], d % 5 === 4 ? changes[(d + 1) % changes.length] : undefined];
        for (const change of [first, second]) change?.[1](fields);
        injected.different.set(orderId, [first?.[0] ?? '', ...(second !== undefined ? [second[0]] : [])].sort());
      }
      if (expired.includes(orderId)) {
        fields.EXP = 'NONEXP'; // DOJ never learned the expiry, so its record stays in force
        injected.inactive.add(orderId);
      }
      if (canceled.includes(orderId)) injected.inactive.add(orderId);
      seeds.push({ enteringOri: ORANGE_SHERIFF, fields });
    }
    for (let i = 0; i < 29; i += 1) seeds.push({ enteringOri: ORANGE_SHERIFF, fields: { ...dojFieldsOf(await stateOf(ids[100] ?? '')), PNO: `27ZZ${String(i).padStart(6, '0')}`, OCA: `27ZZ${i}` } });
    const seeded = simulator.seed(seeds);
    if (E.isLeft(seeded)) throw new Error(JSON.stringify(seeded.left.slice(0, 3)));
    seeded.right.slice(-29).forEach((r) => injected.onlyAtDoj.add(r.fcn));
    dojInForce = simulator.records.all().filter((r) => r.status === 'active' && [COURT_ORI, ORANGE].includes(r.fields.get('CTI')?.[0] ?? '') && !(/^\d{8}$/.test(r.fields.get('EXP')?.[0] ?? '') && (r.fields.get('EXP')?.[0] ?? '') < simulator.today())).length;
  }, 300_000);

  const stateOf = async (orderId: string): Promise<IssuedOrder> => {
    const rows = await registry.db.query<{ state: IssuedOrder }>(`SELECT state FROM ${registry.schema}.carpos_order_state WHERE order_id = $1`, [orderId]);
    const state = rows.rows[0]?.state;
    if (state === undefined) {
      await eventually(async () => (await registry.db.query(`SELECT 1 FROM ${registry.schema}.carpos_order_state WHERE order_id = $1`, [orderId])).rows.length > 0, `order ${orderId} folded`, 60_000);
      return stateOf(orderId);
    }
    return state;
  };

  afterAll(async () => {
    await rig.stop();
    await simulator.close();
    await registry.close();
  });

  it('finds exactly the injected differences of each kind, through a dropped link and a stop and resume, reading every DOJ record once', async () => {
    const started = await startReconciliation(store(), {
      scope: 'state',
      trigger: 'on-demand',
      requestedBy: { userId: 'clerk-1', agencyOri: COURT_ORI, kind: 'user' },
      asOf: new Date().toISOString(),
      ratePerSecond: 1_000,
      pageSize: 250,
    });
    if (E.isLeft(started)) throw new Error(JSON.stringify(started.left));
    const runId = started.right.id;
    expect(started.right).toMatchObject({ status: 'running', courtsTotal: 2, registryInForce: 5 - 1 + BULK - 23 - 9 });
    // A second run is refused while this one runs.
    expect(await startReconciliation(store(), { ...started.right, scope: 'court', courtOri: ORANGE, trigger: 'on-demand', requestedBy: started.right.requestedBy, ratePerSecond: 1, pageSize: 10 })).toEqual(
      E.left({ code: 'ALREADY_RUNNING', runId }),
    );

    const stop = new AbortController();
    const reconciler = (onProgress?: (run: ReconciliationRun) => void) =>
      new Reconciler({ store: store(), queries: rig.gateway.queries, codec: rig.gateway.codec, retryDelayMs: 100, ...(onProgress !== undefined ? { onProgress } : {}) });
    let dropped = false;
    const first = await reconciler((progress) => {
      // Page 8: DOJ closes the connection instead of answering the next page.
      if (progress.pages === 8 && !dropped) {
        dropped = true;
        simulator.setFaults({ close: { on: [1] } });
      }
      if (progress.pages === 20) stop.abort();
    }).run(runId, stop.signal);
    simulator.setFaults(undefined);
    expect(dropped).toBe(true);
    expect(first.status).toBe('running');
    expect(first.pages).toBeGreaterThanOrEqual(20);
    expect(simulator.exchanges.some((x) => x.kind === 'connection' && x.event === 'closed-by-fault')).toBe(true);

    // Resumed by another runner, as after a restart.
    const done = await reconciler().run(runId);
    expect(done).toMatchObject({ status: 'completed', courtsDone: 2, lastError: null });
    expect(done.dojRecords).toBe(dojInForce);
    expect(done.dojTotal).toBe(dojInForce);

    const all: ReconciliationDifference[] = [];
    let after: string | undefined;
    do {
      const page = await runDifferences(store(), runId, { limit: 100, ...(after !== undefined ? { after } : {}) });
      all.push(...page.entries);
      after = page.next;
    } while (after !== undefined);
    const ofKind = (kind: ReconciliationDifference['kind']) => all.filter((d) => d.kind === kind);
    expect(done.differences).toBe(all.length);
    expect(new Set(ofKind('absent-at-doj').map((d) => d.orderId))).toEqual(injected.absent);
    expect(new Set(ofKind('inactive-in-registry').map((d) => d.orderId))).toEqual(injected.inactive);
    expect(new Set(ofKind('only-at-doj').map((d) => d.fcn))).toEqual(injected.onlyAtDoj);
    expect(new Map(ofKind('different').map((d) => [d.orderId ?? '', d.fields.map((f) => f.field).sort()]))).toEqual(injected.different);
    expect(all).toHaveLength(injected.absent.size + injected.inactive.size + injected.onlyAtDoj.size + injected.different.size);

    // The fixes each difference calls for.
    const fixesOf = (orderId: string) => all.find((d) => d.orderId === orderId)?.fixes.map((f) => f.action);
    expect(fixesOf(la.gone)).toEqual(['check-record-at-doj', 'enter-at-clets-terminal']);
    expect(fixesOf(la.changed)).toEqual(['resend-modify', 'modify-order']);
    expect(fixesOf(la.canceled)).toEqual(['resend-clear']);
    expect(all.find((d) => d.orderId === la.sealed)?.sealed).toBe(true);
    expect(ofKind('absent-at-doj').filter((d) => d.courtOri === ORANGE).every((d) => d.fixes[0]?.action === 'enter-at-clets-terminal')).toBe(true);
    expect(ofKind('different').filter((d) => d.fields.some((f) => f.field === 'STS')).every((d) => d.fixes.some((f) => f.action === 'record-service'))).toBe(true);

    // Per court, and as CSV.
    const summaries = await courtSummaries(store(), runId);
    expect(summaries.map((s) => [s.courtOri, s.phase, s.differences])).toEqual([
      [COURT_ORI, 'done', { 'absent-at-doj': 1, different: 2, 'inactive-in-registry': 1, 'only-at-doj': 1 }],
      [ORANGE, 'done', { 'absent-at-doj': 37, different: 50, 'inactive-in-registry': 32, 'only-at-doj': 29 }],
    ]);
    const csv = await runDifferencesCsv(store(), runId, { courtOri: COURT_ORI });
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('court_ori,kind,order_id,fcn,nic,case_number,field,registry_value,doj_value,registry_status,doj_status,fixes');
    expect(lines).toHaveLength(6);
    expect(lines.find((l) => l.includes(la.changed))).toMatch(/,different,.*,EXP,\d{8},20310101,active,A,resend-modify;modify-order$/);
    // The journal of DOJ records read is gone once the run is done; the report stays.
    expect((await registry.db.query(`SELECT 1 FROM ${registry.schema}.carpos_recon_seen WHERE run_id = $1`, [runId])).rows).toEqual([]);
    expect((await findRun(store(), runId))?.status).toBe('completed');
  }, 300_000);

  it('throttles itself to the configured rate and hides differences about sealed orders unless asked', async () => {
    const started = await startReconciliation(store(), {
      scope: 'court',
      courtOri: COURT_ORI,
      trigger: 'schedule',
      requestedBy: { userId: 'system:scheduler', agencyOri: 'CASTATE00', kind: 'system' },
      asOf: new Date().toISOString(),
      ratePerSecond: 4,
      pageSize: 1,
    });
    if (E.isLeft(started)) throw new Error(JSON.stringify(started.left));
    const t0 = Date.now();
    const done = await new Reconciler({ store: store(), queries: rig.gateway.queries, codec: rig.gateway.codec }).run(started.right.id);
    const seconds = (Date.now() - t0) / 1000;
    // LA holds five records in force at DOJ: five pages of one, at 4 a second, take at least a second.
    expect(done).toMatchObject({ status: 'completed', pages: 5, dojRecords: 5 });
    expect(seconds).toBeGreaterThanOrEqual(1);
    const open = await runDifferences(store(), started.right.id, { includeSealed: false });
    expect(open.withheld).toBe(1);
    expect(open.entries.map((d) => d.orderId)).not.toContain(la.sealed);
    expect(open.entries).toHaveLength(4);
    expect((await runDifferences(store(), started.right.id)).entries).toHaveLength(5);
  });
});
