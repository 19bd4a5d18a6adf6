import * as t from 'io-ts';

/**
 * NCIC Protection Order Conditions, PCO 01–09 (NIEM ncic_2000.xsd PCOCodeSimpleType; the
 * same list in later NIEM NCIC versions). Meanings paraphrased; the official strings begin "(P)".
 */
export const PCO_TABLE = {
  '01': 'Restrained from assaulting, threatening, abusing, harassing, following, interfering with or stalking the protected person and/or the protected person’s child',
  '02': 'May not threaten a member of the protected person’s family or household',
  '03': 'Protected person granted exclusive possession of the residence/household',
  '04': 'Must stay away from the residence, property, school or workplace of the protected person or another family/household member',
  '05': 'Restrained from any communication with the protected person, or with others where the communication would be likely to harass',
  '06': 'Subject has visitation or custody rights to the named child(ren)',
  '07': 'Prohibited from possessing and/or purchasing a firearm or other weapon',
  '08': 'See the MIS field for comments on the order’s terms and conditions',
  '09': 'Protected person awarded temporary exclusive custody of the named child(ren)',
} as const;

export const PcoCode = t.keyof(PCO_TABLE, 'PcoCode');
export type PcoCode = t.TypeOf<typeof PcoCode>;
