import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { api } from '../api/client';
import { problemWords, unwrap } from '../api/problem';
import type { Readiness } from '../api/types';
import { useDocumentTitle } from '../layout/use-document-title';
import { OrderLink } from '../queues/order-link';
import { agenciesQuery } from '../session/session-queries';
import { formatDateTime, orderTypeWords } from '../view-logic/format';
import { AdminFrame } from './admin-nav';
import { ConfirmButton } from './confirm-button';

const ANSWER: Record<Readiness['lines'][number]['answer'], { words: string; symbol: string; className: string }> = {
  yes: { words: 'Yes', symbol: '✓', className: 'ccpor-answer ccpor-answer--yes' },
  no: { words: 'No', symbol: '✗', className: 'ccpor-answer ccpor-answer--no' },
  'not-applicable': { words: 'Not applicable', symbol: '–', className: 'ccpor-answer ccpor-answer--na' },
};

const OUTCOME: Record<string, string> = { acknowledged: 'Acknowledged by DOJ', rejected: 'Rejected by DOJ', 'no-answer': 'No answer in time', refused: 'Refused by the registry' };

/**
 * A court's go-live readiness: each line of its checklist answered by the registry from its own
 * data, and the acceptance-testing run (a test order of each type, watched until DOJ answers).
 */
export const ReadinessPage = () => {
  useDocumentTitle('Go-live readiness');
  const { me } = getRouteApi('/app').useRouteContext();
  const agencies = useQuery(agenciesQuery).data ?? [];
  const stateAdmin = me.roles.includes('state-admin');
  const [ori, setOri] = useState(me.agencyOri);
  const queryClient = useQueryClient();
  const readiness = useQuery({ queryKey: ['readiness', ori], queryFn: async () => unwrap(await api.GET('/api/v1/agencies/{ori}/readiness', { params: { path: { ori } } })) as Readiness });
  const run = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/agencies/{ori}/acceptance-runs', { params: { path: { ori } } })) as Readiness,
    onSuccess: (r) => queryClient.setQueryData(['readiness', ori], r),
  });
  const r = readiness.data;
  const last = r?.acceptanceTesting.lastRun;
  return (
    <AdminFrame title="Go-live readiness">
      <p className="ccpor-lede">Each line is answered by the registry from what it holds about the court, not ticked by hand.</p>
      {stateAdmin && (
        <div className="usa-form-group">
          <label className="usa-label" htmlFor="readiness-agency">
            Court or agency
          </label>
          <select className="usa-select" id="readiness-agency" value={ori} onChange={(e) => setOri(e.target.value)}>
            {agencies.map((a) => (
              <option key={a.ori} value={a.ori}>
                {a.name} ({a.ori})
              </option>
            ))}
          </select>
        </div>
      )}
      {readiness.isError && <p className="ccpor-error">{problemWords(readiness.error)}</p>}
      {r && (
        <>
          <h2>
            {r.name}: {r.ready ? 'ready to go live' : 'not ready yet'}
          </h2>
          <table className="usa-table usa-table--compact ccpor-readiness">
            <caption className="usa-sr-only">Go-live checklist of {r.name}</caption>
            <thead>
              <tr>
                <th scope="col">Checklist line</th>
                <th scope="col">Answer</th>
                <th scope="col">What the registry found</th>
              </tr>
            </thead>
            <tbody>
              {r.lines.map((l) => (
                <tr key={l.id} data-testid={`readiness-${l.id}`}>
                  <th scope="row">{l.label}</th>
                  <td>
                    <span className={ANSWER[l.answer].className}>
                      <span aria-hidden="true">{ANSWER[l.answer].symbol} </span>
                      {ANSWER[l.answer].words}
                    </span>
                  </td>
                  <td>{l.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <section aria-labelledby="acceptance-heading" className="ccpor-card">
            <h2 id="acceptance-heading">Court acceptance testing</h2>
            {r.acceptanceTesting.available ? (
              <>
                <p>The run enters a test order of each type in the court’s name and waits for DOJ’s answer to each (up to 30 seconds). Its result is kept here and in the audit log.</p>
                <ConfirmButton label="Run acceptance testing" question="Enter the test orders now?" confirmLabel="Yes, run" disabled={run.isPending} onConfirm={() => run.mutate()} />
              </>
            ) : (
              <p>This registry does not run acceptance tests for this agency: it is not a test environment (CCPOR_ACCEPTANCE_TESTING), has no CLETS link, or the agency’s orders do not go to DOJ through the registry.</p>
            )}
            <p role="status" aria-live="polite">
              {run.isPending ? 'Running: entering the test orders and waiting for DOJ…' : run.isError ? <span className="ccpor-error">{problemWords(run.error)}</span> : run.isSuccess ? 'The run is finished.' : ''}
            </p>
            {last && (
              <>
                <h3>
                  Last run: {last.passed ? 'passed' : 'not passed'} <span className="ccpor-muted">({formatDateTime(last.finishedAt)}, by {last.ranBy})</span>
                </h3>
                <table className="usa-table usa-table--compact" data-testid="acceptance-results">
                  <caption className="usa-sr-only">Test orders of the last acceptance run and DOJ’s answers</caption>
                  <thead>
                    <tr>
                      <th scope="col">Order type</th>
                      <th scope="col">Form</th>
                      <th scope="col">Outcome</th>
                      <th scope="col">FCN</th>
                      <th scope="col">Order</th>
                    </tr>
                  </thead>
                  <tbody>
                    {last.results.map((x, i) => (
                      <tr key={i}>
                        <td>{orderTypeWords(x.orderType)}</td>
                        <td>{x.form}</td>
                        <td>
                          {OUTCOME[x.outcome] ?? x.outcome}
                          {x.detail && <div className="ccpor-muted">{x.detail}</div>}
                        </td>
                        <td>{x.fcn ?? '—'}</td>
                        <td>{x.orderId ? <OrderLink orderId={x.orderId} /> : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </section>
        </>
      )}
    </AdminFrame>
  );
};
