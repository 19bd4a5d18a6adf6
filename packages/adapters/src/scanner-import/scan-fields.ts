/** What a scanned file says about its order: from its name (naming convention) or an index file. */
export interface ScanFields {
  readonly caseNumber: string;
  readonly formNumber: string;
  readonly courtOri?: string;
  /** The date in the name or index (YYYY-MM-DD), usually the filing or scan date. */
  readonly date?: string;
}
