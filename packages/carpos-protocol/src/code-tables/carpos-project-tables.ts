import { type CodeTable } from '../dictionary/dictionary-codec';
import { PROJECT_CHOICE, UNCONFIRMED_CANDIDATE } from './sources';

// Tables CARPOS surely has in some form but no public source spells out. Every one is a
// placeholder to be replaced from the DOJ specification.

export const yesNoTable: CodeTable = {
  name: 'Yes / no indicator (BRD)',
  verified: false,
  source: `${UNCONFIRMED_CANDIDATE}; NIEM only confirms a boolean ProtectionOrderBradyIndicator`,
  values: [
    { code: 'Y', meaning: 'YES' },
    { code: 'N', meaning: 'NO' },
  ],
};

export const serviceMethodTable: CodeTable = {
  name: 'How the order was served (SVM)',
  verified: false,
  source: `${PROJECT_CHOICE}; the service methods of docs/law/service.md (Fam. Code 6383, 6384; CCP 527.6) [I]`,
  values: [
    { code: 'P', meaning: 'PERSONALLY SERVED (PROOF OF SERVICE FORM OR OFFICER)' },
    { code: 'C', meaning: 'SERVED IN COURT (RESPONDENT PRESENT WHEN THE ORDER WAS MADE)' },
    { code: 'M', meaning: 'SERVED BY FIRST-CLASS MAIL (FAM. CODE 6384)' },
    { code: 'V', meaning: 'SERVED VERBALLY BY AN OFFICER FROM THE MIS SUMMARY' },
    { code: 'A', meaning: 'SERVED BY ANOTHER METHOD THE COURT ORDERED' },
  ],
};

export const recordStatusTable: CodeTable = {
  name: 'Record status in a query hit (STS)',
  verified: false,
  source: PROJECT_CHOICE,
  values: [
    { code: 'A', meaning: 'ACTIVE, NOT SERVED' },
    { code: 'S', meaning: 'ACTIVE AND SERVED' },
    { code: 'C', meaning: 'CLEARED' },
    { code: 'X', meaning: 'CANCELLED' },
    { code: 'E', meaning: 'EXPIRED (RETIRED AT ITS EXPIRY DATE)' },
  ],
};

export const notificationTypeTable: CodeTable = {
  name: 'Unsolicited notification type (NTY)',
  verified: false,
  source: `${PROJECT_CHOICE}; NCIC's "$.H." notices (NCIC 2000 Protective Interest File chapter) suggest such messages exist [I]`,
  values: [
    { code: 'SRV', meaning: 'ANOTHER AGENCY ENTERED PROOF OF SERVICE ON YOUR RECORD' },
    { code: 'EXP', meaning: 'YOUR RECORD EXPIRED AND WAS RETIRED' },
    { code: 'VAL', meaning: 'YOUR RECORD IS DUE FOR VALIDATION' },
    { code: 'ADM', meaning: 'ADMINISTRATIVE MESSAGE, SEE MIS' },
  ],
};

export const rejectReasonTable: CodeTable = {
  name: 'Reject reason (ERC)',
  verified: false,
  source: `${PROJECT_CHOICE}; NCIC rejects are thought only to name the field in error [U]`,
  values: [
    { code: 'FMT', meaning: 'MESSAGE FORMAT ERROR' },
    { code: 'MKE', meaning: 'UNKNOWN MESSAGE KEY' },
    { code: 'UNK', meaning: 'FIELD NOT ALLOWED IN THIS MESSAGE' },
    { code: 'REQ', meaning: 'MANDATORY FIELD MISSING' },
    { code: 'LEN', meaning: 'FIELD LENGTH ERROR' },
    { code: 'CHR', meaning: 'INVALID CHARACTER OR FORMAT' },
    { code: 'TAB', meaning: 'VALUE NOT IN CODE TABLE' },
    { code: 'DAT', meaning: 'INVALID DATE OR TIME' },
    { code: 'RPT', meaning: 'FIELD REPEATED TOO OFTEN' },
    { code: 'NRF', meaning: 'NO RECORD ON FILE FOR THIS IDENTIFIER' },
    { code: 'INA', meaning: 'RECORD IS NO LONGER ACTIVE' },
    { code: 'DUP', meaning: 'DUPLICATE RECORD ALREADY ON FILE' },
    { code: 'AUT', meaning: 'AGENCY NOT AUTHORISED FOR THIS RECORD' },
    { code: 'TOK', meaning: 'CONTINUATION TOKEN NOT VALID; START THE QUERY AGAIN' },
  ],
};
