import * as t from 'io-ts';

/**
 * California's 58 counties with the two-digit code used across state systems (alphabetical
 * numbering, 01 Alameda … 58 Yuba). The court profile must show the right county code
 * (the CCPOR go-live checklist).
 */
export const CALIFORNIA_COUNTIES = [
  ['01', 'Alameda'], ['02', 'Alpine'], ['03', 'Amador'], ['04', 'Butte'], ['05', 'Calaveras'],
  ['06', 'Colusa'], ['07', 'Contra Costa'], ['08', 'Del Norte'], ['09', 'El Dorado'], ['10', 'Fresno'],
  ['11', 'Glenn'], ['12', 'Humboldt'], ['13', 'Imperial'], ['14', 'Inyo'], ['15', 'Kern'],
  ['16', 'Kings'], ['17', 'Lake'], ['18', 'Lassen'], ['19', 'Los Angeles'], ['20', 'Madera'],
  ['21', 'Marin'], ['22', 'Mariposa'], ['23', 'Mendocino'], ['24', 'Merced'], ['25', 'Modoc'],
  ['26', 'Mono'], ['27', 'Monterey'], ['28', 'Napa'], ['29', 'Nevada'], ['30', 'Orange'],
  ['31', 'Placer'], ['32', 'Plumas'], ['33', 'Riverside'], ['34', 'Sacramento'], ['35', 'San Benito'],
  ['36', 'San Bernardino'], ['37', 'San Diego'], ['38', 'San Francisco'], ['39', 'San Joaquin'],
  ['40', 'San Luis Obispo'], ['41', 'San Mateo'], ['42', 'Santa Barbara'], ['43', 'Santa Clara'],
  ['44', 'Santa Cruz'], ['45', 'Shasta'], ['46', 'Sierra'], ['47', 'Siskiyou'], ['48', 'Solano'],
  ['49', 'Sonoma'], ['50', 'Stanislaus'], ['51', 'Sutter'], ['52', 'Tehama'], ['53', 'Trinity'],
  ['54', 'Tulare'], ['55', 'Tuolumne'], ['56', 'Ventura'], ['57', 'Yolo'], ['58', 'Yuba'],
] as const;

export type CountyCode = (typeof CALIFORNIA_COUNTIES)[number][0];

const byCode = new Map<string, string>(CALIFORNIA_COUNTIES.map(([c, n]) => [c, n]));
const byName = new Map<string, CountyCode>(CALIFORNIA_COUNTIES.map(([c, n]) => [n.toUpperCase(), c]));

export const countyName = (code: CountyCode): string => byCode.get(code) ?? code;

/** Accepts the code ("19") or the name ("Los Angeles", any case) and yields the code. */
export const CountyCode = new t.Type<CountyCode, string, unknown>(
  'CountyCode',
  (u): u is CountyCode => typeof u === 'string' && byCode.has(u),
  (u, c) => {
    if (typeof u !== 'string') return t.failure(u, c, 'county must be text');
    const s = u.trim();
    const padded = /^\d$/.test(s) ? `0${s}` : s;
    if (byCode.has(padded)) return t.success(padded as CountyCode);
    const named = byName.get(s.toUpperCase());
    return named ? t.success(named) : t.failure(u, c, `"${u}" is not one of California's 58 counties`);
  },
  (a) => a,
);
