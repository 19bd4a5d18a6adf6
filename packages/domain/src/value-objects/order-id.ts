import type * as t from 'io-ts';
import { brandedString } from '../shared/branded';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** An order's identity (RFC 4122 UUID); its stream is `order-<id>`. */
export const OrderId = brandedString('OrderId', (s) => UUID.test(s), (s) => s.trim().toLowerCase());
export type OrderId = t.TypeOf<typeof OrderId>;

export const orderStreamId = (id: string): string => `order-${id}`;
export const ORDER_STREAM_PREFIX = 'order-';
