import { afterEach, describe, expect, it } from '@jest/globals';
import { computeOrderView, type CommandInput } from '@ccpor/domain';
import { startDojSimulator, type DojSimulator, type FaultPlan } from '@ccpor/test-kit';
import { awaitingDataQueue, deadLetterQueue, pendingQueue, retryDeadLetter } from './queues';
import { overdueGauge, overdueGaugeText, overdueOrders, submissionLatencyByAgency, transmissionTimeliness } from './timeliness';
import { addOrder, COURT_ORI, eventTypes, eventually, openPgliteRegistry, outboxRows, run, startRig, type Registry, type Rig } from './__tests__/gateway-harness';

describe('CARPOS gateway: awaiting data, dead letters, repeated answers, timeliness (PGlite)', () => {
  let registry: Registry | undefined;
  let rig: Rig | undefined;
  let simulator: DojSimulator | undefined;
  const store = (): { db: Registry['db']; schema: string } => ({ db: registry!.db, schema: registry!.schema });

  afterEach(async () => {
    await rig?.stop();
    await simulator?.close();
    await registry?.close();
    rig = undefined;
    simulator = undefined;
    registry = undefined;
  });

  it('holds an order missing DOJ data as awaiting data, lists it, and enters it once a modification completes it', async () => {
    registry = await openPgliteRegistry();
    rig = await startRig(registry, (simulator = await startDojSimulator()));
    const incomplete = { name: { last: 'Okafor', first: 'Chidi' }, sex: 'M', race: 'B', height: '602', weight: '190', hair: 'BLK' };
    const orderId = await addOrder(registry.commands, 1, { restrainedPerson: incomplete });
    await eventually(async () => (await awaitingDataQueue(store())).some((e) => e.orderId === orderId), 'the awaiting-data queue');
    const [held] = (await awaitingDataQueue(store())).filter((e) => e.orderId === orderId);
    expect(held?.missing?.map((m) => m.field)).toEqual(['restrainedPerson.dateOfBirth']);
    expect(simulator.records.size).toBe(0);

    await run(registry.commands, { type: 'ModifyOrder', orderId, changes: { restrainedPerson: { ...incomplete, dateOfBirth: '1979-05-05' } } } as CommandInput);
    await eventually(async () => (await eventTypes(registry!.eventStore, orderId)).includes('DojAcknowledgementRecorded'), 'the enter');
    expect((await outboxRows(registry, orderId)).map((r) => [r.transaction, r.status])).toEqual([
      ['enter', 'acknowledged'],
      ['modify', 'merged'],
    ]);
    expect(simulator.records.all()[0]?.fields.get('DOB')).toEqual(['19790505']);
    expect(await awaitingDataQueue(store())).toEqual([]);
  });

  it('withdraws an order canceled before DOJ ever had it', async () => {
    registry = await openPgliteRegistry();
    rig = await startRig(registry, (simulator = await startDojSimulator()));
    const orderId = await addOrder(registry.commands, 2, { restrainedPerson: { name: { last: 'Okafor', first: 'Chidi' } } });
    await run(registry.commands, { type: 'CancelOrder', orderId, reason: 'entered-in-error' } as CommandInput);
    await eventually(async () => (await outboxRows(registry!, orderId)).length === 2, 'both rows');
    expect((await outboxRows(registry, orderId)).map((r) => [r.transaction, r.status])).toEqual([
      ['enter', 'withdrawn'],
      ['cancel', 'withdrawn'],
    ]);
    expect(await overdueOrders(store(), new Date('2030-01-01T00:00:00Z'))).toEqual([]);
  });

  it('records an answer DOJ sends twice only once', async () => {
    registry = await openPgliteRegistry();
    rig = await startRig(registry, (simulator = await startDojSimulator({ faults: { duplicate: { probability: 1 } } })));
    const orderId = await addOrder(registry.commands, 3);
    await eventually(() => rig!.gateway.stats().duplicates >= 1, 'the repeated answer');
    expect((await eventTypes(registry.eventStore, orderId)).filter((t) => t === 'DojAcknowledgementRecorded')).toHaveLength(1);
  });

  it('dead-letters a row DOJ never answers, and sends it again when an operator retries it', async () => {
    registry = await openPgliteRegistry();
    simulator = await startDojSimulator({ faults: { drop: { probability: 1 } } satisfies FaultPlan });
    rig = await startRig(registry, simulator, {
      gateway: { dispatch: { responseTimeoutMs: 100, maxAttempts: 3, retry: { initialMs: 20, maxMs: 40 }, maxInFlight: 8 } },
    });
    const orderId = await addOrder(registry.commands, 4);
    await eventually(async () => (await deadLetterQueue(store())).some((e) => e.orderId === orderId), 'the dead letter');
    const [dead] = (await deadLetterQueue(store())).filter((e) => e.orderId === orderId);
    expect(dead?.attempts).toBe(3);
    expect(dead?.lastError).toMatch(/no answer within 100 ms/);
    expect(await pendingQueue(store())).toEqual([]);
    const received = simulator.exchanges.filter((x) => x.kind === 'received');
    expect(new Set(received.map((x) => (x.kind === 'received' ? x.messageId : '')))).toEqual(new Set([dead?.messageId]));

    simulator.setFaults(undefined);
    expect(await retryDeadLetter(store(), dead?.id ?? '')).toBe(true);
    expect(await retryDeadLetter(store(), dead?.id ?? '')).toBe(false);
    await eventually(async () => (await eventTypes(registry!.eventStore, orderId)).includes('DojAcknowledgementRecorded'), 'the acknowledgement');
    // The repeats reached DOJ, so it refused the later ones as duplicates of its own record; the first record stands.
    expect(simulator.records.size).toBe(1);
    const events = await registry.eventStore.readStream(`order-${orderId}`);
    expect(events.find((e) => e.type === 'DojAcknowledgementRecorded')?.data).toMatchObject({ fcn: simulator.records.all()[0]?.fcn });
  });

  it('lists overdue orders, counts them for the gauge, and reports latency per agency', async () => {
    registry = await openPgliteRegistry();
    rig = await startRig(registry, (simulator = await startDojSimulator()));
    const sent = await addOrder(registry.commands, 5);
    const held = await addOrder(registry.commands, 6, { restrainedPerson: { name: { last: 'Okafor', first: 'Chidi' } } });
    await eventually(async () => (await eventTypes(registry!.eventStore, sent)).includes('DojAcknowledgementRecorded'), 'the first order');
    await eventually(async () => (await awaitingDataQueue(store())).length === 1, 'the held order');

    // Issued 2026-03-02 (a Monday): due by the end of Tuesday 2026-03-03, California time.
    expect(await overdueOrders(store(), new Date('2026-03-03T12:00:00-08:00'))).toEqual([]);
    const overdue = await overdueOrders(store(), new Date('2026-03-04T00:00:01-08:00'));
    expect(overdue).toEqual([
      {
        orderId: held,
        agencyOri: COURT_ORI,
        issuedAt: '2026-03-02T18:15:00.000Z',
        dojDeadline: '2026-03-04T07:59:59.000Z',
        deadlineId: 'd1',
        purpose: 'issue',
        transaction: 'enter',
        startedAt: '2026-03-02T18:15:00.000Z',
        sentAt: null,
        reason: 'awaiting-data',
      },
    ]);
    expect(await overdueGauge(store(), new Date('2026-03-04T00:00:01-08:00'))).toBe(1);
    expect(await overdueGaugeText(store())).toMatch(/^ccpor_carpos_overdue_orders 1$/m);

    const [latency] = await submissionLatencyByAgency(store());
    expect(latency).toMatchObject({ agencyOri: COURT_ORI, count: 1, late: 1, overdue: 1 });
    // Issued in March and acknowledged now: months, not milliseconds.
    expect(latency?.p50Ms).toBeGreaterThan(30 * 24 * 3_600_000);
  });

  it('times every transmission (Fam. Code 6380): the enter, a modification and an officer’s proof of service, each sent and acknowledged, and DOJ’s answers meet the order’s deadlines', async () => {
    registry = await openPgliteRegistry();
    rig = await startRig(registry, (simulator = await startDojSimulator()));
    const orderId = await addOrder(registry.commands, 6);
    const acks = async () => (await eventTypes(registry!.eventStore, orderId)).filter((t) => t === 'DojAcknowledgementRecorded').length;
    await eventually(async () => (await acks()) === 1, 'the enter');
    await run(registry.commands, { type: 'ModifyOrder', orderId, changes: { terms: 'Stay 150 yards away.' } } as CommandInput);
    await eventually(async () => (await acks()) === 2, 'the modify');
    const servedAt = new Date(Date.now() - 60_000).toISOString();
    await run(registry.commands, {
      type: 'RecordService',
      orderId,
      service: { serviceId: 'pos-t', servedAt, method: 'officer-verbal-notice', servedBy: { name: 'Deputy Osei' }, servingAgencyOri: 'CA0194200' },
    } as CommandInput);
    await eventually(async () => (await acks()) === 3, 'the proof of service');

    const rows = await registry.db.query<{ deadline_id: string; purpose: string; sent: boolean; acknowledged: boolean }>(
      `SELECT deadline_id, purpose, sent_at IS NOT NULL AS sent, acknowledged_at IS NOT NULL AS acknowledged FROM ${registry.schema}.carpos_deadlines WHERE order_id = $1 ORDER BY deadline_id`,
      [orderId],
    );
    expect(rows.rows).toEqual([
      { deadline_id: 'd1', purpose: 'issue', sent: true, acknowledged: true },
      { deadline_id: 'd2', purpose: 'modify', sent: true, acknowledged: true },
      { deadline_id: 'd3', purpose: 'service', sent: true, acknowledged: true },
    ]);
    const loaded = await registry.commands.load(orderId);
    if (loaded._tag === 'Left') throw new Error('load');
    const view = computeOrderView(loaded.right.state, new Date().toISOString());
    expect(view.deadlines.filter((d) => d.kind === 'doj-transmission').map((d) => [d.id, d.status])).toEqual([
      ['d1', 'met'],
      ['d2', 'met'],
      ['d3', 'met'],
    ]);
    const report = await transmissionTimeliness(store());
    expect(report.map((r) => [r.purpose, r.deadlines, r.acknowledgedInTime + r.acknowledgedLate, r.sentInTime + r.sentLate])).toEqual([
      ['issue', 1, 1, 1],
      ['modify', 1, 1, 1],
      ['service', 1, 1, 1],
    ]);
    expect(report.find((r) => r.purpose === 'modify')).toMatchObject({ sentInTime: 1, acknowledgedInTime: 1, overdue: 0 });
  });
});
