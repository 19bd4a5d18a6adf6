import * as E from 'fp-ts/Either';
import { OrderDetails, type FormNumber } from '@ccpor/domain';

/**
 * Synthetic demo orders for `serve --seed-demo` and the acceptance run: a Los Angeles or Orange
 * County order on one of the common forms, with names, dates of birth, case numbers and courts
 * varied deterministically by index, so a demo registry has something to search. Every name is
 * invented. The registry ships this (not the test kit): it is data the product runs with.
 */
const LA_SUPERIOR_COURT = { ori: 'CA019015J', county: '19', name: 'Superior Court of California, County of Los Angeles' } as const;
const LA_SHERIFF_ORI = 'CA0194200';
const ORANGE_COURT = { ori: 'CA030015J', county: '30', name: 'Superior Court of California, County of Orange' } as const;
const LAST = ['RIVERA', 'NGUYEN', 'GARCIA', 'SMITH', 'KIM', 'PATEL', 'JOHNSON', 'LOPEZ', 'BROWN', 'CHEN', 'DAVIS', 'MARTINEZ', 'WILSON', 'ANDERSON', 'THOMAS', 'MOORE'];
const FIRST = ['DANIEL', 'MARIA', 'JAMES', 'LINDA', 'DAVID', 'SOFIA', 'MICHAEL', 'ELENA', 'ROBERT', 'GRACE', 'KEVIN', 'ROSA'];
const FORMS: FormNumber[] = ['DV-130', 'DV-110', 'CH-130', 'CH-110', 'EA-130', 'WV-130', 'GV-130', 'DV-130'];

export const DEMO_AGENCIES = [
  { ori: LA_SUPERIOR_COURT.ori, name: LA_SUPERIOR_COURT.name, kind: 'superior-court', county: LA_SUPERIOR_COURT.county, carpos: { enabled: true, mnemonic: 'LASC' } },
  { ori: LA_SHERIFF_ORI, name: 'Los Angeles County Sheriff’s Department', kind: 'sheriff', county: '19', carpos: { enabled: true } },
  { ori: ORANGE_COURT.ori, name: ORANGE_COURT.name, kind: 'superior-court', county: ORANGE_COURT.county, carpos: { enabled: true, mnemonic: 'OCSC' } },
] as const;

const pick = <T>(xs: readonly T[], i: number): T => xs[i % xs.length]!;

/** The i-th demo order, issued `daysAgo` days before `now` (within the last year). */
export const demoOrder = (i: number, now: string): { details: OrderDetails; agencyOri: string } => {
  const form = pick(FORMS, i);
  const court = i % 3 === 2 ? ORANGE_COURT : LA_SUPERIOR_COURT;
  const issued = new Date(Date.parse(now) - (1 + (i % 300)) * 86_400_000);
  issued.setUTCHours(18, 15, 0, 0);
  const year = 1960 + (i % 40);
  const dob = `${year}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
  const protectedName = { last: pick(LAST, i + 5), first: pick(FIRST, i * 5) };
  const days = (n: number) => new Date(issued.getTime() + n * 86_400_000).toISOString();
  const input = {
    form,
    court,
    judicialOfficer: 'Hon. Maria Delgado',
    caseNumber: `${String(issued.getUTCFullYear()).slice(2)}FL${String(100000 + i).slice(-6)}`,
    issuedAt: issued.toISOString(),
    // A temporary order (…-110) sets a hearing; the workplace and gun violence orders after hearing end on a date the court sets.
    ...(form.endsWith('-110') ? { hearing: { at: days(14) } } : {}),
    ...(form === 'WV-130' || form === 'GV-130' ? { expiration: { kind: 'date', date: days(365).slice(0, 10) } } : {}),
    restrainedPerson: {
      name: { last: pick(LAST, i), first: pick(FIRST, i * 7 + 3) },
      dateOfBirth: dob,
      sex: 'M',
      race: 'H',
      height: '510',
      weight: '185',
      eyes: 'BRO',
      hair: 'BLK',
      relationship: 'former spouse',
    },
    protectedPersons: [{ name: protectedName, dateOfBirth: '1990-02-03', sex: 'F', race: 'H', confidential: i % 11 === 0, minor: false }],
    // The petitioner is the protected person, as on most DV petitions.
    petitioner: { kind: 'person', name: protectedName },
    provisions: [{ kind: 'personal-conduct' }, { kind: 'stay-away', distanceYards: 100, places: ['person', 'home', 'workplace'] }, { kind: 'firearm-relinquishment', withinHours: 24 }],
    pcoCodes: ['01', '04', '07'],
    terms: 'Respondent must stay 100 yards away from petitioner, her home and workplace.',
    sealed: i % 53 === 0,
    brady: 'Y',
  };
  const decoded = OrderDetails.decode(input);
  if (E.isLeft(decoded)) throw new Error(`demo order ${i} does not decode`);
  return { details: decoded.right, agencyOri: court.ori };
};
