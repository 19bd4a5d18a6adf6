import * as t from 'io-ts';

/**
 * One field of a message: its code and one or more values. A field that repeats (PCO)
 * carries all its values here, so a message names each code at most once.
 */
export const MessageFieldC = t.readonly(
  t.exact(t.type({ code: t.string, values: t.readonlyArray(t.string) })),
  'MessageField',
);
export type MessageField = t.TypeOf<typeof MessageFieldC>;

/**
 * A CARPOS message independent of layout: the message key (MKE), the ORI it is
 * sent from (requests) or addressed to (responses), and its fields in order.
 */
export const MessageC = t.readonly(
  t.exact(t.type({ key: t.string, ori: t.string, fields: t.readonlyArray(MessageFieldC) })),
  'Message',
);
export type Message = t.TypeOf<typeof MessageC>;

/** All values of a field, or an empty list when the message does not carry it. */
export const fieldValues = (message: Message, code: string): readonly string[] => {
  for (const field of message.fields) {
    if (field.code === code) return field.values;
  }
  return [];
};

/** The first value of a field, if any. */
export const fieldValue = (message: Message, code: string): string | undefined => fieldValues(message, code)[0];
