import { SAMPLE_ESTABLISHMENT, SAMPLE_REGISTRATION } from '@ccpor/test-kit';
import { computeOrderView } from '../order-status';
import { addCommand, spec } from './given';

const expiresAtOf = (events: readonly { data: unknown }[]) => (events[0]?.data as { expiresAt: string | null }).expiresAt;
const registered = (overrides: Record<string, unknown> = {}, at?: string) =>
  addCommand({ form: 'DV-600', issuedAt: '2024-06-10T09:00:00-07:00', registration: SAMPLE_REGISTRATION, expiration: { kind: 'date', date: '2034-06-10' }, ...overrides }, at);

describe('order types CARPOS holds (Fam. Code 6380(b); docs/law/order-types.md)', () => {
  describe('Fam. Code 6404 — an out-of-state or tribal order registered in California', () => {
    it('keeps its own expiry, even beyond any California maximum', () =>
      spec.given([]).when(registered()).thenEvents((events) => expect(expiresAtOf(events)).toBe('2034-06-10T23:59:59-07:00')));

    it('keeps no end when its issuing jurisdiction gave none', () =>
      spec.given([]).when(registered({ expiration: { kind: 'non-expiring' } })).thenEvents((events) => expect(expiresAtOf(events)).toBeNull()));

    it('needs the expiry written on it (or non-expiring), and where it comes from', () => {
      spec.given([]).when(registered({ expiration: undefined })).thenFails({ code: 'EXPIRATION_REQUIRED', field: 'expiration' });
      spec.given([]).when(registered({ registration: undefined })).thenFails({ code: 'INCOMPLETE_ORDER', field: 'registration' });
    });

    it('its DOJ deadline runs from registration, not from the day the other court issued it', () =>
      spec.given([]).when(registered()).thenEvents((_, state) =>
        expect(computeOrderView(state, '2026-03-02T11:00:00-08:00').pendingDeadlines).toEqual([
          expect.objectContaining({ purpose: 'registration', startedAt: '2026-03-02T10:15:00-08:00', dueAt: '2026-03-03T23:59:59-08:00' }),
        ]),
      ));

    it('registration facts on a California order are refused', () =>
      spec.given([]).when(addCommand({ registration: SAMPLE_REGISTRATION })).thenFails({ code: 'REGISTRATION_NOT_APPLICABLE', field: 'registration' }));

    it('a tribal order and a Canadian order (Fam. Code 6454) register the same way', () => {
      spec.given([]).when(registered({ registration: { ...SAMPLE_REGISTRATION, jurisdiction: { kind: 'tribe', name: 'Yurok Tribe' } } })).thenEvents((e) => expect(e).toHaveLength(1));
      spec
        .given([])
        .when(registered({ form: 'CANADIAN-DVPO', registration: { ...SAMPLE_REGISTRATION, jurisdiction: { kind: 'canada', name: 'British Columbia' } } }))
        .thenEvents((_, state) => expect(computeOrderView(state, '2026-03-02T11:00:00-08:00')).toMatchObject({ stage: 'registered', missingForDoj: [] }));
    });
  });

  describe('Pen. Code 490.8 — a retail-theft order', () => {
    const rt = (overrides: Record<string, unknown> = {}) =>
      addCommand({ form: 'PC-490.8', expiration: { kind: 'date', date: '2028-03-01' }, retailEstablishment: SAMPLE_ESTABLISHMENT, protectedPersons: [], provisions: [], ...overrides });

    it('protects an establishment, not a person', () => spec.given([]).when(rt()).thenEvents((e) => expect(e).toHaveLength(1)));

    it('needs the establishment', () => spec.given([]).when(rt({ retailEstablishment: undefined })).thenFails({ code: 'INCOMPLETE_ORDER', field: 'retailEstablishment' }));

    it('[U] lasts at most 2 years, and a date must be written', () => {
      spec.given([]).when(rt({ expiration: { kind: 'date', date: '2028-03-03' } })).thenFails({ code: 'EXPIRATION_EXCEEDS_MAXIMUM' });
      spec.given([]).when(rt({ expiration: undefined })).thenFails({ code: 'EXPIRATION_REQUIRED' });
    });
  });

  it('every other order still protects at least one person', () =>
    spec.given([]).when(addCommand({ protectedPersons: [] })).thenFails({ code: 'INCOMPLETE_ORDER', field: 'protectedPersons' }));
});
