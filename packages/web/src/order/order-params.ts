/** The order page's address: which part of the order is shown, and which image is in the viewer. */
export type OrderTab = 'order' | 'enforcement' | 'history';

export interface OrderParams {
  readonly tab?: OrderTab;
  /** Index of the image in the viewer (0 = the first). */
  readonly image?: number;
}

export const validateOrderParams = (raw: Record<string, unknown>): OrderParams => {
  const tab = raw.tab === 'enforcement' || raw.tab === 'history' ? raw.tab : undefined;
  const image = Number(raw.image);
  return { ...(tab ? { tab } : {}), ...(Number.isInteger(image) && image > 0 && image < 100 ? { image } : {}) };
};
