import { inSchema, type FindOrderByCaseAndForm } from '@ccpor/adapters';
import { caseNumberKey } from '@ccpor/domain';
import type { SearchViews } from '../store/open-search-views';

/**
 * The scan import's "which order is this?" asked of the search view: same case (compared as the
 * view keys it, ignoring punctuation and case) and form, discarded drafts left out. Of several,
 * the one a clerk would pick: not canceled first, then the most recently changed.
 */
export const viewOrderLookup = (views: SearchViews): FindOrderByCaseAndForm => async ({ caseNumber, formNumber, courtOri }) => {
  const { rows } = await views.db.query<{ order_id: string }>(
    inSchema(
      `SELECT order_id FROM {{schema}}.order_search
        WHERE case_key = $1 AND form = $2 AND status <> 'discarded'
          AND ($3::text IS NULL OR court_ori IS NULL OR court_ori = $3)
        ORDER BY (status = 'canceled'), last_recorded_at DESC
        LIMIT 1`,
      views.schema,
    ),
    [caseNumberKey(caseNumber), formNumber, courtOri ?? null],
  );
  return rows[0]?.order_id;
};
