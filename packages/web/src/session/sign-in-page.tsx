import { Alert, Button, Fieldset, Form, Label, TextInput } from '@trussworks/react-uswds';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, setCsrfToken } from '../api/client';
import { unwrap } from '../api/problem';
import { signInProblemWords } from './sign-in-words';
import type { Me } from '../api/types';
import { PublicLayout } from '../layout/public-layout';
import { useDocumentTitle } from '../layout/use-document-title';

const routeApi = getRouteApi('/sign-in');

export const SignInPage = () => {
  const { redirect, reason } = routeApi.useSearch();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const problemRef = useRef<HTMLDivElement>(null);
  useDocumentTitle('Sign in');

  const signIn = useMutation({
    mutationFn: async (attempt: { username: string; password: string }) => unwrap(await api.POST('/api/v1/session', { body: attempt })) as Me,
    onSuccess: async (me) => {
      setCsrfToken(me.csrfToken);
      queryClient.setQueryData(['session'], me);
      if (me.mustChangePassword) await navigate({ to: '/change-password', search: { redirect } });
      else await navigate({ href: redirect ?? '/search' });
    },
    // Clear what was tried (not what the clerk may already be typing again).
    onError: (_e, attempt) => setPassword((now) => (now === attempt.password ? '' : now)),
  });
  useEffect(() => {
    if (signIn.isError) problemRef.current?.focus();
  }, [signIn.isError, signIn.failureCount]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate({ username: username.trim(), password });
  };
  const problem = signIn.isError ? signInProblemWords(signIn.error) : undefined;

  return (
    <PublicLayout>
      <div className="ccpor-sign-in">
        <h1>Sign in</h1>
        <p className="usa-intro">Statewide registry of restraining and protective orders for courts and law enforcement.</p>
        {reason === 'expired' && (
          <Alert type="info" headingLevel="h2" heading="Your session has ended" slim={false}>
            For safety, sessions end after a period of time. Sign in again to go back to {redirect ? 'the page you were on' : 'the registry'}.
          </Alert>
        )}
        {reason === 'signed-out' && (
          <Alert type="success" headingLevel="h2" heading="You have signed out" slim>
            Close the browser if others use this computer.
          </Alert>
        )}
        {problem && (
          <div ref={problemRef} tabIndex={-1}>
            <Alert type="error" headingLevel="h2" heading={problem.heading} role="alert">
              {problem.text}
            </Alert>
          </div>
        )}
        <Form onSubmit={submit} large>
          <Fieldset legend="Your registry account" legendStyle="srOnly">
            <Label htmlFor="username">User name</Label>
            <TextInput id="username" name="username" type="text" autoComplete="username" autoCapitalize="off" spellCheck={false} required value={username} onChange={(e) => setUsername(e.target.value)} autoFocus />
            <Label htmlFor="password">Password</Label>
            <TextInput id="password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
            <Button type="submit" disabled={signIn.isPending}>
              {signIn.isPending ? 'Signing in…' : 'Sign in'}
            </Button>
          </Fieldset>
        </Form>
        <p className="ccpor-fine-print">
          Use of this system is limited to authorized court and law-enforcement staff. Every search and every order you open is recorded.
        </p>
      </div>
    </PublicLayout>
  );
};
