import {
  fieldValue,
  messageKeysFor,
  type DecodeError,
  type Dictionary,
  type Message,
  type MessageField,
  type MessageRole,
} from '@ccpor/carpos-protocol';
import { type IdentifierAuthority, isValidNic } from './identifiers';
import { type DojRecord, type DojRecordStore, isServiceField, recordFieldsOf } from './record-store';
import { rejectCodeFor, rejectText } from './reject-reasons';

/** What the simulated DOJ sends back for one request, plus notices for other agencies. */
export interface Outcome {
  readonly responses: Message[];
  readonly notifications: { readonly ori: string; readonly message: Message }[];
}

export interface HandlerContext {
  readonly dictionary: Dictionary;
  readonly store: DojRecordStore;
  readonly ids: IdentifierAuthority;
  /** Frame id of the request, echoed in MRI. */
  readonly requestId: string;
  /** ORI to address a reject to when the request's own ORI could not be read. */
  readonly fallbackOri: string;
}

const keyFor = (dictionary: Dictionary, role: MessageRole): string => messageKeysFor(dictionary, role)[0] ?? '';

const field = (code: string, ...values: (string | undefined)[]): MessageField[] => {
  const present = values.filter((v): v is string => v !== undefined && v.length > 0);
  return present.length === 0 ? [] : [{ code, values: present }];
};

/** Keeps only the fields the response key allows, so any dictionary gets valid responses. */
const respond = (dictionary: Dictionary, role: MessageRole, ori: string, fields: MessageField[]): Message => {
  const key = keyFor(dictionary, role);
  const allowed = new Set((dictionary.messages[key]?.fields ?? []).filter((rule) => rule.presence !== 'forbidden').map((rule) => rule.code));
  return { key, ori, fields: fields.filter((f) => allowed.has(f.code)) };
};

export const rejectMessage = (context: HandlerContext, ori: string, code: string, text: string, fieldInError?: string, extra: MessageField[] = []): Message =>
  respond(context.dictionary, 'reject', ori, [
    ...field('MRI', context.requestId),
    ...field('ERC', code),
    ...(fieldInError !== undefined && /^[A-Z0-9]{1,8}$/.test(fieldInError) ? field('ERF', fieldInError) : []),
    ...field('ERM', rejectText(text)),
    ...extra,
  ]);

/** The reject for a message that did not decode: the first error names the field. */
export const rejectDecodeErrors = (context: HandlerContext, ori: string, errors: readonly DecodeError[]): Outcome => {
  const first = errors[0];
  const code = first === undefined ? 'FMT' : rejectCodeFor(first.reason);
  const text = first === undefined ? 'MESSAGE REJECTED' : `${first.message} (position ${first.position})`;
  return { responses: [rejectMessage(context, ori, code, text, first?.field)], notifications: [] };
};

const acknowledge = (context: HandlerContext, ori: string, record: DojRecord, request: Message): Message =>
  respond(context.dictionary, 'acknowledgement', ori, [
    ...field('MRI', context.requestId),
    ...field('FCN', record.fcn),
    ...field('NIC', record.nic),
    ...field('NAM', record.fields.get('NAM')?.[0]),
    ...field('OCA', fieldValue(request, 'OCA') ?? record.fields.get('OCA')?.[0]),
  ]);

const only = (responses: Message[]): Outcome => ({ responses, notifications: [] });

const enter = (context: HandlerContext, request: Message): Outcome => {
  const fields = recordFieldsOf(request);
  const duplicate = context.store.findDuplicate(fields);
  if (duplicate !== undefined) {
    return only([rejectMessage(context, request.ori, 'DUP', `DUPLICATE OF ACTIVE RECORD FCN ${duplicate.fcn}`, 'PNO', [...field('FCN', duplicate.fcn), ...field('NIC', duplicate.nic)])]);
  }
  const record: DojRecord = {
    fcn: context.ids.nextFcn(request.ori),
    nic: context.ids.nextNic(),
    enteringOri: request.ori,
    enteredWith: request.key,
    status: 'active',
    fields,
    services: [],
  };
  if (fields.has('SDT')) record.services.push({ servingOri: request.ori, fields: request.fields.filter((f) => isServiceField(f.code)) });
  context.store.add(record);
  return only([acknowledge(context, request.ori, record, request)]);
};

type Located = { readonly record: DojRecord } | { readonly reject: Message };

/** Finds the record a modify, cancel, clear or service names, or the reject DOJ would send. */
const locate = (context: HandlerContext, request: Message, mustOwn: boolean): Located => {
  const fcn = fieldValue(request, 'FCN');
  const nic = fieldValue(request, 'NIC');
  if (nic !== undefined && !isValidNic(nic)) return { reject: rejectMessage(context, request.ori, 'CHR', `NIC ${nic} FAILS ITS CHECK DIGIT`, 'NIC') };
  const record = context.store.find(fcn, nic);
  if (record === undefined) {
    const which = fcn !== undefined ? 'FCN' : 'NIC';
    return { reject: rejectMessage(context, request.ori, 'NRF', `NO RECORD ON FILE FOR ${which} ${fcn ?? nic ?? ''}`, which) };
  }
  if (record.status !== 'active') {
    return { reject: rejectMessage(context, request.ori, 'INA', `RECORD ${record.fcn} IS ${record.status.toUpperCase()}`, fcn !== undefined ? 'FCN' : 'NIC') };
  }
  if (mustOwn && record.enteringOri !== request.ori) {
    return { reject: rejectMessage(context, request.ori, 'AUT', `ONLY ${record.enteringOri} MAY CHANGE RECORD ${record.fcn}`, 'ORI') };
  }
  return { record };
};

const modify = (context: HandlerContext, request: Message): Outcome => {
  const found = locate(context, request, true);
  if ('reject' in found) return only([found.reject]);
  for (const [code, values] of recordFieldsOf(request)) found.record.fields.set(code, values);
  return only([acknowledge(context, request.ori, found.record, request)]);
};

const retire = (status: 'cleared' | 'cancelled') => (context: HandlerContext, request: Message): Outcome => {
  const found = locate(context, request, true);
  if ('reject' in found) return only([found.reject]);
  found.record.status = status;
  const cleared = fieldValue(request, 'CLD');
  if (cleared !== undefined) found.record.fields.set('CLD', [cleared]);
  return only([acknowledge(context, request.ori, found.record, request)]);
};

const serve = (context: HandlerContext, request: Message): Outcome => {
  const found = locate(context, request, false);
  if ('reject' in found) return only([found.reject]);
  const { record } = found;
  const name = fieldValue(request, 'NAM');
  if (name !== undefined && name !== record.fields.get('NAM')?.[0]) {
    return only([rejectMessage(context, request.ori, 'NRF', `NAME ${name} DOES NOT MATCH RECORD ${record.fcn}`, 'NAM')]);
  }
  const serviceFields = request.fields.filter((f) => isServiceField(f.code));
  record.services.push({ servingOri: request.ori, fields: serviceFields });
  for (const f of serviceFields) record.fields.set(f.code, f.values);
  const notifications =
    request.ori === record.enteringOri
      ? []
      : [
          {
            ori: record.enteringOri,
            message: respond(context.dictionary, 'notification', record.enteringOri, [
              ...field('NTY', 'SRV'),
              ...field('FCN', record.fcn),
              ...field('NIC', record.nic),
              ...field('NAM', record.fields.get('NAM')?.[0]),
              ...serviceFields,
            ]),
          },
        ];
  return { responses: [acknowledge(context, request.ori, record, request)], notifications };
};

const hitFields = (record: DojRecord): MessageField[] => {
  const status = record.services.length > 0 ? 'S' : 'A';
  return [
    ...field('FCN', record.fcn),
    ...field('NIC', record.nic),
    ...field('STS', status),
    ...[...record.fields].map(([code, values]) => ({ code, values: [...values] })),
  ];
};

const query = (context: HandlerContext, request: Message): Outcome => {
  const matches = context.store.query({
    fcn: fieldValue(request, 'FCN'),
    nic: fieldValue(request, 'NIC'),
    pno: fieldValue(request, 'PNO'),
    name: fieldValue(request, 'NAM'),
    dob: fieldValue(request, 'DOB'),
    sex: fieldValue(request, 'SEX'),
    race: fieldValue(request, 'RAC'),
  });
  if (matches.length === 0) {
    return only([
      respond(context.dictionary, 'no-hit', request.ori, [
        ...field('MRI', context.requestId),
        ...request.fields.filter((f) => ['NAM', 'DOB', 'FCN', 'NIC', 'PNO'].includes(f.code)),
      ]),
    ]);
  }
  // HCT and HSQ hold at most three digits.
  const shown = matches.slice(0, 999);
  return only(
    shown.map((record, index) =>
      respond(context.dictionary, 'hit', request.ori, [
        ...field('MRI', context.requestId),
        ...field('HSQ', String(index + 1)),
        ...field('HCT', String(shown.length)),
        ...hitFields(record),
      ]),
    ),
  );
};

/** Applies one decoded request to the record store and returns DOJ's answer. */
export const handleRequest = (context: HandlerContext, request: Message): Outcome => {
  const role = context.dictionary.messages[request.key]?.role;
  switch (role) {
    case 'enter':
      return enter(context, request);
    case 'modify':
      return modify(context, request);
    case 'cancel':
      return retire('cancelled')(context, request);
    case 'clear':
      return retire('cleared')(context, request);
    case 'service':
      return serve(context, request);
    case 'query':
      return query(context, request);
    default:
      return only([rejectMessage(context, request.ori, 'MKE', `${request.key} IS NOT ACCEPTED FROM AN AGENCY`, 'MKE')]);
  }
};
