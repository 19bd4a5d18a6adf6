import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useMemo } from 'react';
import { api } from '../api/client';
import { ApiProblem, problemWords, unwrap } from '../api/problem';
import type { SearchAnswer } from '../api/types';
import { useDocumentTitle } from '../layout/use-document-title';
import { agenciesQuery } from '../session/session-queries';
import { ResultsTable } from './results-table';
import { SearchForm } from './search-form';
import { describeSearch, hasCriteria, suggestionsFor, toApiQuery, type SearchParams } from './search-params';

const routeApi = getRouteApi('/app/search');

/** Statewide search: the form, then the results of the search in the address bar. */
export const SearchPage = () => {
  const params = routeApi.useSearch();
  const { me } = getRouteApi('/app').useRouteContext();
  const navigate = useNavigate();
  const agencies = useQuery(agenciesQuery).data;
  const ready = hasCriteria(params);
  const query = useMemo(() => toApiQuery(params), [params]);
  const results = useQuery({
    queryKey: ['search', query],
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/search', { params: { query: query as never }, signal })) as SearchAnswer,
    enabled: ready,
    placeholderData: keepPreviousData,
  });
  const courtName = (ori: string) => agencies?.find((a) => a.ori === ori)?.name;
  const described = describeSearch(params, courtName);
  useDocumentTitle(ready ? `Search: ${described}` : 'Statewide search');

  const search = (p: SearchParams) => void navigate({ to: '/search', search: p });
  const page = (c: readonly string[] | undefined) => void navigate({ to: '/search', search: { ...params, c } });
  const pageNumber = (params.c?.length ?? 0) + 1;
  const problem = results.isError ? (results.error instanceof ApiProblem && results.error.status === 400 ? `The search was not run: ${results.error.body.detail ?? ''} ${(results.error.body.errors ?? []).map((e) => e.reason).join(' ')}`.trim() : problemWords(results.error)) : undefined;
  const formProblem = !ready && Object.keys(params).length > 0 ? 'Enter a last name, a case number or an FCN to search. Filters narrow a search; they cannot start one.' : problem;
  const answer = results.data;

  return (
    <div className="ccpor-page">
      <h1 tabIndex={-1}>Statewide search</h1>
      <p className="ccpor-lede">Find restraining and protective orders in every county by a person’s name, a case number or a DOJ file control number.</p>
      <SearchForm params={params} agencies={agencies} cletsCertified={me.cletsCertified} onSearch={search} problem={formProblem} />
      {ready && (
        <section aria-labelledby="results-heading" className="ccpor-results-section" aria-busy={results.isFetching}>
          <h2 id="results-heading">
            {results.isPending ? 'Searching…' : answer ? (answer.count === 0 && pageNumber === 1 ? 'No orders found' : `Orders found${pageNumber > 1 ? `, page ${pageNumber}` : ''}`) : 'Results'}
          </h2>
          <p className="ccpor-searched" aria-live="polite">
            {answer && answer.count > 0 ? `${answer.count} ${answer.count === 1 ? 'result' : 'results'}${answer.nextCursor ? ' on this page; more follow' : ''} for ` : 'Searched for '}
            <strong>{described}</strong>.
            {answer?.capped ? ' Only the first 500 matches can be paged through: narrow the search to see the rest.' : ''}
          </p>
          {answer && answer.count === 0 && pageNumber === 1 && (
            <div className="ccpor-empty">
              <p>Nothing in the registry matches this search. You can try:</p>
              <ul>
                {suggestionsFor(params).map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            </div>
          )}
          {answer && answer.count > 0 && <ResultsTable hits={answer.hits} agencies={agencies} caption={`Orders for ${described}, page ${pageNumber}`} />}
          {answer && (pageNumber > 1 || answer.nextCursor) && (
            <nav aria-label="Result pages" className="ccpor-pager">
              <button type="button" className="usa-button usa-button--outline" disabled={pageNumber === 1} onClick={() => page(params.c && params.c.length > 1 ? params.c.slice(0, -1) : undefined)}>
                ‹ Previous page
              </button>
              <span>Page {pageNumber}</span>
              <button type="button" className="usa-button usa-button--outline" disabled={!answer.nextCursor} onClick={() => answer.nextCursor && page([...(params.c ?? []), answer.nextCursor])}>
                Next page ›
              </button>
            </nav>
          )}
        </section>
      )}
    </div>
  );
};
