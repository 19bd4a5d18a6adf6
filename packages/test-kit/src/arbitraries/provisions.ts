import fc from 'fast-check';
import type * as t from 'io-ts';
import type { Provision, ProvisionKind, StayAwayPlace } from '@ccpor/domain';
import { caseNumberArb, intArb } from './value-objects';
import { nonEmptyTextArb } from './parties';

/** One arbitrary per provision kind (order/provisions.ts), within the codec's bounds. */
type ProvisionOf<K extends ProvisionKind> = Extract<Provision, { kind: K }>;

const STAY_AWAY_PLACES: StayAwayPlace[] = ['person', 'home', 'workplace', 'school', 'vehicle', 'childrens-school', 'childcare', 'other'];

export const personalConductArb: fc.Arbitrary<ProvisionOf<'personal-conduct'>> = fc.constant({ kind: 'personal-conduct' as const });
export const noContactArb: fc.Arbitrary<ProvisionOf<'no-contact'>> = fc.constant({ kind: 'no-contact' as const });
export const peacefulContactOnlyArb: fc.Arbitrary<ProvisionOf<'peaceful-contact-only'>> = fc.constant({ kind: 'peaceful-contact-only' as const });

export const stayAwayArb: fc.Arbitrary<ProvisionOf<'stay-away'>> = fc.record(
  {
    kind: fc.constant('stay-away' as const),
    // Orders usually say 100 yards; any whole number up to the codec's 2000 is allowed.
    distanceYards: fc.oneof(fc.constantFrom(50, 100, 150, 200, 300).map((n) => n as t.Int), intArb(1, 2000)),
    places: fc.subarray(STAY_AWAY_PLACES),
    otherPlaces: fc.string({ maxLength: 60 }),
  },
  { requiredKeys: ['kind', 'distanceYards', 'places'] },
);

export const residenceExclusionArb: fc.Arbitrary<ProvisionOf<'residence-exclusion'>> = fc.record(
  { kind: fc.constant('residence-exclusion' as const), address: fc.string({ maxLength: 80 }) },
  { requiredKeys: ['kind'] },
);

/** The firearm term as the law fixes it (Fam. Code 6389(c)(2)): with the hours left out, or 24. */
export const firearmRelinquishmentArb: fc.Arbitrary<ProvisionOf<'firearm-relinquishment'>> = fc.oneof(
  fc.constant({ kind: 'firearm-relinquishment' as const }),
  fc.constant({ kind: 'firearm-relinquishment' as const, withinHours: 24 as t.Int }),
);

/** Any firearm term the codec reads, including the hours stored before the law's term was enforced. */
export const anyFirearmRelinquishmentArb: fc.Arbitrary<ProvisionOf<'firearm-relinquishment'>> = fc.oneof(
  firearmRelinquishmentArb,
  fc.record({ kind: fc.constant('firearm-relinquishment' as const), withinHours: fc.oneof(fc.constantFrom(0, 24, 48).map((n) => n as t.Int), intArb(0, 48)) }),
);

export const custodyVisitationCarveOutArb: fc.Arbitrary<ProvisionOf<'custody-visitation-carve-out'>> = fc.record(
  { kind: fc.constant('custody-visitation-carve-out' as const), description: fc.string({ maxLength: 80 }), familyCourtCaseNumber: caseNumberArb },
  { requiredKeys: ['kind'] },
);

export const otherProvisionArb: fc.Arbitrary<ProvisionOf<'other'>> = fc.record({ kind: fc.constant('other' as const), text: nonEmptyTextArb(200) });

export const PROVISION_ARBS: { readonly [K in ProvisionKind]: fc.Arbitrary<ProvisionOf<K>> } = {
  'personal-conduct': personalConductArb,
  'no-contact': noContactArb,
  'peaceful-contact-only': peacefulContactOnlyArb,
  'stay-away': stayAwayArb,
  'residence-exclusion': residenceExclusionArb,
  'firearm-relinquishment': firearmRelinquishmentArb,
  'custody-visitation-carve-out': custodyVisitationCarveOutArb,
  other: otherProvisionArb,
};

export const provisionArb: fc.Arbitrary<Provision> = fc.oneof(...Object.values(PROVISION_ARBS) as fc.Arbitrary<Provision>[]);

export const provisionsArb = (maxLength = 5): fc.Arbitrary<Provision[]> => fc.array(provisionArb, { maxLength });

/** Provisions as stored data may hold them (legacy firearm hours included): for codecs and rule-blind input. */
export const anyProvisionArb: fc.Arbitrary<Provision> = fc.oneof(provisionArb, anyFirearmRelinquishmentArb);
export const anyProvisionsArb = (maxLength = 5): fc.Arbitrary<Provision[]> => fc.array(anyProvisionArb, { maxLength });
