import * as E from 'fp-ts/Either';
import { reportScopeOf, type Clock, type GlobalPosition, type Principal } from '@ccpor/domain';
import type { StatisticsOptions, StatisticsRow } from '@ccpor/adapters';
import type { ReadOptions } from '../../search/order-search-service';
import { searchVisibility } from '../../search/search-visibility';
import { statisticsReport, type StatisticsReport, type StatisticsRequestQuery } from '../../search/statistics-report';
import type { SearchAccess } from './search-access';
import { awaitWrite, type ViewBehind, type ViewReadRequest, type ViewWaitDeps } from './read-views';

export interface OrderStatisticsRequest extends ViewReadRequest {
  readonly principal: Principal;
  readonly query: StatisticsRequestQuery;
}

export interface OrderStatisticsDeps<R> extends ViewWaitDeps {
  readonly access: Pick<SearchAccess<R>, 'global'>;
  readonly clock: Clock;
  readonly search: ViewWaitDeps['search'] & {
    statistics(options: Omit<StatisticsOptions, 'schema'>, read?: ReadOptions): Promise<StatisticsRow[]>;
    /** The log position the views have applied. */
    readonly position: GlobalPosition | undefined;
  };
}

export type OrderStatisticsError<R> = { readonly kind: 'refused'; readonly reason: R } | ViewBehind;

export interface OrderStatisticsResult {
  readonly report: StatisticsReport;
  /** Where the views stood once read, for the caller's next read-your-writes wait. */
  readonly position?: GlobalPosition;
}

/**
 * Order counts from the search views (ADR 0022): the caller authorized (`statistics.read`), the
 * views waited for when asked, their own agency's counts for a local administrator and statewide
 * for the others the policy lets in, and what the caller could not find not counted either (ADR 0034).
 */
export const orderStatistics = async <R>(deps: OrderStatisticsDeps<R>, request: OrderStatisticsRequest): Promise<E.Either<OrderStatisticsError<R>, OrderStatisticsResult>> => {
  const { principal: p, query } = request;
  const allowed = deps.access.global('statistics.read');
  if (E.isLeft(allowed)) return E.left({ kind: 'refused', reason: allowed.left });
  const afterWait = await awaitWrite(deps, request);
  if (E.isLeft(afterWait)) return afterWait;
  const scope = reportScopeOf(p);
  const now = deps.clock.now();
  const rows = await deps.search.statistics(
    {
      now,
      ...(query.issuedFromMonth ? { issuedFromMonth: query.issuedFromMonth } : {}),
      ...(query.issuedToMonth ? { issuedToMonth: query.issuedToMonth } : {}),
      ...(query.county ? { counties: typeof query.county === 'string' ? [query.county] : query.county } : {}),
      ...(scope.kind === 'agency' ? { enteringAgencyOri: scope.agencyOri } : {}),
      visibility: searchVisibility(p),
    },
    { afterWait: afterWait.right, ...(request.onReadFrom ? { onReadFrom: request.onReadFrom } : {}) },
  );
  const position = deps.search.position;
  return E.right({ report: statisticsReport(rows, now, scope), ...(position ? { position } : {}) });
};
