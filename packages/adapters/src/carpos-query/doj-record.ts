import { fieldValue, fieldValues, type DateFormat, type Message, type MessageField } from '@ccpor/carpos-protocol';

/** Where DOJ says a record stands (STS): the default dictionary's codes, read by meaning. */
export type DojRecordStatus = 'active' | 'served' | 'cleared' | 'cancelled' | 'expired' | 'unknown';

const STATUS: Readonly<Record<string, DojRecordStatus>> = { A: 'active', S: 'served', C: 'cleared', X: 'cancelled', E: 'expired' };

/**
 * One DOJ record from a hit, in the registry's words: DOJ's own facts (record numbers, status,
 * entry and update dates, the agency that owns it) and the order as DOJ holds it. Dates are
 * ISO (`2026-03-02`); `expiresOn` is `non-expiring` for DOJ's literal. `fields` keeps every field
 * as DOJ sent it, for a page that shows the whole record.
 */
export interface DojRecordView {
  readonly fcn: string;
  readonly nic?: string;
  readonly status: DojRecordStatus;
  readonly statusCode: string;
  readonly enteredOn?: string;
  readonly updatedOn?: string;
  readonly enteringAgencyOri?: string;
  readonly courtOri?: string;
  readonly caseNumber?: string;
  readonly agencyCaseNumber?: string;
  readonly restrainedName?: string;
  readonly dateOfBirth?: string;
  readonly sex?: string;
  readonly race?: string;
  readonly protectedName?: string;
  readonly issuedOn?: string;
  readonly expiresOn?: string;
  readonly clearedOn?: string;
  readonly conditions: readonly string[];
  readonly served?: { readonly on?: string; readonly time?: string; readonly by?: string; readonly agencyOri?: string };
  readonly fields: readonly MessageField[];
}

/** A dictionary date (CCYYMMDD or MMDDCCYY) as ISO; anything else is passed through as DOJ wrote it. */
export const isoDate = (value: string | undefined, format: DateFormat): string | undefined => {
  if (value === undefined || !/^\d{8}$/.test(value)) return value;
  return format === 'CCYYMMDD' ? `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}` : `${value.slice(4, 8)}-${value.slice(0, 2)}-${value.slice(2, 4)}`;
};

const present = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** Reads a hit; undefined when it has no FCN (a hit without its record number is no record). */
export const readHit = (hit: Message, format: DateFormat): DojRecordView | undefined => {
  const v = (code: string): string | undefined => fieldValue(hit, code);
  const fcn = v('FCN');
  if (fcn === undefined) return undefined;
  const statusCode = v('STS') ?? '';
  const expiry = v('EXP');
  const served = present({ on: isoDate(v('SDT'), format), time: v('STM'), by: v('SBY'), agencyOri: v('SAG') });
  const answerFields = new Set(['MRI', 'HSQ', 'HCT', 'TOT', 'CTK']);
  return present({
    fcn,
    nic: v('NIC'),
    status: STATUS[statusCode] ?? 'unknown',
    statusCode,
    enteredOn: isoDate(v('DTE'), format),
    updatedOn: isoDate(v('DLU'), format),
    enteringAgencyOri: v('EAG'),
    courtOri: v('CTI'),
    caseNumber: v('PNO'),
    agencyCaseNumber: v('OCA'),
    restrainedName: v('NAM'),
    dateOfBirth: isoDate(v('DOB'), format),
    sex: v('SEX'),
    race: v('RAC'),
    protectedName: v('PPN'),
    issuedOn: isoDate(v('ISD'), format),
    expiresOn: expiry === undefined || /^\d{8}$/.test(expiry) ? isoDate(expiry, format) : 'non-expiring',
    clearedOn: isoDate(v('CLD'), format),
    conditions: [...fieldValues(hit, 'PCO')],
    served: Object.keys(served).length > 0 ? served : undefined,
    fields: hit.fields.filter((f) => !answerFields.has(f.code)),
  });
};
