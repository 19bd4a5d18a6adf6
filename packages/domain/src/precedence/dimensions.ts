import type { Provision } from '../order/provisions';

/**
 * The aspects of conduct an order can govern. Two orders conflict only where they govern the same
 * aspect differently; terms on different aspects are all enforced together (docs/law/precedence.md).
 */
export type Dimension = 'contact' | 'stay-away' | 'residence' | 'firearms' | 'conduct' | 'visitation';
export const DIMENSIONS: readonly Dimension[] = ['contact', 'stay-away', 'residence', 'firearms', 'conduct', 'visitation'];

export const dimensionOf = (p: Provision): Dimension | undefined => {
  switch (p.kind) {
    case 'no-contact':
    case 'peaceful-contact-only':
      return 'contact';
    case 'stay-away':
      return 'stay-away';
    case 'residence-exclusion':
      return 'residence';
    case 'firearm-relinquishment':
      return 'firearms';
    case 'personal-conduct':
      return 'conduct';
    case 'custody-visitation-carve-out':
      return 'visitation';
    case 'other':
      // Free text is the judge's own words: shown with the order, never ranked by software.
      return undefined;
  }
};

/** An order's provision on a dimension; where it has several (two stay-aways), the strictest. */
export const provisionOn = (provisions: readonly Provision[], d: Dimension): Provision | undefined =>
  provisions.filter((p) => dimensionOf(p) === d).reduce<Provision | undefined>((best, p) => (best === undefined || restrictiveness(p) > restrictiveness(best) ? p : best), undefined);

/** The hours a firearm term gives: the law's 24 when it says nothing (Fam. Code 6389(c)(2)). */
const firearmHours = (p: Extract<Provision, { kind: 'firearm-relinquishment' }>): number => p.withinHours ?? 24;

/**
 * How much a provision restricts the restrained person, comparable within one dimension.
 * Contact: no contact beats peaceful contact only. Stay-away: a longer distance, then more
 * places. Firearms: a shorter time to relinquish. Presence beats absence everywhere.
 */
export const restrictiveness = (p: Provision): number => {
  switch (p.kind) {
    case 'no-contact':
      return 2;
    case 'peaceful-contact-only':
      return 1;
    case 'stay-away':
      return p.distanceYards * 100 + new Set(p.places).size;
    case 'firearm-relinquishment':
      return 1000 - firearmHours(p);
    case 'residence-exclusion':
    case 'personal-conduct':
    case 'custody-visitation-carve-out':
    case 'other':
      return 1;
  }
};

/** Words as they mean: case, surrounding and repeated white space do not change what a term says; empty is absent. */
const words = (s: string | undefined): string => (s ?? '').trim().replace(/\s+/g, ' ').toLowerCase();

const samePlaces = (a: readonly string[], b: readonly string[]): boolean => {
  const [x, y] = [new Set(a), new Set(b)];
  return x.size === y.size && [...x].every((p) => y.has(p));
};

/**
 * Whether two provisions say the same thing (ADR 0047). They are compared by what they mean,
 * never by their serialised form: object key order, a stored copy's absent-versus-undefined
 * fields, the order or repetition of stay-away places, case and spacing of free text, and a
 * firearm term with the hours left out or written as the law's 24 all mean the same. A provision
 * is therefore always the same as any copy of itself that was stored and read back.
 */
export const sameProvision = (a: Provision, b: Provision): boolean => {
  switch (a.kind) {
    case 'no-contact':
    case 'peaceful-contact-only':
    case 'personal-conduct':
      return b.kind === a.kind;
    case 'stay-away':
      return b.kind === 'stay-away' && a.distanceYards === b.distanceYards && samePlaces(a.places, b.places) && words(a.otherPlaces) === words(b.otherPlaces);
    case 'residence-exclusion':
      return b.kind === 'residence-exclusion' && words(a.address) === words(b.address);
    case 'firearm-relinquishment':
      return b.kind === 'firearm-relinquishment' && firearmHours(a) === firearmHours(b);
    case 'custody-visitation-carve-out':
      return b.kind === 'custody-visitation-carve-out' && words(a.description) === words(b.description) && words(a.familyCourtCaseNumber) === words(b.familyCourtCaseNumber);
    case 'other':
      return b.kind === 'other' && words(a.text) === words(b.text);
  }
};

/** Whether two provisions on one dimension say different things. */
export const differ = (a: Provision, b: Provision): boolean => !sameProvision(a, b);
