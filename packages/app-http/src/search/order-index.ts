import * as E from 'fp-ts/Either';
import {
  computeOrderView,
  evolve,
  ORDER_STREAM_PREFIX,
  OrderEvent,
  orderStatusAt,
  type OrderState,
  type Principal,
  type RecordedEvent,
} from '@ccpor/domain';
import type { SearchHit, SearchQuery, Statistics } from './search-view';

const norm = (s: string) => s.trim().toUpperCase();

const keysOf = (s: OrderState): [string | undefined, string | undefined, string | undefined] => {
  if (s.status !== 'issued' && s.status !== 'draft') return [undefined, undefined, undefined];
  const rp = s.details.restrainedPerson;
  const last = rp ? norm(rp.name.last) : undefined;
  return [last, s.details.caseNumber, last && rp?.dateOfBirth ? `${last}|${rp.dateOfBirth}` : undefined];
};

const move = (index: Map<string, Set<string>>, id: string, from: string | undefined, to: string | undefined) => {
  if (from !== undefined) {
    const set = index.get(from);
    set?.delete(id);
    if (set?.size === 0) index.delete(from);
  }
  if (to !== undefined) {
    let set = index.get(to);
    if (!set) index.set(to, (set = new Set()));
    set.add(id);
  }
};

/**
 * Every order's folded state, kept in memory for statewide search and statistics. Sealed orders
 * are listed only to supervisors (domain-brief §8: findable by name for the authorised role).
 */
export class OrderIndex {
  private readonly orders = new Map<string, OrderState>();
  /** Secondary keys, so a search by name or case number touches only matching orders. */
  private readonly byLastName = new Map<string, Set<string>>();
  private readonly byCaseNumber = new Map<string, Set<string>>();
  /** Last name + exact date of birth: the usual law-enforcement query. */
  private readonly byNameAndDob = new Map<string, Set<string>>();

  apply(e: RecordedEvent): void {
    if (!e.streamId.startsWith(ORDER_STREAM_PREFIX)) return;
    const decoded = OrderEvent.decode({ type: e.type, schemaVersion: e.schemaVersion, data: e.data });
    if (E.isLeft(decoded)) return;
    const id = e.streamId.slice(ORDER_STREAM_PREFIX.length);
    const before = this.orders.get(id) ?? { status: 'none' };
    const after = evolve(before, decoded.right);
    this.orders.set(id, after);
    const [lastBefore, caseBefore, dobBefore] = keysOf(before);
    const [lastAfter, caseAfter, dobAfter] = keysOf(after);
    if (dobBefore !== dobAfter) move(this.byNameAndDob, id, dobBefore, dobAfter);
    if (lastBefore !== lastAfter) move(this.byLastName, id, lastBefore, lastAfter);
    if (caseBefore !== caseAfter) move(this.byCaseNumber, id, caseBefore, caseAfter);
  }

  private candidates(q: SearchQuery): Iterable<string> {
    if (q.lastName && q.dateOfBirth) return this.byNameAndDob.get(`${norm(q.lastName)}|${q.dateOfBirth}`) ?? [];
    if (q.lastName) return this.byLastName.get(norm(q.lastName)) ?? [];
    if (q.caseNumber) return this.byCaseNumber.get(norm(q.caseNumber)) ?? [];
    return this.orders.keys();
  }

  get(orderId: string): OrderState | undefined {
    return this.orders.get(orderId);
  }

  get size(): number {
    return this.orders.size;
  }

  search(q: SearchQuery, principal: Principal, at: string): SearchHit[] {
    const limit = q.limit ? Number(q.limit) : 50;
    const mayseeSealed = principal.roles.includes('supervisor');
    const hits: SearchHit[] = [];
    for (const orderId of this.candidates(q)) {
      const s = this.orders.get(orderId);
      if (!s || (s.status !== 'issued' && s.status !== 'draft')) continue;
      const d = s.details;
      if (d.sealed && !mayseeSealed) continue;
      // Drafts are work in progress of their own agency, not statewide records.
      if (s.status === 'draft' && s.enteringAgencyOri !== principal.agencyOri) continue;
      const rp = d.restrainedPerson;
      if (q.lastName && (!rp || norm(rp.name.last) !== norm(q.lastName))) continue;
      if (q.firstName && (!rp || !norm(rp.name.first).startsWith(norm(q.firstName)))) continue;
      if (q.dateOfBirth && rp?.dateOfBirth !== q.dateOfBirth) continue;
      if (q.caseNumber && d.caseNumber !== norm(q.caseNumber)) continue;
      if (q.county && d.court?.county !== q.county) continue;
      if (q.agencyOri && s.enteringAgencyOri !== q.agencyOri) continue;
      const status = orderStatusAt(s, at);
      if (q.status && status !== q.status) continue;
      hits.push({
        orderId,
        status,
        enteringAgencyOri: s.enteringAgencyOri,
        sealed: d.sealed ?? false,
        ...(d.form ? { form: d.form } : {}),
        ...(d.caseNumber ? { caseNumber: d.caseNumber } : {}),
        ...(d.court ? { county: d.court.county } : {}),
        ...(d.issuedAt ? { issuedAt: d.issuedAt } : {}),
        ...(s.status === 'issued' ? { expiresAt: s.expiresAt } : {}),
        ...(rp ? { restrainedPerson: { last: rp.name.last, first: rp.name.first, ...(rp.dateOfBirth ? { dateOfBirth: rp.dateOfBirth } : {}) } } : {}),
      });
      if (hits.length >= limit) break;
    }
    return hits;
  }

  /** Counts for reports; a local administrator sees their own agency's, others statewide. */
  statistics(principal: Principal, at: string): Statistics {
    const ownOnly = principal.roles.includes('local-admin') && !principal.roles.includes('state-admin') && !principal.roles.includes('supervisor');
    const byStatus: Record<string, number> = {};
    const byCategory: Record<string, number> = {};
    const byCounty: Record<string, number> = {};
    let orders = 0;
    let dojOverdue = 0;
    let missing = 0;
    for (const s of this.orders.values()) {
      if (s.status === 'none') continue;
      if (ownOnly && s.enteringAgencyOri !== principal.agencyOri) continue;
      orders += 1;
      const view = computeOrderView(s, at);
      byStatus[view.status] = (byStatus[view.status] ?? 0) + 1;
      if (view.category) byCategory[view.category] = (byCategory[view.category] ?? 0) + 1;
      if (s.status === 'issued' || s.status === 'draft') {
        const county = s.details.court?.county;
        if (county) byCounty[county] = (byCounty[county] ?? 0) + 1;
      }
      if (view.dojOverdue) dojOverdue += 1;
      if (s.status === 'issued' && view.missingForDoj.length > 0) missing += 1;
    }
    return { orders, byStatus, byCategory, byCounty, dojOverdue, missingForDoj: missing };
  }
}
