import * as t from 'io-ts';
import { inSchema } from '@ccpor/adapters';
import { authorizeOrder } from '@ccpor/domain';
import type { ApiRouter } from '../http/api-router';
import type { Guard } from '../http/guard';
import { principalOf } from '../http/principal';
import { jsonContent } from '../conflicts/precedence-codecs';
import { waitForHeader, type WaitForNeeds } from '../search/search-routes';

const Limit = t.refinement(t.string, (s) => /^\d{1,3}$/.test(s) && Number(s) >= 1 && Number(s) <= 200, 'limit (1–200)');
export const DraftsQuery = t.exact(t.partial({ limit: Limit }), 'DraftsQuery');

/** One draft waiting for data, as the list shows it: enough to pick it, nothing a party list would add. */
export const DraftSummary = t.type(
  {
    orderId: t.string,
    version: t.number,
    form: t.union([t.string, t.null]),
    caseNumber: t.union([t.string, t.null]),
    courtOri: t.union([t.string, t.null]),
    restrainedPerson: t.union([t.type({ last: t.union([t.string, t.null]), first: t.union([t.string, t.null]) }), t.null]),
    imageCount: t.number,
    lastChangedAt: t.string,
    enteringAgencyOri: t.string,
  },
  'DraftSummary',
);
export const DraftList = t.type({ drafts: t.array(DraftSummary) }, 'DraftList');

type Row = {
  order_id: string;
  stream_version: number;
  form: string | null;
  case_number: string | null;
  court_ori: string | null;
  r_last: string | null;
  r_first: string | null;
  image_count: number;
  last_recorded_at: string | Date;
  entering_ori: string;
  assigned_oris: string[] | null;
  sealed: boolean;
};

/** What the drafts list reads: the search views (drafts are in them), after waiting for a position when asked. */
export type DraftsListRouteNeeds = WaitForNeeds;

/**
 * `GET /orders/drafts`: the drafts of the caller's agency (entered by it or assigned to it) waiting
 * for data, the longest untouched first (by last change, in log order), so the scan inbox's drafts and a clerk's unfinished entries are picked up
 * in the order they came in (issue 15; ADR 0054). Read from the search view (ADR 0032); each row
 * goes through the one access policy, as the order read does (a sealed draft only for a
 * supervisor), and a row withheld is audited like any withheld order.
 */
export const registerDraftsListRoute = (api: ApiRouter, s: DraftsListRouteNeeds, guard: Guard): void => {
  api.add({
    method: 'get',
    path: '/orders/drafts',
    summary: 'Drafts of your agency waiting for data (entered by it or assigned to it), the longest untouched first (by their last change); X-CCPOR-Wait-For for read-your-writes',
    tag: 'orders',
    query: DraftsQuery,
    success: 200,
    headers: ['X-CCPOR-Wait-For'],
    responseContent: jsonContent(DraftList),
    handler: async ({ req, res, query }) => {
      const p = principalOf(res);
      await waitForHeader(req, s);
      const limit = Number(query.limit ?? '100');
      const { rows } = await s.search.views.db.query<Row>(
        inSchema(
          `SELECT order_id, stream_version, form, case_number, court_ori, r_last, r_first, image_count, last_recorded_at, entering_ori, assigned_oris, sealed
             FROM {{schema}}.order_search
            WHERE status = 'draft' AND (entering_ori = $1 OR $1 = ANY(assigned_oris))
            ORDER BY last_position ASC
            LIMIT $2`,
          s.search.views.schema,
        ),
        [p.agencyOri, limit],
      );
      const drafts = [];
      for (const r of rows) {
        const d = authorizeOrder(p, 'order.draft', { ownerAgencyOri: r.entering_ori, assignedAgencies: r.assigned_oris ?? [], sealed: r.sealed, stage: 'draft' });
        if (!d.allowed) {
          guard.note(req, p, 'order.draft', false, d.rule, d.code, r.order_id);
          continue;
        }
        drafts.push({
          orderId: r.order_id,
          version: r.stream_version,
          form: r.form,
          caseNumber: r.case_number,
          courtOri: r.court_ori,
          restrainedPerson: r.r_last === null && r.r_first === null ? null : { last: r.r_last, first: r.r_first },
          imageCount: r.image_count,
          lastChangedAt: new Date(r.last_recorded_at).toISOString(),
          enteringAgencyOri: r.entering_ori,
        });
      }
      return { drafts };
    },
  });
};
