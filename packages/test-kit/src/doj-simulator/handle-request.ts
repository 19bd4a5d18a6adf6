import { fieldValue, type Message } from '@ccpor/carpos-protocol';
import { isValidNic } from './identifiers';
import { type DojRecord, isServiceField, recordFieldsOf } from './record-store';
import { answerListing, answerQuery } from './query-answers';
import { field, type HandlerContext, only, type Outcome, rejectMessage, respond } from './responses';

const acknowledge = (context: HandlerContext, ori: string, record: DojRecord, request: Message): Message =>
  respond(context.dictionary, 'acknowledgement', ori, [
    ...field('MRI', context.requestId),
    ...field('FCN', record.fcn),
    ...field('NIC', record.nic),
    ...field('NAM', record.fields.get('NAM')?.[0]),
    ...field('OCA', fieldValue(request, 'OCA') ?? record.fields.get('OCA')?.[0]),
  ]);

const enter = (context: HandlerContext, request: Message): Outcome => {
  const fields = recordFieldsOf(request);
  const duplicate = context.store.findDuplicate(fields);
  if (duplicate !== undefined) {
    return only([rejectMessage(context, request.ori, 'DUP', `DUPLICATE OF ACTIVE RECORD FCN ${duplicate.fcn}`, 'PNO', [...field('FCN', duplicate.fcn), ...field('NIC', duplicate.nic)])]);
  }
  const record: DojRecord = {
    fcn: context.ids.nextFcn(request.ori, (n) => context.store.hasFcn(n)),
    nic: context.ids.nextNic((n) => context.store.hasNic(n)),
    enteringOri: request.ori,
    enteredWith: request.key,
    status: 'active',
    fields,
    services: [],
    enteredOn: context.today,
    updatedOn: context.today,
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
  found.record.updatedOn = context.today;
  return only([acknowledge(context, request.ori, found.record, request)]);
};

const retire = (status: 'cleared' | 'cancelled') => (context: HandlerContext, request: Message): Outcome => {
  const found = locate(context, request, true);
  if ('reject' in found) return only([found.reject]);
  found.record.status = status;
  found.record.updatedOn = context.today;
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
  record.updatedOn = context.today;
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
      return answerQuery(context, request);
    case 'list':
      return answerListing(context, request);
    default:
      return only([rejectMessage(context, request.ori, 'MKE', `${request.key} IS NOT ACCEPTED FROM AN AGENCY`, 'MKE')]);
  }
};

export { rejectDecodeErrors, rejectMessage, type HandlerContext, type Outcome } from './responses';
