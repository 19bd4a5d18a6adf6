import type { Provision } from '../order/provisions';

/**
 * The aspects of conduct an order can govern. Two orders conflict only where they govern the same
 * aspect differently; terms on different aspects are all enforced together.
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
      return 1000 - (p.withinHours ?? 24);
    case 'residence-exclusion':
    case 'personal-conduct':
    case 'custody-visitation-carve-out':
    case 'other':
      return 1;
  }
};

/** Whether two provisions on one dimension say different things. */
export const differ = (a: Provision, b: Provision): boolean => JSON.stringify(canonical(a)) !== JSON.stringify(canonical(b));

const canonical = (p: Provision): Provision =>
  p.kind === 'stay-away' ? { ...p, places: [...new Set(p.places)].sort() } : p;
