import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { problemWords, unwrap } from '../api/problem';
import { useDocumentTitle } from '../layout/use-document-title';
import { formatDateTime } from '../view-logic/format';
import { AdminFrame } from './admin-nav';
import { apiKeysQuery } from './admin-queries';
import { ConfirmButton } from './confirm-button';
import { SecretOnce } from './secret-once';

/** Answers of the notification and integration routes (issue 21), as the API gives them. */
interface Template {
  readonly kind: string;
  readonly recipients: string;
  readonly languages: readonly string[];
}
interface Rendered {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}
interface MailDelivery {
  readonly id: string;
  readonly notification: string;
  readonly orderId: string;
  readonly to: string;
  readonly status: string;
  readonly attempts: number;
  readonly createdAt: string;
  readonly lastError: string | null;
}
interface Subscription {
  readonly id: string;
  readonly url: string;
  readonly topics: readonly string[];
  readonly active: boolean;
  readonly createdAt: string;
  readonly createdBy: string;
}
interface WebhookDelivery {
  readonly id: string;
  readonly subscriptionId: string;
  readonly status: string;
  readonly attempts: number;
  readonly lastError?: string | null;
  readonly createdAt?: string;
}

/** A notification kind in words: dashes to spaces, the first letter capital. */
const words = (kind: string): string =>
  kind
    .replace(/-/g, ' ')
    .replace(/^./, (c) => c.toUpperCase())
    .replace(/\bDoj\b/i, 'DOJ');
const LANGUAGE_WORDS: Record<string, string> = { en: 'English', es: 'Spanish' };

/**
 * Notifications and integrations (issue 21): the mail templates with a preview, the mail delivery
 * log with retry, and the agency's webhook subscriptions (signing secret shown once) with their
 * delivery log and retry. Administrators of the agency; the API scopes and audits every call.
 */
export const NotificationsPage = () => {
  useDocumentTitle('Notifications and integrations');
  return (
    <AdminFrame title="Notifications and integrations">
      <TemplatePreview />
      <MailDeliveries />
      <Webhooks />
    </AdminFrame>
  );
};

const TemplatePreview = () => {
  const templates = useQuery({ queryKey: ['notification-templates'], queryFn: async () => (unwrap(await api.GET('/api/v1/notifications/templates')) as { templates: Template[] }).templates });
  const [kind, setKind] = useState('');
  const [language, setLanguage] = useState('en');
  const chosen = kind || templates.data?.[0]?.kind || '';
  const preview = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/notifications/templates/{kind}/preview', { params: { path: { kind: chosen } }, body: { language } as never })) as Rendered,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    preview.mutate();
  };
  return (
    <section aria-labelledby="templates-heading" className="ccpor-card">
      <h2 id="templates-heading">Mail templates</h2>
      {templates.isError && <p className="ccpor-error">{problemWords(templates.error)}</p>}
      <form className="usa-form usa-form--large" onSubmit={submit}>
        <div className="ccpor-form-row">
          <div className="usa-form-group">
            <label className="usa-label" htmlFor="template-kind">
              Notification
            </label>
            <select className="usa-select" id="template-kind" value={chosen} onChange={(e) => setKind(e.target.value)}>
              {(templates.data ?? []).map((t) => (
                <option key={t.kind} value={t.kind}>
                  {words(t.kind)} (to {t.recipients})
                </option>
              ))}
            </select>
          </div>
          <div className="usa-form-group">
            <label className="usa-label" htmlFor="template-language">
              Language
            </label>
            <select className="usa-select" id="template-language" value={language} onChange={(e) => setLanguage(e.target.value)}>
              {(templates.data?.find((t) => t.kind === chosen)?.languages ?? ['en']).map((l) => (
                <option key={l} value={l}>
                  {LANGUAGE_WORDS[l] ?? l}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button type="submit" className="usa-button" disabled={chosen === '' || preview.isPending}>
          Preview
        </button>
      </form>
      {preview.isError && <p className="ccpor-error">{problemWords(preview.error)}</p>}
      {preview.data && (
        <div className="ccpor-preview" data-testid="template-preview">
          <p>
            <strong>Subject:</strong> {preview.data.subject}
          </p>
          <div className="ccpor-preview__pair">
            <div>
              <h3>Plain text</h3>
              <pre className="ccpor-preview__text">{preview.data.text}</pre>
            </div>
            <div>
              <h3>HTML</h3>
              {/* The rendered mail in an iframe with every permission withheld: it runs nothing. */}
              <iframe title={`HTML of ${words(chosen)}`} sandbox="" srcDoc={preview.data.html} className="ccpor-preview__html" />
            </div>
          </div>
        </div>
      )}
    </section>
  );
};

const MailDeliveries = () => {
  const queryClient = useQueryClient();
  const log = useQuery({ queryKey: ['mail-deliveries'], queryFn: async () => (unwrap(await api.GET('/api/v1/notifications/deliveries')) as { deliveries: MailDelivery[] }).deliveries, retry: false });
  const retry = useMutation({
    mutationFn: async (id: string) => unwrap(await api.POST('/api/v1/notifications/deliveries/{id}/retry', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['mail-deliveries'] }),
  });
  return (
    <section aria-labelledby="mail-heading">
      <h2 id="mail-heading">Mail deliveries</h2>
      {log.isError && <p>{problemWords(log.error)}</p>}
      {retry.isError && <p className="ccpor-error">{problemWords(retry.error)}</p>}
      {log.data && log.data.length === 0 && <p>No notification has been sent.</p>}
      {log.data && log.data.length > 0 && (
        <table className="usa-table usa-table--compact ccpor-queue">
          <caption className="usa-sr-only">Mail deliveries, addresses redacted</caption>
          <thead>
            <tr>
              <th scope="col">Notification</th>
              <th scope="col">To</th>
              <th scope="col">Queued</th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          <tbody>
            {log.data.map((d) => (
              <tr key={d.id}>
                <td>{words(d.notification)}</td>
                <td>{d.to}</td>
                <td>{formatDateTime(d.createdAt)}</td>
                <td>
                  {d.status} ({d.attempts} {d.attempts === 1 ? 'attempt' : 'attempts'}){d.lastError && <div className="ccpor-muted">{d.lastError}</div>}
                  {d.status === 'dead' && <ConfirmButton label="Retry" srContext={`mail ${d.id}`} question="Send it again?" confirmLabel="Yes, retry" onConfirm={() => retry.mutate(d.id)} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
};

const Webhooks = () => {
  const queryClient = useQueryClient();
  const keys = useQuery(apiKeysQuery).data?.filter((k) => !k.revoked) ?? [];
  const subs = useQuery({ queryKey: ['webhooks'], queryFn: async () => (unwrap(await api.GET('/api/v1/integrations/webhooks')) as { subscriptions: Subscription[] }).subscriptions, retry: false });
  const deliveries = useQuery({ queryKey: ['webhook-deliveries'], queryFn: async () => (unwrap(await api.GET('/api/v1/integrations/deliveries')) as { deliveries: WebhookDelivery[] }).deliveries, retry: false });
  const [url, setUrl] = useState('');
  const [apiKeyId, setApiKeyId] = useState('');
  const [secret, setSecret] = useState<string | undefined>();
  const chosenKey = apiKeyId || keys[0]?.keyId || '';
  const create = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/integrations/webhooks', { body: { url, apiKeyId: chosenKey } as never })) as { secret: string },
    onSuccess: async (r) => {
      setSecret(r.secret);
      setUrl('');
      await queryClient.invalidateQueries({ queryKey: ['webhooks'] });
    },
  });
  const stop = useMutation({
    mutationFn: async (id: string) => unwrap(await api.DELETE('/api/v1/integrations/webhooks/{id}', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['webhooks'] }),
  });
  const retry = useMutation({
    mutationFn: async (id: string) => unwrap(await api.POST('/api/v1/integrations/deliveries/{id}/retry', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['webhook-deliveries'] }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <section aria-labelledby="webhooks-heading">
      <h2 id="webhooks-heading">Webhooks for case-management systems</h2>
      {secret && <SecretOnce title="Signing secret of the new webhook" secret={secret} note="The receiver checks each delivery’s signature with it." onDone={() => setSecret(undefined)} />}
      {subs.isError ? (
        <p>{problemWords(subs.error)}</p>
      ) : (
        <form className="usa-form usa-form--large ccpor-card" onSubmit={submit} noValidate>
          <div className="ccpor-form-row">
            <div className="usa-form-group">
              <label className="usa-label" htmlFor="webhook-url">
                Receiver URL
              </label>
              <span className="usa-hint" id="webhook-url-hint">
                https://…
              </span>
              <input className="usa-input" id="webhook-url" type="url" aria-describedby="webhook-url-hint" value={url} onChange={(e) => setUrl(e.target.value)} />
            </div>
            <div className="usa-form-group">
              <label className="usa-label" htmlFor="webhook-key">
                For the API key
              </label>
              <select className="usa-select" id="webhook-key" value={chosenKey} onChange={(e) => setApiKeyId(e.target.value)}>
                {keys.map((k) => (
                  <option key={k.keyId} value={k.keyId}>
                    {k.label}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {create.isError && (
            <p className="ccpor-error" role="alert">
              {problemWords(create.error)}
            </p>
          )}
          <button type="submit" className="usa-button" disabled={create.isPending || chosenKey === ''}>
            Subscribe
          </button>
        </form>
      )}
      {subs.data && subs.data.length > 0 && (
        <table className="usa-table usa-table--compact ccpor-queue">
          <caption className="usa-sr-only">Webhook subscriptions, without their secrets</caption>
          <thead>
            <tr>
              <th scope="col">Receiver</th>
              <th scope="col">Topics</th>
              <th scope="col">Since</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {subs.data.map((s) => (
              <tr key={s.id}>
                <td>{s.url}</td>
                <td>{s.topics.join(', ')}</td>
                <td>
                  {formatDateTime(s.createdAt)} <div className="ccpor-muted">by {s.createdBy}</div>
                </td>
                <td>{s.active ? <ConfirmButton label="Stop" srContext={s.url} question="Stop this webhook?" confirmLabel="Yes, stop" danger onConfirm={() => stop.mutate(s.id)} /> : 'Stopped'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Webhook deliveries</h3>
      {retry.isError && <p className="ccpor-error">{problemWords(retry.error)}</p>}
      {deliveries.isError && <p>{problemWords(deliveries.error)}</p>}
      {deliveries.data && deliveries.data.length === 0 && <p>No delivery yet.</p>}
      {deliveries.data && deliveries.data.length > 0 && (
        <table className="usa-table usa-table--compact ccpor-queue">
          <caption className="usa-sr-only">Webhook deliveries</caption>
          <thead>
            <tr>
              <th scope="col">Delivery</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last error</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.data.map((d) => (
              <tr key={d.id}>
                <td>{d.id}</td>
                <td>
                  {d.status}
                  {d.status === 'dead' && <ConfirmButton label="Retry" srContext={`delivery ${d.id}`} question="Deliver it again?" confirmLabel="Yes, retry" onConfirm={() => retry.mutate(d.id)} />}
                </td>
                <td>{d.attempts}</td>
                <td>{d.lastError ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
};
