import fc from 'fast-check';
import type { DateOfBirth, Petitioner, ProtectedPerson, RestrainedPerson } from '@ccpor/domain';
import {
  dateOfBirthArb,
  eyeCodeArb,
  hairCodeArb,
  heightArb,
  personNameArb,
  raceCodeArb,
  sexCodeArb,
  weightArb,
} from './value-objects';

/** Free text for a non-empty, bounded field (the codecs check `trim().length > 0` and the length). */
export const nonEmptyTextArb = (max: number): fc.Arbitrary<string> =>
  fc.string({ minLength: 1, maxLength: Math.min(max, 40) }).filter((s) => s.trim().length > 0);

const RELATIONSHIPS = ['spouse', 'former spouse', 'cohabitant', 'dating partner', 'parent', 'child', 'sibling', 'coworker', 'neighbor', 'stranger'];
export const relationshipArb: fc.Arbitrary<string> = fc.oneof(fc.constantFrom(...RELATIONSHIPS), nonEmptyTextArb(60));

/**
 * The restrained person with any subset of the NCIC descriptors. `dob` bounds the dates of birth
 * (by default 1920–1994, before any realistic issue date, so decide never sees a birth after issue).
 */
export const restrainedPersonArb = (dob: fc.Arbitrary<DateOfBirth> = dateOfBirthArb()): fc.Arbitrary<RestrainedPerson> =>
  fc.record(
    {
      name: personNameArb,
      dateOfBirth: dob,
      sex: sexCodeArb,
      race: raceCodeArb,
      height: heightArb,
      weight: weightArb,
      eyes: eyeCodeArb,
      hair: hairCodeArb,
      relationship: relationshipArb,
    },
    { requiredKeys: ['name'] },
  );

/** A restrained person with every descriptor DOJ requires (rules/doj-readiness.ts). */
export const completeRestrainedPersonArb = (dob: fc.Arbitrary<DateOfBirth> = dateOfBirthArb()): fc.Arbitrary<RestrainedPerson> =>
  fc.record(
    {
      name: personNameArb,
      dateOfBirth: dob,
      sex: sexCodeArb,
      race: raceCodeArb,
      height: heightArb,
      weight: weightArb,
      eyes: eyeCodeArb,
      hair: hairCodeArb,
      relationship: relationshipArb,
    },
    { requiredKeys: ['name', 'dateOfBirth', 'sex', 'race', 'height', 'weight', 'hair'] },
  );

export const protectedPersonArb = (dob: fc.Arbitrary<DateOfBirth> = dateOfBirthArb()): fc.Arbitrary<ProtectedPerson> =>
  fc.record(
    {
      name: personNameArb,
      confidential: fc.boolean(),
      minor: fc.boolean(),
      dateOfBirth: dob,
      sex: sexCodeArb,
      race: raceCodeArb,
      relationship: relationshipArb,
    },
    { requiredKeys: ['name', 'confidential', 'minor'] },
  );

/** One to `max` protected persons (the codec allows one to twenty). */
export const protectedPersonsArb = (max = 4, dob?: fc.Arbitrary<DateOfBirth>): fc.Arbitrary<ProtectedPerson[]> =>
  fc.array(protectedPersonArb(dob), { minLength: 1, maxLength: max });

const ORGANIZATIONS = ['Acme Logistics, Inc.', 'Golden State University', 'County of Los Angeles', 'Bay Area Transit District'];

/** A person, or an employer or school for WV and SV orders. */
export const petitionerArb: fc.Arbitrary<Petitioner> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('person' as const), name: personNameArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('organization' as const), name: fc.oneof(fc.constantFrom(...ORGANIZATIONS), nonEmptyTextArb(120)) }) },
);
