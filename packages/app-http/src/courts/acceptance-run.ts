import * as E from 'fp-ts/Either';
import { formInfo, type OrderId, type Ori, type EventStore, type Clock, type IdGenerator, type CommandHandler } from '@ccpor/domain';
import { demoOrder } from '../demo/demo-orders';
import type { Agency } from '../identity/identity-view';

/**
 * The court's acceptance-testing run: one test order of each type the demo catalogue holds,
 * entered in the court's name as its clerk would, then watched until DOJ (in a test environment,
 * the DOJ simulator) acknowledges or rejects each, or the wait ends. Only where
 * CCPOR_ACCEPTANCE_TESTING is on (ADR 0058): these are real orders in the registry's log.
 */
export interface AcceptanceResult {
  readonly form: string;
  readonly orderType: string;
  readonly outcome: 'acknowledged' | 'rejected' | 'no-answer' | 'refused';
  readonly orderId?: string;
  readonly fcn?: string;
  readonly detail?: string;
}

/** Demo indexes whose forms are one of each order type (demo-orders.ts: DV, CH, EA, WV, GV). */
const ONE_OF_EACH_TYPE = [0, 2, 4, 5, 6];

/** What an acceptance run writes and reads: test orders through the command handler, and the log. */
export interface AcceptanceNeeds {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly commands: CommandHandler;
}

export const runAcceptance = async (s: AcceptanceNeeds, agency: Agency, ranBy: string, waitMs: number): Promise<{ startedAt: string; finishedAt: string; passed: boolean; results: AcceptanceResult[] }> => {
  const startedAt = s.clock.now();
  const run = s.ids.newId().replace(/[^A-Za-z0-9]/g, '').slice(-6).toUpperCase();
  const entered: { form: string; orderType: string; orderId?: string; refused?: string }[] = [];
  for (const [n, i] of ONE_OF_EACH_TYPE.entries()) {
    const { details } = demoOrder(i, startedAt);
    const form = details.form;
    const test = { ...details, court: { ori: agency.ori as Ori, county: agency.county, name: agency.name }, caseNumber: `AT${run}-${n + 1}` } as typeof details;
    const orderId = s.ids.newId() as OrderId;
    const r = await s.commands.handle(
      { type: 'AddOrder', orderId, enteringAgencyOri: agency.ori as Ori, details: test, source: { kind: 'registry' } },
      // The orders are the run's, in the court's name; the run itself is recorded with the administrator who started it.
      { actor: { userId: `acceptance-run:${ranBy}`, agencyOri: agency.ori, roles: ['court-clerk'], kind: 'system' } },
    );
    entered.push({ form, orderType: formInfo(form).type, ...(E.isRight(r) ? { orderId } : { refused: JSON.stringify(E.isLeft(r) ? r.left : '').slice(0, 200) }) });
  }
  const answerOf = async (orderId: string): Promise<{ outcome: 'acknowledged' | 'rejected'; fcn?: string; detail?: string } | undefined> => {
    const events = await s.store.readStream(`order-${orderId}`);
    const ack = events.find((e) => e.type === 'DojAcknowledgementRecorded');
    if (ack) return { outcome: 'acknowledged', fcn: (ack.data as { fcn: string }).fcn };
    const rej = events.find((e) => e.type === 'DojRejectionRecorded');
    if (rej) return { outcome: 'rejected', detail: ((rej.data as { errors: { reason: string }[] }).errors ?? []).map((x) => x.reason).join('; ') };
    return undefined;
  };
  const deadline = Date.now() + waitMs;
  const answers = new Map<string, Awaited<ReturnType<typeof answerOf>>>();
  for (;;) {
    for (const e of entered) if (e.orderId !== undefined && !answers.get(e.orderId)) answers.set(e.orderId, await answerOf(e.orderId));
    if (entered.every((e) => e.orderId === undefined || answers.get(e.orderId) !== undefined) || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const results: AcceptanceResult[] = entered.map((e) => {
    if (e.orderId === undefined) return { form: e.form, orderType: e.orderType, outcome: 'refused', detail: e.refused ?? '' };
    const a = answers.get(e.orderId);
    return a === undefined
      ? { form: e.form, orderType: e.orderType, orderId: e.orderId, outcome: 'no-answer', detail: `No DOJ answer within ${Math.round(waitMs / 1000)} s.` }
      : { form: e.form, orderType: e.orderType, orderId: e.orderId, outcome: a.outcome, ...(a.fcn !== undefined ? { fcn: a.fcn } : {}), ...(a.detail !== undefined ? { detail: a.detail } : {}) };
  });
  return { startedAt, finishedAt: s.clock.now(), passed: results.length > 0 && results.every((r) => r.outcome === 'acknowledged'), results };
};
