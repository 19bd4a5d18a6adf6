/** One reason a dictionary document was refused, with the path to the offending entry. */
export interface DictionaryError {
  /** Dotted path from the document root, e.g. `fields.NAM.maxLength`; empty for the root. */
  readonly path: string;
  readonly message: string;
}
