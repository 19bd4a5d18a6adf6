import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { api } from '../api/client';
import { ApiProblem, problemWords, unwrap } from '../api/problem';
import { useDocumentTitle } from '../layout/use-document-title';
import { NotFoundPage } from '../layout/not-found-page';
import { agenciesQuery } from '../session/session-queries';
import { isReportName, mayRead, REPORT_PAGES, type ReportName } from './report-catalog';
import { ReportChart } from './report-chart';
import { ReportFilters } from './report-filters';
import { reportQueryString, type ReportParams } from './report-params';
import { ReportTableView } from './report-table';
import type { ReportDocument } from './report-types';

const routeApi = getRouteApi('/app/reports/$report');

const Body = ({ name }: { name: ReportName }) => {
  const params = routeApi.useSearch();
  const { me } = getRouteApi('/app').useRouteContext();
  const navigate = useNavigate();
  const agencies = useQuery(agenciesQuery).data;
  const page = REPORT_PAGES[name];
  useDocumentTitle(page.title);
  const query = reportQueryString(params);
  const report = useQuery({
    queryKey: ['report', name, query],
    queryFn: async ({ signal }) =>
      unwrap(await api.GET(`/api/v1/reports/${name}` as '/api/v1/reports/statistical', { params: { query: params as never }, signal })) as ReportDocument,
    placeholderData: keepPreviousData,
    retry: false,
  });
  const apply = (p: ReportParams) => void navigate({ to: '/reports/$report', params: { report: name }, search: p });
  const error = report.error;
  const problem = error ? { ...(error instanceof ApiProblem && error.status === 400 && error.body.field ? { field: error.body.field } : {}), text: problemWords(error) } : undefined;
  const doc = report.data;
  const chartTableId = doc ? `table-${doc.chart.table}` : 'table';

  return (
    <div className="ccpor-page ccpor-report">
      <nav aria-label="Breadcrumb" className="ccpor-crumbs">
        <Link to="/reports">Reports</Link> › <span>{page.title}</span>
      </nav>
      <h1 tabIndex={-1}>{page.title}</h1>
      <p className="ccpor-lede">{page.about}</p>
      {!mayRead(me, page.action) ? (
        <div className="usa-alert usa-alert--warning" role="alert">
          <div className="usa-alert__body">
            <p className="usa-alert__text">
              {page.action === 'reports.access.read' ? 'The access report is for state and local administrators.' : 'Reports are for administrators and supervisors.'}
            </p>
          </div>
        </div>
      ) : (
        <>
          <ReportFilters params={params} agencies={agencies} grouping={name === 'statistical'} decisionsOnly={name === 'access'} problem={problem} onApply={apply} />
          <section aria-labelledby="report-heading" aria-busy={report.isFetching} className="ccpor-report__body">
            <h2 id="report-heading">{report.isPending ? 'Loading the report…' : doc ? 'Report' : 'The report was not run: see the filters above'}</h2>
            {doc && (
              <>
                <p className="ccpor-muted" data-testid="report-meta">
                  {doc.rule}. As of {new Date(doc.asOf).toLocaleString('en-US', { timeZone: 'America/Los_Angeles' })} (California time);{' '}
                  {doc.scope.kind === 'statewide' ? 'statewide' : `agency ${doc.scope.agencyOri}`}
                  {Object.keys(doc.filters).length > 0
                    ? `; filters: ${Object.entries(doc.filters)
                        .map(([k, v]) => `${k} ${Array.isArray(v) ? v.join(', ') : v}`)
                        .join('; ')}`
                    : ''}
                  .
                </p>
                <ul className="ccpor-exports" aria-label="Export">
                  <li>
                    <a className="usa-button usa-button--outline" href={`/api/v1/reports/${name}.pdf${query ? `?${query}` : ''}`} download>
                      PDF (chart and tables)
                    </a>
                  </li>
                  {doc.tables.map((t) => (
                    <li key={t.key}>
                      <a className="usa-button usa-button--outline" href={`/api/v1/reports/${name}.csv?${reportQueryString(params, { table: t.key })}`} download>
                        CSV: {t.title}
                      </a>
                    </li>
                  ))}
                </ul>
                <ReportChart option={doc.chart.option} summary={doc.chart.summary} describedBy={chartTableId} />
                {doc.tables.map((t) => (
                  <ReportTableView key={t.key} table={t} id={`table-${t.key}`} />
                ))}
              </>
            )}
          </section>
        </>
      )}
    </div>
  );
};

/** One report: its filters in the address, the chart, the tables behind it, and the exports. */
export const ReportPage = () => {
  const { report } = routeApi.useParams();
  return isReportName(report) ? <Body name={report} /> : <NotFoundPage />;
};
