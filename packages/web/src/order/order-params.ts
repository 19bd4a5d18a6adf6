/** The order page's address: which part of the order is shown, and which image is in the viewer. */
export type OrderTab = 'order' | 'enforcement' | 'history' | 'changes';

export interface OrderParams {
  readonly tab?: OrderTab;
  /** Index of the image in the viewer (0 = the first). */
  readonly image?: number;
  /** Just added or changed here: the page says what happens next (issue 15, item 8). */
  readonly added?: boolean;
}

export const validateOrderParams = (raw: Record<string, unknown>): OrderParams => {
  const tab = raw.tab === 'enforcement' || raw.tab === 'history' || raw.tab === 'changes' ? raw.tab : undefined;
  const image = Number(raw.image);
  return { ...(tab ? { tab } : {}), ...(Number.isInteger(image) && image > 0 && image < 100 ? { image } : {}), ...(raw.added === true || raw.added === 'true' ? { added: true } : {}) };
};
