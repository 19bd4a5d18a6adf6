import { DEFAULT_SCHEMA, inSchema } from '../sql/schema-name';
import type { SqlSession } from '../sql/sql-database';
import { exactPairKey, phoneticPairKey, type PartyPerson } from '../projections/party-pairs';

/** An order linked to a person pair, and whether the link is exact or only phonetic (a possible typo). */
export interface PairLink {
  readonly orderId: string;
  readonly match: 'exact' | 'phonetic';
}

/** $1 exact pair key, $2 phonetic pair key (null matches nothing). */
export const pairLinksSql = `
SELECT order_id, bool_or(exact_key = $1::text) AS exact FROM (
  SELECT order_id, exact_key FROM {{schema}}.order_party_pair WHERE exact_key = $1::text
  UNION ALL
  SELECT order_id, exact_key FROM {{schema}}.order_party_pair WHERE phonetic_key = $2::text
) AS m GROUP BY order_id ORDER BY order_id`;

/** $1 order id. */
export const linkedOrdersSql = `
SELECT order_id, bool_or(exact) AS exact FROM (
  SELECT o.order_id, true AS exact FROM {{schema}}.order_party_pair AS m
    JOIN {{schema}}.order_party_pair AS o ON o.exact_key = m.exact_key
  WHERE m.order_id = $1::uuid AND o.order_id <> m.order_id
  UNION ALL
  SELECT o.order_id, false AS exact FROM {{schema}}.order_party_pair AS m
    JOIN {{schema}}.order_party_pair AS o ON o.phonetic_key = m.phonetic_key
  WHERE m.order_id = $1::uuid AND o.order_id <> m.order_id
) AS l GROUP BY order_id ORDER BY order_id`;

const orderLinks = (rows: readonly { order_id: string; exact: boolean }[]): PairLink[] =>
  rows.map((r) => ({ orderId: r.order_id, match: r.exact ? 'exact' : 'phonetic' }));

/**
 * All orders concerning a (restrained, protected) pair: same letters-only names and DOBs, or
 * the same NYSIIS surnames, first initials and DOBs. The input to conflict detection.
 */
export const ordersConcerningPair = async (
  db: SqlSession,
  pair: { readonly restrained: PartyPerson; readonly protectedPerson: PartyPerson },
  schema: string = DEFAULT_SCHEMA,
): Promise<PairLink[]> => {
  const exact = exactPairKey(pair.restrained, pair.protectedPerson);
  const phonetic = phoneticPairKey(pair.restrained, pair.protectedPerson);
  const { rows } = await db.query<{ order_id: string; exact: boolean }>(inSchema(pairLinksSql, schema), [exact, phonetic]);
  return orderLinks(rows);
};

/** Other orders sharing a person pair with `orderId`, exactly or phonetically. */
export const linkedOrders = async (db: SqlSession, orderId: string, schema: string = DEFAULT_SCHEMA): Promise<PairLink[]> => {
  const { rows } = await db.query<{ order_id: string; exact: boolean }>(inSchema(linkedOrdersSql, schema), [orderId]);
  return orderLinks(rows);
};
