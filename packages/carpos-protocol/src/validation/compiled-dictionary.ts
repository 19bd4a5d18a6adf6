import {
  type DateFormat,
  type Dictionary,
  type FieldDefinition,
  type FieldType,
  type MessageDefinition,
  type Presence,
} from '../dictionary/dictionary-codec';

/**
 * A dictionary turned into lookup structures once, so encoding and decoding a message
 * costs map lookups rather than scans of the document. Compiling never fails: anything a
 * checked dictionary cannot contain (a missing table, say) compiles to "accept nothing".
 */

export interface CompiledField {
  readonly code: string;
  readonly definition: FieldDefinition;
  readonly type: FieldType;
  readonly minLength: number;
  readonly maxLength: number;
  readonly maxRepeats: number;
  readonly table: ReadonlySet<string>;
  readonly literals: ReadonlySet<string>;
  readonly mask: string;
}

export interface CompiledRule {
  readonly code: string;
  readonly presence: Presence;
  readonly maxRepeats: number;
  readonly field: CompiledField | undefined;
}

export interface CompiledMessage {
  readonly key: string;
  readonly definition: MessageDefinition;
  readonly rules: ReadonlyMap<string, CompiledRule>;
  /** Fields that may appear, in positional order. */
  readonly positions: readonly CompiledRule[];
  readonly positionOf: ReadonlyMap<string, number>;
  readonly required: readonly string[];
  readonly atLeastOneOf: readonly (readonly string[])[];
  readonly allOrNone: readonly (readonly string[])[];
}

export interface CompiledSyntax {
  readonly terminator: string;
  readonly separator: string;
  readonly repeatSeparator: string;
  readonly escape: string;
  readonly terminatorCode: number;
  readonly separatorCode: number;
  readonly repeatSeparatorCode: number;
  readonly escapeCode: number;
}

export interface CompiledDictionary {
  readonly dictionary: Dictionary;
  readonly syntax: CompiledSyntax;
  readonly dateFormat: DateFormat;
  readonly fields: ReadonlyMap<string, CompiledField>;
  readonly messages: ReadonlyMap<string, CompiledMessage>;
  readonly oriField: CompiledField;
}

const ownEntries = <T>(record: Readonly<Record<string, T>>): [string, T][] => Object.entries(record);

const compileField = (dictionary: Dictionary, code: string, definition: FieldDefinition): CompiledField => {
  const table =
    definition.table !== undefined && Object.hasOwn(dictionary.codeTables, definition.table)
      ? dictionary.codeTables[definition.table]
      : undefined;
  return {
    code,
    definition,
    type: definition.type,
    minLength: definition.minLength,
    maxLength: definition.maxLength,
    maxRepeats: definition.maxRepeats,
    table: new Set((table?.values ?? []).map((value) => value.code)),
    literals: new Set(definition.literals ?? []),
    mask: definition.mask ?? '',
  };
};

const compileMessage = (key: string, definition: MessageDefinition, fields: ReadonlyMap<string, CompiledField>): CompiledMessage => {
  const rules = new Map<string, CompiledRule>();
  const positions: CompiledRule[] = [];
  const positionOf = new Map<string, number>();
  for (const rule of definition.fields) {
    if (rules.has(rule.code)) continue;
    const field = fields.get(rule.code);
    const compiled: CompiledRule = {
      code: rule.code,
      presence: rule.presence,
      maxRepeats: rule.maxRepeats ?? field?.maxRepeats ?? 1,
      field,
    };
    rules.set(rule.code, compiled);
    if (rule.presence !== 'forbidden') {
      positionOf.set(rule.code, positions.length);
      positions.push(compiled);
    }
  }
  return {
    key,
    definition,
    rules,
    positions,
    positionOf,
    required: positions.filter((rule) => rule.presence === 'required').map((rule) => rule.code),
    atLeastOneOf: definition.atLeastOneOf ?? [],
    allOrNone: definition.allOrNone ?? [],
  };
};

const charCode = (s: string): number => (s.length === 1 ? s.charCodeAt(0) : -1);

export const compileDictionary = (dictionary: Dictionary): CompiledDictionary => {
  const fields = new Map<string, CompiledField>();
  for (const [code, definition] of ownEntries(dictionary.fields)) fields.set(code, compileField(dictionary, code, definition));
  const messages = new Map<string, CompiledMessage>();
  for (const [key, definition] of ownEntries(dictionary.messages)) messages.set(key, compileMessage(key, definition, fields));
  const { terminator, separator, repeatSeparator, escape } = dictionary.syntax;
  const oriField =
    fields.get(dictionary.envelope.oriField) ??
    compileField(dictionary, dictionary.envelope.oriField, { name: 'ORI', type: 'mask', mask: '', minLength: 1, maxLength: 1, maxRepeats: 1, verified: false, source: '' });
  return {
    dictionary,
    syntax: {
      terminator,
      separator,
      repeatSeparator,
      escape,
      terminatorCode: charCode(terminator),
      separatorCode: charCode(separator),
      repeatSeparatorCode: charCode(repeatSeparator),
      escapeCode: charCode(escape),
    },
    dateFormat: dictionary.dateFormat,
    fields,
    messages,
    oriField,
  };
};

const cache = new WeakMap<Dictionary, CompiledDictionary>();

/** Compiles a dictionary once per object; later calls reuse the result. */
export const compiledFor = (dictionary: Dictionary): CompiledDictionary => {
  const hit = cache.get(dictionary);
  if (hit !== undefined) return hit;
  const compiled = compileDictionary(dictionary);
  cache.set(dictionary, compiled);
  return compiled;
};
