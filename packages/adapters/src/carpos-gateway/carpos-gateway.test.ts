import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type CommandInput } from '@ccpor/domain';
import { startDojSimulator, type DojSimulator } from '@ccpor/test-kit';
import { correctionQueue, notificationsForAgency, notSubmittedOrders, reviewQueue } from './queues';
import {
  addOrder,
  COURT_ORI,
  eventTypes,
  eventually,
  openPgliteRegistry,
  OTHER_SHERIFF_ORI,
  outboxRows,
  run,
  SELF_KEYING_ORI,
  startRig,
  type Registry,
  type Rig,
} from './__tests__/gateway-harness';

describe('CARPOS gateway: each message type through the DOJ simulator (PGlite)', () => {
  let registry: Registry;
  let rig: Rig;
  let simulator: DojSimulator;
  let n = 100;
  const store = (): { db: Registry['db']; schema: string } => ({ db: registry.db, schema: registry.schema });
  const acked = async (orderId: string, count: number): Promise<boolean> =>
    (await eventTypes(registry.eventStore, orderId)).filter((t) => t === 'DojAcknowledgementRecorded').length >= count;
  const recordOf = (pno: string) => simulator.records.all().find((r) => r.fields.get('PNO')?.[0] === pno);

  beforeAll(async () => {
    registry = await openPgliteRegistry();
    simulator = await startDojSimulator();
    rig = await startRig(registry, simulator);
  });
  afterAll(async () => {
    await rig.stop();
    await simulator.close();
    await registry.close();
    expect(rig.errors).toEqual([]);
  });

  it('enters an order after hearing with EPO and records the FCN and NIC on the order', async () => {
    n += 1;
    const orderId = await addOrder(registry.commands, n);
    await eventually(() => acked(orderId, 1), 'the acknowledgement');
    const record = recordOf(`26FL${String(n).padStart(6, '0')}`);
    expect(record?.enteredWith).toBe('EPO');
    expect(record?.enteringOri).toBe(COURT_ORI);
    expect(record?.fields.get('NAM')).toEqual(['RIVERA,DANIEL JAMES']);
    expect(record?.fields.get('PCO')).toEqual(['01', '04', '07']);
    const events = await registry.eventStore.readStream(`order-${orderId}`);
    const ack = events.find((e) => e.type === 'DojAcknowledgementRecorded');
    expect(ack?.data).toMatchObject({ transaction: 'enter', fcn: record?.fcn, nic: record?.nic });
    await eventually(async () => (await reviewQueue(store())).some((r) => r.orderId === orderId), 'the review queue');
  });

  it('enters a temporary order with ETO', async () => {
    n += 1;
    const orderId = await addOrder(registry.commands, n, { form: 'DV-110', hearing: { at: '2026-03-20T08:30:00-07:00' } });
    await eventually(() => acked(orderId, 1), 'the acknowledgement');
    expect(recordOf(`26FL${String(n).padStart(6, '0')}`)?.enteredWith).toBe('ETO');
  });

  it('sends a modification as MPO on the record, after the enter', async () => {
    n += 1;
    const orderId = await addOrder(registry.commands, n);
    await eventually(() => acked(orderId, 1), 'the enter');
    await run(registry.commands, { type: 'ModifyOrder', orderId, changes: { terms: 'No contact of any kind.' } } as CommandInput);
    await eventually(() => acked(orderId, 2), 'two acknowledgements');
    const record = recordOf(`26FL${String(n).padStart(6, '0')}`);
    expect(record?.fields.get('MIS')).toEqual(['No contact of any kind.']);
    const rows = await outboxRows(registry, orderId);
    expect(rows.map((r) => [r.transaction, r.status, r.message.key])).toEqual([
      ['enter', 'acknowledged', 'EPO'],
      ['modify', 'acknowledged', 'MPO'],
    ]);
  });

  it('sends proof of service as ROS5 by the entering agency and ROS4 by another, whose notice reaches the entering agency', async () => {
    n += 1;
    const orderId = await addOrder(registry.commands, n);
    await eventually(() => acked(orderId, 1), 'the enter');
    const service = (serviceId: string, ori: string) =>
      ({
        type: 'RecordService',
        orderId,
        service: { serviceId, servedAt: '2026-11-20T14:05:00-08:00', method: 'personal', servedBy: { name: 'Deputy Jane Q. Smith' }, servingAgencyOri: ori },
      }) as CommandInput;
    await run(registry.commands, service('s-1', COURT_ORI));
    await run(registry.commands, service('s-2', OTHER_SHERIFF_ORI));
    await eventually(() => acked(orderId, 3), 'both services');
    const rows = await outboxRows(registry, orderId);
    expect(rows.filter((r) => r.transaction === 'service').map((r) => [r.screen, r.message.ori])).toEqual([
      ['ROS5', COURT_ORI],
      ['ROS4', OTHER_SHERIFF_ORI],
    ]);
    const record = recordOf(`26FL${String(n).padStart(6, '0')}`);
    expect(record?.services.map((s) => s.servingOri)).toEqual([COURT_ORI, OTHER_SHERIFF_ORI]);
    expect(record?.fields.get('SBY')).toEqual(['SMITH,DEPUTY JANE Q']);
    expect(record?.fields.get('STM')).toEqual(['1405']);
    await eventually(async () => (await notificationsForAgency(store(), COURT_ORI)).some((x) => x.fcn === record?.fcn), 'the notification');
    const [notice] = (await notificationsForAgency(store(), COURT_ORI)).filter((x) => x.fcn === record?.fcn);
    expect(notice).toMatchObject({ notificationType: 'SRV', orderId });
  });

  it('cancels an order entered in error (XPO) and clears one the court terminated (CPO)', async () => {
    const cancelled = await addOrder(registry.commands, (n += 1));
    const cleared = await addOrder(registry.commands, (n += 1));
    await eventually(async () => (await acked(cancelled, 1)) && acked(cleared, 1), 'the enters');
    await run(registry.commands, { type: 'CancelOrder', orderId: cancelled, reason: 'entered-in-error' } as CommandInput);
    await run(registry.commands, { type: 'CancelOrder', orderId: cleared, reason: 'terminated-by-court' } as CommandInput);
    await eventually(async () => (await acked(cancelled, 2)) && acked(cleared, 2), 'the cancel and the clear');
    expect(recordOf(`26FL${String(n - 1).padStart(6, '0')}`)?.status).toBe('cancelled');
    expect(recordOf(`26FL${String(n).padStart(6, '0')}`)?.status).toBe('cleared');
    expect((await outboxRows(registry, cancelled)).map((r) => r.message.key)).toEqual(['EPO', 'XPO']);
    expect((await outboxRows(registry, cleared)).map((r) => r.message.key)).toEqual(['EPO', 'CPO']);
  });

  it('sends nothing for an agency that does not submit through the registry', async () => {
    n += 1;
    const orderId = await addOrder(registry.commands, n, { court: { ori: SELF_KEYING_ORI, county: '30', name: 'Superior Court of California, County of Orange' } }, SELF_KEYING_ORI);
    await eventually(async () => (await notSubmittedOrders(store())).some((o) => o.orderId === orderId), 'the not-submitted list');
    expect(await outboxRows(registry, orderId)).toEqual([]);
  });

  it('records a reject, queues the order for correction, and resubmits the corrected order as an enter', async () => {
    // The simulated DOJ refuses a second active record for the same court case and person.
    n += 1;
    const first = await addOrder(registry.commands, n);
    await eventually(() => acked(first, 1), 'the first order');
    const second = await addOrder(registry.commands, n);
    await eventually(async () => (await eventTypes(registry.eventStore, second)).includes('DojRejectionRecorded'), 'the reject');
    await eventually(async () => (await correctionQueue(store())).some((c) => c.orderId === second), 'the correction queue');
    const [entry] = (await correctionQueue(store())).filter((c) => c.orderId === second);
    expect(entry?.response).toMatchObject({ key: 'REJ' });

    await run(registry.commands, {
      type: 'ModifyOrder',
      orderId: second,
      changes: { restrainedPerson: { name: { last: 'Rivera', first: 'David' }, dateOfBirth: '1991-01-01', sex: 'M', race: 'H', height: '600', weight: '170', hair: 'BRO' } },
    } as CommandInput);
    await eventually(() => acked(second, 1), 'the resubmitted enter');
    expect((await outboxRows(registry, second)).map((r) => [r.transaction, r.status])).toEqual([
      ['enter', 'rejected'],
      ['enter', 'acknowledged'],
    ]);
    expect(await eventTypes(registry.eventStore, second)).toEqual(['OrderAdded', 'DojRejectionRecorded', 'OrderModified', 'DojAcknowledgementRecorded']);
    await eventually(async () => !(await correctionQueue(store())).some((c) => c.orderId === second), 'leaving the correction queue');
  });

  it('takes reviewed answers off the review queue', async () => {
    n += 1;
    const orderId = await addOrder(registry.commands, n);
    await eventually(() => acked(orderId, 1), 'the acknowledgement');
    await eventually(async () => (await reviewQueue(store())).some((r) => r.orderId === orderId), 'the review queue');
    const [entry] = (await reviewQueue(store())).filter((r) => r.orderId === orderId);
    await run(registry.commands, { type: 'ReviewDojResponse', orderId, messageId: entry?.messageIds[0] ?? '', outcome: 'accurate' } as CommandInput);
    await eventually(async () => !(await reviewQueue(store())).some((r) => r.orderId === orderId), 'leaving the review queue');
  });
});
