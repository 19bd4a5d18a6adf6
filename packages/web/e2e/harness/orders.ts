import type { ApiSession, Json } from './api';

/** The types of an order's events, in order, as the API's history gives them. */
export const eventTypes = async (api: ApiSession, orderId: string): Promise<string[]> =>
  ((await api.ok('GET', `/api/v1/orders/${orderId}/history`)).events as Json[]).map((e) => e.type as string);

/** The bytes of an order's image, for a test that uploads a real scan. */
export const imageBytes = (api: ApiSession, orderId: string, sha256: string): Promise<Buffer> => api.bytes(`/api/v1/orders/${orderId}/images/${sha256}`);
