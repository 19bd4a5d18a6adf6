import * as t from 'io-ts';

/**
 * The io-ts shape of a message dictionary. It checks structure only; the cross-references
 * (a field naming a code table that exists, lengths that agree with a mask, …) are checked
 * by `dictionary-checks.ts`, and `loadDictionary` runs both.
 */

/** Identifies the layout of the dictionary document itself, not the CARPOS specification it describes. */
export const DICTIONARY_FORMAT = 'ccpor-carpos-dictionary/1';

const provenance = {
  /** True only when every aspect of the entry is confirmed by a public or DOJ source. */
  verified: t.boolean,
  /** Where the entry comes from, or why it is a guess. */
  source: t.string,
};

export const FieldTypeC = t.keyof(
  {
    alpha: null,
    numeric: null,
    alphanumeric: null,
    name: null,
    text: null,
    date: null,
    time: null,
    height: null,
    code: null,
    mask: null,
  },
  'FieldType',
);
export type FieldType = t.TypeOf<typeof FieldTypeC>;

export const PresenceC = t.keyof({ required: null, optional: null, forbidden: null }, 'Presence');
export type Presence = t.TypeOf<typeof PresenceC>;

/** What a message does, so programs (the gateway, the simulator) find keys by meaning, not by spelling. */
export const MessageRoleC = t.keyof(
  {
    enter: null,
    modify: null,
    cancel: null,
    clear: null,
    service: null,
    query: null,
    list: null,
    acknowledgement: null,
    reject: null,
    hit: null,
    'no-hit': null,
    notification: null,
  },
  'MessageRole',
);
export type MessageRole = t.TypeOf<typeof MessageRoleC>;

export const DirectionC = t.keyof({ 'to-doj': null, 'from-doj': null }, 'Direction');
export type Direction = t.TypeOf<typeof DirectionC>;

export const DateFormatC = t.keyof({ CCYYMMDD: null, MMDDCCYY: null }, 'DateFormat');
export type DateFormat = t.TypeOf<typeof DateFormatC>;

export const CodeValueC = t.intersection(
  [t.type({ code: t.string, meaning: t.string }), t.partial({ note: t.string })],
  'CodeValue',
);
export type CodeValue = t.TypeOf<typeof CodeValueC>;

export const CodeTableC = t.intersection(
  [t.type({ name: t.string, ...provenance, values: t.readonlyArray(CodeValueC) }), t.partial({ note: t.string })],
  'CodeTable',
);
export type CodeTable = t.TypeOf<typeof CodeTableC>;

export const FieldDefinitionC = t.intersection(
  [
    t.type({
      name: t.string,
      type: FieldTypeC,
      minLength: t.number,
      maxLength: t.number,
      /** 1 for a field that does not repeat. */
      maxRepeats: t.number,
      ...provenance,
    }),
    t.partial({
      /** Code table name, for type `code`. */
      table: t.string,
      /** For type `mask`: `A` a letter, `9` a digit, `X` a letter or digit, any other character itself. */
      mask: t.string,
      /** Exact values accepted besides the type (EXP's non-expiring literal). */
      literals: t.readonlyArray(t.string),
      note: t.string,
    }),
  ],
  'FieldDefinition',
);
export type FieldDefinition = t.TypeOf<typeof FieldDefinitionC>;

export const FieldRuleC = t.intersection(
  [
    t.type({ code: t.string, presence: PresenceC }),
    t.partial({ maxRepeats: t.number, verified: t.boolean, source: t.string }),
  ],
  'FieldRule',
);
export type FieldRule = t.TypeOf<typeof FieldRuleC>;

export const MessageDefinitionC = t.intersection(
  [
    t.type({
      name: t.string,
      role: MessageRoleC,
      direction: DirectionC,
      ...provenance,
      /** In positional order; a field not listed is forbidden. */
      fields: t.readonlyArray(FieldRuleC),
    }),
    t.partial({
      /** Each group needs at least one of its fields present. */
      atLeastOneOf: t.readonlyArray(t.readonlyArray(t.string)),
      /** Each group is either absent altogether or present in full. */
      allOrNone: t.readonlyArray(t.readonlyArray(t.string)),
      note: t.string,
    }),
  ],
  'MessageDefinition',
);
export type MessageDefinition = t.TypeOf<typeof MessageDefinitionC>;

export const SyntaxC = t.type(
  {
    /** Ends the key, the ORI and every field. */
    terminator: t.string,
    /** Between a field code and its value in the keyword layout. */
    separator: t.string,
    /** Between the values of a repeating field in the positional layout. */
    repeatSeparator: t.string,
    /** Precedes a reserved character inside a value. */
    escape: t.string,
    ...provenance,
  },
  'Syntax',
);
export type Syntax = t.TypeOf<typeof SyntaxC>;

export const DictionaryC = t.intersection(
  [
    t.type({
      format: t.literal(DICTIONARY_FORMAT),
      id: t.string,
      version: t.string,
      title: t.string,
      ...provenance,
      dateFormat: DateFormatC,
      /** The field definition that validates the ORI written after the message key. */
      envelope: t.type({ oriField: t.string }),
      syntax: SyntaxC,
      codeTables: t.record(t.string, CodeTableC),
      fields: t.record(t.string, FieldDefinitionC),
      messages: t.record(t.string, MessageDefinitionC),
    }),
    t.partial({ note: t.string }),
  ],
  'Dictionary',
);
export type Dictionary = t.TypeOf<typeof DictionaryC>;
