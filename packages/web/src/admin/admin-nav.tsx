import { getRouteApi, Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { may } from '../view-logic/principal';

/** The administration pages: each shown to those the access policy lets use it. */
export const AdminFrame = ({ title, children }: { title: string; children: ReactNode }) => {
  const { me } = getRouteApi('/app').useRouteContext();
  const pages = [
    { to: '/admin/users' as const, label: 'Users', show: may(me, 'users.manage') },
    { to: '/admin/agencies' as const, label: 'Agencies', show: may(me, 'users.manage') },
    { to: '/admin/api-keys' as const, label: 'API keys', show: may(me, 'api-keys.manage') },
    { to: '/admin/readiness' as const, label: 'Go-live readiness', show: may(me, 'users.manage') },
    { to: '/admin/notifications' as const, label: 'Notifications and integrations', show: may(me, 'notifications.manage') },

  ].filter((p) => p.show);
  return (
    <div className="ccpor-page ccpor-admin">
      <h1 tabIndex={-1}>{title}</h1>
      <nav aria-label="Administration" className="ccpor-admin__nav">
        <ul>
          {pages.map((p) => (
            <li key={p.to}>
              <Link to={p.to} activeProps={{ className: 'is-current', 'aria-current': 'page' }}>
                {p.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {children}
    </div>
  );
};
