import { Alert, Button, ErrorMessage, Fieldset, Form, FormGroup, Label, TextInput } from '@trussworks/react-uswds';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { api, setCsrfToken } from '../api/client';
import { ApiProblem, problemWords, unwrap } from '../api/problem';
import type { Me } from '../api/types';
import { PublicLayout } from '../layout/public-layout';
import { useDocumentTitle } from '../layout/use-document-title';
import { MIN_PASSWORD_LENGTH, passwordProblems, type PasswordField as Field } from './password-rules';
import { sessionQuery } from './session-queries';

const routeApi = getRouteApi('/change-password');

export const ChangePasswordPage = () => {
  const { redirect } = routeApi.useSearch();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useQuery(sessionQuery).data;
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [shown, setShown] = useState<Partial<Record<Field, string>>>({});
  useDocumentTitle('Choose a new password');

  const change = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/session/password', { body: { currentPassword: current, newPassword: next } })) as Me,
    onSuccess: async (updated) => {
      setCsrfToken(updated.csrfToken);
      queryClient.setQueryData(['session'], updated);
      await navigate({ href: redirect ?? '/search' });
    },
    onError: (e) => {
      if (e instanceof ApiProblem && (e.body.field === 'currentPassword' || e.body.field === 'newPassword')) setShown({ [e.body.field]: e.body.detail ?? e.message });
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problems = passwordProblems(current, next, confirm);
    setShown(problems);
    if (Object.keys(problems).length === 0) change.mutate();
    else document.getElementById(Object.keys(problems)[0] === 'confirm' ? 'confirm-password' : (Object.keys(problems)[0] as string))?.focus();
  };
  const fieldError = (f: Field) => shown[f];
  const otherProblem = change.isError && !(change.error instanceof ApiProblem && (change.error.body.field === 'currentPassword' || change.error.body.field === 'newPassword'));

  return (
    <PublicLayout>
      <div className="ccpor-sign-in">
        <h1>Choose a new password</h1>
        {me?.mustChangePassword !== false && (
          <Alert type="info" headingLevel="h2" heading="Your password was for one sign-in only" slim={false}>
            Before you use the registry, replace the one-time password you were given with one only you know.
          </Alert>
        )}
        {otherProblem && (
          <Alert type="error" headingLevel="h2" heading="The password was not changed" role="alert">
            {problemWords(change.error)}
          </Alert>
        )}
        <Form onSubmit={submit} large noValidate>
          <Fieldset legend={`New password for ${me?.username ?? 'your account'}`} className="ccpor-password-fieldset">
            <input type="text" name="username" autoComplete="username" value={me?.username ?? ''} readOnly hidden />
            <FormGroup error={fieldError('currentPassword') !== undefined}>
              <Label htmlFor="currentPassword" error={fieldError('currentPassword') !== undefined}>
                Password you signed in with
              </Label>
              {fieldError('currentPassword') && <ErrorMessage id="currentPassword-error">{fieldError('currentPassword')}</ErrorMessage>}
              <TextInput id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} aria-describedby={fieldError('currentPassword') ? 'currentPassword-error' : undefined} validationStatus={fieldError('currentPassword') ? 'error' : undefined} autoFocus />
            </FormGroup>
            <FormGroup error={fieldError('newPassword') !== undefined}>
              <Label htmlFor="newPassword" hint={` (at least ${MIN_PASSWORD_LENGTH} characters; a short sentence is easy to remember)`} error={fieldError('newPassword') !== undefined}>
                New password
              </Label>
              {fieldError('newPassword') && <ErrorMessage id="newPassword-error">{fieldError('newPassword')}</ErrorMessage>}
              <TextInput id="newPassword" name="newPassword" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} aria-describedby={fieldError('newPassword') ? 'newPassword-error' : undefined} validationStatus={fieldError('newPassword') ? 'error' : undefined} />
            </FormGroup>
            <FormGroup error={fieldError('confirm') !== undefined}>
              <Label htmlFor="confirm-password" error={fieldError('confirm') !== undefined}>
                New password again
              </Label>
              {fieldError('confirm') && <ErrorMessage id="confirm-error">{fieldError('confirm')}</ErrorMessage>}
              <TextInput id="confirm-password" name="confirm" type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} aria-describedby={fieldError('confirm') ? 'confirm-error' : undefined} validationStatus={fieldError('confirm') ? 'error' : undefined} />
            </FormGroup>
            <Button type="submit" disabled={change.isPending}>
              {change.isPending ? 'Saving…' : 'Save the new password'}
            </Button>
          </Fieldset>
        </Form>
      </div>
    </PublicLayout>
  );
};
