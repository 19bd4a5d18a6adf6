import * as E from 'fp-ts/Either';
import { OrderDetails, type FormNumber } from '@ccpor/domain';
import { LA_SHERIFF_ORI, LA_SUPERIOR_COURT, ORANGE_COURT, sampleForForm } from '../store/test-kit-runtime';

/**
 * Synthetic demo orders: test-kit's sample order on each form, with names, dates of birth, case
 * numbers and courts varied deterministically by index, so a demo registry has something to search.
 * Every name is invented. (test-kit's larger synthetic generator replaces this once it lands.)
 */
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
  const base = sampleForForm(form, issued.toISOString());
  const year = 1960 + (i % 40);
  const dob = `${year}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
  const input = {
    ...base,
    court,
    caseNumber: `${String(issued.getUTCFullYear()).slice(2)}FL${String(100000 + i).slice(-6)}`,
    // Hearings and expirations from the sample are relative to its own issue date; shift them.
    ...(base.hearing ? { hearing: { at: new Date(issued.getTime() + 14 * 86_400_000).toISOString() } } : {}),
    ...(base.expiration && base.expiration.kind === 'date'
      ? { expiration: { kind: 'date', date: new Date(issued.getTime() + 365 * 86_400_000).toISOString().slice(0, 10) } }
      : {}),
    restrainedPerson: { ...base.restrainedPerson, name: { last: pick(LAST, i), first: pick(FIRST, i * 7 + 3) }, dateOfBirth: dob },
    protectedPersons: base.protectedPersons.map((p, k) => ({ ...p, name: { last: pick(LAST, i + 5 + k), first: pick(FIRST, i * 5 + k) }, confidential: i % 11 === 0 })),
    // The petitioner is the first protected person, as on most DV petitions.
    ...(base.petitioner?.kind === 'person' ? { petitioner: { kind: 'person', name: { last: pick(LAST, i + 5), first: pick(FIRST, i * 5) } } } : {}),
    sealed: i % 53 === 0,
  };
  const decoded = OrderDetails.decode(input);
  if (E.isLeft(decoded)) throw new Error(`demo order ${i} does not decode`);
  return { details: decoded.right, agencyOri: court.ori };
};
