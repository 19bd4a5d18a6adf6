import * as t from 'io-ts';
import { IsoDateTime } from '../value-objects/dates';
import { Ori } from '../value-objects/ori';

/**
 * How the restrained person learned of the order (docs/law/service.md; which methods each order
 * may use is `rules/service-rules.ts`):
 * - `personal`: a copy handed over by an adult who is not a party (a process server, a friend);
 * - `by-officer`: a copy handed over by a law-enforcement officer (Fam. Code 6383(a)–(b));
 * - `officer-verbal-notice`: an officer told the restrained person the terms and where to get a
 *   copy; that is service (Fam. Code 6383(e));
 * - `present-in-court`: present at the hearing where the order was made (Fam. Code 6384(a));
 * - `mail`: first-class mail where the order's face allows it (Fam. Code 6384(a));
 * - `court-ordered-alternative`: another method the court ordered (CCP 527.6(m)(2); the forms'
 *   alternative-service orders).
 */
export const ServiceMethod = t.keyof(
  {
    personal: null,
    'by-officer': null,
    'officer-verbal-notice': null,
    'present-in-court': null,
    mail: null,
    'court-ordered-alternative': null,
  },
  'ServiceMethod',
);
export type ServiceMethod = t.TypeOf<typeof ServiceMethod>;

/** Methods by which a law-enforcement officer served the order: the officer enters the proof into CARPOS (Fam. Code 6380). */
export const OFFICER_SERVICE_METHODS: ReadonlySet<ServiceMethod> = new Set(['by-officer', 'officer-verbal-notice']);

const Name = t.refinement(t.string, (s) => s.trim().length > 0 && s.length <= 80, 'name (1–80 characters)');

export const ServiceRecord = t.intersection(
  [
    t.type({
      serviceId: t.refinement(t.string, (s) => s.length > 0 && s.length <= 64, 'service id'),
      servedAt: IsoDateTime,
      method: ServiceMethod,
      servedBy: t.intersection([t.type({ name: Name }), t.partial({ badgeNumber: t.string })]),
      servingAgencyOri: Ori,
    }),
    t.partial({
      notes: t.refinement(t.string, (s) => s.length <= 1000, 'notes (at most 1000 characters)'),
      /**
       * The serving officer asked for the firearms at service: they were due then and there
       * (Fam. Code 6389(c)(2): "immediately ... upon request of a law enforcement officer").
       */
      firearmSurrenderRequested: t.boolean,
    }),
  ],
  'ServiceRecord',
);
export type ServiceRecord = t.TypeOf<typeof ServiceRecord>;
