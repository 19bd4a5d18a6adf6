import { countyName, type CountyCode } from '@ccpor/domain';

/**
 * Approximate county populations in thousands (2020 census, rounded), used as weights: orders
 * follow people, so Los Angeles draws about a quarter of them and Alpine almost none.
 */
export const COUNTY_POPULATION_THOUSANDS: Readonly<Record<CountyCode, number>> = {
  '01': 1682, '02': 1, '03': 40, '04': 211, '05': 45, '06': 22, '07': 1165, '08': 28, '09': 191, '10': 1008,
  '11': 28, '12': 136, '13': 179, '14': 19, '15': 909, '16': 152, '17': 68, '18': 33, '19': 10014, '20': 156,
  '21': 262, '22': 17, '23': 91, '24': 281, '25': 9, '26': 13, '27': 439, '28': 138, '29': 102, '30': 3186,
  '31': 404, '32': 20, '33': 2418, '34': 1585, '35': 64, '36': 2181, '37': 3298, '38': 873, '39': 779, '40': 282,
  '41': 764, '42': 448, '43': 1936, '44': 270, '45': 182, '46': 3, '47': 44, '48': 453, '49': 488, '50': 552,
  '51': 99, '52': 65, '53': 16, '54': 473, '55': 55, '56': 843, '57': 216, '58': 81,
};

/** The superior court of a county, as the sample fixtures write court ORIs (CA019015J for Los Angeles). */
export const courtOf = (code: CountyCode): { readonly ori: string; readonly county: CountyCode; readonly name: string } => ({
  ori: `CA0${code}015J`,
  county: code,
  name: `Superior Court of California, County of ${countyName(code)}`,
});

/** The county sheriff's ORI in the same synthetic scheme. */
export const sheriffOf = (code: CountyCode): string => `CA0${code}0000`;
