import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCodec, defaultDictionary } from '@ccpor/carpos-protocol';
import { type CommandInput } from '@ccpor/domain';
import { startDojSimulator, type DojSimulator } from '@ccpor/test-kit';
import * as E from 'fp-ts/Either';
import { requestResend, type ResendTransaction } from './resend';
import { addOrder, eventTypes, eventually, openPgliteRegistry, outboxRows, run, SELF_KEYING_ORI, startRig, type Registry, type Rig } from './__tests__/gateway-harness';

// The operator's resend (the fix for a reconciliation difference): the order as the registry
// holds it, sent again through the outbox (ADR 0013).

describe('resending an order to DOJ (PGlite, DOJ simulator)', () => {
  let registry: Registry;
  let simulator: DojSimulator;
  let rig: Rig;
  let n = 300;
  const codec = createCodec(defaultDictionary);
  const who = { userId: 'clerk-1', agencyOri: 'CA019015J', kind: 'user' };
  const store = () => ({ db: registry.db, schema: registry.schema });
  const resend = (orderId: string, transaction: ResendTransaction) => requestResend(store(), { orderId, transaction, requestedBy: who, codec, reason: 'reconciliation 7' });
  const acks = async (orderId: string) => (await eventTypes(registry.eventStore, orderId)).filter((t) => t === 'DojAcknowledgementRecorded').length;
  const recordOf = (caseNumber: string) => simulator.records.all().find((r) => r.fields.get('PNO')?.[0] === caseNumber);
  const entered = async (): Promise<{ orderId: string; pno: string }> => {
    n += 1;
    const orderId = await addOrder(registry.commands, n);
    await eventually(async () => (await acks(orderId)) === 1, 'the enter');
    return { orderId, pno: `26FL${String(n).padStart(6, '0')}` };
  };

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

  it('a modify carries the registry’s record back to DOJ when DOJ holds another expiry; the row says who asked', async () => {
    const { orderId, pno } = await entered();
    const expiry = recordOf(pno)?.fields.get('EXP');
    recordOf(pno)?.fields.set('EXP', ['20310101']);
    const queued = await resend(orderId, 'modify');
    expect(E.isRight(queued) && queued.right).toMatchObject({ transaction: 'modify', status: 'pending', orderId });
    rig.gateway.wake();
    await eventually(async () => (await acks(orderId)) === 2, 'the modify acknowledged');
    expect(recordOf(pno)?.fields.get('EXP')).toEqual(expiry);
    const rows = await registry.db.query<{ requested_by: unknown; event_id: string }>(`SELECT requested_by, event_id FROM ${registry.schema}.carpos_outbox WHERE order_id = $1 ORDER BY id`, [orderId]);
    expect(rows.rows.map((r) => r.requested_by)).toEqual([null, { ...who, reason: 'reconciliation 7' }]);
    expect(rows.rows[1]?.event_id).toMatch(/^resend:/);
  });

  it('a clear goes again for a canceled order DOJ still holds as active', async () => {
    const { orderId, pno } = await entered();
    await run(registry.commands, { type: 'CancelOrder', orderId, reason: 'terminated-by-court' } as CommandInput);
    await eventually(async () => (await acks(orderId)) === 2, 'the clear');
    const record = recordOf(pno);
    if (record === undefined) throw new Error('no record');
    record.status = 'active';
    expect(E.isLeft(await resend(orderId, 'cancel'))).toBe(true); // it ended; it was not entered in error
    const queued = await resend(orderId, 'clear');
    expect(E.isRight(queued)).toBe(true);
    rig.gateway.wake();
    await eventually(() => record.status === 'cleared', 'DOJ clears it');
    await eventually(async () => (await acks(orderId)) === 3, 'the acknowledgement');
  });

  it('an enter goes again for an order DOJ never numbered', async () => {
    // DOJ refuses the second order of a case as a duplicate; once DOJ purges the first, the second can go in.
    const first = await entered();
    const second = await addOrder(registry.commands, n);
    await eventually(async () => (await eventTypes(registry.eventStore, second)).includes('DojRejectionRecorded'), 'the reject');
    simulator.records.remove(recordOf(first.pno)?.fcn ?? '');
    const queued = await resend(second, 'enter');
    expect(E.isRight(queued) && queued.right.transaction).toBe('enter');
    rig.gateway.wake();
    await eventually(async () => (await acks(second)) === 1, 'the entry acknowledged');
    expect((await outboxRows(registry, second)).map((r) => [r.transaction, r.status])).toEqual([
      ['enter', 'rejected'],
      ['enter', 'acknowledged'],
    ]);
  });

  it('refuses what it cannot send, saying why', async () => {
    const { orderId } = await entered();
    const code = async (id: string, t: ResendTransaction) => {
      const r = await resend(id, t);
      return E.isLeft(r) ? r.left.code : 'QUEUED';
    };
    expect(await code(orderId, 'enter')).toBe('ALREADY_NUMBERED');
    expect(await code(orderId, 'cancel')).toBe('NOT_CANCELED');
    expect(await code(orderId, 'service')).toBe('NO_SERVICE');
    expect(await code('00000000-0000-4000-8000-000000000000', 'modify')).toBe('ORDER_NOT_FOUND');
    const selfKeyed = await addOrder(registry.commands, (n += 1), { court: { ori: SELF_KEYING_ORI, county: '30', name: 'Superior Court of California, County of Orange' } }, SELF_KEYING_ORI);
    await eventually(async () => (await registry.db.query(`SELECT 1 FROM ${registry.schema}.carpos_orders WHERE order_id = $1`, [selfKeyed])).rows.length > 0, 'the order folded');
    expect(await code(selfKeyed, 'modify')).toBe('NOT_SUBMITTED_THROUGH_REGISTRY');
    // Two resends of one modify before the first has gone: the second is refused, naming the first.
    await rig.stop();
    const queued = await resend(orderId, 'modify');
    const again = await resend(orderId, 'modify');
    expect(E.isLeft(again) && again.left).toEqual({ code: 'ALREADY_QUEUED', message: expect.any(String), outboxId: E.isRight(queued) ? queued.right.id : '' });
    rig = await startRig(registry, simulator);
    await eventually(async () => (await acks(orderId)) === 2, 'the queued modify');
  });
});
