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
 * at the end of that day (JV-255's "no time → midnight", applied to every form [I]).
 * `non-expiring` exists only for renewals the law allows to be permanent (Fam. Code 6345).
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

/** Fields that every added order must have (the registry's minimum, not DOJ's: see readiness.ts). */
const requiredProps = {
  form: FormNumber,
  court: Court,
  caseNumber: CaseNumber,
  issuedAt: IsoDateTime,
  restrainedPerson: RestrainedPerson,
  protectedPersons: t.refinement(t.array(ProtectedPerson), (a) => a.length >= 1 && a.length <= 20, 'one to twenty protected persons'),
};

const optionalProps = {
  judicialOfficer: NonEmptyText('judicial officer', 80),
  expiration: ExpirationInput,
  hearing: Hearing,
  petitioner: Petitioner,
  provisions: t.array(Provision),
  pcoCodes: t.array(PcoCode),
  /** The judge's terms and notes as free text; travels to CARPOS in MIS (domain-brief §4). */
  terms: Text('terms', 4000),
  sealed: t.boolean,
  brady: BradyIndicator,
  /** The order's face allows service by first-class mail (Fam. Code 6384). */
  serviceByMailPermitted: t.boolean,
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
    agencyCaseNumber: optionalProps.agencyCaseNumber,
    assignedAgencies: optionalProps.assignedAgencies,
  },
  'OrderChanges',
);
export type OrderChanges = t.TypeOf<typeof OrderChanges>;
