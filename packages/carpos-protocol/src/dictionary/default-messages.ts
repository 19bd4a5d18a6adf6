import { type FieldRule, type MessageDefinition } from './dictionary-codec';
import { PROJECT_CHOICE, UNCONFIRMED_CANDIDATE } from '../code-tables/sources';

const required = (code: string, provenance?: { verified: boolean; source: string }): FieldRule => ({ code, presence: 'required', ...provenance });
const optional = (code: string): FieldRule => ({ code, presence: 'optional' });
const forbidden = (code: string): FieldRule => ({ code, presence: 'forbidden' });

const WISCONSIN_ENTRY =
  'mandatory entry data as the Wisconsin DOJ TIME system manual lists it ("Enter protection order/injunction"); CARPOS presence rules are [U]';
const LASD_POS_MANDATORY = { verified: true, source: '[S] mandatory proof-of-service field, LASD manual 5-09/040.06' };

const serviceGroup = ['SDT', 'STM', 'SBY', 'SAG'];

const describingFields = ['NAM', 'SEX', 'RAC', 'ETN', 'DOB', 'HGT', 'WGT', 'EYE', 'HAI', 'SKN', 'OLN', 'OLS'];
const orderFields = ['OCA', 'PNO', 'CTI', 'ISD', 'EXP', 'BRD', 'PCO', 'PPN', 'PSX', 'PPR', 'PPB'];

const enterFields: readonly FieldRule[] = [
  required('NAM'),
  required('SEX'),
  required('RAC'),
  optional('ETN'),
  required('DOB'),
  required('HGT'),
  required('WGT'),
  optional('EYE'),
  required('HAI'),
  optional('SKN'),
  optional('OLN'),
  optional('OLS'),
  required('OCA'),
  required('PNO'),
  required('CTI'),
  required('ISD'),
  required('EXP'),
  optional('BRD'),
  optional('PCO'),
  required('PPN'),
  optional('PSX'),
  optional('PPR'),
  optional('PPB'),
  // Served at entry (in court, or already served when the order reaches CARPOS).
  ...serviceGroup.map(optional),
  optional('SVM'),
  optional('MIS'),
  // DOJ assigns the record numbers.
  forbidden('FCN'),
  forbidden('NIC'),
];

const enterDefinition = (name: string, note: string): MessageDefinition => ({
  name,
  role: 'enter',
  direction: 'to-doj',
  verified: false,
  source: `${UNCONFIRMED_CANDIDATE}; ${note}`,
  note: WISCONSIN_ENTRY,
  fields: enterFields,
  allOrNone: [serviceGroup],
});

const recordIdentifiers = [optional('FCN'), optional('NIC')];
const identifyRecord = ['FCN', 'NIC'];

/** Message definitions of the default dictionary, by message key (MKE). */
export const defaultMessages: Readonly<Record<string, MessageDefinition>> = {
  EPO: enterDefinition('Enter protection order', 'EPO "fairly likely"'),
  ETO: enterDefinition('Enter temporary (ex parte) protection order', 'ETO'),
  MPO: {
    name: 'Modify protection order',
    role: 'modify',
    direction: 'to-doj',
    verified: false,
    source: `${UNCONFIRMED_CANDIDATE}; MPO "fairly likely"`,
    note: 'Replaces each field it carries; a repeating field is replaced as a whole',
    fields: [...recordIdentifiers, ...[...describingFields, ...orderFields, 'MIS'].map(optional), ...serviceGroup.map(forbidden)],
    atLeastOneOf: [identifyRecord, [...describingFields, ...orderFields, 'MIS']],
  },
  XPO: {
    name: 'Cancel protection order (entered in error or vacated)',
    role: 'cancel',
    direction: 'to-doj',
    verified: false,
    source: `${UNCONFIRMED_CANDIDATE}; XPO "fairly likely"`,
    fields: [...recordIdentifiers, optional('OCA'), optional('MIS')],
    atLeastOneOf: [identifyRecord],
  },
  CPO: {
    name: 'Clear protection order (ended before its expiry)',
    role: 'clear',
    direction: 'to-doj',
    verified: false,
    source: `${UNCONFIRMED_CANDIDATE}; CPO`,
    fields: [...recordIdentifiers, required('CLD'), optional('OCA'), optional('MIS')],
    atLeastOneOf: [identifyRecord],
  },
  SPO: {
    name: 'Proof of service (supplemental transaction on an entered record)',
    role: 'service',
    direction: 'to-doj',
    verified: false,
    source: `${PROJECT_CHOICE}; service is a second CARPOS transaction on the same record [S] (Fam. Code 6380, CLETS screens ROS4/ROS5), but its message key is unknown`,
    fields: [
      required('FCN', LASD_POS_MANDATORY),
      optional('NIC'),
      required('NAM', LASD_POS_MANDATORY),
      required('SBY', LASD_POS_MANDATORY),
      required('SDT', LASD_POS_MANDATORY),
      required('STM', LASD_POS_MANDATORY),
      required('SAG', LASD_POS_MANDATORY),
      optional('SVM'),
      optional('OCA'),
      optional('MIS'),
    ],
  },
  QPO: {
    name: 'Query the protection order file about a person or a record',
    role: 'query',
    direction: 'to-doj',
    verified: false,
    source: `${UNCONFIRMED_CANDIDATE}; QPO`,
    note: 'Forms: name with date of birth (sex and race narrow it), FCN, NIC, or court case number with the issuing court ORI. CTK asks for the next page of an earlier answer.',
    fields: ['NAM', 'DOB', 'SEX', 'RAC', 'FCN', 'NIC', 'PNO', 'CTI', 'PGS', 'CTK'].map(optional),
    atLeastOneOf: [['NAM', 'FCN', 'NIC', 'PNO']],
    // NCIC person inquiries pair a name with a date of birth [U]; a case number is unique only within its court.
    allOrNone: [
      ['NAM', 'DOB'],
      ['PNO', 'CTI'],
    ],
  },
  QPL: {
    name: 'List the active records of an issuing court (validation listing)',
    role: 'list',
    direction: 'to-doj',
    verified: false,
    source: `${PROJECT_CHOICE}; modelled on the NCIC validation an entering agency does of its own records [U]`,
    note: 'Answered with hit messages a page at a time, in FCN order; CTK continues after the last record of the previous page.',
    fields: [required('CTI'), optional('PGS'), optional('CTK')],
  },
  ACK: {
    name: 'Acknowledgement',
    role: 'acknowledgement',
    direction: 'from-doj',
    verified: false,
    source: `${PROJECT_CHOICE}; acknowledgements are thought to echo NIC, NAM and OCA [U]`,
    fields: [required('MRI'), required('FCN'), required('NIC'), required('NAM'), optional('OCA'), optional('MIS')],
  },
  REJ: {
    name: 'Reject',
    role: 'reject',
    direction: 'from-doj',
    verified: false,
    source: `${PROJECT_CHOICE}; rejects are thought to name the offending field [U]`,
    fields: [required('MRI'), required('ERC'), optional('ERF'), required('ERM'), optional('FCN'), optional('NIC'), optional('OCA')],
  },
  QHT: {
    name: 'Query hit (one message per matching record, a page at a time)',
    role: 'hit',
    direction: 'from-doj',
    verified: false,
    source: PROJECT_CHOICE,
    fields: [
      required('MRI'),
      required('HSQ'),
      required('HCT'),
      required('FCN'),
      required('NIC'),
      required('STS'),
      required('NAM'),
      ...describingFields.filter((code) => code !== 'NAM').map(optional),
      ...orderFields.map(optional),
      ...serviceGroup.map(optional),
      optional('SVM'),
      optional('MIS'),
      // DOJ's own facts about the record, then paging (added after the record fields so older positional texts still read).
      optional('CLD'),
      optional('DTE'),
      optional('DLU'),
      optional('EAG'),
      optional('TOT'),
      optional('CTK'),
    ],
    note: 'HSQ counts 1 to HCT within one page; TOT is the number of records over all pages; CTK on every hit of a page means another page follows.',
  },
  QNH: {
    name: 'Query no hit',
    role: 'no-hit',
    direction: 'from-doj',
    verified: false,
    source: PROJECT_CHOICE,
    fields: [required('MRI'), ...['NAM', 'DOB', 'FCN', 'NIC', 'PNO', 'CTI'].map(optional)],
  },
  $H: {
    name: 'Unsolicited notification',
    role: 'notification',
    direction: 'from-doj',
    verified: false,
    source: `${PROJECT_CHOICE}; modelled on NCIC "$.H." notices (NCIC 2000 Protective Interest File chapter), without the period, which is the field terminator here`,
    fields: [required('NTY'), ...['FCN', 'NIC', 'NAM', 'OCA', ...serviceGroup, 'MIS'].map(optional)],
  },
};
