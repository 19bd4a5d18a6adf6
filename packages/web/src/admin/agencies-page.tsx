import { CALIFORNIA_COUNTIES } from '@ccpor/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { ApiProblem, problemWords, unwrap } from '../api/problem';
import type { Agency, CarposSettings } from '../api/types';
import { useDocumentTitle } from '../layout/use-document-title';
import { agenciesQuery } from '../session/session-queries';
import { formatCounty } from '../view-logic/format';
import { may } from '../view-logic/principal';
import { AdminFrame } from './admin-nav';

const KIND_WORDS: Record<Agency['kind'], string> = { 'superior-court': 'Superior court', 'tribal-court': 'Tribal court', sheriff: 'Sheriff', 'other-lea': 'Other law enforcement' };

export const carposWords = (c: CarposSettings | undefined): string =>
  c === undefined || !c.enabled ? 'Not through the registry (keyed into CLETS by the agency)' : c.submitter === 'sheriff' ? `Through the registry, entered by the sheriff ${c.submitterOri ?? ''}` : 'Through the registry, entered by the agency itself';

interface Draft {
  ori: string;
  name: string;
  kind: Agency['kind'];
  county: string;
  enabled: boolean;
  submitter: 'court' | 'sheriff';
  submitterOri: string;
  mnemonic: string;
}

const draftOf = (a?: Agency): Draft => ({
  ori: a?.ori ?? '',
  name: a?.name ?? '',
  kind: a?.kind ?? 'superior-court',
  county: a?.county ?? '19',
  enabled: a?.carpos?.enabled ?? true,
  submitter: a?.carpos?.submitter ?? 'court',
  submitterOri: a?.carpos?.submitterOri ?? '',
  mnemonic: a?.carpos?.mnemonic ?? '',
});

const carposOf = (d: Draft): CarposSettings =>
  d.enabled ? { enabled: true, submitter: d.submitter, ...(d.submitter === 'sheriff' && d.submitterOri !== '' ? { submitterOri: d.submitterOri } : {}), ...(d.mnemonic !== '' ? { mnemonic: d.mnemonic } : {}) } : { enabled: false };

/**
 * Agencies and their court profile (ORI, county, name, kind, CARPOS submission). Everyone sees the
 * profiles; a state administrator registers and changes them (the API's rule).
 */
export const AgenciesPage = () => {
  useDocumentTitle('Agencies');
  const { me } = getRouteApi('/app').useRouteContext();
  const agencies = useQuery(agenciesQuery).data ?? [];
  const manage = may(me, 'agencies.manage');
  const [editing, setEditing] = useState<Agency | 'new' | undefined>();
  const [said, setSaid] = useState('');
  const shown = me.roles.includes('state-admin') ? agencies : agencies.filter((a) => a.ori === me.agencyOri || a.ori === a.carpos?.submitterOri);
  return (
    <AdminFrame title="Agencies">
      <p className="ccpor-lede">{manage ? 'Register a court or agency and keep its profile right: the county shows on every page its users see.' : 'Your agency’s profile. A state administrator changes it; ask them if something is wrong.'}</p>
      <p role="status" aria-live="polite">
        {said}
      </p>
      {manage && editing === undefined && (
        <button type="button" className="usa-button" onClick={() => setEditing('new')}>
          Register an agency
        </button>
      )}
      {editing !== undefined && (
        <AgencyForm
          agency={editing === 'new' ? undefined : editing}
          sheriffs={agencies.filter((a) => a.kind === 'sheriff' || a.kind === 'other-lea')}
          onDone={(message) => {
            setEditing(undefined);
            if (message) setSaid(message);
          }}
        />
      )}
      <table className="usa-table usa-table--compact ccpor-admin-table">
        <caption className="usa-sr-only">Agencies and their court profiles</caption>
        <thead>
          <tr>
            <th scope="col">Agency</th>
            <th scope="col">ORI</th>
            <th scope="col">Kind</th>
            <th scope="col">County</th>
            <th scope="col">Orders to DOJ</th>
            {manage && <th scope="col">Action</th>}
          </tr>
        </thead>
        <tbody>
          {shown.map((a) => (
            <tr key={a.ori}>
              <th scope="row">{a.name}</th>
              <td>{a.ori}</td>
              <td>{KIND_WORDS[a.kind]}</td>
              <td>{formatCounty(a.county)}</td>
              <td>{carposWords(a.carpos)}</td>
              {manage && (
                <td>
                  <button type="button" className="usa-button usa-button--outline ccpor-small-button" onClick={() => setEditing(a)}>
                    Change<span className="usa-sr-only"> {a.name}</span>
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </AdminFrame>
  );
};

const AgencyForm = ({ agency, sheriffs, onDone }: { agency?: Agency; sheriffs: readonly Agency[]; onDone: (message?: string) => void }) => {
  const [d, setD] = useState<Draft>(draftOf(agency));
  const [asking, setAsking] = useState(false);
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: async () =>
      agency === undefined
        ? unwrap(await api.POST('/api/v1/agencies', { body: { ori: d.ori, name: d.name, kind: d.kind, county: d.county, carpos: carposOf(d) } as never }))
        : unwrap(await api.PATCH('/api/v1/agencies/{ori}', { params: { path: { ori: agency.ori } }, body: { name: d.name, county: d.county, carpos: carposOf(d) } as never })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['agencies'] });
      onDone(agency === undefined ? `${d.name} is registered.` : `${d.name} is changed.`);
    },
    onError: () => setAsking(false),
  });
  const problem = save.error instanceof ApiProblem ? save.error : undefined;
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD({ ...d, [k]: v });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAsking(true);
  };
  const err = (f: string) => (problem?.body.field === f ? problemWords(problem) : undefined);
  const input = (id: keyof Draft, label: string, hint?: string, disabled?: boolean) => (
    <div className={`usa-form-group${err(id === 'submitterOri' ? 'carpos.submitterOri' : id) ? ' usa-form-group--error' : ''}`}>
      <label className="usa-label" htmlFor={`agency-${id}`}>
        {label}
      </label>
      {hint && <span className="usa-hint">{hint}</span>}
      {err(id === 'submitterOri' ? 'carpos.submitterOri' : id) && <span className="usa-error-message">{err(id === 'submitterOri' ? 'carpos.submitterOri' : id)}</span>}
      <input className="usa-input" id={`agency-${id}`} value={String(d[id])} disabled={disabled} onChange={(e) => set(id, e.target.value as never)} />
    </div>
  );
  return (
    <section aria-labelledby="agency-form-heading" className="ccpor-card">
      <h2 id="agency-form-heading">{agency === undefined ? 'Register an agency' : `Change ${agency.name}`}</h2>
      <form className="usa-form usa-form--large" onSubmit={submit} noValidate>
        <div className="ccpor-form-row">
          {input('ori', 'ORI', '9 characters, e.g. CA019015J', agency !== undefined)}
          {input('name', 'Name')}
        </div>
        <div className="ccpor-form-row">
          <div className="usa-form-group">
            <label className="usa-label" htmlFor="agency-kind">
              Kind
            </label>
            <select className="usa-select" id="agency-kind" value={d.kind} disabled={agency !== undefined} onChange={(e) => set('kind', e.target.value as Agency['kind'])}>
              {Object.entries(KIND_WORDS).map(([k, w]) => (
                <option key={k} value={k}>
                  {w}
                </option>
              ))}
            </select>
          </div>
          <div className="usa-form-group">
            <label className="usa-label" htmlFor="agency-county">
              County
            </label>
            <select className="usa-select" id="agency-county" value={d.county} onChange={(e) => set('county', e.target.value)}>
              {CALIFORNIA_COUNTIES.map(([code, name]) => (
                <option key={code} value={code}>
                  {name} ({code})
                </option>
              ))}
            </select>
          </div>
        </div>
        <fieldset className="usa-fieldset">
          <legend className="usa-legend">CARPOS submission</legend>
          <div className="usa-checkbox">
            <input className="usa-checkbox__input" type="checkbox" id="agency-enabled" checked={d.enabled} onChange={(e) => set('enabled', e.target.checked)} />
            <label className="usa-checkbox__label" htmlFor="agency-enabled">
              The registry sends this agency’s orders to DOJ
            </label>
          </div>
          {d.enabled && (
            <div className="ccpor-form-row">
              <div className="usa-form-group">
                <label className="usa-label" htmlFor="agency-submitter">
                  Entered into CARPOS by
                </label>
                <select className="usa-select" id="agency-submitter" value={d.submitter} onChange={(e) => set('submitter', e.target.value as 'court' | 'sheriff')}>
                  <option value="court">The agency itself</option>
                  <option value="sheriff">The sheriff, under its ORI</option>
                </select>
              </div>
              {d.submitter === 'sheriff' && (
                <div className={`usa-form-group${err('carpos.submitterOri') ? ' usa-form-group--error' : ''}`}>
                  <label className="usa-label" htmlFor="agency-submitterOri">
                    Sheriff
                  </label>
                  {err('carpos.submitterOri') && <span className="usa-error-message">{err('carpos.submitterOri')}</span>}
                  <select className="usa-select" id="agency-submitterOri" value={d.submitterOri} onChange={(e) => set('submitterOri', e.target.value)}>
                    <option value="">Choose…</option>
                    {sheriffs.map((s) => (
                      <option key={s.ori} value={s.ori}>
                        {s.name} ({s.ori})
                      </option>
                    ))}
                  </select>
                </div>
              )}
              {input('mnemonic', 'CLETS mnemonic (optional)', '1–8 capital letters or digits')}
            </div>
          )}
        </fieldset>
        {problem && !problem.body.field && (
          <p className="ccpor-error" role="alert">
            {problemWords(problem)}
          </p>
        )}
        {problem?.body.field && !['ori', 'name', 'carpos.submitterOri', 'mnemonic'].includes(problem.body.field) && (
          <p className="ccpor-error" role="alert">
            {problem.body.field}: {problemWords(problem)}
          </p>
        )}
        {asking ? (
          <p className="ccpor-confirm" role="group" aria-label="Confirm">
            {agency === undefined ? `Register ${d.name || d.ori}?` : `Save the changes to ${agency.name}?`}{' '}
            <button type="button" className="usa-button ccpor-small-button" autoFocus disabled={save.isPending} onClick={() => save.mutate()}>
              Yes, save
            </button>
            <button type="button" className="usa-button usa-button--unstyled" onClick={() => setAsking(false)}>
              Cancel
            </button>
          </p>
        ) : (
          <>
            <button type="submit" className="usa-button">
              Save
            </button>
            <button type="button" className="usa-button usa-button--unstyled" onClick={() => onDone()}>
              Cancel
            </button>
          </>
        )}
      </form>
    </section>
  );
};
