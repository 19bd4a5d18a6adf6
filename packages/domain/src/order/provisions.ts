import * as t from 'io-ts';

/**
 * The order's conditions as typed provisions, so precedence and conflicts can be computed per
 * provision (docs/law/precedence.md). The judge's own words stay in the order's free-text terms
 * and its image; a provision never replaces them.
 */
export const StayAwayPlace = t.keyof(
  { person: null, home: null, workplace: null, school: null, vehicle: null, 'childrens-school': null, 'childcare': null, other: null },
  'StayAwayPlace',
);
export type StayAwayPlace = t.TypeOf<typeof StayAwayPlace>;

const YARDS_MAX = 2000;

export const Provision = t.union(
  [
    /** Personal-conduct restraints: no harassing, attacking, stalking, threatening … (PCO 01/02). */
    t.type({ kind: t.literal('personal-conduct') }),
    /** No contact of any kind, directly or indirectly (PCO 05). */
    t.type({ kind: t.literal('no-contact') }),
    /** Contact allowed only if peaceful (typical CR-160 item). */
    t.type({ kind: t.literal('peaceful-contact-only') }),
    /** Stay at least `distanceYards` away from the listed places (PCO 04). */
    t.intersection([
      t.type({
        kind: t.literal('stay-away'),
        distanceYards: t.refinement(t.Int, (n) => n > 0 && n <= YARDS_MAX, `distance in yards (1–${YARDS_MAX})`),
        places: t.array(StayAwayPlace),
      }),
      t.partial({ otherPlaces: t.string }),
    ]),
    /** Move out of and stay out of the residence (PCO 03). */
    t.intersection([t.type({ kind: t.literal('residence-exclusion') }), t.partial({ address: t.string })]),
    /**
     * Relinquish firearms and ammunition (PCO 07): immediately on a law-enforcement officer's
     * request, otherwise within 24 hours of service, and file the receipt within 48 hours
     * (Fam. Code 6389(c); CCP 527.9; Pen. Code 18120; docs/law/firearms.md). The law fixes the
     * term, so the provision carries no choice: `withinHours` may be omitted or 24. Stored orders
     * from before this rule may hold other hours; they are still read, and `decide` refuses them
     * in anything newly entered (FIREARM_TERM_NOT_LAWFUL).
     */
    t.intersection([
      t.type({ kind: t.literal('firearm-relinquishment') }),
      t.partial({ withinHours: t.refinement(t.Int, (n) => n >= 0 && n <= 48, 'hours (0–48)') }),
    ]),
    /** Contact permitted for court-ordered custody or visitation (PCO 06). */
    t.intersection([
      t.type({ kind: t.literal('custody-visitation-carve-out') }),
      t.partial({ description: t.string, familyCourtCaseNumber: t.string }),
    ]),
    t.type({ kind: t.literal('other'), text: t.refinement(t.string, (s) => s.trim().length > 0, 'non-empty text') }),
  ],
  'Provision',
);
export type Provision = t.TypeOf<typeof Provision>;
export type ProvisionKind = Provision['kind'];
