import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { problemWords, unwrap } from '../api/problem';
import type { Agency } from '../api/types';
import { formatDateTime, roleWords } from '../view-logic/format';
import { eventWords, historyEntries, type HistoryEvent } from '../view-logic/history-diff';
import { LockIcon } from '../layout/icons';

/** Every event of the order with who, when and what changed, field by field (never raw JSON). */
export const HistoryView = ({ orderId, agencies }: { orderId: string; agencies: readonly Agency[] | undefined }) => {
  const history = useQuery({
    queryKey: ['order', orderId, 'history'],
    queryFn: async () => unwrap(await api.GET('/api/v1/orders/{orderId}/history', { params: { path: { orderId } } })) as { events: HistoryEvent[] },
  });
  if (history.isPending) return <p>Loading the history…</p>;
  if (history.isError)
    return (
      <div className="usa-alert usa-alert--error usa-alert--slim" role="alert">
        <div className="usa-alert__body">
          <p className="usa-alert__text">{problemWords(history.error)}</p>
        </div>
      </div>
    );
  const entries = historyEntries(history.data.events);
  const agency = (ori: string) => agencies?.find((a) => a.ori === ori)?.name ?? ori;
  return (
    <div className="ccpor-history">
      <h2>History</h2>
      <p className="ccpor-lede">
        Every change to this order, oldest first: who made it, when (Pacific time), and what it changed. {entries.length} {entries.length === 1 ? 'event' : 'events'}.
      </p>
      <ol className="ccpor-timeline">
        {entries.map((e) => (
          <li key={e.version} className="ccpor-timeline__item">
            <h3>
              <span className="ccpor-timeline__version">{e.version}.</span> {eventWords(e.type)}
            </h3>
            <p className="ccpor-timeline__meta">
              {formatDateTime(e.recordedAt)} · by{' '}
              {e.actor.kind === 'system' ? `the registry (${e.actor.userId})` : e.actor.userId}
              {e.actor.roles && e.actor.roles.length > 0 ? `, ${e.actor.roles.map(roleWords).join(', ')}` : ''} · {agency(e.actor.agencyOri)}
            </p>
            {e.changes === undefined ? (
              <p className="ccpor-muted">
                <LockIcon /> What this {e.data === undefined ? 'event' : 'and the earlier events'} changed is withheld from you
                {e.type.startsWith('Doj') ? ' (DOJ answers are shown only to CLETS-certified users)' : ' (the order names a confidential or minor protected person, or DOJ data)'}.
              </p>
            ) : e.changes.length === 0 ? (
              <p className="ccpor-muted">No recorded field changed.</p>
            ) : e.changes.every((c) => c.kind === 'added') && e.version === 1 ? (
              <details className="ccpor-entered">
                <summary>Entered with {e.changes.length} fields</summary>
                <dl className="ccpor-entered__list">
                  {e.changes.map((c) => (
                    <div key={c.field}>
                      <dt>{c.field}</dt>
                      <dd>{c.after}</dd>
                    </div>
                  ))}
                </dl>
              </details>
            ) : (
              <table className="usa-table usa-table--borderless usa-table--compact ccpor-diff">
                <caption className="usa-sr-only">What event {e.version} changed</caption>
                <thead>
                  <tr>
                    <th scope="col">Field</th>
                    <th scope="col">Before</th>
                    <th scope="col">After</th>
                  </tr>
                </thead>
                <tbody>
                  {e.changes.map((c) => (
                    <tr key={c.field} className={`ccpor-diff--${c.kind}`}>
                      <th scope="row">{c.field}</th>
                      <td>{c.kind === 'added' ? <span className="ccpor-muted">(none)</span> : <del>{c.before}</del>}</td>
                      <td>{c.kind === 'removed' ? <span className="ccpor-muted">(removed)</span> : <ins>{c.after}</ins>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
};
