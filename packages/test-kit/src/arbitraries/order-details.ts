import fc from 'fast-check';
import {
  DURATION_RULES,
  FORM_NUMBERS,
  addDays,
  addYears,
  californiaLocalDate,
  countyName,
  fromCaliforniaLocal,
  type CountyCode,
  type Court,
  type DateOfBirth,
  type DraftDetails,
  type ExpirationInput,
  type FormNumber,
  type Hearing,
  type ImageRef,
  type IsoDateTime,
  type Registration,
  type RetailEstablishment,
  type AlternativeServiceOrder,
  formInfo,
  type OrderChanges,
  type OrderDate,
  type OrderDetails,
  type ServiceRecord,
} from '@ccpor/domain';
import { completeRestrainedPersonArb, nonEmptyTextArb, petitionerArb, protectedPersonsArb, restrainedPersonArb } from './parties';
import { anyProvisionsArb, provisionsArb } from './provisions';
import {
  agencyOriArb,
  bradyArb,
  californiaInstantArb,
  caseNumberArb,
  countyCodeArb,
  courtOriArb,
  dateOfBirthArb,
  dayOfIsoDate,
  formatInstant,
  intArb,
  isoDateOfDay,
  isoDateTimeArb,
  localTimeArb,
  offsetArb,
  orderDateArb,
  pcoCodesArb,
  sha256Arb,
} from './value-objects';

export const formArb: fc.Arbitrary<FormNumber> = fc.constantFrom(...FORM_NUMBERS);

/** A superior court: ORI and name agree with the county. */
export const courtArb: fc.Arbitrary<Court> = countyCodeArb.chain((county: CountyCode) =>
  fc.record(
    {
      ori: courtOriArb(county),
      county: fc.constant(county),
      name: fc.constant(`Superior Court of California, County of ${countyName(county)}`),
      department: fc.oneof(fc.integer({ min: 1, max: 120 }).map((n) => `Dept. ${n}`), fc.string({ maxLength: 40 })),
    },
    { requiredKeys: ['ori', 'county', 'name'] },
  ),
);

export const judicialOfficerArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('Hon. Maria Delgado', 'Hon. Robert Chen', 'Commissioner A. Patel', 'Hon. Tamika Brooks'),
  nonEmptyTextArb(80),
);

/** Any written expiration the codec accepts (a date 1990–2199 with or without a time, or non-expiring). */
export const expirationInputArb: fc.Arbitrary<ExpirationInput> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('date' as const), date: orderDateArb(), time: localTimeArb }, { requiredKeys: ['kind', 'date'] }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'non-expiring' as const }) },
);

/** Any hearing the codec accepts. */
export const hearingArb = (at: fc.Arbitrary<IsoDateTime> = isoDateTimeArb()): fc.Arbitrary<Hearing> =>
  fc.record({ at, goodCause: fc.boolean(), department: fc.string({ maxLength: 20 }) }, { requiredKeys: ['at'] });

export const imageRefArb = (sha: fc.Arbitrary<string> = sha256Arb): fc.Arbitrary<ImageRef> =>
  fc.record(
    {
      sha256: sha,
      mediaType: fc.constantFrom('application/pdf' as const, 'image/tiff' as const),
      pages: intArb(1, 60),
      bytes: intArb(1, 50_000_000),
      kind: fc.constantFrom('order' as const, 'proof-of-service' as const, 'other' as const),
      fileName: fc.oneof(fc.stringMatching(/^[A-Z0-9_-]{1,40}\.(pdf|tif)$/), fc.string({ maxLength: 255 })),
    },
    { requiredKeys: ['sha256', 'mediaType', 'pages', 'bytes', 'kind'] },
  );

export const serviceIdArb: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 1, max: 9999 }).map((n) => `pos-${n}`),
  fc.string({ minLength: 1, maxLength: 64 }),
);

export const servedByArb: fc.Arbitrary<ServiceRecord['servedBy']> = fc.record(
  {
    name: fc.oneof(fc.constantFrom('Deputy Osei', 'Officer Ramirez', 'Process Server K. Lund'), nonEmptyTextArb(80)),
    badgeNumber: fc.stringMatching(/^[0-9]{3,6}$/),
  },
  { requiredKeys: ['name'] },
);

export const serviceMethodArb: fc.Arbitrary<ServiceRecord['method']> = fc.constantFrom(
  'personal' as const,
  'by-officer' as const,
  'officer-verbal-notice' as const,
  'present-in-court' as const,
  'mail' as const,
  'court-ordered-alternative' as const,
);

/** A proof of service; `servedAt` defaults to any instant, callers pass one that fits the order. */
export const serviceRecordArb = (servedAt: fc.Arbitrary<IsoDateTime> = isoDateTimeArb()): fc.Arbitrary<ServiceRecord> =>
  fc.record(
    {
      serviceId: serviceIdArb,
      servedAt,
      method: serviceMethodArb,
      servedBy: servedByArb,
      servingAgencyOri: agencyOriArb,
      notes: fc.string({ maxLength: 200 }),
      firearmSurrenderRequested: fc.boolean(),
    },
    { requiredKeys: ['serviceId', 'servedAt', 'method', 'servedBy', 'servingAgencyOri'] },
  );

/** Where a registered order comes from; registered at `registeredAt`. */
export const registrationArb = (registeredAt: fc.Arbitrary<IsoDateTime> = isoDateTimeArb()): fc.Arbitrary<Registration> =>
  fc.record(
    {
      registeredAt,
      jurisdiction: fc.oneof(
        fc.record({ kind: fc.constant('state' as const), name: fc.constantFrom('Nevada', 'Oregon', 'Arizona', 'Texas') }),
        fc.record({ kind: fc.constant('tribe' as const), name: fc.constantFrom('Hoopa Valley Tribe', 'Yurok Tribe', 'Quechan Tribe') }),
        fc.record({ kind: fc.constant('canada' as const), name: fc.constantFrom('British Columbia', 'Ontario') }),
      ),
      issuingCourt: fc.constantFrom('Eighth Judicial District Court', 'Tribal Court', 'Provincial Court'),
      foreignCaseNumber: fc.stringMatching(/^[A-Z0-9-]{4,16}$/),
      foreignStage: fc.constantFrom('emergency' as const, 'temporary' as const, 'final' as const),
    },
    { requiredKeys: ['registeredAt', 'jurisdiction', 'issuingCourt', 'foreignCaseNumber'] },
  );

export const retailEstablishmentArb: fc.Arbitrary<RetailEstablishment> = fc.record(
  {
    name: fc.constantFrom('Valley Hardware', 'Main Street Pharmacy', 'Harbor Market'),
    address: fc.constantFrom('100 Main St, Fresno', '2200 Harbor Blvd, Costa Mesa'),
    otherLocations: fc.string({ maxLength: 80 }),
  },
  { requiredKeys: ['name', 'address'] },
);

export const alternativeServiceArb = (orderedOn: fc.Arbitrary<OrderDate> = orderDateArb()): fc.Arbitrary<AlternativeServiceOrder> =>
  fc.record({ orderedOn, method: fc.constantFrom('By email to the address on file', 'By posting at the residence and mailing') });

/** The optional fields every form shares, each within its codec and the law (the mail permission is per form: see validOrderDetailsArb). */
const commonOptionalFields = {
  judicialOfficer: judicialOfficerArb,
  petitioner: petitionerArb,
  provisions: provisionsArb(),
  pcoCodes: pcoCodesArb,
  terms: fc.oneof(fc.constantFrom('Respondent must stay 100 yards away from petitioner, her home and workplace.', 'No contact of any kind.'), fc.string({ maxLength: 300 })),
  sealed: fc.boolean(),
  brady: bradyArb,
  agencyCaseNumber: nonEmptyTextArb(20),
  assignedAgencies: fc.array(agencyOriArb, { maxLength: 3 }),
};

// ---------------------------------------------------------------- codec-valid, rule-blind

/**
 * Details any form may carry with values chosen without regard to the rules: dates anywhere in the
 * codec's years, hearings on after-hearing forms, non-expiring orders, births after issue. Decide
 * must answer all of them with events or a domain error.
 */
const anyDetailFields = {
  form: formArb,
  court: courtArb,
  caseNumber: caseNumberArb,
  issuedAt: isoDateTimeArb(),
  restrainedPerson: restrainedPersonArb(dateOfBirthArb('1900-01-01', '2199-12-31')),
  protectedPersons: protectedPersonsArb(3, dateOfBirthArb('1900-01-01', '2199-12-31')),
  expiration: expirationInputArb,
  hearing: hearingArb(),
  ...commonOptionalFields,
  provisions: anyProvisionsArb(),
  serviceByMailPermitted: fc.boolean(),
  alternativeService: alternativeServiceArb(),
  firearmReviewHearingAt: isoDateTimeArb(),
  registration: registrationArb(),
  retailEstablishment: retailEstablishmentArb,
};

export const anyOrderDetailsArb: fc.Arbitrary<OrderDetails> = fc.record(anyDetailFields, {
  requiredKeys: ['form', 'court', 'caseNumber', 'issuedAt', 'restrainedPerson', 'protectedPersons'],
});

export const anyDraftDetailsArb: fc.Arbitrary<DraftDetails> = fc.record(anyDetailFields, { requiredKeys: [] });

const { form: _f, court: _c, caseNumber: _n, issuedAt: _i, ...changeFields } = anyDetailFields;
export const anyOrderChangesArb: fc.Arbitrary<OrderChanges> = fc.record(changeFields, { requiredKeys: [] });

// ---------------------------------------------------------------- valid per form

/** A day in [from, to] (inclusive), as 'YYYY-MM-DD'. */
export const dayBetween = (from: string, to: string): fc.Arbitrary<string> =>
  fc.integer({ min: dayOfIsoDate(from), max: Math.max(dayOfIsoDate(from), dayOfIsoDate(to)) }).map(isoDateOfDay);

const writtenExpiration = (from: string, to: string): fc.Arbitrary<ExpirationInput> =>
  fc.record({ kind: fc.constant('date' as const), date: dayBetween(from, to) as fc.Arbitrary<OrderDate>, time: localTimeArb }, { requiredKeys: ['kind', 'date'] });

/** The same instant written with another offset, half of the time. */
const reoffset = (iso: IsoDateTime): fc.Arbitrary<IsoDateTime> =>
  fc.oneof(fc.constant(iso), offsetArb.map((o) => formatInstant(Date.parse(iso), o, 'seconds') as IsoDateTime));

/** A hearing on a California wall clock. */
const hearingOn = (date: string, goodCause?: boolean): fc.Arbitrary<Hearing> =>
  fc
    .tuple(localTimeArb, fc.option(fc.string({ maxLength: 12 }), { nil: undefined }))
    .chain(([time, department]) =>
      reoffset(fromCaliforniaLocal(date, time) as IsoDateTime).map((at) => ({
        at,
        ...(goodCause !== undefined ? { goodCause } : {}),
        ...(department !== undefined ? { department } : {}),
      })),
    );

/**
 * The first and last dates an expiration may be written for on `form`, from the rule table
 * (rules/duration-rules.ts); undefined for temporary orders, which last until their hearing.
 * Emergency orders: any day before both the 5th court day and the 7th calendar day. Orders after
 * hearing: above any minimum and within the maximum counted from the issue date (from the hearing
 * where the form counts from it); with no maximum (CR-161), ten years, the longest any criminal
 * order in the table runs.
 */
export const writtenExpirationBounds = (
  form: FormNumber,
  issuedAt: string,
  hearingAt?: string,
): { readonly earliest: string; readonly latest: string } | undefined => {
  const rule = DURATION_RULES[form];
  const issueDate = californiaLocalDate(issuedAt);
  switch (rule.kind) {
    case 'as-registered':
      return { earliest: addDays(issueDate, 1), latest: addYears(issueDate, 10) };
    case 'emergency-court-days':
      return { earliest: addDays(issueDate, 1), latest: addDays(issueDate, Math.min(rule.courtDays, rule.calendarDays) - 1) };
    case 'fixed-days':
      return { earliest: addDays(issueDate, 1), latest: addDays(issueDate, rule.days) };
    case 'until-hearing':
      return undefined;
    case 'after-hearing': {
      const from = rule.defaultFrom === 'hearing' && hearingAt !== undefined ? californiaLocalDate(hearingAt) : issueDate;
      return {
        earliest: rule.minYears !== null ? addYears(issueDate, rule.minYears) : addDays(issueDate, 1),
        latest: rule.maxYears !== null ? addYears(from, rule.maxYears) : addYears(issueDate, 10),
      };
    }
  }
};

/**
 * The stage-specific fields a valid order of `form` issued at `issuedAt` has, following the rule
 * table: emergency orders with or without a written end inside their limit; temporary orders with
 * a hearing within the allowed days and no expiration; orders after hearing with an end inside
 * the bounds, or none when the law sets a default. The hearing of an order after hearing is the
 * one it was made at, on or before the issue date.
 */
export const stageFieldsArb = (form: FormNumber, issuedAt: string): fc.Arbitrary<Pick<OrderDetails, 'expiration' | 'hearing'>> => {
  const rule = DURATION_RULES[form];
  const issueDate = californiaLocalDate(issuedAt);
  const written = (hearingAt?: string): fc.Arbitrary<{ expiration?: ExpirationInput }> => {
    const bounds = writtenExpirationBounds(form, issuedAt, hearingAt);
    if (bounds === undefined) return fc.constant({});
    const expiration = writtenExpiration(bounds.earliest, bounds.latest);
    const required = (rule.kind === 'after-hearing' && rule.defaultYears === null) || rule.kind === 'as-registered';
    return required
      ? expiration.map((e) => ({ expiration: e }))
      : fc.option(expiration, { nil: undefined }).map((e) => (e ? { expiration: e } : {}));
  };
  if (rule.kind === 'until-hearing') {
    return fc
      .boolean()
      .chain((goodCause) =>
        fc
          .integer({ min: 1, max: goodCause ? rule.goodCauseDays : rule.hearingWithinDays })
          .chain((days) => hearingOn(addDays(issueDate, days), goodCause ? true : undefined)),
      )
      .map((hearing) => ({ hearing }));
  }
  if (rule.kind === 'as-registered') {
    // A registered order keeps its own end, or states none.
    return fc.oneof({ weight: 4, arbitrary: written() }, { weight: 1, arbitrary: fc.constant({ expiration: { kind: 'non-expiring' as const } }) });
  }
  if (rule.kind === 'after-hearing') {
    return fc
      .option(fc.integer({ min: 0, max: 10 }), { nil: undefined })
      .chain((daysBefore) => (daysBefore === undefined ? fc.constant(undefined) : hearingOn(addDays(issueDate, -daysBefore))))
      .chain((hearing) => written(hearing?.at).map((w) => ({ ...w, ...(hearing ? { hearing } : {}) })));
  }
  return written();
};

export interface ValidOrderDetailsOptions {
  readonly form?: FormNumber | fc.Arbitrary<FormNumber>;
  /** Issue instant; by default a California wall clock in 1995–2035, DST change days included. */
  readonly issuedAt?: fc.Arbitrary<IsoDateTime>;
  /** Include every field DOJ needs (rules/doj-readiness.ts); otherwise only the registry minimum is sure. */
  readonly completeForDoj?: boolean;
  /** Dates of birth; by default 1920–1994, before every default issue date. */
  readonly dateOfBirth?: fc.Arbitrary<DateOfBirth>;
}

/** Details the registry accepts for an AddOrder decided at or after their issue time. */
export const validOrderDetailsArb = (options: ValidOrderDetailsOptions = {}): fc.Arbitrary<OrderDetails> => {
  const formChoice = options.form === undefined ? formArb : typeof options.form === 'string' ? fc.constant(options.form) : options.form;
  const issued = options.issuedAt ?? californiaInstantArb().chain(reoffset);
  const dob = options.dateOfBirth ?? dateOfBirthArb();
  const complete = options.completeForDoj === true;
  return fc.tuple(formChoice, issued).chain(([form, issuedAt]) =>
    fc
      .tuple(
        fc.record(
          {
            court: courtArb,
            caseNumber: caseNumberArb,
            restrainedPerson: complete ? completeRestrainedPersonArb(dob) : restrainedPersonArb(dob),
            protectedPersons: protectedPersonsArb(3, dob),
            ...commonOptionalFields,
          },
          { requiredKeys: complete ? ['court', 'caseNumber', 'restrainedPerson', 'protectedPersons', 'petitioner', 'pcoCodes'] : ['court', 'caseNumber', 'restrainedPerson', 'protectedPersons'] },
        ),
        stageFieldsArb(form, issuedAt),
        formFieldsArb(form, issuedAt),
      )
      .map(([common, stage, own]): OrderDetails => ({ form, issuedAt, ...common, ...stage, ...own })),
  );
};

/**
 * The fields an order needs or may have because of its form: a registered order's registration
 * (here, registered when issued), a retail-theft order's establishment, the mail permission only
 * on civil orders after hearing (Fam. Code 6384(a)), the court's alternative-service order on
 * civil orders, a firearm review hearing after issue.
 */
export const formFieldsArb = (form: FormNumber, issuedAt: IsoDateTime): fc.Arbitrary<Partial<OrderDetails>> => {
  const info = formInfo(form);
  const issueDate = californiaLocalDate(issuedAt);
  const civil = info.category === 'civil' && info.stage !== 'registered';
  return fc.record(
    {
      ...(info.stage === 'registered' ? { registration: registrationArb(fc.constant(issuedAt)) } : {}),
      ...(info.type === 'RT' ? { retailEstablishment: retailEstablishmentArb } : {}),
      ...(civil && info.stage === 'after-hearing' ? { serviceByMailPermitted: fc.boolean() } : {}),
      ...(civil ? { alternativeService: alternativeServiceArb(dayBetween(addDays(issueDate, -10), issueDate) as fc.Arbitrary<OrderDate>) } : {}),
      firearmReviewHearingAt: dayBetween(addDays(issueDate, 1), addDays(issueDate, 10)).map((d) => fromCaliforniaLocal(d, '08:30') as IsoDateTime),
    },
    { requiredKeys: [...(info.stage === 'registered' ? ['registration' as const] : []), ...(info.type === 'RT' ? ['retailEstablishment' as const] : [])] as never },
  ) as fc.Arbitrary<Partial<OrderDetails>>;
};
