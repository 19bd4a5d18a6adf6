import { getRouteApi, Outlet, useRouterState } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { AppHeader } from './app-header';

const appRoute = getRouteApi('/app');

/** Signed-in pages: the header, then the page; focus moves to the new page's heading on navigation. */
export const AppLayout = () => {
  const { me } = appRoute.useRouteContext();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.querySelector<HTMLElement>('#main-content h1')?.focus();
  }, [pathname]);
  return (
    <>
      <a className="usa-skipnav" href="#main-content">
        Skip to main content
      </a>
      <AppHeader me={me} />
      <main id="main-content" className="ccpor-main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
};
