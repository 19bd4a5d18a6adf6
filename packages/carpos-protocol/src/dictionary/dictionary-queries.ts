import { type Dictionary, type MessageRole } from './dictionary-codec';

/** Message keys that play a role, in dictionary order (EPO and ETO both enter). */
export const messageKeysFor = (dictionary: Dictionary, role: MessageRole): string[] =>
  Object.entries(dictionary.messages)
    .filter(([, definition]) => definition.role === role)
    .map(([key]) => key);

/** The codes of a code table, or an empty list when the dictionary has no such table. */
export const codeTableValues = (dictionary: Dictionary, table: string): string[] =>
  Object.hasOwn(dictionary.codeTables, table) ? (dictionary.codeTables[table]?.values ?? []).map((value) => value.code) : [];
