import { countyName, formInfo, type OrderDetails, type Provision } from '@ccpor/domain';

/**
 * What a demo order's paper form shows, taken from the order itself: the court, the parties, the
 * case number and dates, the orders checked and the judge's terms. The PDF and the TIFF drawers
 * lay the same face out in their own medium. Every name is the demo's invented one.
 */
export interface FormFace {
  readonly court: string;
  readonly form: string;
  readonly title: string;
  readonly caseNumber: string;
  readonly protectedPersons: readonly string[];
  readonly restrained: { readonly name: string; readonly details: readonly (readonly [string, string])[] };
  readonly petitioner: string;
  readonly issued: string;
  readonly expires: string;
  readonly hearing?: string;
  readonly judge: string;
  readonly checked: readonly (readonly [string, boolean])[];
  readonly terms: string;
  readonly pages: 1 | 2;
}

const usDate = (iso: string): string => {
  const d = new Date(iso);
  const p = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Los_Angeles', month: '2-digit', day: '2-digit', year: 'numeric' }).format(d);
  return p;
};
const usDateTime = (iso: string): string =>
  new Intl.DateTimeFormat('en-US', { timeZone: 'America/Los_Angeles', month: '2-digit', day: '2-digit', year: 'numeric', hour: 'numeric', minute: '2-digit' }).format(new Date(iso));

const name = (n: { last: string; first: string; middle?: string }) => `${n.first} ${n.middle ? `${n.middle} ` : ''}${n.last}`.toUpperCase();

const has = (ps: readonly Provision[] | undefined, kind: Provision['kind']) => (ps ?? []).some((p) => p.kind === kind);

export const formFace = (d: OrderDetails, expiresAt: string | null, pages: 1 | 2): FormFace => {
  const r = d.restrainedPerson;
  const stay = (d.provisions ?? []).find((p): p is Extract<Provision, { kind: 'stay-away' }> => p.kind === 'stay-away');
  const hidden = new Set(d.protectedPersons.filter((p) => p.confidential || p.minor).map((p) => name(p.name)));
  const dob = r.dateOfBirth ? `${r.dateOfBirth.slice(5, 7)}/${r.dateOfBirth.slice(8, 10)}/${r.dateOfBirth.slice(0, 4)}` : '';
  return {
    court: `SUPERIOR COURT OF CALIFORNIA, COUNTY OF ${countyName(d.court.county).toUpperCase()}`,
    form: d.form,
    title: formInfo(d.form).title.toUpperCase(),
    caseNumber: d.caseNumber,
    // A confidential or minor person's name is not printed on the public face of the order (it goes on the
    // confidential CLETS-001 form), so the demo image does not show what the registry withholds.
    protectedPersons: d.protectedPersons.map((p) => (p.confidential || p.minor ? 'CONFIDENTIAL (SEE CLETS-001)' : name(p.name))),
    restrained: {
      name: name(r.name),
      details: [
        ['SEX', r.sex ?? ''],
        ['HT', r.height ? `${r.height[0]}'${r.height.slice(1)}"` : ''],
        ['WT', r.weight ? String(Number(r.weight)) : ''],
        ['HAIR', r.hair ?? ''],
        ['EYES', r.eyes ?? ''],
        ['RACE', r.race ?? ''],
        ['DOB', dob],
      ],
    },
    petitioner: d.petitioner ? (d.petitioner.kind === 'person' ? (hidden.has(name(d.petitioner.name)) ? 'CONFIDENTIAL (SEE CLETS-001)' : name(d.petitioner.name)) : d.petitioner.name.toUpperCase()) : '',
    issued: usDateTime(d.issuedAt),
    expires: expiresAt === null ? 'DOES NOT EXPIRE' : d.hearing && !d.expiration ? `AT THE HEARING ${usDate(d.hearing.at)}` : `${usDate(expiresAt)} 11:59 PM`,
    ...(d.hearing ? { hearing: usDateTime(d.hearing.at) } : {}),
    judge: (d.judicialOfficer ?? 'HON. JUDGE OF THE SUPERIOR COURT').toUpperCase(),
    checked: [
      ['PERSONAL CONDUCT ORDERS', has(d.provisions, 'personal-conduct')],
      ['NO CONTACT WITH THE PROTECTED PERSONS', has(d.provisions, 'no-contact')],
      [`STAY-AWAY ORDER${stay ? `: AT LEAST ${stay.distanceYards} YARDS` : ''}`, stay !== undefined],
      ['MOVE-OUT ORDER', has(d.provisions, 'residence-exclusion')],
      ['NO GUNS OR OTHER FIREARMS OR AMMUNITION', has(d.provisions, 'firearm-relinquishment')],
      ['CHILD CUSTODY AND VISITATION', has(d.provisions, 'custody-visitation-carve-out')],
      ['OTHER ORDERS (SEE BELOW)', has(d.provisions, 'other') || (d.terms ?? '') !== ''],
    ],
    terms: (d.terms ?? '').toUpperCase(),
    pages,
  };
};

/** Splits text into lines of at most `width` characters, at spaces. */
export const wrap = (text: string, width: number): string[] => {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line === '') line = word.slice(0, width);
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word.slice(0, width);
    }
  }
  if (line !== '') lines.push(line);
  return lines;
};
