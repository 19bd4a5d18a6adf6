import { type DecodeError } from '../model/protocol-error';
import { type CompiledDictionary } from '../validation/compiled-dictionary';
import { MESSAGE_KEY_FIELD } from '../validation/validate-message';
import { type Cursor, scanValue } from './scan-segment';

export interface Envelope {
  readonly key: string;
  readonly ori: string;
  readonly oriStart: number;
}

/** Reads `MKE.ORI.` from the start of a text, the part both layouts share; leaves the cursor after it. */
export const parseEnvelope = (dictionary: CompiledDictionary, text: string, errors: DecodeError[], cursor: Cursor): Envelope => {
  const key = scanValue(text, 0, dictionary.syntax, MESSAGE_KEY_FIELD, errors, cursor);
  const oriStart = cursor.next;
  const ori = scanValue(text, oriStart, dictionary.syntax, dictionary.oriField.code, errors, cursor);
  return { key, ori, oriStart };
};
