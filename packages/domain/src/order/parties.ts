import * as t from 'io-ts';
import { DateOfBirth } from '../value-objects/date-of-birth';
import { Height, Weight } from '../value-objects/body';
import { EyeCode, HairCode, RaceCode, SexCode } from '../value-objects/ncic-codes';
import { PersonName } from '../value-objects/person-name';

const ShortText = (name: string, max: number) =>
  t.refinement(t.string, (s) => s.trim().length > 0 && s.length <= max, `${name} (1–${max} characters)`);

/** The person the order restrains, with the NCIC descriptors DOJ needs (docs/law/doj-deadlines.md, "Fields DOJ needs"). */
export const RestrainedPerson = t.intersection(
  [
    t.type({ name: PersonName }),
    t.partial({
      dateOfBirth: DateOfBirth,
      sex: SexCode,
      race: RaceCode,
      height: Height,
      weight: Weight,
      eyes: EyeCode,
      hair: HairCode,
      /** Relationship to the protected person as written on the order ("spouse", "coworker"). */
      relationship: ShortText('relationship', 60),
    }),
  ],
  'RestrainedPerson',
);
export type RestrainedPerson = t.TypeOf<typeof RestrainedPerson>;

/**
 * A person the order protects. `confidential` hides identifying fields from anyone not allowed
 * to see them (Fam. Code 6301.5 for minors; 18 U.S.C. 2265(d)(3), the federal bar on publishing a
 * protected party's identity or location on the internet).
 */
export const ProtectedPerson = t.intersection(
  [
    t.type({ name: PersonName, confidential: t.boolean, minor: t.boolean }),
    t.partial({ dateOfBirth: DateOfBirth, sex: SexCode, race: RaceCode, relationship: ShortText('relationship', 60) }),
  ],
  'ProtectedPerson',
);
export type ProtectedPerson = t.TypeOf<typeof ProtectedPerson>;

/** Who asked for the order: a person, or an employer/school for WV and SV orders. */
export const Petitioner = t.union(
  [
    t.type({ kind: t.literal('person'), name: PersonName }),
    t.type({ kind: t.literal('organization'), name: ShortText('organization name', 120) }),
  ],
  'Petitioner',
);
export type Petitioner = t.TypeOf<typeof Petitioner>;
