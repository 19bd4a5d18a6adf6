import { countyName, type CountyCode } from '@ccpor/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { api, setCsrfToken } from '../api/client';
import type { Me } from '../api/types';
import { mayReadReports } from '../reports/report-catalog';
import { agenciesQuery } from '../session/session-queries';
import { roleWords } from '../view-logic/format';
import { Brand } from './brand';

/**
 * The header of every signed-in page: who is signed in, their role, agency and county (the
 * go-live checklist asks that the county shows on the main screen), the sections, and sign-out.
 */
export const AppHeader = ({ me }: { me: Me }) => {
  const agencies = useQuery(agenciesQuery).data;
  const agency = agencies?.find((a) => a.ori === me.agencyOri);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signOut = useMutation({
    mutationFn: async () => {
      // Whatever the answer (an ended session answers 401), this browser forgets the session.
      await api.DELETE('/api/v1/session').catch(() => undefined);
    },
    onSettled: async () => {
      setCsrfToken(undefined);
      queryClient.clear();
      queryClient.setQueryData(['session'], null);
      await navigate({ to: '/sign-in', search: { reason: 'signed-out' } });
    },
  });
  const county = agency ? `${countyName(agency.county as CountyCode)} (${agency.county})` : '…';

  return (
    <header className="ccpor-header">
      <div className="ccpor-header__bar">
        <Link to="/search" className="ccpor-header__home">
          <Brand />
        </Link>
        <nav aria-label="Main" className="ccpor-nav">
          <ul>
            <li>
              <Link to="/search" activeProps={{ className: 'is-current', 'aria-current': 'page' }}>
                Search orders
              </Link>
            </li>
            {mayReadReports(me) && (
              <li>
                <Link to="/reports" activeProps={{ className: 'is-current', 'aria-current': 'page' }}>
                  Reports
                </Link>
              </li>
            )}
          </ul>
        </nav>
        <section className="ccpor-who" aria-label="Signed in">
          <dl>
            <div>
              <dt className="ccpor-who__optional">User</dt>
              <dd data-testid="header-user">
                {me.displayName} <span className="ccpor-muted">({me.username})</span>
              </dd>
            </div>
            <div>
              <dt>Role</dt>
              <dd data-testid="header-role">
                {me.roles.map(roleWords).join(', ')}
                {me.cletsCertified ? ' · CLETS certified' : ''}
              </dd>
            </div>
            <div>
              <dt className="ccpor-who__optional">Agency</dt>
              <dd data-testid="header-agency">
                {agency?.name ?? me.agencyOri} <span className="ccpor-muted">({me.agencyOri})</span>
              </dd>
            </div>
            <div>
              <dt>County</dt>
              <dd data-testid="header-county">{county}</dd>
            </div>
          </dl>
          <button type="button" className="usa-button usa-button--outline usa-button--inverse ccpor-sign-out" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
            Sign out
          </button>
        </section>
      </div>
    </header>
  );
};
