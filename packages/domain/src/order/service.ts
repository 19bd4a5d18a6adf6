import * as t from 'io-ts';
import { IsoDateTime } from '../value-objects/dates';
import { Ori } from '../value-objects/ori';

/**
 * How the restrained person was served (domain-brief §4): personally (POS form); present in
 * court when the order was made (Fam. Code 6384: no further service needed); by first-class mail
 * where the order allows it (6384); by a law-enforcement officer, including verbal service from
 * the CARPOS terms (6383).
 */
export const ServiceMethod = t.keyof(
  { personal: null, 'present-in-court': null, mail: null, 'by-officer': null },
  'ServiceMethod',
);
export type ServiceMethod = t.TypeOf<typeof ServiceMethod>;

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
    t.partial({ notes: t.refinement(t.string, (s) => s.length <= 1000, 'notes (at most 1000 characters)') }),
  ],
  'ServiceRecord',
);
export type ServiceRecord = t.TypeOf<typeof ServiceRecord>;
