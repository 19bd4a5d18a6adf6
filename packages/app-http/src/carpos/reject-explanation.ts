import { defaultDictionary, fieldValue, MessageC, type Dictionary } from '@ccpor/carpos-protocol';

/**
 * DOJ's reject in words a clerk can act on, next to the registry field it concerns. A reject
 * names its reason (ERC, a code table of the dictionary), the CARPOS field in error (ERF) and
 * DOJ's own text (ERM); the registry field is where order-message.ts takes that CARPOS field
 * from, so the correction goes to the right place in the order.
 */
export interface RejectExplanation {
  readonly reasonCode: string;
  /** The reason code in words, from the dictionary's reject-reason table. */
  readonly reason: string;
  /** DOJ's own message (ERM), as it sent it. */
  readonly message?: string;
  /** The CARPOS field DOJ named (ERF), and its name in the dictionary. */
  readonly carposField?: string;
  readonly carposFieldName?: string;
  /** The registry's field it is built from (a path of the order's details, as the entry form names it). */
  readonly field?: string;
}

/** The inverse of `orderRecordFields` (adapters, order-message.ts): CARPOS field → the order detail it carries. */
const REGISTRY_FIELD: Readonly<Record<string, string>> = {
  NAM: 'restrainedPerson.name',
  SEX: 'restrainedPerson.sex',
  RAC: 'restrainedPerson.race',
  DOB: 'restrainedPerson.dateOfBirth',
  HGT: 'restrainedPerson.height',
  WGT: 'restrainedPerson.weight',
  EYE: 'restrainedPerson.eyes',
  HAI: 'restrainedPerson.hair',
  OCA: 'agencyCaseNumber',
  PNO: 'caseNumber',
  CTI: 'court.ori',
  ISD: 'issuedAt',
  EXP: 'expiresAt',
  BRD: 'brady',
  PCO: 'pcoCodes',
  PPN: 'protectedPersons.0.name',
  PSX: 'protectedPersons.0.sex',
  PPR: 'protectedPersons.0.race',
  PPB: 'protectedPersons.0.dateOfBirth',
  MIS: 'terms',
};

const sentence = (upper: string): string => {
  const lower = upper.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
};

export const explainReject = (response: unknown, dictionary: Dictionary = defaultDictionary): RejectExplanation | undefined => {
  const decoded = MessageC.decode(response);
  if (decoded._tag === 'Left') return undefined;
  const message = decoded.right;
  const reasonCode = fieldValue(message, 'ERC') ?? 'REJ';
  const meaning = dictionary.codeTables.REJECT_REASON?.values.find((v) => v.code === reasonCode)?.meaning;
  const text = fieldValue(message, 'ERM');
  const carposField = fieldValue(message, 'ERF');
  const carposFieldName = carposField === undefined ? undefined : dictionary.fields[carposField]?.name;
  const field = carposField === undefined ? undefined : REGISTRY_FIELD[carposField];
  return {
    reasonCode,
    reason: meaning === undefined ? `DOJ refused the message (${reasonCode})` : sentence(meaning),
    ...(text !== undefined ? { message: text } : {}),
    ...(carposField !== undefined ? { carposField } : {}),
    ...(carposFieldName !== undefined ? { carposFieldName } : {}),
    ...(field !== undefined ? { field } : {}),
  };
};
