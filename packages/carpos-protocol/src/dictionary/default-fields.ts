import { type FieldDefinition } from './dictionary-codec';
import { PROJECT_CHOICE, UNCONFIRMED_CANDIDATE, NIEM_NCIC_501, NIEM_NCIC_2000 } from '../code-tables/sources';

const candidate = (note?: string): { verified: false; source: string } => ({
  verified: false,
  source: note === undefined ? UNCONFIRMED_CANDIDATE : `${UNCONFIRMED_CANDIDATE}; ${note}`,
});

const projectChoice = (note: string): { verified: false; source: string } => ({ verified: false, source: `${PROJECT_CHOICE}; ${note}` });

const LASD_POS = 'LASD manual 5-09/040.06';

const one = { maxRepeats: 1 } as const;

/** Field definitions of the default dictionary, by field code. */
export const defaultFields: Readonly<Record<string, FieldDefinition>> = {
  // Envelope and identity
  ORI: { name: 'Originating agency identifier', type: 'mask', mask: 'AAXXXXXXX', minLength: 9, maxLength: 9, ...one, ...candidate('9 characters, a 2-letter state code plus 7 [U]') },
  OCA: { name: 'Originating agency case number', type: 'alphanumeric', minLength: 1, maxLength: 20, ...one, ...candidate() },
  FCN: {
    name: 'File control number (CARPOS record)',
    type: 'numeric',
    minLength: 13,
    maxLength: 13,
    ...one,
    ...candidate('format [S]: 13 digits, the first 3 identify the entering agency (LASD directive 08-002); the field code is [U]'),
  },
  NIC: {
    name: 'NCIC record number',
    type: 'mask',
    mask: 'A999999999',
    minLength: 10,
    maxLength: 10,
    ...one,
    ...candidate('format [S]: one letter and nine digits, self-checking (NIEM justice.xsd ItemNCICIdentification); the field code and the check scheme are [U]'),
  },

  // Restrained person
  NAM: { name: 'Restrained person name', type: 'name', minLength: 3, maxLength: 30, ...one, ...candidate('LAST,FIRST MIDDLE as in other NCIC files; length 30 assumed') },
  SEX: { name: 'Restrained person sex', type: 'code', table: 'SEX', minLength: 1, maxLength: 1, ...one, ...candidate(`table [S] ${NIEM_NCIC_501}`) },
  RAC: { name: 'Restrained person race', type: 'code', table: 'RACE', minLength: 1, maxLength: 1, ...one, ...candidate(`table [S] ${NIEM_NCIC_501}`) },
  ETN: { name: 'Restrained person ethnicity', type: 'code', table: 'ETN', minLength: 1, maxLength: 1, ...one, ...candidate(`table [S] ${NIEM_NCIC_501}`) },
  DOB: { name: 'Restrained person date of birth', type: 'date', minLength: 8, maxLength: 8, ...one, ...candidate() },
  HGT: { name: 'Restrained person height (feet, inches)', type: 'height', minLength: 3, maxLength: 3, ...one, ...candidate('3 digits, feet then inches, e.g. 510') },
  WGT: { name: 'Restrained person weight (pounds)', type: 'numeric', minLength: 3, maxLength: 3, ...one, ...candidate('3 digits, pounds') },
  EYE: { name: 'Restrained person eye colour', type: 'code', table: 'EYE', minLength: 3, maxLength: 3, ...one, ...candidate(`table [S] ${NIEM_NCIC_501}`) },
  HAI: { name: 'Restrained person hair colour', type: 'code', table: 'HAIR', minLength: 3, maxLength: 3, ...one, ...candidate(`table [S] ${NIEM_NCIC_501}`) },
  SKN: { name: 'Restrained person skin tone', type: 'code', table: 'SKIN', minLength: 3, maxLength: 3, ...one, ...candidate(`table [S] ${NIEM_NCIC_501}`) },
  OLN: { name: "Restrained person operator's licence number", type: 'alphanumeric', minLength: 1, maxLength: 20, ...one, ...candidate() },
  OLS: { name: "Restrained person operator's licence state", type: 'code', table: 'STATE', minLength: 2, maxLength: 2, ...one, ...candidate(`table [S] ${NIEM_NCIC_501}`) },

  // Order
  PNO: { name: 'Protection order number (court case number)', type: 'alphanumeric', minLength: 1, maxLength: 20, ...one, ...candidate() },
  CTI: { name: 'Issuing court ORI', type: 'mask', mask: 'AAXXXXXXX', minLength: 9, maxLength: 9, ...one, ...candidate('an ORI, see ORI') },
  ISD: { name: 'Date the order was issued', type: 'date', minLength: 8, maxLength: 8, ...one, ...candidate() },
  EXP: {
    name: 'Date the order expires',
    type: 'date',
    minLength: 8,
    maxLength: 8,
    literals: ['NONEXP'],
    ...one,
    ...candidate('a date or a literal meaning non-expiring; the literal NONEXP is a guess'),
  },
  BRD: { name: 'Brady indicator (order qualifies for the federal firearm prohibition)', type: 'code', table: 'YES_NO', minLength: 1, maxLength: 1, ...one, ...candidate() },
  PCO: {
    name: 'Protection order conditions',
    type: 'code',
    table: 'PCO',
    minLength: 2,
    maxLength: 2,
    maxRepeats: 9,
    verified: true,
    source: `[S] OASIS ECF 5.0 model (PCO, repeatable) and ${NIEM_NCIC_2000}; the limit of 9 repeats (one per condition) is [I]`,
  },
  MIS: {
    name: 'Miscellaneous: the terms of the order in words',
    type: 'text',
    minLength: 1,
    maxLength: 500,
    ...one,
    ...candidate(`order terms travel in MIS [S] (${LASD_POS}); the limit of 500 characters ("several hundred") is [U]`),
  },

  // Protected person
  PPN: { name: 'Protected person name', type: 'name', minLength: 3, maxLength: 30, ...one, ...candidate() },
  PSX: { name: 'Protected person sex', type: 'code', table: 'SEX', minLength: 1, maxLength: 1, ...one, verified: true, source: `[S] ${NIEM_NCIC_501} (SEXCodeSimpleType names PSX)` },
  PPR: { name: 'Protected person race', type: 'code', table: 'RACE', minLength: 1, maxLength: 1, ...one, verified: true, source: `[S] ${NIEM_NCIC_501} (RACECodeSimpleType names PPR)` },
  PPB: { name: 'Protected person date of birth', type: 'date', minLength: 8, maxLength: 8, ...one, ...candidate() },

  // Proof of service: the data is mandatory [S]; the codes are guesses.
  SDT: { name: 'Date served', type: 'date', minLength: 8, maxLength: 8, ...one, ...candidate(`date served is mandatory proof-of-service data [S] (${LASD_POS})`) },
  STM: { name: 'Time served (24-hour HHMM)', type: 'time', minLength: 4, maxLength: 4, ...one, ...candidate(`time served is mandatory proof-of-service data [S] (${LASD_POS})`) },
  SBY: { name: 'Served by (name of the person who served)', type: 'name', minLength: 3, maxLength: 30, ...one, ...candidate(`served-by name is mandatory proof-of-service data [S] (${LASD_POS})`) },
  SAG: { name: 'Serving agency ORI', type: 'mask', mask: 'AAXXXXXXX', minLength: 9, maxLength: 9, ...one, ...candidate(`serving agency is mandatory proof-of-service data [S] (${LASD_POS})`) },
  SVM: { name: 'Service method', type: 'code', table: 'SERVICE_METHOD', minLength: 1, maxLength: 1, ...one, ...projectChoice('service methods of the registry (docs/law/service.md)') },

  // Clear
  CLD: { name: 'Date the record was cleared', type: 'date', minLength: 8, maxLength: 8, ...one, ...candidate() },

  // Responses
  MRI: { name: 'Message reference: frame message id of the request answered', type: 'mask', mask: 'XXXXXXXX', minLength: 8, maxLength: 8, ...one, ...projectChoice('ties a response to its request') },
  ERF: { name: 'Field in error', type: 'alphanumeric', minLength: 1, maxLength: 8, ...one, ...projectChoice('rejects are thought to name the offending field [U]') },
  ERC: { name: 'Reject reason', type: 'code', table: 'REJECT_REASON', minLength: 3, maxLength: 3, ...one, ...projectChoice('reject reason codes') },
  ERM: { name: 'Reject explanation', type: 'text', minLength: 1, maxLength: 200, ...one, ...projectChoice('reject text') },
  HCT: { name: 'Number of hits in this page of the answer', type: 'numeric', minLength: 1, maxLength: 3, ...one, ...projectChoice('one hit message per record') },
  HSQ: { name: 'Sequence number of this hit within its page (1 to HCT)', type: 'numeric', minLength: 1, maxLength: 3, ...one, ...projectChoice('one hit message per record') },
  STS: { name: 'Record status', type: 'code', table: 'RECORD_STATUS', minLength: 1, maxLength: 1, ...one, ...projectChoice('status shown with a hit') },
  NTY: { name: 'Notification type', type: 'code', table: 'NOTIFICATION_TYPE', minLength: 3, maxLength: 3, ...one, ...projectChoice('unsolicited notification') },

  // Queries and their answers: DOJ's own record facts, and paging
  DTE: { name: 'Date DOJ entered the record', type: 'date', minLength: 8, maxLength: 8, ...one, ...candidate('NCIC records show a date of entry; the code DTE is a guess') },
  DLU: { name: 'Date DOJ last updated the record', type: 'date', minLength: 8, maxLength: 8, ...one, ...candidate('NCIC records show a date of last update; the code DLU is a guess') },
  EAG: { name: 'Entering agency ORI (the agency that owns the CARPOS record)', type: 'mask', mask: 'AAXXXXXXX', minLength: 9, maxLength: 9, ...one, ...projectChoice('a hit names the record owner; the envelope ORI is the requester') },
  TOT: { name: 'Number of records the query matched, over all pages', type: 'numeric', minLength: 1, maxLength: 6, ...one, ...projectChoice('paging of large answers') },
  PGS: { name: 'Records wanted per page of the answer (DOJ may send fewer)', type: 'numeric', minLength: 1, maxLength: 3, ...one, ...projectChoice('paging of large answers') },
  CTK: {
    name: 'Continuation token: in a hit, more records follow (send it back to get the next page); in a query, where to continue',
    type: 'alphanumeric',
    minLength: 1,
    maxLength: 20,
    ...one,
    ...projectChoice('paging of large answers; opaque to the requester'),
  },
};
