import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Actor } from '@ccpor/domain';
import type { ImportMapping } from '../import-mapping';

/** Who the tests' imports run as: the court's ETL job. */
export const ETL_ACTOR: Actor = { userId: 'etl', agencyOri: 'CA019015J', roles: ['court-admin'], kind: 'system' };

/** A court's legacy extract as a test and the benchmark see it: local codes, US dates, own column names. */
export const LEGACY_MAPPING: ImportMapping = {
  sourceSystem: 'LA-LEGACY-RPO',
  columns: {
    sourceRecordId: 'REC_ID',
    form: 'FORM_CD',
    caseNumber: 'CASE_NO',
    issuedDate: 'ISSUE_DT',
    issuedTime: 'ISSUE_TM',
    expirationDate: 'EXP_DT',
    restrainedLast: 'RSP_LAST',
    restrainedFirst: 'RSP_FIRST',
    restrainedDob: 'RSP_DOB',
    restrainedSex: 'RSP_SEX',
    restrainedRace: 'RSP_RACE',
    protectedLast: 'PTY_LAST',
    protectedFirst: 'PTY_FIRST',
    protectedMinor: 'PTY_MINOR',
    servedDate: 'SERVED_DT',
    serviceMethod: 'SERVE_HOW',
    servedBy: 'SERVER',
    canceledDate: 'CANCEL_DT',
    cancelReason: 'CANCEL_WHY',
  },
  defaults: { courtOri: 'CA019015J', courtCounty: '19', courtName: 'Superior Court of California, County of Los Angeles' },
  codes: {
    form: { '30': 'DV-130', '31': 'CH-130', '60': 'CR-160' },
    restrainedRace: { '1': 'W', '2': 'B', '3': 'H', '4': 'A', '9': 'U' },
    restrainedSex: { '1': 'M', '2': 'F' },
    serviceMethod: { P: 'personal', C: 'present-in-court', O: 'by-officer' },
    cancelReason: { T: 'terminated-by-court', E: 'entered-in-error' },
  },
  dateFormat: 'MM/DD/YYYY',
};

export const LEGACY_HEADER = Object.values(LEGACY_MAPPING.columns).join(',');

const LAST = ['GARCIA', 'NGUYEN', 'SMITH', 'JOHNSON', 'LOPEZ', 'KIM', 'PATEL', 'OBRIEN'];
const FIRST = ['ANA', 'DANIEL', 'MARIA', 'JAMES', 'LINH', 'ROBERT', 'SOFIA', 'DAVID'];

/** The i-th synthetic row: valid, DV-130 / CR-160 with expirations, every fifth served, every seventh canceled. */
export const legacyRow = (i: number): string => {
  const year = 2015 + (i % 8);
  const month = 1 + (i % 12);
  const day = 1 + (i % 27);
  const mmdd = `${String(month).padStart(2, '0')}/${String(day).padStart(2, '0')}`;
  const form = i % 3 === 0 ? '60' : '30';
  const served = i % 5 === 0 ? `${mmdd}/${year}` : '';
  const canceled = i % 7 === 0 ? `12/31/${year + 1}` : '';
  return [
    `R${String(i).padStart(7, '0')}`,
    form,
    `${String(year).slice(2)}FL${String(i).padStart(6, '0')}`,
    `${mmdd}/${year}`,
    '10:15',
    `${mmdd}/${year + 3}`,
    LAST[i % LAST.length],
    FIRST[(i >> 3) % FIRST.length],
    `0${1 + (i % 9)}/15/1980`,
    '1',
    String(1 + (i % 4)),
    LAST[(i + 3) % LAST.length],
    FIRST[(i + 5) % FIRST.length],
    i % 11 === 0 ? 'Y' : 'N',
    served,
    served ? 'P' : '',
    served ? 'DEPUTY JONES' : '',
    canceled,
    canceled ? 'T' : '',
  ].join(',');
};

/** Writes `rows` synthetic rows as a CSV file, streamed. */
export const writeLegacyCsv = async (path: string, rows: number, from = 1): Promise<void> => {
  const out = createWriteStream(path);
  out.write(`${LEGACY_HEADER}\n`);
  for (let i = from; i < from + rows; i++) {
    if (!out.write(`${legacyRow(i)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
};
