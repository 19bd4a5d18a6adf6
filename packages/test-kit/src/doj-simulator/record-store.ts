import { type Message, type MessageField } from '@ccpor/carpos-protocol';

/** Where a record stands in the simulated protection order file (expiry is derived from EXP, see `isExpired`). */
export type RecordStatus = 'active' | 'cleared' | 'cancelled';

export interface ServiceEntry {
  readonly servingOri: string;
  readonly fields: readonly MessageField[];
}

/** One protection order as the simulated DOJ holds it. */
export interface DojRecord {
  readonly fcn: string;
  readonly nic: string;
  readonly enteringOri: string;
  readonly enteredWith: string;
  status: RecordStatus;
  /** Current field values, entry plus every modification; record numbers are kept apart. */
  readonly fields: Map<string, readonly string[]>;
  readonly services: ServiceEntry[];
  /** CCYYMMDD: the day DOJ entered the record, and the day of its last change. */
  readonly enteredOn: string;
  updatedOn: string;
}

/** What a query asks for. Record numbers find a record whatever its status; the other forms find active records only. */
export type QueryCriteria =
  | { readonly kind: 'record'; readonly fcn?: string; readonly nic?: string }
  | { readonly kind: 'person'; readonly name: string; readonly dob: string; readonly sex?: string; readonly race?: string }
  | { readonly kind: 'case'; readonly pno: string; readonly court: string }
  | { readonly kind: 'court'; readonly court: string };

/** One page of an answer: records in FCN order after `after`, and how many matched in all. */
export interface QueryPage {
  readonly records: readonly DojRecord[];
  readonly total: number;
  /** FCN of the last record of this page when more records follow. */
  readonly more?: string;
}

const SERVICE_FIELDS = ['SDT', 'STM', 'SBY', 'SAG', 'SVM'];

/** The NCIC-style name check as the simulator reads it: same surname, and the query's given names begin the record's [I]. */
const nameMatches = (recordName: string, queried: string): boolean => {
  const [recordSurname = '', recordGiven = ''] = recordName.split(',');
  const [surname = '', given = ''] = queried.split(',');
  return recordSurname === surname && recordGiven.startsWith(given);
};

const value = (record: DojRecord, code: string): string | undefined => record.fields.get(code)?.[0];

/**
 * NCIC retires a record at its expiry date ("automatic retirement" is a rule of its protection order file) [U]: from the
 * day after EXP the simulator shows it as expired and leaves it out of person, case and court
 * queries. A non-expiring order (EXP NONEXP) never expires.
 */
export const isExpired = (record: DojRecord, today: string): boolean => {
  const expiry = value(record, 'EXP');
  return expiry !== undefined && /^\d{8}$/.test(expiry) && expiry < today;
};

/** Active and not past its expiry: what person, case and court queries return. */
export const isInForce = (record: DojRecord, today: string): boolean => record.status === 'active' && !isExpired(record, today);

/** STS as a hit shows it: A active, S active and served, C cleared, X cancelled, E expired. */
export const statusCode = (record: DojRecord, today: string): string => {
  if (record.status === 'cleared') return 'C';
  if (record.status === 'cancelled') return 'X';
  if (isExpired(record, today)) return 'E';
  return record.services.length > 0 ? 'S' : 'A';
};

/** The simulated DOJ's file of protection orders, keyed by FCN with a NIC index. */
export class DojRecordStore {
  private readonly byFcn = new Map<string, DojRecord>();
  private readonly byNic = new Map<string, DojRecord>();

  add(record: DojRecord): void {
    this.byFcn.set(record.fcn, record);
    this.byNic.set(record.nic, record);
  }

  /** Takes a record out of the file, as if DOJ had purged it; false when there was none. */
  remove(fcn: string): boolean {
    const record = this.byFcn.get(fcn);
    if (record === undefined) return false;
    this.byFcn.delete(fcn);
    this.byNic.delete(record.nic);
    return true;
  }

  hasFcn(fcn: string): boolean {
    return this.byFcn.has(fcn);
  }

  hasNic(nic: string): boolean {
    return this.byNic.has(nic);
  }

  /** The record both given numbers point to; undefined if either is unknown or they disagree. */
  find(fcn: string | undefined, nic: string | undefined): DojRecord | undefined {
    const byFcn = fcn === undefined ? undefined : this.byFcn.get(fcn);
    const byNic = nic === undefined ? undefined : this.byNic.get(nic);
    if (fcn !== undefined && nic !== undefined) return byFcn !== undefined && byFcn === byNic ? byFcn : undefined;
    return byFcn ?? byNic;
  }

  /** An active record for the same court case and restrained person, the NCIC duplicate rule as the simulator reads it. */
  findDuplicate(fields: ReadonlyMap<string, readonly string[]>): DojRecord | undefined {
    const same = (record: DojRecord, code: string): boolean => value(record, code) === fields.get(code)?.[0];
    return this.all().find((record) => record.status === 'active' && same(record, 'CTI') && same(record, 'PNO') && same(record, 'NAM'));
  }

  /** Every record the criteria match, in FCN order. */
  matching(criteria: QueryCriteria, today: string): DojRecord[] {
    if (criteria.kind === 'record') {
      const record = this.find(criteria.fcn, criteria.nic);
      return record === undefined ? [] : [record];
    }
    const matches = this.all().filter((record) => {
      if (!isInForce(record, today)) return false;
      switch (criteria.kind) {
        case 'person':
          return (
            nameMatches(value(record, 'NAM') ?? '', criteria.name) &&
            value(record, 'DOB') === criteria.dob &&
            (criteria.sex === undefined || value(record, 'SEX') === criteria.sex) &&
            (criteria.race === undefined || value(record, 'RAC') === criteria.race)
          );
        case 'case':
          return value(record, 'PNO') === criteria.pno && value(record, 'CTI') === criteria.court;
        case 'court':
          return value(record, 'CTI') === criteria.court;
      }
    });
    return matches.sort((a, b) => (a.fcn < b.fcn ? -1 : a.fcn > b.fcn ? 1 : 0));
  }

  /**
   * One page of the answer: the records after FCN `after`, at most `size`. Paging by FCN rather
   * than by position means a record entered or retired between two pages never shifts another
   * record into a page already sent or out of one still to come.
   */
  page(criteria: QueryCriteria, today: string, size: number, after?: string): QueryPage {
    const all = this.matching(criteria, today);
    const rest = after === undefined ? all : all.filter((record) => record.fcn > after);
    const records = rest.slice(0, size);
    const last = records[records.length - 1];
    return { records, total: all.length, ...(rest.length > records.length && last !== undefined ? { more: last.fcn } : {}) };
  }

  all(): DojRecord[] {
    return [...this.byFcn.values()];
  }

  get size(): number {
    return this.byFcn.size;
  }
}

/** Fields of a message as a map, without the record numbers DOJ owns. */
export const recordFieldsOf = (message: Message): Map<string, readonly string[]> =>
  new Map(message.fields.filter((field) => field.code !== 'FCN' && field.code !== 'NIC').map((field) => [field.code, field.values]));

export const isServiceField = (code: string): boolean => SERVICE_FIELDS.includes(code);
