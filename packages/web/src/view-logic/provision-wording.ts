import { PCO_TABLE, type Dimension, type PcoCode, type Provision, type StayAwayPlace } from '@ccpor/domain';

/**
 * An order's typed provisions in the plain words an officer reads at a door. The judge's own words
 * stay in the order's terms and its image; these sentences only restate the typed provision.
 */
const PLACE_WORDS: Record<StayAwayPlace, string> = {
  person: 'the protected persons',
  home: 'their home',
  workplace: 'their workplace',
  school: 'their school',
  vehicle: 'their vehicle',
  'childrens-school': 'the children’s school',
  childcare: 'the children’s place of child care',
  other: 'the other places listed',
};

/** "a, b and c" */
export const listInWords = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

export const provisionWording = (p: Provision): string => {
  switch (p.kind) {
    case 'personal-conduct':
      return 'Must not harass, attack, strike, threaten, assault, hit, follow, stalk, molest, disturb the peace of, or destroy the property of the protected persons.';
    case 'no-contact':
      return 'Must not contact the protected persons in any way, directly or through others: not in person, by telephone, in writing, by e-mail, text or social media.';
    case 'peaceful-contact-only':
      return 'May have peaceful contact with the protected persons only.';
    case 'stay-away': {
      const places = p.places.filter((x) => x !== 'other' || p.otherPlaces === undefined).map((x) => PLACE_WORDS[x]);
      if (p.otherPlaces !== undefined && p.otherPlaces.trim() !== '') places.push(p.otherPlaces.trim());
      const yards = `${p.distanceYards} ${p.distanceYards === 1 ? 'yard' : 'yards'}`;
      return places.length === 0 ? `Must stay at least ${yards} away.` : `Must stay at least ${yards} away from ${listInWords(places)}.`;
    }
    case 'residence-exclusion':
      return p.address !== undefined && p.address.trim() !== ''
        ? `Must move out of, and stay out of, the home at ${p.address.trim()}.`
        : 'Must move out of, and stay out of, the shared home.';
    case 'firearm-relinquishment':
      return p.withinHours === 0
        ? 'Must not own, possess or buy firearms or ammunition, and must turn them in or sell them immediately when an officer asks.'
        : `Must not own, possess or buy firearms or ammunition, and must turn them in or sell them within ${p.withinHours} ${p.withinHours === 1 ? 'hour' : 'hours'} of being served.`;
    case 'custody-visitation-carve-out': {
      const what = p.description !== undefined && p.description.trim() !== '' ? `: ${p.description.trim()}` : '';
      const caseNo = p.familyCourtCaseNumber !== undefined ? ` (family court case ${p.familyCourtCaseNumber})` : '';
      return `Contact is allowed only as needed for court-ordered child custody or visitation${caseNo}${what}.`;
    }
    case 'other':
      return p.text.trim();
  }
};

/** The short name of the provision, for headings and table cells. */
export const provisionTitle = (p: Provision): string => {
  switch (p.kind) {
    case 'personal-conduct':
      return 'Personal conduct';
    case 'no-contact':
      return 'No contact';
    case 'peaceful-contact-only':
      return 'Peaceful contact only';
    case 'stay-away':
      return 'Stay away';
    case 'residence-exclusion':
      return 'Move out';
    case 'firearm-relinquishment':
      return 'No firearms';
    case 'custody-visitation-carve-out':
      return 'Custody and visitation';
    case 'other':
      return 'Other order';
  }
};

export const pcoWording = (code: PcoCode): string => PCO_TABLE[code];

export const DIMENSION_WORDS: Record<Dimension, string> = {
  contact: 'Contact',
  'stay-away': 'Staying away',
  residence: 'The home',
  firearms: 'Firearms',
  conduct: 'Personal conduct',
  visitation: 'Custody and visitation',
};
