import * as E from 'fp-ts/Either';
import { authorizeGlobal, authorizeOrder, type ConflictIndicator, type GlobalPosition, type Principal } from '@ccpor/domain';
import type { SearchHit } from '@ccpor/adapters';
import { FixedClock, LA_SUPERIOR_COURT } from '@ccpor/test-kit';
import type { SearchAccess } from './search-access';
import { searchOrders, type SearchOrdersDeps } from './search-orders';

/**
 * Search called without HTTP: the caller authorized through the port before the views are read,
 * the wait for a write before the read, the hits as the policy lets this caller see them, each
 * with its `related` indicator, and where the views stood.
 */
const clerk: Principal = { userId: 'u-clerk', agencyOri: LA_SUPERIOR_COURT.ori, roles: ['court-clerk'], cletsCertified: false, kind: 'user' };
const certified: Principal = { ...clerk, cletsCertified: true };

const hit = (orderId: string, over: Partial<SearchHit> = {}): SearchHit => ({
  orderId,
  role: 'restrained',
  person: { last: 'RIVERA', first: 'ALEX', middle: null, dateOfBirth: '1990-01-01', confidential: false, minor: false },
  caseNumber: '26DV00001',
  courtOri: LA_SUPERIOR_COURT.ori,
  county: '19',
  form: 'DV-130',
  orderType: 'DV',
  stage: 'after-hearing',
  status: 'active',
  issuedAt: '2026-01-01T00:00:00.000Z',
  expiresAt: '2029-01-01T00:00:00.000Z',
  hearingAt: null,
  sealed: false,
  imageCount: 0,
  fcn: '2600100001',
  nic: null,
  dojStatus: 'acknowledged',
  enteringAgencyOri: LA_SUPERIOR_COURT.ori,
  assignedAgencyOris: [],
  score: 1,
  dobDistanceDays: 0,
  matchedOn: ['surname-exact'],
  ...over,
});

const setup = (p: Principal, opts: { caughtUp?: boolean; hits?: readonly SearchHit[] } = {}) => {
  const asked: string[] = [];
  const access: SearchAccess<string> = {
    global: (action) => {
      asked.push(action);
      const d = authorizeGlobal(p, action, {});
      return d.allowed ? E.right(undefined) : E.left(d.code);
    },
    order: (action, facts) => {
      asked.push(action);
      const d = authorizeOrder(p, action, facts);
      return d.allowed ? E.right(undefined) : E.left(d.code);
    },
  };
  const searched: unknown[] = [];
  const waited: GlobalPosition[] = [];
  const indicator = { inForce: 2 } as unknown as ConflictIndicator;
  const deps: SearchOrdersDeps<string> = {
    access,
    clock: new FixedClock('2026-03-05T20:00:00.000Z'),
    waitMaxMs: 500,
    search: {
      position: '0:42' as GlobalPosition,
      waitFor: (position) => (waited.push(position), Promise.resolve(opts.caughtUp ?? true)),
      search: (query, options, read) => {
        searched.push({ query, visibility: options.visibility, afterWait: read?.afterWait });
        return Promise.resolve(E.right({ hits: opts.hits ?? [], capped: false, nextCursor: 'next' }));
      },
    },
    partyConflicts: { indicators: (ids) => Promise.resolve(new Map(ids.map((id) => [id, indicator]))) },
  };
  return { deps, asked, searched, waited, indicator };
};

describe('searchOrders, the use case without HTTP', () => {
  it('presents the hits the caller may see, as they may see them, with their related orders and where the views stood', async () => {
    const t = setup(clerk, { hits: [hit('o-open'), hit('o-sealed', { sealed: true, enteringAgencyOri: 'CA0190000' })] });
    const r = await searchOrders(t.deps, { principal: clerk, query: { lastName: 'Rivera', county: '19,30' } });
    expect(E.isRight(r) && r.right.hits.map((h) => [h.orderId, h.redacted, h.related])).toEqual([['o-open', ['doj'], t.indicator]]);
    expect(E.isRight(r) && r.right).toMatchObject({ capped: false, nextCursor: 'next', position: '0:42' });
    expect(t.searched).toEqual([expect.objectContaining({ query: { lastName: 'Rivera', county: ['19', '30'] }, afterWait: false })]);
    expect(t.asked).toEqual(['search']);
  });

  it('refuses a search by FCN to a caller not certified for CLETS before the views are read', async () => {
    const t = setup(clerk);
    const r = await searchOrders(t.deps, { principal: clerk, query: { fcn: '2600100001' } });
    expect(E.isLeft(r) && r.left.kind).toBe('refused');
    expect(t.searched).toEqual([]);
    const allowed = setup(certified);
    expect(E.isRight(await searchOrders(allowed.deps, { principal: certified, query: { fcn: '2600100001' } }))).toBe(true);
    expect(allowed.asked).toEqual(['search', 'order.doj.read']);
  });

  it('waits for the caller’s write and reads only once the views have it; views behind are an error, not an older answer', async () => {
    const t = setup(clerk);
    await searchOrders(t.deps, { principal: clerk, query: {}, waitFor: '0:41' as GlobalPosition });
    expect(t.waited).toEqual(['0:41']);
    expect(t.searched).toEqual([expect.objectContaining({ afterWait: true })]);
    const behind = setup(clerk, { caughtUp: false });
    expect(await searchOrders(behind.deps, { principal: clerk, query: {}, waitFor: '0:43' as GlobalPosition })).toEqual(E.left({ kind: 'view-behind' }));
    expect(behind.searched).toEqual([]);
  });
});
