import { type Message, type MessageField } from '@ccpor/carpos-protocol';
import { formInfo, type IssuedOrder, type ServiceMethod, type ServiceRecord } from '@ccpor/domain';
import { type CarposMessageKeys } from './carpos-settings';
import {
  carposAlphanumeric,
  carposDate,
  carposDateOfInstant,
  carposName,
  carposNameFromText,
  carposText,
  carposTimeOfInstant,
} from './carpos-values';

/** MIS holds the order's terms in words (the CARPOS Miscellaneous field); 500 is the default dictionary's limit. */
const MIS_LIMIT = 500;

/**
 * What CARPOS must know about an order that its fields do not carry, put before the terms in MIS
 * [U: the dictionary has no fields for them]: where a registered order comes from (Fam. Code 6404,
 * 6454), and the establishment a retail-theft order protects (Pen. Code 490.8).
 */
const misPreamble = (order: IssuedOrder): string | undefined => {
  const { registration, retailEstablishment } = order.details;
  const parts = [
    ...(registration !== undefined
      ? [`REGISTERED ORDER OF ${registration.jurisdiction.name}, ${registration.issuingCourt}, CASE ${registration.foreignCaseNumber}`]
      : []),
    ...(retailEstablishment !== undefined ? [`PROTECTED ESTABLISHMENT ${retailEstablishment.name}, ${retailEstablishment.address}`] : []),
  ];
  return parts.length === 0 ? undefined : parts.join('. ');
};

const misText = (order: IssuedOrder): string | undefined => {
  const text = [misPreamble(order), order.details.terms].filter((x): x is string => x !== undefined && x.length > 0).join('. ');
  return text.length === 0 ? undefined : text;
};

const field = (code: string, value: string | undefined): MessageField[] =>
  value === undefined || value.length === 0 ? [] : [{ code, values: [value] }];

/** The expiry as CARPOS EXP: the California date, or the dictionary's literal for "never". */
const expiry = (expiresAt: string | null): string => (expiresAt === null ? 'NONEXP' : carposDateOfInstant(expiresAt));

/**
 * Every field CARPOS keeps about the order itself, from the order as it stands now. An enter
 * carries them all; a modify carries them all too (MPO replaces each field it carries), so a
 * modify is correct whatever earlier modifies DOJ did or did not apply.
 */
export const orderRecordFields = (order: IssuedOrder): MessageField[] => {
  const { details } = order;
  const restrained = details.restrainedPerson;
  const protectedPerson = details.protectedPersons[0];
  return [
    ...field('NAM', carposName(restrained.name)),
    ...field('SEX', restrained.sex),
    ...field('RAC', restrained.race),
    ...field('DOB', restrained.dateOfBirth === undefined ? undefined : carposDate(restrained.dateOfBirth)),
    ...field('HGT', restrained.height),
    ...field('WGT', restrained.weight),
    ...field('EYE', restrained.eyes),
    ...field('HAI', restrained.hair),
    ...field('OCA', carposAlphanumeric(details.agencyCaseNumber ?? details.caseNumber)),
    ...field('PNO', carposAlphanumeric(details.caseNumber)),
    ...field('CTI', details.court.ori),
    ...field('ISD', carposDateOfInstant(details.issuedAt)),
    ...field('EXP', expiry(order.expiresAt)),
    // The BRD table has Y and N only; "unknown" is sent as no value.
    ...field('BRD', details.brady === 'Y' || details.brady === 'N' ? details.brady : undefined),
    ...((details.pcoCodes ?? []).length > 0 ? [{ code: 'PCO', values: [...new Set(details.pcoCodes)].sort() }] : []),
    ...field('PPN', protectedPerson === undefined ? undefined : carposName(protectedPerson.name)),
    ...field('PSX', protectedPerson?.sex),
    ...field('PPR', protectedPerson?.race),
    ...field('PPB', protectedPerson?.dateOfBirth === undefined ? undefined : carposDate(protectedPerson.dateOfBirth)),
    ...field('MIS', misText(order) === undefined ? undefined : carposText(misText(order)!, MIS_LIMIT)),
  ];
};

/**
 * Temporary and emergency orders go in with the temporary-order key; orders after hearing with the
 * other. A registered order of another jurisdiction goes in as its own stage: a final order (or
 * one whose stage was not recorded) with the final key [U: how CARPOS keys registered orders].
 */
export const enterKey = (order: IssuedOrder, keys: CarposMessageKeys): string => {
  const stage = formInfo(order.details.form).stage;
  if (stage === 'registered') return order.details.registration?.foreignStage === 'temporary' || order.details.registration?.foreignStage === 'emergency' ? keys.enterTemporary : keys.enter;
  return stage === 'after-hearing' ? keys.enter : keys.enterTemporary;
};

export const enterMessage = (order: IssuedOrder, submitterOri: string, keys: CarposMessageKeys): Message => ({
  key: enterKey(order, keys),
  ori: submitterOri,
  fields: orderRecordFields(order),
});

export const modifyMessage = (order: IssuedOrder, submitterOri: string, keys: CarposMessageKeys): Message => ({
  key: keys.modify,
  ori: submitterOri,
  fields: orderRecordFields(order),
});

/**
 * SVM codes of the default dictionary's service-method table (a project placeholder [U]): a
 * copy handed over, by anyone or an officer, is personal service; an officer's verbal notice
 * (Fam. Code 6383(e)) is V; a court-ordered method A (docs/law/service.md).
 */
const SERVICE_METHOD: Readonly<Record<ServiceMethod, string>> = {
  personal: 'P',
  'by-officer': 'P',
  'officer-verbal-notice': 'V',
  'present-in-court': 'C',
  mail: 'M',
  'court-ordered-alternative': 'A',
};

/**
 * Which CLETS screen the proof of service stands for (LASD manual 5-09/040.06; docs/carpos-and-ncic.md): ROS5 when the agency
 * that entered the CARPOS record serves it (it marks its own record served), ROS4 when another
 * agency served it. The CARPOS record's entering agency is the submitter, not necessarily the
 * agency that added the order to the registry.
 */
export type ServiceScreen = 'ROS4' | 'ROS5';

export const serviceScreen = (service: ServiceRecord, carposEnteringOri: string): ServiceScreen =>
  service.servingAgencyOri === carposEnteringOri ? 'ROS5' : 'ROS4';

/**
 * Proof of service. Under ROS5 the transaction goes out under the entering agency's ORI; under
 * ROS4 under the serving agency's, as that agency would key it at its own terminal. The record
 * number (FCN/NIC) is added when it is sent, once DOJ has given it.
 */
export const serviceMessage = (order: IssuedOrder, service: ServiceRecord, carposEnteringOri: string, keys: CarposMessageKeys): Message => ({
  key: keys.service,
  ori: serviceScreen(service, carposEnteringOri) === 'ROS5' ? carposEnteringOri : service.servingAgencyOri,
  fields: [
    ...field('NAM', carposName(order.details.restrainedPerson.name)),
    ...field('SBY', carposNameFromText(service.servedBy.name)),
    ...field('SDT', carposDateOfInstant(service.servedAt)),
    ...field('STM', carposTimeOfInstant(service.servedAt)),
    ...field('SAG', service.servingAgencyOri),
    ...field('SVM', SERVICE_METHOD[service.method]),
    ...field('OCA', carposAlphanumeric(order.details.agencyCaseNumber ?? order.details.caseNumber)),
  ],
});

/**
 * How a cancellation in the registry maps to CARPOS [U] (the candidate keys of docs/carpos-and-ncic.md: XPO "cancel:
 * entered in error, or order vacated" and CPO "clear: order ended before EXP"):
 * - entered in error → cancel (the record should never have existed);
 * - terminated by the court, superseded by another order, other → clear (the order was real
 *   and has ended; the clear date is the day it was canceled).
 */
export const retireTransaction = (reason: string): 'cancel' | 'clear' => (reason === 'entered-in-error' ? 'cancel' : 'clear');

export const retireMessage = (
  order: IssuedOrder,
  transaction: 'cancel' | 'clear',
  canceledAt: string,
  submitterOri: string,
  keys: CarposMessageKeys,
  note?: string,
): Message => ({
  key: transaction === 'cancel' ? keys.cancel : keys.clear,
  ori: submitterOri,
  fields: [
    ...(transaction === 'clear' ? field('CLD', carposDateOfInstant(canceledAt)) : []),
    ...field('OCA', carposAlphanumeric(order.details.agencyCaseNumber ?? order.details.caseNumber)),
    ...field('MIS', note === undefined ? undefined : carposText(note, MIS_LIMIT)),
  ],
});

/** The record numbers DOJ gave, put first as the default dictionary lists them. */
export const withRecordNumbers = (message: Message, fcn: string, nic: string | undefined): Message => ({
  ...message,
  fields: [{ code: 'FCN', values: [fcn] }, ...(nic === undefined ? [] : [{ code: 'NIC', values: [nic] }]), ...message.fields.filter((f) => f.code !== 'FCN' && f.code !== 'NIC')],
});
