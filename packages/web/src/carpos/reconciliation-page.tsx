import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { api } from '../api/client';
import { problemWords, unwrap } from '../api/problem';
import type { ReconciliationDifference, ReconciliationRun } from '../api/types';
import { ConfirmButton } from '../admin/confirm-button';
import { useDocumentTitle } from '../layout/use-document-title';
import { OrderLink } from '../queues/order-link';
import { formatDateTime } from '../view-logic/format';
import { may } from '../view-logic/principal';

const KIND_WORDS: Record<ReconciliationDifference['kind'], string> = {
  'absent-at-doj': 'In force in the registry, absent at DOJ',
  different: 'At DOJ with different key fields',
  'inactive-in-registry': 'Canceled or expired in the registry, active at DOJ',
  'only-at-doj': 'DOJ record with no registry order',
};

/**
 * Reconciliation with DOJ (issue 19): runs of the court (or, for a state administrator, the
 * state), their progress while they run, and each difference with the commands that fix it; the
 * report exports as CSV. CLETS data: CLETS-certified users only, as the API decides.
 */
export const ReconciliationPage = () => {
  useDocumentTitle('Reconciliation with DOJ');
  const { me } = getRouteApi('/app').useRouteContext();
  const queryClient = useQueryClient();
  const runs = useQuery({
    queryKey: ['reconciliations'],
    queryFn: async () => (unwrap(await api.GET('/api/v1/carpos/reconciliations')) as { entries: ReconciliationRun[] }).entries,
    // A run in progress moves its bar without a reload.
    refetchInterval: (q) => ((q.state.data as ReconciliationRun[] | undefined)?.some((r) => r.status === 'running') ? 1_000 : false),
  });
  const [shown, setShown] = useState<string | undefined>();
  const start = useMutation({
    mutationFn: async (scope: 'court' | 'state') => unwrap(await api.POST('/api/v1/carpos/reconciliations', { body: (scope === 'court' ? { courtOri: me.agencyOri } : {}) as never })) as ReconciliationRun,
    onSuccess: async (r) => {
      setShown(r.id);
      await queryClient.invalidateQueries({ queryKey: ['reconciliations'] });
    },
  });
  const current = runs.data?.find((r) => r.id === (shown ?? runs.data?.[0]?.id));
  const stateAdmin = me.roles.includes('state-admin');
  return (
    <div className="ccpor-page">
      <h1 tabIndex={-1}>Reconciliation with DOJ</h1>
      <p className="ccpor-lede">Compares the orders in force in the registry with what DOJ’s CARPOS holds, and lists every difference with the command that fixes it.</p>
      <div className="ccpor-review-actions">
        {may(me, 'doj.reconcile', me.agencyOri) && (
          <ConfirmButton label="Reconcile my court now" question="Query DOJ for every order of the court in force?" confirmLabel="Yes, start" disabled={start.isPending} onConfirm={() => start.mutate('court')} />
        )}
        {stateAdmin && may(me, 'doj.reconcile') && <ConfirmButton label="Reconcile the state" question="Query DOJ for every order in force statewide?" confirmLabel="Yes, start" disabled={start.isPending} onConfirm={() => start.mutate('state')} />}
      </div>
      {start.isError && (
        <p className="ccpor-error" role="alert">
          {problemWords(start.error)}
        </p>
      )}
      {runs.isError && <p className="ccpor-error">{problemWords(runs.error)}</p>}
      {runs.data && runs.data.length === 0 && <p>No reconciliation has run yet.</p>}
      {runs.data && runs.data.length > 0 && (
        <table className="usa-table usa-table--compact ccpor-queue">
          <caption className="usa-sr-only">Reconciliation runs, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Of</th>
              <th scope="col">Started</th>
              <th scope="col">Progress</th>
              <th scope="col">Differences</th>
            </tr>
          </thead>
          <tbody>
            {runs.data.map((r) => (
              <tr key={r.id}>
                <td>
                  <button type="button" className="usa-button usa-button--unstyled" aria-pressed={current?.id === r.id} onClick={() => setShown(r.id)}>
                    Run {r.id}
                  </button>
                </td>
                <td>{r.scope === 'state' ? 'The state' : r.courtOri}</td>
                <td>
                  {formatDateTime(r.startedAt)} <div className="ccpor-muted">by {r.requestedBy.userId}</div>
                </td>
                <td>
                  <label className="usa-sr-only" htmlFor={`progress-${r.id}`}>
                    Courts done in run {r.id}
                  </label>
                  <progress id={`progress-${r.id}`} max={Math.max(r.courtsTotal, 1)} value={r.courtsDone} /> {r.status === 'running' ? `${r.courtsDone} of ${r.courtsTotal} courts` : r.status}
                  {r.lastError && <div className="ccpor-error">{r.lastError}</div>}
                </td>
                <td>{r.differences}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {current && <Differences run={current} />}
    </div>
  );
};

const Differences = ({ run }: { run: ReconciliationRun }) => {
  const diffs = useQuery({
    queryKey: ['reconciliation-differences', run.id, run.differences, run.status],
    queryFn: async () => (unwrap(await api.GET('/api/v1/carpos/reconciliations/{runId}/differences', { params: { path: { runId: run.id } } })) as { entries: ReconciliationDifference[] }).entries,
  });
  return (
    <section aria-labelledby="differences-heading">
      <h2 id="differences-heading">Differences found by run {run.id}</h2>
      <p>
        <a href={`/api/v1/carpos/reconciliations/${run.id}/report.csv`} download>
          Download the report (CSV)
        </a>
      </p>
      {diffs.isError && <p className="ccpor-error">{problemWords(diffs.error)}</p>}
      {diffs.data && diffs.data.length === 0 && <p>No difference: the registry and DOJ agree.</p>}
      {diffs.data && diffs.data.length > 0 && (
        <table className="usa-table usa-table--compact ccpor-queue" data-testid="differences">
          <caption className="usa-sr-only">Differences between the registry and DOJ</caption>
          <thead>
            <tr>
              <th scope="col">Difference</th>
              <th scope="col">Order or record</th>
              <th scope="col">Fields</th>
              <th scope="col">To fix</th>
            </tr>
          </thead>
          <tbody>
            {diffs.data.map((d) => (
              <tr key={d.id}>
                <td>{KIND_WORDS[d.kind]}</td>
                <td>
                  {d.orderId ? <OrderLink orderId={d.orderId}>{d.caseNumber ?? 'Order'}</OrderLink> : (d.caseNumber ?? '—')}
                  {d.fcn && <div className="ccpor-muted">FCN {d.fcn}</div>}
                </td>
                <td>
                  {d.fields.length === 0
                    ? '—'
                    : d.fields.map((f) => (
                        <div key={f.field}>
                          {f.label}: registry <strong>{f.registry ?? '—'}</strong>, DOJ <strong>{f.doj ?? '—'}</strong>
                        </div>
                      ))}
                </td>
                <td>
                  {d.fixes.map((f, i) => (
                    <div key={i}>{f.orderId ? <OrderLink orderId={f.orderId}>{f.label}</OrderLink> : f.label}</div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
};
