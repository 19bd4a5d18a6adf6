import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import {
  agencyOriArb,
  californiaInstantArb,
  formArb,
  historyArb,
  instantAfter,
  orderIdArb,
  formFieldsArb,
  stageFieldsArb,
  type History,
} from '@ccpor/test-kit';
import type { OrderCommand } from './commands';
import { orderDecider } from './decide';
import type { OrderEvent } from './events';
import { fold } from './evolve';
import type { FormNumber } from './order-forms';
import type { IssuedOrder, OrderState } from './order-state';

const { decide } = orderDecider;

/** What a clone carries over from its source (parties and terms); the rest belongs to the new order. */
const KEPT = ['restrainedPerson', 'protectedPersons', 'petitioner', 'provisions', 'pcoCodes', 'terms', 'court', 'caseNumber'] as const;
const pickKept = (details: object) => Object.fromEntries(KEPT.map((k) => [k, (details as Record<string, unknown>)[k]]));

/** Sources: orders that were added and then lived a while (served, imaged, answered by DOJ, perhaps canceled or renewed). */
const sourceArb = historyArb({ start: ['add'], maxSteps: 10 }).filter((h): h is History & { state: IssuedOrder } => h.state.status === 'issued');

interface CloneCase {
  readonly source: History & { state: IssuedOrder };
  readonly command: Extract<OrderCommand, { type: 'CloneOrder' }>;
}

const cloneCaseArb: fc.Arbitrary<CloneCase> = fc
  .record({ source: sourceArb, orderId: orderIdArb, ori: agencyOriArb, form: fc.option(formArb, { nil: undefined }), minutes: fc.integer({ min: 1, max: 60 * 24 * 90 }) })
  .filter(({ source, orderId }) => orderId !== source.orderId)
  .map(({ source, orderId, ori, form, minutes }) => ({
    source,
    command: {
      type: 'CloneOrder',
      orderId,
      at: instantAfter(source.decisions[source.decisions.length - 1]?.command.at ?? source.base.issuedAt, minutes),
      enteringAgencyOri: ori,
      source: { orderId: source.orderId as CloneCase['command']['orderId'], issued: true, details: source.state.details },
      ...(form !== undefined ? { form } : {}),
    },
  }));

const decideOrThrow = (command: OrderCommand, state: OrderState): OrderEvent[] => {
  const result = decide(command, state);
  if (E.isLeft(result)) throw new Error(`${command.type} was refused: ${result.left.code} ${result.left.message}`);
  return result.right;
};

describe('a clone keeps parties and terms and shares no history', () => {
  it('starts a new stream with one OrderCloned naming the source, holding its parties and terms and none of its dates', () =>
    fc.assert(
      fc.property(cloneCaseArb, ({ source, command }) => {
        const events = decideOrThrow(command, orderDecider.initialState);
        expect(events.map((e) => e.type)).toEqual(['OrderCloned']);
        const [cloned] = events;
        if (cloned?.type !== 'OrderCloned') return;
        expect(cloned.data).toMatchObject({ orderId: command.orderId, sourceOrderId: source.orderId, enteringAgencyOri: command.enteringAgencyOri });
        // Nothing of the source's stream travels: its events stay in its own stream.
        expect(source.events).not.toContainEqual(cloned);

        const draft = fold(events);
        if (draft.status !== 'draft') throw new Error(`a clone is a draft, not ${draft.status}`);
        expect(draft.clonedFrom).toBe(source.orderId);
        expect(draft.orderId).toBe(command.orderId);
        expect(pickKept(draft.details)).toEqual(pickKept(source.state.details));
        expect(draft.details.form).toBe(command.form ?? source.state.details.form);
        for (const own of ['issuedAt', 'expiration', 'hearing', 'serviceByMailPermitted', 'alternativeService', 'firearmReviewHearingAt', 'registration'] as const) {
          expect(draft.details).not.toHaveProperty(own);
        }
        expect(draft.images).toEqual([]);
        expect(Object.keys(draft).sort()).toEqual(['clonedFrom', 'details', 'enteringAgencyOri', 'images', 'orderId', 'status']);
      }),
      { numRuns: 150 },
    ));

  it('once added, is an order of its own: no services, images, DOJ record, renewals or cancellation of the source', () =>
    fc.assert(
      fc.property(
        cloneCaseArb.chain((c) => {
          const form: FormNumber = c.command.form ?? c.source.state.details.form;
          return fc.record({
            clone: fc.constant(c),
            form: fc.constant(form),
            issued: californiaInstantArb().chain((issuedAt) =>
              fc.tuple(stageFieldsArb(form, issuedAt), formFieldsArb(form, issuedAt)).map(([stage, own]) => ({ issuedAt, ...stage, ...own })),
            ),
            minutes: fc.integer({ min: 0, max: 600 }),
          });
        }),
        ({ clone: { source, command }, issued, minutes }) => {
          const sourceBefore = structuredClone(source.state);
          const cloned = decideOrThrow(command, orderDecider.initialState);
          const add: OrderCommand = {
            type: 'AddOrder',
            orderId: command.orderId,
            at: instantAfter(issued.issuedAt, minutes),
            enteringAgencyOri: command.enteringAgencyOri,
            details: issued,
          };
          const stream = [...cloned, ...decideOrThrow(add, fold(cloned))];
          expect(stream.map((e) => e.type)).toEqual(['OrderCloned', 'OrderAdded']);
          const order = fold(stream);
          if (order.status !== 'issued') throw new Error(`the added clone is ${order.status}`);
          expect(order).toMatchObject({ orderId: command.orderId, clonedFrom: source.orderId, services: [], images: [], doj: {}, renewals: 0 });
          expect(order.canceled).toBeUndefined();
          expect(pickKept(order.details)).toEqual(pickKept(source.state.details));
          expect(order.details.issuedAt).toBe(issued.issuedAt);
          // The source is untouched by what happens to its clone.
          expect(source.state).toEqual(sourceBefore);
        },
      ),
      { numRuns: 100 },
    ));

  it('is refused on a stream that already exists and from a source that was never added', () =>
    fc.assert(
      fc.property(cloneCaseArb, historyArb({ maxSteps: 3 }), ({ command }, existing) => {
        expect(decide({ ...command, source: { ...command.source, issued: false } }, orderDecider.initialState)).toEqual(
          E.left(expect.objectContaining({ code: 'CLONE_SOURCE_NOT_ISSUED' })),
        );
        if (existing.state.status !== 'none') {
          expect(decide(command, existing.state)).toEqual(E.left(expect.objectContaining({ code: 'ORDER_ALREADY_EXISTS' })));
        }
      }),
      { numRuns: 100 },
    ));
});
