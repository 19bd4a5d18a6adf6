import { californiaLocalDate, formInfo, fromCaliforniaLocal, ORDER_FORMS, PersonName, toCaliforniaLocal, type DraftDetails, type FormNumber, type Provision, type StayAwayPlace } from '@ccpor/domain';
import { parseCounty, parseEyes, parseHair, parseHeight, parsePcoCodes, parseRace, parseSex, parseTypedDate, parseTypedTime, parseWeight, typedDate, typedTime, type Parsed } from '../view-logic/typed-entry';

/**
 * The entry form's values, as typed (strings and boxes), and their reading into the domain's
 * DraftDetails. Each field is named by the path the API's problems use (`restrainedPerson.height`,
 * `hearing.at`), so a refusal lands on its field.
 */
export interface PersonValues {
  last: string;
  first: string;
  middle: string;
  dob: string;
  sex: string;
  race: string;
  relationship: string;
}
export interface ProtectedValues extends PersonValues {
  confidential: boolean;
  minor: boolean;
}
export interface EntryValues {
  form: string;
  courtOri: string;
  courtCounty: string;
  courtName: string;
  department: string;
  caseNumber: string;
  issuedDate: string;
  issuedTime: string;
  judicialOfficer: string;
  restrained: PersonValues & { height: string; weight: string; eyes: string; hair: string };
  protectedPersons: ProtectedValues[];
  petitionerKind: 'person' | 'organization';
  petitionerLast: string;
  petitionerFirst: string;
  petitionerOrg: string;
  personalConduct: boolean;
  noContact: boolean;
  peacefulContactOnly: boolean;
  stayAway: boolean;
  stayAwayYards: string;
  stayAwayPlaces: StayAwayPlace[];
  residenceExclusion: boolean;
  custodyCarveOut: boolean;
  otherOrder: string;
  pcoCodes: string;
  terms: string;
  firearms: boolean;
  firearmReviewDate: string;
  expirationDate: string;
  expirationTime: string;
  hearingDate: string;
  hearingTime: string;
  hearingGoodCause: boolean;
  regJurisdictionKind: 'state' | 'tribe' | 'territory' | 'canada';
  regJurisdictionName: string;
  regIssuingCourt: string;
  regCaseNumber: string;
  regDate: string;
  retailName: string;
  retailAddress: string;
  retailOtherLocations: string;
  sealed: boolean;
}

const person = (): PersonValues => ({ last: '', first: '', middle: '', dob: '', sex: '', race: '', relationship: '' });
export const emptyProtected = (): ProtectedValues => ({ ...person(), confidential: false, minor: false });

export const emptyValues = (): EntryValues => ({
  form: '',
  courtOri: '',
  courtCounty: '',
  courtName: '',
  department: '',
  caseNumber: '',
  issuedDate: '',
  issuedTime: '',
  judicialOfficer: '',
  restrained: { ...person(), height: '', weight: '', eyes: '', hair: '' },
  protectedPersons: [emptyProtected()],
  petitionerKind: 'person',
  petitionerLast: '',
  petitionerFirst: '',
  petitionerOrg: '',
  personalConduct: false,
  noContact: false,
  peacefulContactOnly: false,
  stayAway: false,
  stayAwayYards: '',
  stayAwayPlaces: [],
  residenceExclusion: false,
  custodyCarveOut: false,
  otherOrder: '',
  pcoCodes: '',
  terms: '',
  firearms: false,
  firearmReviewDate: '',
  expirationDate: '',
  expirationTime: '',
  hearingDate: '',
  hearingTime: '',
  hearingGoodCause: false,
  regJurisdictionKind: 'state',
  regJurisdictionName: '',
  regIssuingCourt: '',
  regCaseNumber: '',
  regDate: '',
  retailName: '',
  retailAddress: '',
  retailOtherLocations: '',
  sealed: false,
});

/** Which of the paper form's sections this form has (issue 15: only the fields that form has). */
export interface FormSections {
  readonly hearing: 'required' | 'optional' | 'none';
  readonly expiration: boolean;
  readonly protectedPersons: boolean;
  readonly petitionerOrganization: boolean;
  readonly registration: boolean;
  readonly retail: boolean;
  readonly firearms: boolean;
}

export const sectionsOf = (form: string): FormSections | undefined => {
  if (!(form in ORDER_FORMS)) return undefined;
  const info = formInfo(form as FormNumber);
  return {
    hearing: info.stage === 'temporary' ? 'required' : info.stage === 'after-hearing' ? 'optional' : 'none',
    expiration: info.stage !== 'temporary',
    protectedPersons: info.type !== 'RT',
    petitionerOrganization: info.type === 'WV' || info.type === 'SV' || info.type === 'RT',
    registration: info.stage === 'registered',
    retail: info.type === 'RT',
    firearms: info.type !== 'RT',
  };
};

export type FieldErrors = Record<string, string>;

const blank = (s: string) => s.trim() === '';

/** The values read into DraftDetails: what could be read, and a sentence per field that could not. */
export const toDetails = (v: EntryValues): { details: DraftDetails; errors: FieldErrors } => {
  const errors: FieldErrors = {};
  const out: Record<string, unknown> = {};
  const read = <T>(field: string, input: string, parse: (s: string) => Parsed<T>): T | undefined => {
    if (blank(input)) return undefined;
    const r = parse(input);
    if (r.ok) return r.value;
    errors[field] = r.reason;
    return undefined;
  };
  const name = (field: string, last: string, first: string, middle = ''): unknown => {
    if (blank(last) && blank(first)) return undefined;
    const n = PersonName.decode({ last, first: blank(first) ? '' : first, ...(blank(middle) ? {} : { middle }) });
    if (n._tag === 'Left') {
      errors[field] = blank(last) || blank(first) ? 'Enter both the last and the first name.' : 'A name holds only letters, spaces, hyphens, apostrophes or periods.';
      return undefined;
    }
    return n.right;
  };
  const sections = sectionsOf(v.form);
  if (sections) out.form = v.form;
  if (!blank(v.courtOri)) {
    const county = read('court.county', v.courtCounty, parseCounty);
    if (county && !blank(v.courtName)) out.court = { ori: v.courtOri.trim().toUpperCase(), county, name: v.courtName.trim(), ...(blank(v.department) ? {} : { department: v.department.trim() }) };
  }
  if (!blank(v.caseNumber)) out.caseNumber = v.caseNumber.trim().toUpperCase();
  const issuedOn = read('issuedAt', v.issuedDate, parseTypedDate);
  const issuedTime = read('issuedAt', v.issuedTime, parseTypedTime);
  if (issuedOn) out.issuedAt = fromCaliforniaLocal(issuedOn, `${issuedTime ?? '00:00'}:00`);
  if (!blank(v.judicialOfficer)) out.judicialOfficer = v.judicialOfficer.trim();

  const r = v.restrained;
  const rName = name('restrainedPerson.name', r.last, r.first, r.middle);
  if (rName) {
    const dob = read('restrainedPerson.dateOfBirth', r.dob, parseTypedDate);
    const sex = read('restrainedPerson.sex', r.sex, parseSex);
    const race = read('restrainedPerson.race', r.race, parseRace);
    const height = read('restrainedPerson.height', r.height, parseHeight);
    const weight = read('restrainedPerson.weight', r.weight, parseWeight);
    const eyes = read('restrainedPerson.eyes', r.eyes, parseEyes);
    const hair = read('restrainedPerson.hair', r.hair, parseHair);
    out.restrainedPerson = {
      name: rName,
      ...(dob ? { dateOfBirth: dob } : {}),
      ...(sex ? { sex } : {}),
      ...(race ? { race } : {}),
      ...(height ? { height } : {}),
      ...(weight ? { weight } : {}),
      ...(eyes ? { eyes } : {}),
      ...(hair ? { hair } : {}),
      ...(blank(r.relationship) ? {} : { relationship: r.relationship.trim() }),
    };
  }
  if (!sections || sections.protectedPersons) {
    const people = v.protectedPersons.flatMap((p, i) => {
      const n = name(`protectedPersons.${i}.name`, p.last, p.first, p.middle);
      if (!n) return [];
      const dob = read(`protectedPersons.${i}.dateOfBirth`, p.dob, parseTypedDate);
      const sex = read(`protectedPersons.${i}.sex`, p.sex, parseSex);
      const race = read(`protectedPersons.${i}.race`, p.race, parseRace);
      return [{ name: n, confidential: p.confidential, minor: p.minor, ...(dob ? { dateOfBirth: dob } : {}), ...(sex ? { sex } : {}), ...(race ? { race } : {}), ...(blank(p.relationship) ? {} : { relationship: p.relationship.trim() }) }];
    });
    if (people.length > 0) out.protectedPersons = people;
  }
  if (v.petitionerKind === 'organization' ? !blank(v.petitionerOrg) : !blank(v.petitionerLast) || !blank(v.petitionerFirst)) {
    if (v.petitionerKind === 'organization') out.petitioner = { kind: 'organization', name: v.petitionerOrg.trim() };
    else {
      const n = name('petitioner', v.petitionerLast, v.petitionerFirst);
      if (n) out.petitioner = { kind: 'person', name: n };
    }
  }
  const provisions: Provision[] = [];
  if (v.personalConduct) provisions.push({ kind: 'personal-conduct' });
  if (v.noContact) provisions.push({ kind: 'no-contact' });
  if (v.peacefulContactOnly) provisions.push({ kind: 'peaceful-contact-only' });
  if (v.stayAway) {
    const yards = Number(v.stayAwayYards);
    if (!Number.isInteger(yards) || yards < 1 || yards > 2000) errors['provisions.stayAway'] = 'Enter the distance in yards (1–2000).';
    else provisions.push({ kind: 'stay-away', distanceYards: yards, places: v.stayAwayPlaces.length > 0 ? v.stayAwayPlaces : ['person'] } as Provision);
  }
  if (v.residenceExclusion) provisions.push({ kind: 'residence-exclusion' });
  if (v.custodyCarveOut) provisions.push({ kind: 'custody-visitation-carve-out' });
  if (v.firearms && (!sections || sections.firearms)) provisions.push({ kind: 'firearm-relinquishment' });
  if (!blank(v.otherOrder)) provisions.push({ kind: 'other', text: v.otherOrder.trim() });
  if (provisions.length > 0) out.provisions = provisions;
  const pco = read('pcoCodes', v.pcoCodes, parsePcoCodes);
  if (pco && pco.length > 0) out.pcoCodes = pco;
  if (!blank(v.terms)) out.terms = v.terms;
  const review = read('firearmReviewHearingAt', v.firearmReviewDate, parseTypedDate);
  if (review && v.firearms) out.firearmReviewHearingAt = fromCaliforniaLocal(review, '09:00:00');

  if (!sections || sections.expiration) {
    const date = read('expiration', v.expirationDate, parseTypedDate);
    const time = read('expiration', v.expirationTime, parseTypedTime);
    if (date) out.expiration = { kind: 'date', date, ...(time ? { time } : {}) };
  }
  if (!sections || sections.hearing !== 'none') {
    const date = read('hearing.at', v.hearingDate, parseTypedDate);
    const time = read('hearing.at', v.hearingTime, parseTypedTime);
    if (date) out.hearing = { at: fromCaliforniaLocal(date, `${time ?? '08:30'}:00`), ...(v.hearingGoodCause ? { goodCause: true } : {}) };
  }
  if (sections?.registration && !blank(v.regJurisdictionName) && !blank(v.regIssuingCourt) && !blank(v.regCaseNumber)) {
    const on = read('registration', v.regDate, parseTypedDate);
    if (on)
      out.registration = {
        registeredAt: fromCaliforniaLocal(on, '12:00:00'),
        jurisdiction: { kind: v.regJurisdictionKind, name: v.regJurisdictionName.trim() },
        issuingCourt: v.regIssuingCourt.trim(),
        foreignCaseNumber: v.regCaseNumber.trim(),
      };
  }
  if (sections?.retail && !blank(v.retailName) && !blank(v.retailAddress))
    out.retailEstablishment = { name: v.retailName.trim(), address: v.retailAddress.trim(), ...(blank(v.retailOtherLocations) ? {} : { otherLocations: v.retailOtherLocations.trim() }) };
  if (v.sealed) out.sealed = true;
  return { details: out as DraftDetails, errors };
};

const personValues = (p: { name?: { last?: string; first?: string; middle?: string }; dateOfBirth?: string; sex?: string; race?: string; relationship?: string } | undefined): PersonValues => ({
  last: p?.name?.last ?? '',
  first: p?.name?.first ?? '',
  middle: p?.name?.middle ?? '',
  dob: typedDate(p?.dateOfBirth),
  sex: p?.sex ?? '',
  race: p?.race ?? '',
  relationship: p?.relationship ?? '',
});

const localOf = (iso: string | undefined): { date: string; time: string } => {
  if (!iso) return { date: '', time: '' };
  const l = toCaliforniaLocal(iso);
  return { date: typedDate(l.date), time: typedTime(l.time.slice(0, 5)) };
};

/** A draft's details as the form shows them (a draft the scan inbox, a reading or a clone filled in). */
export const fromDetails = (d: DraftDetails): EntryValues => {
  const v = emptyValues();
  const has = (k: Provision['kind']) => (d.provisions ?? []).some((p) => p.kind === k);
  const stay = (d.provisions ?? []).find((p) => p.kind === 'stay-away') as Extract<Provision, { kind: 'stay-away' }> | undefined;
  const other = (d.provisions ?? []).find((p) => p.kind === 'other') as Extract<Provision, { kind: 'other' }> | undefined;
  const issued = localOf(d.issuedAt);
  const hearing = localOf(d.hearing?.at);
  return {
    ...v,
    form: d.form ?? '',
    courtOri: d.court?.ori ?? '',
    courtCounty: d.court?.county ?? '',
    courtName: d.court?.name ?? '',
    department: d.court?.department ?? '',
    caseNumber: d.caseNumber ?? '',
    issuedDate: issued.date,
    issuedTime: issued.time,
    judicialOfficer: d.judicialOfficer ?? '',
    restrained: { ...personValues(d.restrainedPerson), height: d.restrainedPerson?.height ?? '', weight: d.restrainedPerson?.weight ? String(Number(d.restrainedPerson.weight)) : '', eyes: d.restrainedPerson?.eyes ?? '', hair: d.restrainedPerson?.hair ?? '' },
    protectedPersons: (d.protectedPersons ?? []).length > 0 ? d.protectedPersons!.map((p) => ({ ...personValues(p), confidential: p.confidential, minor: p.minor })) : [emptyProtected()],
    petitionerKind: d.petitioner?.kind ?? 'person',
    petitionerLast: d.petitioner?.kind === 'person' ? d.petitioner.name.last : '',
    petitionerFirst: d.petitioner?.kind === 'person' ? d.petitioner.name.first : '',
    petitionerOrg: d.petitioner?.kind === 'organization' ? d.petitioner.name : '',
    personalConduct: has('personal-conduct'),
    noContact: has('no-contact'),
    peacefulContactOnly: has('peaceful-contact-only'),
    stayAway: stay !== undefined,
    stayAwayYards: stay ? String(stay.distanceYards) : '',
    stayAwayPlaces: stay ? [...stay.places] : [],
    residenceExclusion: has('residence-exclusion'),
    custodyCarveOut: has('custody-visitation-carve-out'),
    otherOrder: other?.text ?? '',
    pcoCodes: (d.pcoCodes ?? []).join(', '),
    terms: d.terms ?? '',
    firearms: has('firearm-relinquishment'),
    firearmReviewDate: d.firearmReviewHearingAt ? typedDate(californiaLocalDate(d.firearmReviewHearingAt)) : '',
    expirationDate: d.expiration?.kind === 'date' ? typedDate(d.expiration.date) : '',
    expirationTime: d.expiration?.kind === 'date' ? typedTime(d.expiration.time) : '',
    hearingDate: hearing.date,
    hearingTime: hearing.time,
    hearingGoodCause: d.hearing?.goodCause ?? false,
    regJurisdictionKind: d.registration?.jurisdiction.kind ?? 'state',
    regJurisdictionName: d.registration?.jurisdiction.name ?? '',
    regIssuingCourt: d.registration?.issuingCourt ?? '',
    regCaseNumber: d.registration?.foreignCaseNumber ?? '',
    regDate: d.registration ? typedDate(californiaLocalDate(d.registration.registeredAt)) : '',
    retailName: d.retailEstablishment?.name ?? '',
    retailAddress: d.retailEstablishment?.address ?? '',
    retailOtherLocations: d.retailEstablishment?.otherLocations ?? '',
    sealed: d.sealed ?? false,
  };
};

/** Top-level detail keys present before and gone now: the draft update clears them (`clear`). */
export const clearedKeys = (before: DraftDetails, after: DraftDetails): (keyof DraftDetails)[] =>
  (Object.keys(before) as (keyof DraftDetails)[]).filter((k) => before[k] !== undefined && after[k] === undefined);
