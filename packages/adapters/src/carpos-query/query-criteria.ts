import { messageKeysFor, type Dictionary, type Message, type MessageField } from '@ccpor/carpos-protocol';
import { type PersonName } from '@ccpor/domain';
import { carposAlphanumeric, carposDate, carposName } from '../carpos-gateway/carpos-values';

/**
 * What a CARPOS query asks (ADR 0012). The forms are the dictionary's (QPO: a person by name with
 * date of birth, a record by FCN or NIC, a court case by case number and issuing court; QPL: the
 * records of one issuing court); the values are written the way the gateway writes an order, so a
 * registry order and its DOJ record meet on the same spelling.
 */
export type CarposQuery =
  | { readonly kind: 'person'; readonly name: PersonName; readonly dateOfBirth: string; readonly sex?: string; readonly race?: string }
  | { readonly kind: 'record'; readonly fcn?: string; readonly nic?: string }
  | { readonly kind: 'case'; readonly caseNumber: string; readonly courtOri: string }
  | { readonly kind: 'court'; readonly courtOri: string };

export interface Paging {
  /** Records wanted per page; DOJ may send fewer. */
  readonly pageSize?: number;
  /** The continuation token of the previous page. */
  readonly continuation?: string;
}

/** Message keys by meaning: the person query and the court listing of the dictionary in use. */
export interface QueryKeys {
  readonly query: string;
  readonly list: string;
}

export const queryKeysOf = (dictionary: Dictionary): QueryKeys => ({
  query: messageKeysFor(dictionary, 'query')[0] ?? 'QPO',
  list: messageKeysFor(dictionary, 'list')[0] ?? 'QPL',
});

const one = (code: string, value: string | undefined): MessageField[] => (value === undefined || value === '' ? [] : [{ code, values: [value] }]);

/** The query as a message from `ori`, not yet validated (the codec does that when it is encoded). */
export const queryMessage = (query: CarposQuery, ori: string, keys: QueryKeys, paging: Paging = {}): Message => {
  const pages = [...one('PGS', paging.pageSize === undefined ? undefined : String(paging.pageSize)), ...one('CTK', paging.continuation)];
  switch (query.kind) {
    case 'person':
      return {
        key: keys.query,
        ori,
        fields: [...one('NAM', carposName(query.name)), ...one('DOB', carposDate(query.dateOfBirth)), ...one('SEX', query.sex), ...one('RAC', query.race), ...pages],
      };
    case 'record':
      return { key: keys.query, ori, fields: [...one('FCN', query.fcn), ...one('NIC', query.nic), ...pages] };
    case 'case':
      return { key: keys.query, ori, fields: [...one('PNO', carposAlphanumeric(query.caseNumber)), ...one('CTI', query.courtOri), ...pages] };
    case 'court':
      return { key: keys.list, ori, fields: [...one('CTI', query.courtOri), ...pages] };
  }
};

/** What was asked, in words fit for the CLETS audit (which must say what was asked). */
export const describeQuery = (query: CarposQuery): Record<string, string> => {
  switch (query.kind) {
    case 'person':
      return {
        form: 'name and date of birth',
        name: carposName(query.name),
        dateOfBirth: query.dateOfBirth,
        ...(query.sex !== undefined ? { sex: query.sex } : {}),
        ...(query.race !== undefined ? { race: query.race } : {}),
      };
    case 'record':
      return { form: 'record number', ...(query.fcn !== undefined ? { fcn: query.fcn } : {}), ...(query.nic !== undefined ? { nic: query.nic } : {}) };
    case 'case':
      return { form: 'case number and court', caseNumber: carposAlphanumeric(query.caseNumber), courtOri: query.courtOri };
    case 'court':
      return { form: 'court listing', courtOri: query.courtOri };
  }
};
