import { authorizeAccountChange, ROLES, type Role } from '@ccpor/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { problemWords, unwrap } from '../api/problem';
import { useDocumentTitle } from '../layout/use-document-title';
import { agenciesQuery } from '../session/session-queries';
import { formatDateTime, roleWords } from '../view-logic/format';
import { principalOf } from '../view-logic/principal';
import { AdminFrame } from './admin-nav';
import { AgencySelect } from './agency-select';
import { apiKeysQuery } from './admin-queries';
import { ConfirmButton } from './confirm-button';
import { SecretOnce } from './secret-once';

/**
 * API keys for case-management integrations: issued once (the secret shown this once), listed
 * without their secrets, revoked. A key acts with its roles for one agency.
 */
export const ApiKeysPage = () => {
  useDocumentTitle('API keys');
  const { me } = getRouteApi('/app').useRouteContext();
  const keys = useQuery(apiKeysQuery);
  const agencies = useQuery(agenciesQuery).data ?? [];
  const queryClient = useQueryClient();
  const stateAdmin = me.roles.includes('state-admin');
  const [label, setLabel] = useState('');
  const [agencyOri, setAgencyOri] = useState(me.agencyOri);
  const [roles, setRoles] = useState<Role[]>(['query-only']);
  const [asking, setAsking] = useState(false);
  const [secret, setSecret] = useState<{ label: string; secret: string } | undefined>();
  const [said, setSaid] = useState('');
  const grantable = (r: Role) => authorizeAccountChange(principalOf(me), { agencyOri }, { kind: 'create', roles: [r], cletsCertified: false }).allowed;

  const issue = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/api-keys', { body: { label, roles, ...(stateAdmin ? { agencyOri } : {}) } as never })) as { secret: string },
    onSuccess: async (r) => {
      setSecret({ label, secret: r.secret });
      setSaid(`The key “${label}” is issued.`);
      setLabel('');
      setAsking(false);
      await queryClient.invalidateQueries({ queryKey: ['admin', 'api-keys'] });
    },
    onError: () => setAsking(false),
  });
  const revoke = useMutation({
    mutationFn: async (keyId: string) => unwrap(await api.DELETE('/api/v1/api-keys/{keyId}', { params: { path: { keyId } }, body: {} as never })),
    onSuccess: async () => {
      setSaid('The key is revoked: the integration using it is refused from now on.');
      await queryClient.invalidateQueries({ queryKey: ['admin', 'api-keys'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAsking(true);
  };
  const agencyName = (ori: string) => agencies.find((a) => a.ori === ori)?.name ?? ori;

  return (
    <AdminFrame title="API keys">
      <p className="ccpor-lede">Keys let a court’s case-management system use the registry’s API (send it as <code>Authorization: Bearer …</code>). Each is issued once and can be revoked at any time.</p>
      {secret && <SecretOnce title={`The key “${secret.label}”`} secret={secret.secret} note="Put it into the case-management system’s configuration now." onDone={() => setSecret(undefined)} />}
      <section aria-labelledby="new-key-heading" className="ccpor-card">
        <h2 id="new-key-heading">Issue a key</h2>
        <form className="usa-form usa-form--large" onSubmit={submit} noValidate>
          <div className="ccpor-form-row">
            <div className="usa-form-group">
              <label className="usa-label" htmlFor="key-label">
                What uses it
              </label>
              <span className="usa-hint" id="key-label-hint">
                e.g. “Tyler Odyssey, Family Law”
              </span>
              <input className="usa-input" id="key-label" aria-describedby="key-label-hint" value={label} onChange={(e) => setLabel(e.target.value)} />
            </div>
            {stateAdmin && (
              <AgencySelect id="key-agency" agencies={agencies} value={agencyOri} onChange={setAgencyOri} />
            )}
          </div>
          <fieldset className="usa-fieldset">
            <legend className="usa-legend">Acts as</legend>
            <div className="ccpor-checkbox-row">
              {ROLES.filter((r) => r !== 'state-admin' && r !== 'local-admin').map((r) => (
                <div key={r} className="usa-checkbox">
                  <input className="usa-checkbox__input" type="checkbox" id={`key-role-${r}`} disabled={!grantable(r) && !roles.includes(r)} checked={roles.includes(r)} onChange={(e) => setRoles(e.target.checked ? [...roles, r] : roles.filter((x) => x !== r))} />
                  <label className="usa-checkbox__label" htmlFor={`key-role-${r}`}>
                    {roleWords(r)}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
          {issue.isError && (
            <p className="ccpor-error" role="alert">
              {problemWords(issue.error)}
            </p>
          )}
          {asking ? (
            <p className="ccpor-confirm" role="group" aria-label="Confirm">
              Issue a key “{label}” for {agencyName(agencyOri)} acting as {roles.map(roleWords).join(', ')}?{' '}
              <button type="button" className="usa-button ccpor-small-button" autoFocus disabled={issue.isPending} onClick={() => issue.mutate()}>
                Yes, issue
              </button>
              <button type="button" className="usa-button usa-button--unstyled" onClick={() => setAsking(false)}>
                Cancel
              </button>
            </p>
          ) : (
            <button type="submit" className="usa-button">
              Issue key
            </button>
          )}
        </form>
      </section>
      <section aria-labelledby="keys-heading">
        <h2 id="keys-heading">Keys</h2>
        <p role="status" aria-live="polite">
          {revoke.isError ? <span className="ccpor-error">{problemWords(revoke.error)}</span> : said}
        </p>
        {keys.isError && <p className="ccpor-error">{problemWords(keys.error)}</p>}
        {keys.data && keys.data.length === 0 && <p>No key has been issued.</p>}
        {keys.data && keys.data.length > 0 && (
          <table className="usa-table usa-table--compact ccpor-admin-table">
            <caption className="usa-sr-only">API keys, without their secrets</caption>
            <thead>
              <tr>
                <th scope="col">Used by</th>
                <th scope="col">Agency</th>
                <th scope="col">Acts as</th>
                <th scope="col">Issued</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {keys.data.map((k) => (
                <tr key={k.keyId} data-testid="api-key-row">
                  <th scope="row">
                    {k.label} <div className="ccpor-muted">{k.keyId}</div>
                  </th>
                  <td>{agencyName(k.agencyOri)}</td>
                  <td>{k.roles.map(roleWords).join(', ')}</td>
                  <td>
                    {formatDateTime(k.issuedAt)} <div className="ccpor-muted">by {k.issuedBy}</div>
                  </td>
                  <td>
                    {k.revoked ? (
                      'Revoked'
                    ) : (
                      <>
                        Active{' '}
                        <ConfirmButton label="Revoke" srContext={k.label} question={`Revoke “${k.label}”? The system using it stops at once.`} confirmLabel="Yes, revoke" danger disabled={revoke.isPending} onConfirm={() => revoke.mutate(k.keyId)} />
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </AdminFrame>
  );
};
