import { authorizeAccountChange, ROLES, type Role } from '@ccpor/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { ApiProblem, problemWords, unwrap } from '../api/problem';
import type { AdminUser } from '../api/types';
import { useDocumentTitle } from '../layout/use-document-title';
import { agenciesQuery } from '../session/session-queries';
import { roleWords } from '../view-logic/format';
import { principalOf } from '../view-logic/principal';
import { AdminFrame } from './admin-nav';
import { AgencySelect } from './agency-select';
import { usersQuery } from './admin-queries';
import { ConfirmButton } from './confirm-button';
import { SecretOnce } from './secret-once';

/**
 * Users of the administrator's reach (a local administrator: their agency; a state administrator:
 * all): create one (its one-time password shown once), change roles and CLETS certification,
 * disable, enable (which also unlocks), reset the password. Which roles may be given comes from the
 * domain's access policy, the same one the API decides with.
 */
export const UsersPage = () => {
  useDocumentTitle('Users');
  const { me } = getRouteApi('/app').useRouteContext();
  const users = useQuery(usersQuery);
  const agencies = useQuery(agenciesQuery).data ?? [];
  const queryClient = useQueryClient();
  const [secret, setSecret] = useState<{ username: string; password: string; kind: 'created' | 'reset' } | undefined>();
  const [said, setSaid] = useState('');
  const p = principalOf(me);
  const stateAdmin = me.roles.includes('state-admin');
  const reachable = stateAdmin ? agencies : agencies.filter((a) => a.ori === me.agencyOri);
  const agencyName = (ori: string) => agencies.find((a) => a.ori === ori)?.name ?? ori;

  const change = useMutation({
    mutationFn: async (c: { username: string; kind: 'disable' | 'enable' | 'password-reset' | 'roles'; roles?: Role[]; cletsCertified?: boolean }) => {
      const path = { username: c.username };
      if (c.kind === 'disable') return unwrap(await api.POST('/api/v1/users/{username}/disable', { params: { path }, body: {} }));
      if (c.kind === 'enable') return unwrap(await api.POST('/api/v1/users/{username}/enable', { params: { path } }));
      if (c.kind === 'roles') return unwrap(await api.PATCH('/api/v1/users/{username}/roles', { params: { path }, body: { roles: c.roles, cletsCertified: c.cletsCertified } as never }));
      return unwrap(await api.POST('/api/v1/users/{username}/password-reset', { params: { path } }));
    },
    onSuccess: async (answer, c) => {
      if (c.kind === 'password-reset') setSecret({ username: c.username, password: (answer as { oneTimePassword: string }).oneTimePassword, kind: 'reset' });
      setSaid(
        c.kind === 'disable' ? `${c.username} is disabled; their sessions have ended.` : c.kind === 'enable' ? `${c.username} is enabled and unlocked.` : c.kind === 'roles' ? `${c.username}’s roles are changed.` : `${c.username}’s password is reset.`,
      );
      await queryClient.invalidateQueries({ queryKey: ['admin', 'users'] });
    },
  });

  return (
    <AdminFrame title="Users">
      <p className="ccpor-lede">{stateAdmin ? 'Every agency’s users.' : `Users of ${agencyName(me.agencyOri)}.`} Every change is asked to be confirmed, and recorded in the audit log.</p>
      {secret && (
        <SecretOnce
          title={secret.kind === 'created' ? `One-time password for ${secret.username}` : `New one-time password for ${secret.username}`}
          secret={secret.password}
          note="Give it to the user in person or by phone; they must replace it when they first sign in."
          onDone={() => setSecret(undefined)}
        />
      )}
      <NewUserForm
        reachable={reachable}
        defaultAgency={me.agencyOri}
        may={(roles, agencyOri, clets) => authorizeAccountChange(p, { agencyOri }, { kind: 'create', roles, cletsCertified: clets })}
        onCreated={async (username, password) => {
          setSecret({ username, password, kind: 'created' });
          setSaid(`${username} is created.`);
          await queryClient.invalidateQueries({ queryKey: ['admin', 'users'] });
        }}
      />
      <section aria-labelledby="users-heading">
        <h2 id="users-heading">Users</h2>
        <p role="status" aria-live="polite">
          {change.isError ? <span className="ccpor-error">{problemWords(change.error)}</span> : said}
        </p>
        {users.isError && <p className="ccpor-error">{problemWords(users.error)}</p>}
        {users.data && (
          <table className="usa-table usa-table--compact ccpor-admin-table">
            <caption className="usa-sr-only">Users, with their roles, certification, status and actions</caption>
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">Agency</th>
                <th scope="col">Roles</th>
                <th scope="col">Status</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {[...users.data]
                .sort((a, b) => a.username.localeCompare(b.username))
                .map((u) => (
                  <UserRow key={u.username} u={u} agencyName={agencyName(u.agencyOri)} self={u.username === me.username} busy={change.isPending} onChange={(c) => change.mutate({ username: u.username, ...c })} />
                ))}
            </tbody>
          </table>
        )}
      </section>
    </AdminFrame>
  );
};

const statusWords = (u: AdminUser): string =>
  u.disabled ? 'Disabled' : u.lockedUntil !== undefined && Date.parse(u.lockedUntil) > Date.now() ? 'Locked (too many wrong passwords)' : u.mustChangePassword ? 'Active; must replace a one-time password' : 'Active';

const UserRow = ({ u, agencyName, self, busy, onChange }: { u: AdminUser; agencyName: string; self: boolean; busy: boolean; onChange: (c: { kind: 'disable' | 'enable' | 'password-reset' | 'roles'; roles?: Role[]; cletsCertified?: boolean }) => void }) => {
  const [editing, setEditing] = useState(false);
  const [roles, setRoles] = useState<Role[]>([...u.roles]);
  const [clets, setClets] = useState(u.cletsCertified);
  const locked = u.lockedUntil !== undefined && Date.parse(u.lockedUntil) > Date.now();
  return (
    <tr data-testid={`user-row-${u.username}`}>
      <th scope="row">
        {u.displayName} <div className="ccpor-muted">{u.username}</div>
      </th>
      <td>{agencyName}</td>
      <td>
        {editing ? (
          <fieldset className="usa-fieldset ccpor-roles-edit">
            <legend className="usa-sr-only">Roles of {u.username}</legend>
            {ROLES.map((r) => (
              <div key={r} className="usa-checkbox">
                <input className="usa-checkbox__input" type="checkbox" id={`${u.username}-role-${r}`} checked={roles.includes(r)} onChange={(e) => setRoles(e.target.checked ? [...roles, r] : roles.filter((x) => x !== r))} />
                <label className="usa-checkbox__label" htmlFor={`${u.username}-role-${r}`}>
                  {roleWords(r)}
                </label>
              </div>
            ))}
            <div className="usa-checkbox">
              <input className="usa-checkbox__input" type="checkbox" id={`${u.username}-clets`} checked={clets} onChange={(e) => setClets(e.target.checked)} />
              <label className="usa-checkbox__label" htmlFor={`${u.username}-clets`}>
                CLETS certified
              </label>
            </div>
            <ConfirmButton label="Save roles" question={`Change ${u.username}’s roles?`} confirmLabel="Yes, change" disabled={busy || roles.length === 0} onConfirm={() => { onChange({ kind: 'roles', roles, cletsCertified: clets }); setEditing(false); }} />
            <button type="button" className="usa-button usa-button--unstyled" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </fieldset>
        ) : (
          <>
            {u.roles.map(roleWords).join(', ')}
            {u.cletsCertified ? ' · CLETS certified' : ''}
          </>
        )}
      </td>
      <td>{statusWords(u)}</td>
      <td>
        <div className="ccpor-row-actions">
        {!self && !editing && (
          <button type="button" className="usa-button usa-button--outline ccpor-small-button" disabled={busy} onClick={() => setEditing(true)}>
            Roles<span className="usa-sr-only"> of {u.username}</span>
          </button>
        )}
        {u.disabled || locked ? (
          <ConfirmButton label={locked && !u.disabled ? 'Unlock' : 'Enable'} srContext={u.username} question={`Let ${u.username} sign in again?`} confirmLabel="Yes, enable" disabled={busy} onConfirm={() => onChange({ kind: 'enable' })} />
        ) : (
          !self && <ConfirmButton label="Disable" srContext={u.username} question={`Disable ${u.username}? Their sessions end now.`} confirmLabel="Yes, disable" danger disabled={busy} onConfirm={() => onChange({ kind: 'disable' })} />
        )}
        <ConfirmButton label="Reset password" srContext={`of ${u.username}`} question={`Reset ${u.username}’s password? Their sessions end.`} confirmLabel="Yes, reset" disabled={busy} onConfirm={() => onChange({ kind: 'password-reset' })} />
        </div>
      </td>
    </tr>
  );
};

const NewUserForm = ({
  reachable,
  defaultAgency,
  may,
  onCreated,
}: {
  reachable: readonly { ori: string; name: string }[];
  defaultAgency: string;
  may: (roles: readonly Role[], agencyOri: string, clets: boolean) => { allowed: boolean; reason?: string };
  onCreated: (username: string, password: string) => Promise<void>;
}) => {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [agencyOri, setAgencyOri] = useState(defaultAgency);
  // A local administrator gives only the roles they hold: start from a clerk only where that is theirs to give.
  const [roles, setRoles] = useState<Role[]>(() => (may(['court-clerk'], defaultAgency, false).allowed ? ['court-clerk'] : []));
  const [clets, setClets] = useState(false);
  const [asking, setAsking] = useState(false);
  const create = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/users', { body: { username, displayName, agencyOri, roles, cletsCertified: clets } as never })) as { oneTimePassword: string },
    onSuccess: async (r) => {
      await onCreated(username, r.oneTimePassword);
      setUsername('');
      setDisplayName('');
      setAsking(false);
    },
    onError: () => setAsking(false),
  });
  const problem = create.error instanceof ApiProblem ? create.error : undefined;
  const fieldError = (f: string) => (problem?.body.field === f || problem?.body.errors?.some((e) => e.field === f) ? problemWords(problem) : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAsking(true);
  };
  const grantable = (r: Role) => may([r], agencyOri, false).allowed;
  const decision = may(roles, agencyOri, clets);
  return (
    <section aria-labelledby="new-user-heading" className="ccpor-card">
      <h2 id="new-user-heading">New user</h2>
      <form className="usa-form usa-form--large ccpor-new-user" onSubmit={submit} noValidate>
        <div className="ccpor-form-row">
          <div className={`usa-form-group${fieldError('username') ? ' usa-form-group--error' : ''}`}>
            <label className="usa-label" htmlFor="new-username">
              User name
            </label>
            <span className="usa-hint" id="new-username-hint">
              3–64 lower-case letters, digits, . _ -; starts with a letter
            </span>
            {fieldError('username') && (
              <span className="usa-error-message" id="new-username-error">
                {fieldError('username')}
              </span>
            )}
            <input className="usa-input" id="new-username" required value={username} aria-describedby={`new-username-hint${fieldError('username') ? ' new-username-error' : ''}`} onChange={(e) => setUsername(e.target.value)} />
          </div>
          <div className="usa-form-group">
            <label className="usa-label" htmlFor="new-display-name">
              Full name
            </label>
            <input className="usa-input" id="new-display-name" required value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
          </div>
          <AgencySelect id="new-agency" agencies={reachable} value={agencyOri} onChange={setAgencyOri} />
        </div>
        <fieldset className="usa-fieldset">
          <legend className="usa-legend">Roles</legend>
          <div className="ccpor-checkbox-row">
            {ROLES.map((r) => (
              <div key={r} className="usa-checkbox">
                <input className="usa-checkbox__input" type="checkbox" id={`new-role-${r}`} disabled={!grantable(r) && !roles.includes(r)} checked={roles.includes(r)} onChange={(e) => setRoles(e.target.checked ? [...roles, r] : roles.filter((x) => x !== r))} />
                <label className="usa-checkbox__label" htmlFor={`new-role-${r}`}>
                  {roleWords(r)}
                  {!grantable(r) && <span className="ccpor-muted"> (not yours to give)</span>}
                </label>
              </div>
            ))}
            <div className="usa-checkbox">
              <input className="usa-checkbox__input" type="checkbox" id="new-clets" checked={clets} disabled={!may(roles, agencyOri, true).allowed && !clets} onChange={(e) => setClets(e.target.checked)} />
              <label className="usa-checkbox__label" htmlFor="new-clets">
                CLETS certified (sees the DOJ queues)
              </label>
            </div>
          </div>
        </fieldset>
        {!decision.allowed && roles.length > 0 && <p className="ccpor-muted">{decision.reason}</p>}
        {problem && !fieldError('username') && (
          <div className="usa-alert usa-alert--error usa-alert--slim" role="alert">
            <div className="usa-alert__body">
              <p className="usa-alert__text">{problemWords(problem)}</p>
            </div>
          </div>
        )}
        {!problem && create.isError && <p className="ccpor-error" role="alert">{problemWords(create.error)}</p>}
        {asking ? (
          <p className="ccpor-confirm" role="group" aria-label="Confirm">
            Create <strong>{username || '(no user name)'}</strong> at {reachable.find((a) => a.ori === agencyOri)?.name ?? agencyOri} as {roles.map(roleWords).join(', ')}
            {clets ? ', CLETS certified' : ''}?{' '}
            <button type="button" className="usa-button ccpor-small-button" autoFocus disabled={create.isPending} onClick={() => create.mutate()}>
              Yes, create
            </button>
            <button type="button" className="usa-button usa-button--unstyled" onClick={() => setAsking(false)}>
              Cancel
            </button>
          </p>
        ) : (
          <button type="submit" className="usa-button">
            Create user
          </button>
        )}
      </form>
    </section>
  );
};
