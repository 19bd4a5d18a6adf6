import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import { problemWords, unwrap } from '../api/problem';
import type { CorrectionEntry, DojNotification, FirearmOverdueEntry, Me, OutboxEntry, OverdueEntry } from '../api/types';
import { formatDateTime } from '../view-logic/format';
import { may } from '../view-logic/principal';
import { OrderLink } from './order-link';

/** The queues that only list and link: one table each, oldest first as the API orders them. */

const TRANSACTION_WORDS: Record<string, string> = { enter: 'Entry', modify: 'Modification', cancel: 'Cancellation', renew: 'Renewal', serve: 'Proof of service', clear: 'Clear' };
export const transactionWords = (t: string | null): string => (t === null ? '—' : (TRANSACTION_WORDS[t] ?? t));

const OVERDUE_REASON: Record<OverdueEntry['reason'], string> = {
  'awaiting-data': 'Held: data DOJ requires is missing',
  rejected: 'DOJ rejected it; a correction is awaited',
  'not-sent': 'Not sent to DOJ yet',
  'not-acknowledged': 'Sent; DOJ has not acknowledged it',
};

export const RejectedTable = ({ rows }: { rows: readonly CorrectionEntry[] }) => (
  <table className="usa-table usa-table--compact ccpor-queue">
    <caption className="usa-sr-only">Orders rejected by DOJ, oldest first</caption>
    <thead>
      <tr>
        <th scope="col">Order</th>
        <th scope="col">Rejected</th>
        <th scope="col">Message</th>
        <th scope="col">DOJ’s errors, by field</th>
      </tr>
    </thead>
    <tbody>
      {rows.map((r) => (
        <tr key={r.rejectedMessageId} data-testid="rejected-row">
          <td>
            <OrderLink orderId={r.orderId} />
            {r.fcn !== null && <div className="ccpor-muted">FCN {r.fcn}</div>}
          </td>
          <td>{formatDateTime(r.rejectedAt)}</td>
          <td>{transactionWords(r.transaction)}</td>
          <td>
            {r.errors.length === 0 ? (
              'DOJ sent no reason it could be read for.'
            ) : (
              <dl className="ccpor-reject">
                {r.errors.map((e, i) => (
                  <div key={i} className="ccpor-reject__item">
                    <dt>
                      {e.carposFieldName ?? 'The message'}
                      {e.field !== undefined && <span className="ccpor-muted"> (order field <code>{e.field}</code>)</span>}
                    </dt>
                    <dd>
                      <strong>{e.reason}.</strong> {e.message !== undefined && <span>DOJ says: “{e.message}”</span>}{' '}
                      <OrderLink orderId={r.orderId}>Correct the order</OrderLink>
                    </dd>
                  </div>
                ))}
              </dl>
            )}
          </td>
        </tr>
      ))}
    </tbody>
  </table>
);

export const AwaitingDataTable = ({ rows }: { rows: readonly OutboxEntry[] }) => (
  <table className="usa-table usa-table--compact ccpor-queue">
    <caption className="usa-sr-only">Orders awaiting data DOJ requires, oldest first</caption>
    <thead>
      <tr>
        <th scope="col">Order</th>
        <th scope="col">Held since</th>
        <th scope="col">Message</th>
        <th scope="col">Missing</th>
      </tr>
    </thead>
    <tbody>
      {rows.map((r) => (
        <tr key={r.id} data-testid="awaiting-row">
          <td>
            <OrderLink orderId={r.orderId} />
          </td>
          <td>{formatDateTime(r.createdAt)}</td>
          <td>{transactionWords(r.transaction)}</td>
          <td>
            <ul className="ccpor-missing">
              {(r.missing ?? []).map((m) => (
                <li key={m.field}>
                  {m.label} <span className="ccpor-muted">(<code>{m.field}</code>)</span>
                </li>
              ))}
            </ul>
          </td>
        </tr>
      ))}
    </tbody>
  </table>
);

export const OutboxTable = ({ rows, me, caption, retry }: { rows: readonly OutboxEntry[]; me: Me; caption: string; retry?: boolean }) => {
  const queryClient = useQueryClient();
  const [done, setDone] = useState<string | undefined>();
  const retrying = useMutation({
    mutationFn: async (id: string) => unwrap(await api.POST('/api/v1/carpos/queues/dead-letter/{id}/retry', { params: { path: { id } } })),
    onSuccess: async (_d, id) => {
      setDone(`Message ${id} is queued again for DOJ.`);
      await queryClient.invalidateQueries({ queryKey: ['doj-queue'] });
    },
  });
  return (
    <>
      <p role="status" aria-live="polite">
        {retrying.isError ? <span className="ccpor-error">{problemWords(retrying.error)}</span> : done}
      </p>
      <table className="usa-table usa-table--compact ccpor-queue">
        <caption className="usa-sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Queued</th>
            <th scope="col">Message</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">Last error</th>
            {retry && <th scope="col">Action</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                <OrderLink orderId={r.orderId} />
              </td>
              <td>{formatDateTime(r.createdAt)}</td>
              <td>
                {transactionWords(r.transaction)} <span className="ccpor-muted">#{r.id}</span>
              </td>
              <td>{r.status === 'in-flight' ? 'Sent, awaiting DOJ' : r.status === 'dead' ? 'Failed every attempt' : r.status}</td>
              <td>{r.attempts}</td>
              <td>{r.lastError ?? '—'}</td>
              {retry && (
                <td>
                  {may(me, 'doj.queue.manage', r.submitterOri === me.agencyOri ? r.submitterOri : (r.agencyOri ?? undefined)) ? (
                    <button type="button" className="usa-button usa-button--outline" disabled={retrying.isPending} onClick={() => retrying.mutate(r.id)}>
                      Retry <span className="usa-sr-only">message {r.id}</span>
                    </button>
                  ) : (
                    <span className="ccpor-muted">Not yours to retry</span>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
};

export const OverdueTable = ({ rows }: { rows: readonly OverdueEntry[] }) => (
  <table className="usa-table usa-table--compact ccpor-queue">
    <caption className="usa-sr-only">DOJ deadlines past due, longest overdue first</caption>
    <thead>
      <tr>
        <th scope="col">Order</th>
        <th scope="col">Deadline for</th>
        <th scope="col">Due</th>
        <th scope="col">Sent to DOJ</th>
        <th scope="col">Why still open</th>
      </tr>
    </thead>
    <tbody>
      {rows.map((r) => (
        <tr key={`${r.orderId}-${r.deadlineId}`}>
          <td>
            <OrderLink orderId={r.orderId} />
          </td>
          <td>{transactionWords(r.transaction ?? r.purpose)}</td>
          <td>{formatDateTime(r.dojDeadline)}</td>
          <td>{r.sentAt === null ? 'Never' : formatDateTime(r.sentAt)}</td>
          <td>{OVERDUE_REASON[r.reason]}</td>
        </tr>
      ))}
    </tbody>
  </table>
);

export const NotificationsTable = ({ rows }: { rows: readonly DojNotification[] }) => (
  <table className="usa-table usa-table--compact ccpor-queue">
    <caption className="usa-sr-only">DOJ notifications to the agency, newest first</caption>
    <thead>
      <tr>
        <th scope="col">Received</th>
        <th scope="col">Kind</th>
        <th scope="col">Record</th>
        <th scope="col">Order</th>
      </tr>
    </thead>
    <tbody>
      {rows.map((r) => (
        <tr key={r.id}>
          <td>{formatDateTime(r.receivedAt)}</td>
          <td>{r.notificationType ?? '—'}</td>
          <td>{[r.fcn && `FCN ${r.fcn}`, r.nic && `NIC ${r.nic}`].filter(Boolean).join(' · ') || '—'}</td>
          <td>{r.orderId !== null ? <OrderLink orderId={r.orderId} /> : 'Not in the registry'}</td>
        </tr>
      ))}
    </tbody>
  </table>
);

export const FirearmsTable = ({ rows }: { rows: readonly FirearmOverdueEntry[] }) => (
  <table className="usa-table usa-table--compact ccpor-queue">
    <caption className="usa-sr-only">Firearm relinquishment receipts overdue, longest overdue first</caption>
    <thead>
      <tr>
        <th scope="col">Order</th>
        <th scope="col">Case</th>
        <th scope="col">Form</th>
        <th scope="col">Receipt due</th>
      </tr>
    </thead>
    <tbody>
      {rows.map((r) => (
        <tr key={r.orderId}>
          <td>
            <OrderLink orderId={r.orderId} />
          </td>
          <td>{r.caseNumber ?? '—'}</td>
          <td>{r.form ?? '—'}</td>
          <td>{formatDateTime(r.receiptDue)}</td>
        </tr>
      ))}
    </tbody>
  </table>
);

