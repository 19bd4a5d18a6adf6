import { authorizeOrder, maySeeConfidential, unservedNoticeFor, visibilityOf, type OrderFacts, type Principal, type UnservedNotice } from '@ccpor/domain';
import type { SearchHit, SearchVisibility } from '@ccpor/adapters';

/**
 * What a caller may find, asked of the domain's access policy (never re-stated here) and handed
 * to the SQL so hidden rows never leave the database: sealed orders where `order.read` on a
 * sealed order is allowed (supervisors, of their own or assigned agency's orders); confidential
 * or minor protected persons matched by name where `maySeeConfidential` holds. Drafts the SQL
 * shows only to the agency's own or assigned orders, as the policy does (presentHit checks it).
 */
export const searchVisibility = (p: Principal): SearchVisibility => {
  const v = visibilityOf(p);
  return { agencyOri: v.agencyOri, sealed: v.sealed, confidential: v.confidential };
};

/** The fields of a hit the API passes through as the SQL found them. */
type PassedThrough =
  | 'orderId' | 'person' | 'caseNumber' | 'courtOri' | 'county' | 'form' | 'orderType' | 'stage' | 'status'
  | 'issuedAt' | 'expiresAt' | 'hearingAt' | 'sealed' | 'imageCount' | 'enteringAgencyOri' | 'assignedAgencyOris'
  | 'score' | 'matchedOn';

/** A search hit as the API returns it: DOJ fields only for those who may read CLETS data. */
export interface PresentedHit extends Pick<SearchHit, PassedThrough> {
  readonly matchedAs: SearchHit['role'];
  readonly doj?: { readonly fcn: string | null; readonly nic: string | null; readonly status: SearchHit['dojStatus'] };
  /** What was withheld from this caller (`doj`). */
  readonly redacted: readonly string[];
  /** On an order in force never served: tell the restrained person the terms, then enforce (Fam. Code 6383(e); docs/law/service.md). */
  readonly unservedNotice?: UnservedNotice;
}

const factsOf = (h: SearchHit): OrderFacts => ({
  ownerAgencyOri: h.enteringAgencyOri,
  assignedAgencies: h.assignedAgencyOris,
  sealed: h.sealed,
  stage: h.status === 'draft' || h.status === 'discarded' ? h.status : 'issued',
});

/**
 * The hit as `p` may see it, or undefined when the policy hides it. The SQL already left such
 * rows out (searchVisibility); this second look, per hit and with the order's own facts, keeps
 * the answer exact even if the policy grows a rule the SQL filter does not know.
 */
export const presentHit = (h: SearchHit, p: Principal): PresentedHit | undefined => {
  const facts = factsOf(h);
  // Sealed orders and other agencies' drafts, as the policy decides for an order read.
  if (!authorizeOrder(p, 'order.read', facts).allowed) return undefined;
  if (h.role === 'protected' && (h.person.confidential || h.person.minor) && !maySeeConfidential(p, facts)) return undefined;
  const dojAllowed = authorizeOrder(p, 'order.doj.read', facts).allowed;
  const notice = h.status === 'draft' || h.status === 'discarded' ? undefined : unservedNoticeFor(h.status);
  return {
    orderId: h.orderId,
    matchedAs: h.role,
    person: h.person,
    caseNumber: h.caseNumber,
    courtOri: h.courtOri,
    county: h.county,
    form: h.form,
    orderType: h.orderType,
    stage: h.stage,
    status: h.status,
    issuedAt: h.issuedAt,
    expiresAt: h.expiresAt,
    hearingAt: h.hearingAt,
    sealed: h.sealed,
    imageCount: h.imageCount,
    enteringAgencyOri: h.enteringAgencyOri,
    assignedAgencyOris: h.assignedAgencyOris,
    score: h.score,
    matchedOn: h.matchedOn,
    ...(dojAllowed ? { doj: { fcn: h.fcn, nic: h.nic, status: h.dojStatus } } : {}),
    redacted: dojAllowed || (h.fcn === null && h.nic === null && h.dojStatus === 'none') ? [] : ['doj'],
    ...(notice !== undefined ? { unservedNotice: notice } : {}),
  };
};
