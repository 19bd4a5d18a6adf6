import * as E from 'fp-ts/Either';
import { LA_SUPERIOR_COURT, SAMPLE_IMAGE } from '@ccpor/test-kit';
import type { OrderCommand } from '../order/commands';
import { orderDecider } from '../order/decide';
import { fold } from '../order/evolve';
import { cmd, COURT_ORI, history, spec } from '../order/__tests__/given';
import type { OrderEvent } from '../order/events';
import type { FormReading, ReadField } from './form-reading';
import { pendingReadFields } from './draft-reading';

const AT = '2026-03-03T09:00:00-08:00';
const READING_ID = '0b7e6f1a-2c3d-4e5f-8a9b-0c1d2e3f4a5b';
const SECOND_READING = '1c8f7a2b-3d4e-4f60-9b0c-1d2e3f4a5b6c';
const where = (y: number) => ({ page: 1, x: 0.1, y, width: 0.4, height: 0.03 });

const box = (fills: ReadField['fills'], value: string | boolean, part?: string, confidence = 0.97): ReadField => ({
  key: `${fills}.${part ?? 'value'}`,
  fills,
  label: fills,
  value,
  confidence,
  where: where(0.1),
  ...(part !== undefined ? { part } : {}),
});

/** A DV-130 as a reader returns it: the case number read unsurely, everything else surely. */
const dv130Reading = (overrides: Partial<FormReading> = {}): FormReading => ({
  form: 'DV-130',
  revision: '2025-01-01' as FormReading['revision'],
  reader: 'ocr',
  pages: 2,
  fields: [
    box('form', 'DV-130'),
    box('caseNumber', '26FL0O1234', undefined, 0.55),
    box('restrainedPerson.name', 'RIVERA', 'last'),
    box('restrainedPerson.name', 'DANIEL', 'first'),
    box('restrainedPerson.dateOfBirth', '07/14/1988'),
    box('restrainedPerson.sex', 'M'),
    box('protectedPersons.0.name', 'RIVERA', 'last'),
    box('protectedPersons.0.name', 'ANA', 'first'),
    box('issuedAt', '03/02/2026', 'date'),
    box('provisions.personal-conduct', true),
    box('provisions.stay-away', true),
    box('provisions.stay-away', '100', 'yards'),
    box('provisions.stay-away', true, 'place-home'),
    box('provisions.residence-exclusion', false),
  ],
  ...overrides,
});

const draftWithImage = (details: Record<string, unknown> = { court: LA_SUPERIOR_COURT }): OrderEvent[] =>
  history(
    cmd({ type: 'CreateDraft', at: '2026-03-03T08:00:00-08:00', enteringAgencyOri: COURT_ORI, details } as never),
    cmd({ type: 'AttachImage', at: '2026-03-03T08:01:00-08:00', image: SAMPLE_IMAGE } as never),
  );

const apply = (reading = dv130Reading(), readingId = READING_ID) =>
  cmd({ type: 'ApplyFormReading', at: AT, readingId, imageSha256: SAMPLE_IMAGE.sha256, reading } as never);

const review = (body: Record<string, unknown>, at = '2026-03-03T09:05:00-08:00') => cmd({ type: 'ReviewReadFields', at, readingId: READING_ID, ...body } as never);

describe('a form reading on a draft', () => {
  it('pre-fills the sure fields, offers the unsure case number, and records which fields came from the reading', () => {
    spec
      .given(draftWithImage())
      .when(apply())
      .thenEvents((events, state) => {
        expect(events.map((e) => e.type)).toEqual(['FormReadingApplied', 'DraftUpdated']);
        const appliedEvent = events[0] as Extract<OrderEvent, { type: 'FormReadingApplied' }>;
        const statusOf = (f: string) => appliedEvent.data.fields.find((o) => o.field === f);
        expect(statusOf('caseNumber')).toMatchObject({ status: 'suggested', reason: 'low-confidence', read: '26FL0O1234', confidence: 0.55 });
        expect(statusOf('restrainedPerson.name')).toMatchObject({ status: 'prefilled', read: 'RIVERA, DANIEL', where: [where(0.1)] });
        expect(statusOf('provisions.residence-exclusion')).toMatchObject({ status: 'empty' });
        expect(events[1]).toMatchObject({
          type: 'DraftUpdated',
          data: {
            details: {
              form: 'DV-130',
              issuedAt: '2026-03-02T00:00:00-08:00',
              restrainedPerson: { name: { last: 'RIVERA', first: 'DANIEL' }, dateOfBirth: '1988-07-14', sex: 'M' },
              protectedPersons: [{ name: { last: 'RIVERA', first: 'ANA' }, confidential: true, minor: false }],
              provisions: [{ kind: 'personal-conduct' }, { kind: 'stay-away', distanceYards: 100, places: ['home'] }],
            },
            cleared: [],
          },
        });
        expect(state.status === 'draft' && state.details.caseNumber).toBeUndefined();
        expect(state.status === 'draft' && pendingReadFields(state.reading).map((p) => p.field)).toEqual([
          'form',
          'caseNumber',
          'issuedAt',
          'restrainedPerson.name',
          'restrainedPerson.dateOfBirth',
          'restrainedPerson.sex',
          'protectedPersons.0.name',
          'provisions.personal-conduct',
          'provisions.stay-away',
        ]);
      });
  });

  it('refuses a reading of another form than the draft’s, with both forms named and the draft unchanged', () => {
    spec
      .given(draftWithImage({ court: LA_SUPERIOR_COURT, form: 'CH-130' }))
      .when(apply())
      .thenFails({ code: 'FORM_MISMATCH', message: expect.stringContaining('read as a DV-130') as unknown as string, details: { read: 'DV-130', draft: 'CH-130' } });
  });

  it('refuses a reading of an image the draft does not have', () => {
    spec
      .given(draftWithImage().slice(0, 1))
      .when(apply())
      .thenFails({ code: 'IMAGE_NOT_ATTACHED' });
  });

  it('refuses an order in the registry and a discarded draft', () => {
    spec.given([]).when(apply()).thenFails({ code: 'ORDER_NOT_FOUND' });
    const discarded = draftWithImage();
    spec
      .given([...discarded, ...runOn(discarded, cmd({ type: 'DiscardDraft', at: '2026-03-03T08:30:00-08:00' } as never))])
      .when(apply())
      .thenFails({ code: 'DRAFT_DISCARDED' });
  });

  describe('once applied', () => {
    const afterReading = (): OrderEvent[] => {
      const events = draftWithImage();
      return [...events, ...runOn(events, apply())];
    };

    it('keeps the order from being added until every read field is confirmed or corrected', () => {
      spec
        .given(afterReading())
        .when(cmd({ type: 'AddOrder', at: '2026-03-03T09:10:00-08:00', enteringAgencyOri: COURT_ORI } as never))
        .thenFails({ code: 'FIELDS_NOT_REVIEWED', field: 'form' });
    });

    it('refuses a second reading while the first is under review, and the same reading ever again', () => {
      spec.given(afterReading()).when(apply(dv130Reading(), SECOND_READING)).thenFails({ code: 'READING_UNDER_REVIEW' });
      spec.given(afterReading()).when(apply()).thenFails({ code: 'READING_ALREADY_APPLIED' });
    });

    it('records the fields the clerk confirmed as read and those the clerk changed, with both values', () => {
      spec
        .given(afterReading())
        .when(
          review({
            accept: ['form', 'issuedAt', 'restrainedPerson.dateOfBirth', 'restrainedPerson.sex', 'protectedPersons.0.name', 'provisions.personal-conduct', 'provisions.stay-away'],
            correct: ['caseNumber', 'restrainedPerson.name'],
            details: {
              caseNumber: '26FL001234',
              restrainedPerson: { name: { last: 'RIVERA', first: 'DANIEL', middle: 'JAMES' }, dateOfBirth: '1988-07-14', sex: 'M' },
            },
          }),
        )
        .thenEvents((events, state) => {
          expect(events.map((e) => e.type)).toEqual(['DraftUpdated', 'ReadFieldsReviewed']);
          expect(events[0]).toMatchObject({
            data: { details: { caseNumber: '26FL001234', restrainedPerson: { name: { middle: 'JAMES' } } } },
          });
          expect(events[1]).toMatchObject({
            type: 'ReadFieldsReviewed',
            data: {
              readingId: READING_ID,
              confirmed: ['form', 'issuedAt', 'restrainedPerson.dateOfBirth', 'restrainedPerson.sex', 'protectedPersons.0.name', 'provisions.personal-conduct', 'provisions.stay-away'],
              corrected: [
                { field: 'caseNumber', read: '26FL0O1234', entered: '26FL001234' },
                { field: 'restrainedPerson.name', read: 'RIVERA, DANIEL', entered: { last: 'RIVERA', first: 'DANIEL', middle: 'JAMES' } },
              ],
            },
          });
          expect(state.status === 'draft' && pendingReadFields(state.reading)).toEqual([]);
        });
    });

    it('adds the order once the review is complete', () => {
      const read = afterReading();
      const reviewed = [
        ...read,
        ...runOn(read, review({ accept: ['form', 'issuedAt', 'restrainedPerson.name', 'restrainedPerson.dateOfBirth', 'restrainedPerson.sex', 'protectedPersons.0.name', 'provisions.personal-conduct', 'provisions.stay-away'], correct: ['caseNumber'], details: { caseNumber: '26FL001234' } })),
      ];
      spec
        .given(reviewed)
        .when(cmd({ type: 'AddOrder', at: '2026-03-03T09:10:00-08:00', enteringAgencyOri: COURT_ORI } as never))
        .thenEvents((events) => {
          expect(events[0]).toMatchObject({ type: 'OrderAdded', data: { details: { caseNumber: '26FL001234', form: 'DV-130' }, fromDraft: true } });
        });
    });

    it('accepting a suggestion puts the read value into the draft and records it as confirmed', () => {
      spec
        .given(afterReading())
        .when(review({ accept: ['caseNumber'] }))
        .thenEvents((events) => {
          expect(events[0]).toMatchObject({ type: 'DraftUpdated', data: { details: { caseNumber: '26FL0O1234' } } });
          expect(events[1]).toMatchObject({ data: { confirmed: ['caseNumber'], corrected: [] } });
        });
    });

    it('a correction that ends where the reading was is recorded as confirmed, not as a change', () => {
      spec
        .given(afterReading())
        .when(review({ correct: ['restrainedPerson.sex'] }))
        .thenEvents((events) => expect(events).toEqual([expect.objectContaining({ type: 'ReadFieldsReviewed', data: expect.objectContaining({ confirmed: ['restrainedPerson.sex'], corrected: [] }) })]));
    });

    it('leaving a pre-filled check box unchecked is a correction that removes the provision', () => {
      spec
        .given(afterReading())
        .when(review({ correct: ['provisions.personal-conduct'], details: { provisions: [{ kind: 'stay-away', distanceYards: 100, places: ['home'] }] } }))
        .thenEvents((events) => {
          expect(events[1]).toMatchObject({ data: { corrected: [{ field: 'provisions.personal-conduct', read: 'checked', entered: null }] } });
        });
    });

    it('refuses to review a field that is not waiting, a field named twice, and an unknown reading', () => {
      spec.given(afterReading()).when(review({ accept: ['provisions.residence-exclusion'] })).thenFails({ code: 'FIELD_NOT_PENDING', field: 'provisions.residence-exclusion' });
      spec.given(afterReading()).when(review({ accept: ['form'], correct: ['form'] })).thenFails({ code: 'INVALID_VALUE', field: 'form' });
      spec.given(afterReading()).when(review({})).thenFails({ code: 'NO_CHANGES' });
      spec
        .given(afterReading())
        .when(cmd({ type: 'ReviewReadFields', at: AT, readingId: SECOND_READING, accept: ['form'] } as never))
        .thenFails({ code: 'FIELD_NOT_PENDING', field: 'readingId' });
    });

    it('refuses to accept text that is not a valid value, asking for a correction', () => {
      const events = draftWithImage();
      const withBadDate = [...events, ...runOn(events, apply(dv130Reading({ fields: [box('restrainedPerson.dateOfBirth', '07/44/1988')] })))];
      spec
        .given(withBadDate)
        .when(review({ accept: ['restrainedPerson.dateOfBirth'] }))
        .thenFails({ code: 'INVALID_VALUE', field: 'restrainedPerson.dateOfBirth', message: expect.stringContaining('correct it instead') as unknown as string });
    });
  });
});

/** The events `command` produces on the stream `events` (fails loudly when it is refused). */
function runOn(events: OrderEvent[], command: OrderCommand): OrderEvent[] {
  const r = orderDecider.decide(command, fold(events));
  if (E.isLeft(r)) throw new Error(`given step ${command.type} was rejected: ${r.left.code} ${r.left.message}`);
  return r.right;
}
