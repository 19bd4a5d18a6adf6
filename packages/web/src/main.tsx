import '@trussworks/react-uswds/lib/uswds.css';
import '@trussworks/react-uswds/lib/index.css';
import './app/styles.css';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { onSessionEnded, setCsrfToken } from './api/client';
import { ApiProblem } from './api/problem';
import { createAppRouter } from './app/routes';
import { safeRedirect } from './session/session-queries';

const queryClient = new QueryClient({
  defaultOptions: {
    // A refused or missing answer is not retried (the clerk sees why at once); a lost connection is, twice.
    queries: { retry: (count, e) => !(e instanceof ApiProblem) && count < 2, refetchOnWindowFocus: false, staleTime: 30_000 },
  },
});
const router = createAppRouter(queryClient);

// The session ended (expired, or signed out elsewhere): back to sign-in, then back to this page.
onSessionEnded(() => {
  const here = router.state.location;
  if (here.pathname === '/sign-in') return;
  setCsrfToken(undefined);
  queryClient.setQueryData(['session'], null);
  void router.navigate({ to: '/sign-in', search: { redirect: safeRedirect(here.href), reason: 'expired' } });
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
