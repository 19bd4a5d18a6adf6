import { getRouteApi, Link } from '@tanstack/react-router';
import { useDocumentTitle } from '../layout/use-document-title';
import { mayRead, REPORT_NAMES, REPORT_PAGES } from './report-catalog';

/** The reports this user may read, each a page of its own. */
export const ReportsIndexPage = () => {
  const { me } = getRouteApi('/app').useRouteContext();
  useDocumentTitle('Reports');
  const readable = REPORT_NAMES.filter((n) => mayRead(me, REPORT_PAGES[n].action));
  return (
    <div className="ccpor-page">
      <h1 tabIndex={-1}>Reports</h1>
      <p className="ccpor-lede">Operational and statistical reports from the registry’s own data, each with its chart, the table behind it, and CSV and PDF exports.</p>
      {readable.length === 0 ? (
        <p>Reports are for administrators and supervisors; your role has none.</p>
      ) : (
        <ul className="usa-card-group ccpor-report-list">
          {readable.map((n) => (
            <li key={n} className="usa-card tablet:grid-col-6">
              <div className="usa-card__container">
                <div className="usa-card__header">
                  <h2 className="usa-card__heading">
                    <Link to="/reports/$report" params={{ report: n }}>
                      {REPORT_PAGES[n].title}
                    </Link>
                  </h2>
                </div>
                <div className="usa-card__body">
                  <p>{REPORT_PAGES[n].about}</p>
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
};
