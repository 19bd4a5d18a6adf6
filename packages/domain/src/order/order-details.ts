import * as t from 'io-ts';
import { CaseNumber } from '../value-objects/case-number';
import { CountyCode } from '../value-objects/county';
import { IsoDateTime, OrderDate } from '../value-objects/dates';
import { BradyIndicator } from '../value-objects/ncic-codes';
import { Ori } from '../value-objects/ori';
import { PcoCode } from '../value-objects/pco';
import { FormNumber } from './order-forms';
import { Petitioner, ProtectedPerson, RestrainedPerson } from './parties';
import { Provision } from './provisions';

const Text = (name: string, max: number) => t.refinement(t.string, (s) => s.length <= max, `${name} (at most ${max} characters)`);
const NonEmptyText = (name: string, max: number) =>
  t.refinement(t.string, (s) => s.trim().length > 0 && s.length <= max, `${name} (1–${max} characters)`);

export const Court = t.intersection(
  [t.type({ ori: Ori, county: CountyCode, name: NonEmptyText('court name', 120) }), t.partial({ department: Text('department', 40) })],
  'Court',
);
export type Court = t.TypeOf<typeof Court>;

export const LocalTime = t.refinement(t.string, (s) => /^([01]\d|2[0-3]):[0-5]\d$/.test(s), 'LocalTime (HH:MM, California time)');

/**
 * The expiration written on the order, in California local time. Without a time the order ends
 * at the end of that day (JV-255 item 3's "no time → midnight", applied to every form [I];
 * docs/law/durations.md). `non-expiring` exists only for renewals the law allows to be permanent
 * (Fam. Code 6345(a)) and for registered orders of other jurisdictions that state no end.
 */
export const ExpirationInput = t.union(
  [
    t.intersection([t.type({ kind: t.literal('date'), date: OrderDate }), t.partial({ time: LocalTime })]),
    t.type({ kind: t.literal('non-expiring') }),
  ],
  'ExpirationInput',
);
export type ExpirationInput = t.TypeOf<typeof ExpirationInput>;

/** The hearing a temporary order lasts until; `goodCause` allows 25 instead of 21 days (AB 1596). */
export const Hearing = t.intersection([t.type({ at: IsoDateTime }), t.partial({ goodCause: t.boolean, department: t.string })], 'Hearing');
export type Hearing = t.TypeOf<typeof Hearing>;

export const MediaType = t.keyof({ 'application/pdf': null, 'image/tiff': null }, 'MediaType');

/** A reference to a stored image of the signed order (or its proof of service); bytes live in the image store. */
export const ImageRef = t.intersection(
  [
    t.type({
      sha256: t.refinement(t.string, (s) => /^[0-9a-f]{64}$/.test(s), 'sha256 (64 lower-case hex digits)'),
      mediaType: MediaType,
      pages: t.refinement(t.Int, (n) => n >= 1, 'page count ≥ 1'),
      bytes: t.refinement(t.Int, (n) => n >= 1, 'size in bytes ≥ 1'),
      kind: t.keyof({ order: null, 'proof-of-service': null, other: null }),
    }),
    t.partial({ fileName: Text('file name', 255) }),
  ],
  'ImageRef',
);
export type ImageRef = t.TypeOf<typeof ImageRef>;

/**
 * The court's order allowing service by another method than personal delivery (CCP 527.6(m)(2);
 * the forms' orders on a request to serve by another method; docs/law/service.md).
 */
export const AlternativeServiceOrder = t.type(
  { orderedOn: OrderDate, method: NonEmptyText('method the court ordered', 200) },
  'AlternativeServiceOrder',
);
export type AlternativeServiceOrder = t.TypeOf<typeof AlternativeServiceOrder>;

/**
 * Where a registered order comes from (Fam. Code 6404 for other states and tribes, 6454 for
 * Canada): the issuing jurisdiction, its court and case, and when the order was registered here.
 * The order keeps that jurisdiction's terms and end (docs/law/order-types.md).
 */
export const Registration = t.intersection(
  [
    t.type({
      registeredAt: IsoDateTime,
      jurisdiction: t.type({
        kind: t.keyof({ state: null, tribe: null, territory: null, canada: null }),
        name: NonEmptyText('jurisdiction name', 80),
      }),
      issuingCourt: NonEmptyText('issuing court', 120),
      foreignCaseNumber: NonEmptyText('case number of the issuing court', 40),
    }),
    t.partial({ foreignStage: t.keyof({ emergency: null, temporary: null, final: null }) }),
  ],
  'Registration',
);
export type Registration = t.TypeOf<typeof Registration>;

/** The retail establishment a retail-theft order keeps the restrained person out of (Pen. Code 490.8). */
export const RetailEstablishment = t.intersection(
  [
    t.type({ name: NonEmptyText('establishment name', 120), address: NonEmptyText('establishment address', 200) }),
    t.partial({
      /** The order also covers the establishment's other franchise or chain locations it names. */
      otherLocations: Text('other locations', 1000),
    }),
  ],
  'RetailEstablishment',
);
export type RetailEstablishment = t.TypeOf<typeof RetailEstablishment>;

/**
 * Fields that every added order must have (the registry's minimum, not DOJ's: see
 * rules/doj-readiness.ts). An order protects at least one person, except a retail-theft order,
 * which protects an establishment (checked with the registry minimum, not by the codec).
 */
const requiredProps = {
  form: FormNumber,
  court: Court,
  caseNumber: CaseNumber,
  issuedAt: IsoDateTime,
  restrainedPerson: RestrainedPerson,
  protectedPersons: t.refinement(t.array(ProtectedPerson), (a) => a.length <= 20, 'at most twenty protected persons'),
};

const optionalProps = {
  judicialOfficer: NonEmptyText('judicial officer', 80),
  expiration: ExpirationInput,
  hearing: Hearing,
  petitioner: Petitioner,
  provisions: t.array(Provision),
  pcoCodes: t.array(PcoCode),
  /** The judge's terms and notes as free text; travels to CARPOS in the MIS field. */
  terms: Text('terms', 4000),
  sealed: t.boolean,
  brady: BradyIndicator,
  /**
   * The order's face says it may be served by first-class mail: the temporary or emergency
   * order was personally served, the restrained person did not appear, and the terms are the
   * same except for the end (Fam. Code 6384(a)). Never on a criminal protective order.
   */
  serviceByMailPermitted: t.boolean,
  /** The court ordered service by another method (CCP 527.6(m)(2)). */
  alternativeService: AlternativeServiceOrder,
  /** The firearm relinquishment review hearing the court set (CRC 4.700; docs/law/firearms.md). */
  firearmReviewHearingAt: IsoDateTime,
  /** For a registered order of another jurisdiction (DV-600, Canadian orders). */
  registration: Registration,
  /** For a retail-theft order (Pen. Code 490.8). */
  retailEstablishment: RetailEstablishment,
  /** Agency case number (NCIC OCA) when it differs from the court case number. */
  agencyCaseNumber: NonEmptyText('agency case number', 20),
  /** Agencies that may act on the order besides the entering one, e.g. the sheriff completing DOJ fields. */
  assignedAgencies: t.array(Ori),
};

export const OrderDetails = t.intersection([t.type(requiredProps), t.partial(optionalProps)], 'OrderDetails');
export type OrderDetails = t.TypeOf<typeof OrderDetails>;

/** A draft may hold any subset of the details, each validated when present (image first, data second). */
export const DraftDetails = t.partial({ ...requiredProps, ...optionalProps }, 'DraftDetails');
export type DraftDetails = t.TypeOf<typeof DraftDetails>;

/** What a modification may change: terms, descriptors, parties, flags and agencies; never the form, court or case. */
export const OrderChanges = t.partial(
  {
    judicialOfficer: optionalProps.judicialOfficer,
    expiration: ExpirationInput,
    hearing: Hearing,
    restrainedPerson: RestrainedPerson,
    protectedPersons: requiredProps.protectedPersons,
    petitioner: Petitioner,
    provisions: optionalProps.provisions,
    pcoCodes: optionalProps.pcoCodes,
    terms: optionalProps.terms,
    sealed: t.boolean,
    brady: BradyIndicator,
    serviceByMailPermitted: t.boolean,
    alternativeService: AlternativeServiceOrder,
    firearmReviewHearingAt: IsoDateTime,
    registration: Registration,
    retailEstablishment: RetailEstablishment,
    agencyCaseNumber: optionalProps.agencyCaseNumber,
    assignedAgencies: optionalProps.assignedAgencies,
  },
  'OrderChanges',
);
export type OrderChanges = t.TypeOf<typeof OrderChanges>;
