import { type Message, type MessageField } from '@ccpor/carpos-protocol';

/** Where a record stands in the simulated protection order file. */
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
}

export interface QueryCriteria {
  readonly fcn?: string;
  readonly nic?: string;
  readonly pno?: string;
  readonly name?: string;
  readonly dob?: string;
  readonly sex?: string;
  readonly race?: string;
}

const SERVICE_FIELDS = ['SDT', 'STM', 'SBY', 'SAG', 'SVM'];

/** The NCIC-style name check: same surname, and the query's given names begin the record's. */
const nameMatches = (recordName: string, queried: string): boolean => {
  const [recordSurname = '', recordGiven = ''] = recordName.split(',');
  const [surname = '', given = ''] = queried.split(',');
  return recordSurname === surname && recordGiven.startsWith(given);
};

/** The simulated DOJ's file of protection orders, keyed by FCN with a NIC index. */
export class DojRecordStore {
  private readonly byFcn = new Map<string, DojRecord>();
  private readonly byNic = new Map<string, DojRecord>();

  add(record: DojRecord): void {
    this.byFcn.set(record.fcn, record);
    this.byNic.set(record.nic, record);
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
    const same = (record: DojRecord, code: string): boolean => record.fields.get(code)?.[0] === fields.get(code)?.[0];
    return this.all().find((record) => record.status === 'active' && same(record, 'CTI') && same(record, 'PNO') && same(record, 'NAM'));
  }

  query(criteria: QueryCriteria): DojRecord[] {
    return this.all().filter((record) => {
      if (record.status !== 'active') return false;
      const value = (code: string): string | undefined => record.fields.get(code)?.[0];
      if (criteria.fcn !== undefined && record.fcn !== criteria.fcn) return false;
      if (criteria.nic !== undefined && record.nic !== criteria.nic) return false;
      if (criteria.pno !== undefined && value('PNO') !== criteria.pno) return false;
      if (criteria.name !== undefined && !nameMatches(value('NAM') ?? '', criteria.name)) return false;
      if (criteria.dob !== undefined && value('DOB') !== criteria.dob) return false;
      if (criteria.sex !== undefined && value('SEX') !== criteria.sex) return false;
      if (criteria.race !== undefined && value('RAC') !== criteria.race) return false;
      return true;
    });
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
