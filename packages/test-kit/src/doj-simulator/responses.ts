import { messageKeysFor, type DecodeError, type Dictionary, type Message, type MessageField, type MessageRole } from '@ccpor/carpos-protocol';
import { type IdentifierAuthority } from './identifiers';
import { type DojRecordStore } from './record-store';
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
  /** DOJ's calendar day (CCYYMMDD, California): entry and update dates, and expiry. */
  readonly today: string;
  /** Records per answer page when the query names no page size, and the most it honours. */
  readonly pageSize: number;
  readonly maxPageSize: number;
}

const keyFor = (dictionary: Dictionary, role: MessageRole): string => messageKeysFor(dictionary, role)[0] ?? '';

export const field = (code: string, ...values: (string | undefined)[]): MessageField[] => {
  const present = values.filter((v): v is string => v !== undefined && v.length > 0);
  return present.length === 0 ? [] : [{ code, values: present }];
};

/** Keeps only the fields the response key allows, so any dictionary gets valid responses. */
export const respond = (dictionary: Dictionary, role: MessageRole, ori: string, fields: MessageField[]): Message => {
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

export const only = (responses: Message[]): Outcome => ({ responses, notifications: [] });
