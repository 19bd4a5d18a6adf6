import { sexTable, raceTable, ethnicityTable, eyeTable, hairTable, skinTable } from '../code-tables/ncic-person-tables';
import { protectionOrderConditionsTable } from '../code-tables/protection-order-conditions';
import { stateTable } from '../code-tables/state-codes';
import {
  notificationTypeTable,
  recordStatusTable,
  rejectReasonTable,
  serviceMethodTable,
  yesNoTable,
} from '../code-tables/carpos-project-tables';
import { PROJECT_CHOICE, UNCONFIRMED_CANDIDATE } from '../code-tables/sources';
import { DICTIONARY_FORMAT, type Dictionary } from './dictionary-codec';
import { defaultFields } from './default-fields';
import { defaultMessages } from './default-messages';

/**
 * The project's stand-in for the DOJ CARPOS interface specification. Plain JSON-compatible
 * data: `JSON.stringify(defaultDictionary)` is a valid dictionary file, and a DOJ-provided
 * file in the same format replaces it without code changes (see the package README).
 */
export const defaultDictionary: Dictionary = {
  format: DICTIONARY_FORMAT,
  id: 'ccpor-default-carpos',
  version: '0.2.0',
  title: 'CCPOR default CARPOS message dictionary (unverified placeholder for the DOJ specification)',
  verified: false,
  source: `${UNCONFIRMED_CANDIDATE}. Code tables are [S] where marked`,
  dateFormat: 'CCYYMMDD',
  envelope: { oriField: 'ORI' },
  syntax: {
    terminator: '.',
    separator: '/',
    repeatSeparator: ';',
    escape: '\\',
    verified: false,
    source: `the period terminator and MFC/value keyword form are candidates [U]; the repeat separator and the escape are a ${PROJECT_CHOICE}`,
  },
  codeTables: {
    SEX: sexTable,
    RACE: raceTable,
    ETN: ethnicityTable,
    EYE: eyeTable,
    HAIR: hairTable,
    SKIN: skinTable,
    PCO: protectionOrderConditionsTable,
    STATE: stateTable,
    YES_NO: yesNoTable,
    SERVICE_METHOD: serviceMethodTable,
    RECORD_STATUS: recordStatusTable,
    NOTIFICATION_TYPE: notificationTypeTable,
    REJECT_REASON: rejectReasonTable,
  },
  fields: defaultFields,
  messages: defaultMessages,
};
