import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { FORM_NUMBERS, formInfo } from '@ccpor/domain';
import { useState, type DragEvent } from 'react';
import { api, newIdempotencyKey, sendChange } from '../api/client';
import { problemWords, unwrap } from '../api/problem';
import type { OrderRead } from '../api/types';
import { useDocumentTitle } from '../layout/use-document-title';
import { agenciesQuery, sessionQuery } from '../session/session-queries';
import { formatDateTime, formatName } from '../view-logic/format';
import { uploadScan } from './upload-button';

/**
 * Where entry starts (issue 15): a scan first (the planning guide's "imaging, then data entry"),
 * the form's number first, or a draft already waiting for its data (the scan inbox's and the
 * clerk's own unfinished ones), longest waiting first.
 */
export const NewOrderPage = () => {
  useDocumentTitle('New order');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useQuery(sessionQuery).data;
  const agencies = useQuery(agenciesQuery).data ?? [];
  const own = agencies.find((a) => a.ori === me?.agencyOri);
  const court = own && (own.kind === 'superior-court' || own.kind === 'tribal-court') ? { ori: own.ori, county: own.county, name: own.name } : undefined;
  const [form, setForm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ where: 'scan' | 'form'; text: string } | undefined>();
  const [dragging, setDragging] = useState(false);
  const drafts = useQuery({
    queryKey: ['drafts'],
    queryFn: async () => unwrap(await api.GET('/api/v1/orders/drafts', {})) as { drafts: DraftRow[] },
    staleTime: 0,
  });

  const createDraft = async (details: Record<string, unknown>) => (await sendChange<OrderRead>('POST', '/orders/drafts', { body: { details }, idempotencyKey: newIdempotencyKey() })).body;

  const fromScan = async (files: readonly File[]) => {
    if (files.length === 0 || busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const draft = await createDraft(court ? { court } : {});
      let version = draft.version;
      for (const f of files) version = Number((await uploadScan(draft.orderId, f, version)).etag ?? version + 1);
      await queryClient.invalidateQueries({ queryKey: ['drafts'] });
      await navigate({ to: '/orders/$orderId/entry', params: { orderId: draft.orderId } });
    } catch (e) {
      setError({ where: 'scan', text: problemWords(e) });
      setBusy(false);
    }
  };

  const fromForm = async () => {
    if (form === '' || busy) {
      setError({ where: 'form', text: 'Choose the form the order is on.' });
      return;
    }
    setBusy(true);
    try {
      const draft = await createDraft({ form, ...(court ? { court } : {}) });
      await navigate({ to: '/orders/$orderId/entry', params: { orderId: draft.orderId } });
    } catch (e) {
      setError({ where: 'form', text: problemWords(e) });
      setBusy(false);
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void fromScan([...e.dataTransfer.files]);
  };

  return (
    <div className="ccpor-page ccpor-new-order">
      <h1 tabIndex={-1}>New order</h1>
      <p className="ccpor-lede">Start from the scan of the signed order and enter its data beside it, or start from the form and attach the scan later.</p>
      <div className="ccpor-new-order__ways">
        <section aria-labelledby="scan-heading" className="ccpor-card">
          <h2 id="scan-heading">From the scan</h2>
          <div className={`ccpor-drop ${dragging ? 'is-dragging' : ''}`} onDragOver={(e) => { e.preventDefault(); setDragging(true); }} onDragLeave={() => setDragging(false)} onDrop={onDrop} data-testid="drop-zone">
            <p>Drop the PDF or TIFF scan here, or</p>
            <label htmlFor="scan-file" className="usa-button">
              {busy ? 'Uploading…' : 'Choose the scan file'}
            </label>
            <input id="scan-file" className="ccpor-visually-hidden-file" type="file" accept="application/pdf,image/tiff,.pdf,.tif,.tiff" multiple disabled={busy} onChange={(e) => void fromScan([...(e.target.files ?? [])])} />
            <p className="usa-hint">Several pages in one file are kept together; several files become several images of the same draft.</p>
          </div>
          {error?.where === 'scan' && (
            <p className="usa-error-message" role="alert">
              {error.text}
            </p>
          )}
        </section>
        <section aria-labelledby="form-heading" className="ccpor-card">
          <h2 id="form-heading">From the form</h2>
          <form
            className="usa-form"
            onSubmit={(e) => {
              e.preventDefault();
              void fromForm();
            }}
          >
            <label className="usa-label" htmlFor="new-form">
              Form
            </label>
            {error?.where === 'form' && (
              <span className="usa-error-message" id="new-form-error" role="alert">
                {error.text}
              </span>
            )}
            <select id="new-form" className="usa-select" value={form} onChange={(e) => setForm(e.target.value)} aria-describedby={error?.where === 'form' ? 'new-form-error' : undefined}>
              <option value="">Choose the form</option>
              {FORM_NUMBERS.map((f) => (
                <option key={f} value={f}>
                  {f} — {formInfo(f).title}
                </option>
              ))}
            </select>
            <button type="submit" className="usa-button" disabled={busy}>
              Start entering
            </button>
          </form>
        </section>
      </div>
      <section aria-labelledby="drafts-heading" className="ccpor-drafts">
        <h2 id="drafts-heading">Drafts waiting for data</h2>
        {drafts.isPending ? (
          <p role="status">Loading the drafts…</p>
        ) : drafts.isError ? (
          <p className="usa-error-message">{problemWords(drafts.error)}</p>
        ) : drafts.data.drafts.length === 0 ? (
          <p>No draft of your agency is waiting for data.</p>
        ) : (
          <table className="usa-table usa-table--borderless ccpor-drafts__table" data-testid="drafts-table">
            <caption className="usa-sr-only">Drafts of your agency, longest waiting first</caption>
            <thead>
              <tr>
                <th scope="col">Waiting since</th>
                <th scope="col">Form</th>
                <th scope="col">Case</th>
                <th scope="col">Restrained person</th>
                <th scope="col">Scans</th>
                <th scope="col">
                  <span className="usa-sr-only">Open</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {drafts.data.drafts.map((d) => (
                <tr key={d.orderId}>
                  <td>{formatDateTime(d.lastChangedAt)}</td>
                  <td>{d.form ?? '—'}</td>
                  <td>{d.caseNumber ?? '—'}</td>
                  <td>{d.restrainedPerson ? formatName({ last: d.restrainedPerson.last ?? '', first: d.restrainedPerson.first ?? '' }) : '—'}</td>
                  <td>{d.imageCount}</td>
                  <td>
                    <Link to="/orders/$orderId/entry" params={{ orderId: d.orderId }}>
                      Enter data<span className="usa-sr-only"> for {d.form ?? 'the draft'} {d.caseNumber ?? ''}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
};

interface DraftRow {
  readonly orderId: string;
  readonly form: string | null;
  readonly caseNumber: string | null;
  readonly restrainedPerson: { last: string | null; first: string | null } | null;
  readonly imageCount: number;
  readonly lastChangedAt: string;
}
