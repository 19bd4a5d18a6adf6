/** What the import knows when it looks for the order a scan belongs to. */
export interface OrderLookupQuery {
  readonly caseNumber: string;
  readonly formNumber: string;
  readonly courtOri?: string;
}

/**
 * Finds the order (issued or draft) with this case and form, e.g. from the search view.
 * Returns its id, or undefined when there is none; with several candidates it should return
 * the one a clerk would pick (the newest not canceled), since the import cannot ask.
 */
export type FindOrderByCaseAndForm = (query: OrderLookupQuery) => Promise<string | undefined>;
