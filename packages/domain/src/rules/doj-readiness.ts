import type { DraftDetails } from '../order/order-details';

/**
 * Fields DOJ needs before an order can be sent to CARPOS (domain-brief §10.2, the Wisconsin list
 * of mandatory entry data forwarded to NCIC; CARPOS's own list is not public, so every row is
 * [U] for CARPOS). A clerk may add an order with only the basics and a sheriff complete the rest
 * (§1.3); until then the gateway holds the order as "awaiting data".
 */
export interface MissingField {
  readonly field: string;
  readonly label: string;
}

interface Requirement extends MissingField {
  readonly present: (d: DraftDetails) => boolean;
}

export const DOJ_REQUIRED_FIELDS: readonly Requirement[] = [
  { field: 'form', label: 'Order form (order type)', present: (d) => d.form !== undefined },
  { field: 'court.ori', label: 'Issuing court ORI', present: (d) => d.court?.ori !== undefined },
  { field: 'caseNumber', label: 'Court case number', present: (d) => d.caseNumber !== undefined },
  { field: 'issuedAt', label: 'Issue date and time', present: (d) => d.issuedAt !== undefined },
  { field: 'restrainedPerson.name', label: 'Restrained person’s name', present: (d) => d.restrainedPerson?.name !== undefined },
  { field: 'restrainedPerson.sex', label: 'Restrained person’s sex', present: (d) => d.restrainedPerson?.sex !== undefined },
  { field: 'restrainedPerson.race', label: 'Restrained person’s race', present: (d) => d.restrainedPerson?.race !== undefined },
  { field: 'restrainedPerson.dateOfBirth', label: 'Restrained person’s date of birth', present: (d) => d.restrainedPerson?.dateOfBirth !== undefined },
  { field: 'restrainedPerson.height', label: 'Restrained person’s height', present: (d) => d.restrainedPerson?.height !== undefined },
  { field: 'restrainedPerson.weight', label: 'Restrained person’s weight', present: (d) => d.restrainedPerson?.weight !== undefined },
  { field: 'restrainedPerson.hair', label: 'Restrained person’s hair colour', present: (d) => d.restrainedPerson?.hair !== undefined },
  { field: 'protectedPersons', label: 'At least one protected person', present: (d) => (d.protectedPersons?.length ?? 0) > 0 },
  { field: 'petitioner', label: 'Petitioner’s name', present: (d) => d.petitioner !== undefined },
  { field: 'pcoCodes', label: 'At least one condition code (PCO)', present: (d) => (d.pcoCodes?.length ?? 0) > 0 },
];

/** The DOJ-required fields this order or draft still lacks, in a fixed order. */
export const missingForDoj = (details: DraftDetails): MissingField[] =>
  DOJ_REQUIRED_FIELDS.filter((r) => !r.present(details)).map(({ field, label }) => ({ field, label }));

/** The fields an order must have before the registry accepts it (less than DOJ needs). */
export const REGISTRY_REQUIRED_FIELDS: readonly Requirement[] = DOJ_REQUIRED_FIELDS.filter((r) =>
  ['form', 'caseNumber', 'issuedAt', 'restrainedPerson.name', 'protectedPersons'].includes(r.field),
).concat([{ field: 'court', label: 'Issuing court (ORI, county and name)', present: (d) => d.court !== undefined }]);

export const missingForRegistry = (details: DraftDetails): MissingField[] =>
  REGISTRY_REQUIRED_FIELDS.filter((r) => !r.present(details)).map(({ field, label }) => ({ field, label }));
