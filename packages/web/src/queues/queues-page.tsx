import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { problemWords } from '../api/problem';
import type { CorrectionEntry, DojNotification, FirearmOverdueEntry, OutboxEntry, OverdueEntry, ReviewEntry } from '../api/types';
import { useDocumentTitle } from '../layout/use-document-title';
import { queuesFor, type QueueSpec } from './queue-catalogue';
import { useQueueCounts } from './queue-counts';
import { queueQueries } from './queue-queries';
import { AwaitingDataTable, FirearmsTable, NotificationsTable, OutboxTable, OverdueTable, RejectedTable } from './queue-tables';
import { ReviewQueue } from './review-queue';

const routeApi = getRouteApi('/app/queues');

/** The DOJ work queues of the user's agency: the list of queues with their counts, and the one chosen. */
export const QueuesPage = () => {
  const { me } = getRouteApi('/app').useRouteContext();
  const { q } = routeApi.useSearch();
  const specs = queuesFor(me);
  const current = specs.find((s) => s.name === q) ?? specs[0];
  const counts = useQueueCounts(me);
  useDocumentTitle(current ? `DOJ queues: ${current.label}` : 'DOJ queues');

  if (current === undefined) {
    return (
      <div className="ccpor-page">
        <h1 tabIndex={-1}>DOJ queues</h1>
        <p>The DOJ queues are CLETS data: only CLETS-certified users see them. Ask your administrator if your work needs them.</p>
      </div>
    );
  }
  return (
    <div className="ccpor-page ccpor-queues">
      <h1 tabIndex={-1}>DOJ queues</h1>
      <div className="ccpor-queues__layout">
        <nav aria-label="Queues" className="ccpor-queues__nav">
          <ul className="usa-sidenav">
            {specs.map((s) => (
              <li key={s.name} className="usa-sidenav__item">
                <Link to="/queues" search={{ q: s.name }} className={s.name === current.name ? 'usa-current' : undefined} aria-current={s.name === current.name ? 'page' : undefined} data-testid={`queue-link-${s.name}`}>
                  {s.label} <span className="ccpor-count">{counts.byQueue[s.name] ?? '…'}</span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <section aria-labelledby="queue-heading" className="ccpor-queues__body">
          <h2 id="queue-heading">{current.label}</h2>
          <p className="ccpor-lede">{current.description}</p>
          <QueueBody spec={current} />
        </section>
      </div>
    </div>
  );
};

const QueueBody = ({ spec }: { spec: QueueSpec }) => {
  const { me } = getRouteApi('/app').useRouteContext();
  const query = useQuery(queueQueries[spec.name] as typeof queueQueries.review);
  if (query.isPending) return <p>Loading…</p>;
  if (query.isError) return <p className="ccpor-error">{problemWords(query.error)}</p>;
  const rows = query.data as unknown[];
  if (rows.length === 0) return <p data-testid="queue-empty">Nothing in this queue.</p>;
  switch (spec.name) {
    case 'review':
      return <ReviewQueue rows={rows as ReviewEntry[]} />;
    case 'rejected':
      return <RejectedTable rows={rows as CorrectionEntry[]} />;
    case 'awaiting-data':
      return <AwaitingDataTable rows={rows as OutboxEntry[]} />;
    case 'pending':
      return <OutboxTable rows={rows as OutboxEntry[]} me={me} caption="Messages waiting for DOJ, oldest first" />;
    case 'dead-letter':
      return <OutboxTable rows={rows as OutboxEntry[]} me={me} caption="Messages that failed every attempt, oldest first" retry />;
    case 'overdue':
      return <OverdueTable rows={rows as OverdueEntry[]} />;
    case 'notifications':
      return <NotificationsTable rows={rows as DojNotification[]} />;
    case 'firearms':
      return <FirearmsTable rows={rows as FirearmOverdueEntry[]} />;
  }
};
