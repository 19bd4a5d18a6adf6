import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type CommandInput } from '@ccpor/domain';
import { startDojSimulator, type DojSimulator } from '@ccpor/test-kit';
import { appendNewOrder, eventually, openPostgresRegistry, run, startRig, type Registry, type Rig } from './__tests__/gateway-harness';

const ORDERS = 10_000;
/** Every tenth order is also served at once: its proof of service must wait for the enter's acknowledgement. */
const SERVED_EVERY = 10;

/** Runs `work` over 0..count-1 with at most `width` at a time. */
const inParallel = async (count: number, width: number, work: (i: number) => Promise<void>): Promise<void> => {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) {
        const i = next;
        next += 1;
        await work(i);
      }
    }),
  );
};

describe('CARPOS gateway: 10,000 orders through a link that drops, repeats, garbles, delays and disconnects (PostgreSQL)', () => {
  let registry: Registry;
  let simulator: DojSimulator;
  let rig: Rig;

  beforeAll(async () => {
    registry = await openPostgresRegistry();
    // Each response has a 2% chance of each fault: about one in ten is hit by at least one.
    simulator = await startDojSimulator({
      faults: {
        seed: 6,
        drop: { probability: 0.02 },
        duplicate: { probability: 0.02 },
        garble: { probability: 0.02 },
        delay: { probability: 0.02, ms: 300 },
        close: { probability: 0.02 },
      },
    });
  });
  afterAll(async () => {
    await rig.stop();
    await simulator.close();
    await registry.close();
  });

  // The 25-minute limit bounds a hang, not speed: alone this runs in 1–4 min, but CI runs every package and the browser tests side by side on two cores.
  it('acknowledges every order exactly once, in order per order, and loses none', async () => {
    const orderIds: string[] = new Array<string>(ORDERS);
    rig = await startRig(registry, simulator, {
      gateway: { dispatch: { responseTimeoutMs: 1_000, maxAttempts: 50, retry: { initialMs: 50, maxMs: 500 }, maxInFlight: 48 }, responseConcurrency: 24 },
    });
    await inParallel(ORDERS, 24, async (i) => {
      const orderId = await appendNewOrder(registry.eventStore, i);
      orderIds[i] = orderId;
      if (i % SERVED_EVERY === 0) {
        await run(registry.commands, {
          type: 'RecordService',
          orderId,
          service: { serviceId: `s-${i}`, servedAt: '2026-11-20T14:05:00-08:00', method: 'personal', servedBy: { name: 'Jane Smith' }, servingAgencyOri: 'CA019015J' },
        } as CommandInput);
      }
    });
    const expectedAnswers = ORDERS + ORDERS / SERVED_EVERY;
    const q = (sql: string): string => sql.replaceAll('{{schema}}', `"${registry.schema}"`);
    await eventually(
      async () => {
        const rows = await registry.db.query<{ n: string }>(q("SELECT count(*) AS n FROM {{schema}}.carpos_outbox WHERE status = 'acknowledged'"));
        return Number(rows.rows[0]?.n) === expectedAnswers;
      },
      `${expectedAnswers} acknowledged rows`,
      1_440_000,
    );

    // DOJ holds each order once, although many enters went out more than once.
    expect(simulator.records.size).toBe(ORDERS);
    expect(new Set(simulator.records.all().map((r) => r.fields.get('PNO')?.[0])).size).toBe(ORDERS);
    const sent = simulator.exchanges.filter((x) => x.kind === 'sent');
    // No proof of service ever reached DOJ before its record existed.
    expect(sent.filter((x) => x.kind === 'sent' && x.message.fields.some((f) => f.code === 'ERC' && f.values[0] === 'NRF'))).toEqual([]);
    // The faults really happened.
    const faults = new Set(sent.flatMap((x) => (x.kind === 'sent' ? x.faults : [])));
    expect([...faults].sort()).toEqual(['close', 'delay', 'drop', 'duplicate', 'garble']);
    expect(rig.link.stats().bytesSkipped).toBeGreaterThan(0);
    expect(rig.link.stats().connects).toBeGreaterThan(10);

    // On our side: one acknowledgement per transaction, enter first, and no rejects.
    const answers = await registry.db.query<{ order_id: string; txs: string[] }>(
      q(`SELECT substr(stream_id, 7) AS order_id, array_agg(data->>'transaction' ORDER BY stream_version) AS txs
         FROM {{schema}}.events WHERE type IN ('DojAcknowledgementRecorded', 'DojRejectionRecorded') GROUP BY stream_id`),
    );
    expect(answers.rows).toHaveLength(ORDERS);
    const served = new Set(orderIds.filter((_, i) => i % SERVED_EVERY === 0));
    for (const row of answers.rows) expect(row.txs).toEqual(served.has(row.order_id) ? ['enter', 'service'] : ['enter']);
    const rejects = await registry.db.query<{ n: string }>(q("SELECT count(*) AS n FROM {{schema}}.events WHERE type = 'DojRejectionRecorded'"));
    expect(Number(rejects.rows[0]?.n)).toBe(0);
    expect(rig.errors).toEqual([]);
  }, 1_500_000);
});
