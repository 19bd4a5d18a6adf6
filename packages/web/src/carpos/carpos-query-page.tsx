import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { ApiProblem, problemWords, unwrap } from '../api/problem';
import type { CarposAnswer, RecordMatch, SearchAnswer } from '../api/types';
import { useDocumentTitle } from '../layout/use-document-title';
import { OrderLink } from '../queues/order-link';
import { agenciesQuery } from '../session/session-queries';
import { formatDate } from '../view-logic/format';

type Form = 'person' | 'record' | 'case';

const MATCHED_BY: Record<string, string> = { fcn: 'by FCN', nic: 'by NIC', case: 'by case number and court' };

const MatchCell = ({ match }: { match: RecordMatch }) => {
  if (match.kind === 'withheld') return <>A registry order you may not see</>;
  if (match.kind === 'only-at-doj') return <strong>Only at DOJ</strong>;
  return (
    <>
      <OrderLink orderId={match.registry.orderId}>Registry order {match.registry.caseNumber}</OrderLink> <span className="ccpor-muted">({MATCHED_BY[match.by]})</span>
      {match.inactiveInRegistry && <div className="ccpor-error">Canceled or expired in the registry, in force at DOJ</div>}
      {match.differences.length > 0 && (
        <ul className="ccpor-missing">
          {match.differences.map((d) => (
            <li key={d.field}>
              {d.label}: registry <strong>{d.registry ?? '—'}</strong>, DOJ <strong>{d.doj ?? '—'}</strong>
            </li>
          ))}
        </ul>
      )}
      {match.differences.length === 0 && !match.inactiveInRegistry && <div className="ccpor-muted">DOJ and the registry agree</div>}
    </>
  );
};

/**
 * CARPOS query (issue 19): a CLETS-certified user asks DOJ what it holds about a person, a record
 * or a court case, and sees each DOJ record beside the registry's own search for the same person,
 * matched to its order or marked "only at DOJ". The API audits the asking and the answer; the
 * answer lives only in this page.
 */
export const CarposQueryPage = () => {
  useDocumentTitle('CARPOS query');
  const courts = (useQuery(agenciesQuery).data ?? []).filter((a) => a.kind === 'superior-court' || a.kind === 'tribal-court');
  const [form, setForm] = useState<Form>('person');
  const [v, setV] = useState({ last: '', first: '', dateOfBirth: '', fcn: '', nic: '', caseNumber: '', courtOri: '' });
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const ask = useMutation({
    mutationFn: async () => {
      const body =
        form === 'person'
          ? { name: { last: v.last, first: v.first }, dateOfBirth: v.dateOfBirth }
          : form === 'record'
            ? { ...(v.fcn ? { fcn: v.fcn } : {}), ...(v.nic ? { nic: v.nic } : {}) }
            : { caseNumber: v.caseNumber, courtOri: v.courtOri };
      return unwrap(await api.POST('/api/v1/carpos/queries', { body: body as never })) as CarposAnswer;
    },
  });
  const answer = ask.data;
  const registryQuery = answer?.registrySearch ? Object.fromEntries(new URL(answer.registrySearch.href, 'http://x').searchParams) : undefined;
  const registry = useQuery({
    queryKey: ['carpos-query-registry', registryQuery],
    queryFn: async () => unwrap(await api.GET('/api/v1/search', { params: { query: registryQuery as never } })) as SearchAnswer,
    enabled: registryQuery !== undefined,
  });
  const problem = ask.error instanceof ApiProblem ? ask.error : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    ask.mutate();
  };
  const input = (k: keyof typeof v, label: string, hint?: string, type = 'text') => (
    <div className={`usa-form-group${problem?.body.field !== undefined && problem.body.field.startsWith(k === 'last' || k === 'first' ? 'name' : k) ? ' usa-form-group--error' : ''}`}>
      <label className="usa-label" htmlFor={`q-${k}`}>
        {label}
      </label>
      {hint && <span className="usa-hint">{hint}</span>}
      <input className="usa-input" id={`q-${k}`} type={type} value={v[k]} onChange={set(k)} />
    </div>
  );
  return (
    <div className="ccpor-page">
      <h1 tabIndex={-1}>CARPOS query</h1>
      <p className="ccpor-lede">Ask DOJ’s CARPOS what it holds, without a separate CLETS terminal. Every query and answer is recorded in the audit log as CLETS data.</p>
      <form className="usa-form usa-form--large ccpor-card" onSubmit={submit} noValidate>
        <fieldset className="usa-fieldset">
          <legend className="usa-legend">Ask by</legend>
          <div className="ccpor-checkbox-row">
            {(
              [
                ['person', 'Person (name and date of birth)'],
                ['record', 'Record (FCN or NIC)'],
                ['case', 'Court case (case number and court)'],
              ] as const
            ).map(([k, label]) => (
              <div key={k} className="usa-radio">
                <input className="usa-radio__input" type="radio" id={`q-form-${k}`} name="q-form" checked={form === k} onChange={() => setForm(k)} />
                <label className="usa-radio__label" htmlFor={`q-form-${k}`}>
                  {label}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <div className="ccpor-form-row">
          {form === 'person' && (
            <>
              {input('last', 'Last name')}
              {input('first', 'First name')}
              {input('dateOfBirth', 'Date of birth', undefined, 'date')}
            </>
          )}
          {form === 'record' && (
            <>
              {input('fcn', 'FCN', '13 digits')}
              {input('nic', 'NIC', 'H and 9 digits')}
            </>
          )}
          {form === 'case' && (
            <>
              {input('caseNumber', 'Case number')}
              <div className="usa-form-group">
                <label className="usa-label" htmlFor="q-courtOri">
                  Court
                </label>
                <select className="usa-select" id="q-courtOri" value={v.courtOri} onChange={set('courtOri')}>
                  <option value="">Choose…</option>
                  {courts.map((c) => (
                    <option key={c.ori} value={c.ori}>
                      {c.name} ({c.ori})
                    </option>
                  ))}
                </select>
              </div>
            </>
          )}
        </div>
        {ask.isError && (
          <p className="ccpor-error" role="alert">
            {problem?.body.field ? `${problem.body.field}: ` : ''}
            {problemWords(ask.error)}
          </p>
        )}
        <button type="submit" className="usa-button" disabled={ask.isPending}>
          {ask.isPending ? 'Asking DOJ…' : 'Ask DOJ'}
        </button>
      </form>
      {answer && (
        <div className="ccpor-query-results">
          <section aria-labelledby="doj-heading">
            <h2 id="doj-heading">
              DOJ holds {answer.total} {answer.total === 1 ? 'record' : 'records'}
            </h2>
            {answer.withheld > 0 && <p>{answer.withheld} of them match registry orders you may not see.</p>}
            {answer.records.length > 0 && (
              <table className="usa-table usa-table--compact ccpor-queue" data-testid="doj-records">
                <caption className="usa-sr-only">DOJ’s records, each matched to the registry</caption>
                <thead>
                  <tr>
                    <th scope="col">FCN</th>
                    <th scope="col">Restrained person</th>
                    <th scope="col">Case and court</th>
                    <th scope="col">Status at DOJ</th>
                    <th scope="col">In the registry</th>
                  </tr>
                </thead>
                <tbody>
                  {answer.records.map(({ record, match }) => (
                    <tr key={record.fcn}>
                      <td>
                        {record.fcn}
                        {record.nic && <div className="ccpor-muted">NIC {record.nic}</div>}
                      </td>
                      <td>
                        {record.restrainedName ?? '—'}
                        <div className="ccpor-muted">born {formatDate(record.dateOfBirth)}</div>
                      </td>
                      <td>
                        {record.caseNumber ?? '—'} <div className="ccpor-muted">{record.courtOri ?? ''}</div>
                      </td>
                      <td>
                        {record.status}
                        {record.expiresOn && <div className="ccpor-muted">expires {formatDate(record.expiresOn)}</div>}
                      </td>
                      <td>
                        <MatchCell match={match} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section aria-labelledby="registry-heading">
            <h2 id="registry-heading">The registry’s own search</h2>
            {registryQuery === undefined && <p>A query by NIC has no registry search beside it.</p>}
            {registry.isError && <p className="ccpor-error">{problemWords(registry.error)}</p>}
            {registry.data && registry.data.count === 0 && <p>No registry order matches.</p>}
            {registry.data && registry.data.count > 0 && (
              <ul className="ccpor-registry-hits" data-testid="registry-hits">
                {registry.data.hits.map((h) => (
                  <li key={h.orderId}>
                    <OrderLink orderId={h.orderId}>
                      {h.person.last}, {h.person.first} — {h.form}
                    </OrderLink>{' '}
                    <span className="ccpor-muted">{h.status}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      )}
    </div>
  );
};
