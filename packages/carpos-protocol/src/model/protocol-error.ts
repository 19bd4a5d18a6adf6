/**
 * Why a message could not be encoded or decoded. The same reasons serve both directions,
 * so a gateway can map either to one reject text.
 */
export type ProtocolErrorReason =
  // input shape
  | 'invalid-input'
  // structure of the text
  | 'empty-message'
  | 'missing-terminator'
  | 'missing-separator'
  | 'bad-field-code'
  | 'unescaped-reserved-character'
  | 'bad-escape'
  | 'too-many-positions'
  // message against the dictionary
  | 'unknown-message-key'
  | 'unknown-field'
  | 'forbidden-field'
  | 'duplicate-field'
  | 'missing-required-field'
  | 'missing-one-of'
  | 'incomplete-group'
  | 'no-values'
  | 'too-many-repeats'
  // one value against its field definition
  | 'too-short'
  | 'too-long'
  | 'bad-character'
  | 'invalid-name'
  | 'invalid-date'
  | 'invalid-time'
  | 'invalid-height'
  | 'mask-mismatch'
  | 'not-in-code-table';

/** A problem found while encoding: which field (and which of its values) and why. */
export interface EncodeError {
  readonly reason: ProtocolErrorReason;
  readonly message: string;
  /** The field code in error; `MKE` for the message key, the envelope code (ORI) for the ORI. */
  readonly field?: string;
  /** Index of the offending value when the field repeats. */
  readonly valueIndex?: number;
  /** Character offset inside the offending value. */
  readonly offset?: number;
}

/** A problem found while decoding: the field, the character position in the text, and why. */
export interface DecodeError {
  readonly reason: ProtocolErrorReason;
  readonly message: string;
  /** Zero-based index into the decoded text. */
  readonly position: number;
  readonly field?: string;
}
