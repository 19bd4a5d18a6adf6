import type { OrderFacts } from '@ccpor/domain';
import { DEFAULT_SCHEMA, inSchema } from '../sql/schema-name';
import type { SqlSession } from '../sql/sql-database';

/** An order that holds an image's bytes, with what the access policy needs to know about it. */
export interface ImageHolder {
  readonly orderId: string;
  readonly facts: OrderFacts;
}

const holdersSql = `
SELECT order_id::text AS order_id, entering_ori, assigned_oris, sealed, status
FROM {{schema}}.order_search
WHERE image_shas @> ARRAY[$1::text]`;

const STAGE = { draft: 'draft', discarded: 'discarded', active: 'issued', served: 'issued', canceled: 'issued' } as const;

/**
 * Every order whose images include `sha256` (index `order_search_image_shas`), as the search
 * view has them: an image is stored once whoever sends it (ADR 0023), so the same bytes may
 * belong to several orders, and reading them is reading each (ADR 0036).
 */
export const imageHolders = async (db: SqlSession, sha256: string, schema: string = DEFAULT_SCHEMA): Promise<ImageHolder[]> => {
  const { rows } = await db.query<{ order_id: string; entering_ori: string; assigned_oris: string[]; sealed: boolean; status: keyof typeof STAGE }>(inSchema(holdersSql, schema), [sha256]);
  return rows.map((r) => ({ orderId: r.order_id, facts: { ownerAgencyOri: r.entering_ori, assignedAgencies: r.assigned_oris, sealed: r.sealed, stage: STAGE[r.status] } }));
};
