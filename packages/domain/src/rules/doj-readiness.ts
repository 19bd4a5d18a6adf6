import type { DraftDetails } from '../order/order-details';
import { formInfo, type OrderType } from '../order/order-forms';
import { LAW_DOCS } from './law-docs';

/**
 * Fields DOJ needs before an order can be sent to CARPOS (docs/law/doj-deadlines.md). The core is
 * the mandatory entry data NCIC's Protection Order File takes (court, case, order type, dates,
 * the restrained person's descriptors, the protected person); CARPOS's own list is not public,
 * so every row is [U] for CARPOS (`verified: false`). A clerk may add an order with only the
 * basics and a sheriff complete the rest; until then the gateway holds the order as "awaiting
 * data". Rows with `appliesTo` are needed only for those order types (Fam. Code 6380(b): CARPOS
 * holds registered and retail-theft orders too).
 */
export interface MissingField {
  readonly field: string;
  readonly label: string;
}

interface Requirement extends MissingField {
  readonly present: (d: DraftDetails) => boolean;
  /** Only for these order types; absent: every order. */
  readonly appliesTo?: readonly OrderType[];
  /** Not for these order types. */
  readonly exceptFor?: readonly OrderType[];
  readonly source: string;
  readonly verified: boolean;
}

const NCIC = `NCIC Protection Order File mandatory entry data, as CARPOS is presumed to need it [U]; ${LAW_DOCS.dojDeadlines}`;
const REGISTERED: readonly OrderType[] = ['OOS', 'CAN'];

export const DOJ_REQUIRED_FIELDS: readonly Requirement[] = [
  { field: 'form', label: 'Order form (order type)', present: (d) => d.form !== undefined, source: NCIC, verified: false },
  { field: 'court.ori', label: 'Issuing court ORI', present: (d) => d.court?.ori !== undefined, source: NCIC, verified: false },
  { field: 'caseNumber', label: 'Court case number', present: (d) => d.caseNumber !== undefined, source: NCIC, verified: false },
  { field: 'issuedAt', label: 'Issue date and time', present: (d) => d.issuedAt !== undefined, source: NCIC, verified: false },
  { field: 'restrainedPerson.name', label: 'Restrained person’s name', present: (d) => d.restrainedPerson?.name !== undefined, source: NCIC, verified: false },
  { field: 'restrainedPerson.sex', label: 'Restrained person’s sex', present: (d) => d.restrainedPerson?.sex !== undefined, source: NCIC, verified: false },
  { field: 'restrainedPerson.race', label: 'Restrained person’s race', present: (d) => d.restrainedPerson?.race !== undefined, source: NCIC, verified: false },
  { field: 'restrainedPerson.dateOfBirth', label: 'Restrained person’s date of birth', present: (d) => d.restrainedPerson?.dateOfBirth !== undefined, source: NCIC, verified: false },
  { field: 'restrainedPerson.height', label: 'Restrained person’s height', present: (d) => d.restrainedPerson?.height !== undefined, source: NCIC, verified: false },
  { field: 'restrainedPerson.weight', label: 'Restrained person’s weight', present: (d) => d.restrainedPerson?.weight !== undefined, source: NCIC, verified: false },
  { field: 'restrainedPerson.hair', label: 'Restrained person’s hair colour', present: (d) => d.restrainedPerson?.hair !== undefined, source: NCIC, verified: false },
  { field: 'protectedPersons', label: 'At least one protected person', present: (d) => (d.protectedPersons?.length ?? 0) > 0, exceptFor: ['RT'], source: NCIC, verified: false },
  { field: 'petitioner', label: 'Petitioner’s name', present: (d) => d.petitioner !== undefined, source: NCIC, verified: false },
  { field: 'pcoCodes', label: 'At least one condition code (PCO)', present: (d) => (d.pcoCodes?.length ?? 0) > 0, source: NCIC, verified: false },
  {
    field: 'registration',
    label: 'Issuing jurisdiction, its court and case number, and the registration date',
    present: (d) => d.registration !== undefined,
    appliesTo: REGISTERED,
    source: `Fam. Code 6404 (out-of-state and tribal orders), 6454 (Canadian orders): CARPOS records where a registered order comes from [U]; ${LAW_DOCS.orderTypes}`,
    verified: false,
  },
  {
    field: 'retailEstablishment',
    label: 'Retail establishment the order protects (name and address)',
    present: (d) => d.retailEstablishment !== undefined,
    appliesTo: ['RT'],
    source: `Pen. Code 490.8 (the order keeps the restrained person out of the named establishment) [U for the CARPOS field]; ${LAW_DOCS.orderTypes}`,
    verified: false,
  },
];

const applies = (r: Requirement, d: DraftDetails): boolean => {
  const type = d.form === undefined ? undefined : formInfo(d.form).type;
  if (r.appliesTo !== undefined) return type !== undefined && r.appliesTo.includes(type);
  if (r.exceptFor !== undefined) return type === undefined || !r.exceptFor.includes(type);
  return true;
};

const missing = (rows: readonly Requirement[], details: DraftDetails): MissingField[] =>
  rows.filter((r) => applies(r, details) && !r.present(details)).map(({ field, label }) => ({ field, label }));

/** The DOJ-required fields this order or draft still lacks, in a fixed order. */
export const missingForDoj = (details: DraftDetails): MissingField[] => missing(DOJ_REQUIRED_FIELDS, details);

/**
 * The fields an order must have before the registry accepts it (less than DOJ needs): what it
 * is, where and when it was issued, whom it restrains and whom (or, for a retail-theft order,
 * which establishment) it protects, and for a registered order where it comes from.
 */
export const REGISTRY_REQUIRED_FIELDS: readonly Requirement[] = DOJ_REQUIRED_FIELDS.filter((r) =>
  ['form', 'caseNumber', 'issuedAt', 'restrainedPerson.name', 'protectedPersons', 'registration', 'retailEstablishment'].includes(r.field),
).concat([{ field: 'court', label: 'Issuing court (ORI, county and name)', present: (d) => d.court !== undefined, source: 'registry minimum', verified: true }]);

export const missingForRegistry = (details: DraftDetails): MissingField[] => missing(REGISTRY_REQUIRED_FIELDS, details);
