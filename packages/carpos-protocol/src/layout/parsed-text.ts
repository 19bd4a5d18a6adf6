import { type MessageField } from '../model/message';

/**
 * A message text split into its parts before dictionary checks, with the raw position of
 * each part kept beside the fields (not inside them) so the fields can become the message as is.
 */
export interface ParsedText {
  readonly key: string;
  readonly ori: string;
  readonly oriStart: number;
  readonly fields: MessageField[];
  /** Per field, where each value's field starts (its code in the keyword layout, its slot in the positional one). */
  readonly codeStarts: number[][];
  /** Per field, where each value starts in the raw text. */
  readonly valueStarts: number[][];
}
