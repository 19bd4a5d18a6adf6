import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, useBlocker, useNavigate } from '@tanstack/react-router';
import type { DraftDetails, OrderState } from '@ccpor/domain';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, newIdempotencyKey, sendChange } from '../api/client';
import { ApiProblem, fieldProblems, problemWords, unwrap } from '../api/problem';
import type { Agency, OrderRead } from '../api/types';
import { useDocumentTitle } from '../layout/use-document-title';
import { agenciesQuery, sessionQuery } from '../session/session-queries';
import { formTitle } from '../view-logic/format';
import { ImagePane } from '../viewer/image-pane';
import { OrderSplit } from '../viewer/order-split';
import { ConflictWarnings, type CommandWarnings } from './conflict-warnings';
import { dropBackup, readBackup, writeBackup } from './draft-backup';
import { EntryForm } from './entry-form';
import { clearedKeys, fromDetails, toDetails, type EntryValues } from './entry-values';
import { focusField } from './fields';
import { calendarFrom, liveRules, type CourtCalendarView } from './live-rules';
import { RulesPanel } from './rules-panel';
import { ReadFieldsReview } from './read-fields-review';
import { UploadButton } from './upload-button';

const routeApi = getRouteApi('/app/orders/$orderId/entry');

type DraftState = Extract<OrderState, { status: 'draft' }>;
type SaveStatus = 'saved' | 'unsaved' | 'saving' | 'offline' | 'refused' | 'conflict';

const STATUS_WORDS: Record<SaveStatus, string> = {
  saved: 'All changes saved to the draft.',
  unsaved: 'Saving shortly…',
  saving: 'Saving…',
  offline: 'No connection: your typing is kept in this browser and saved when the connection is back.',
  refused: 'The registry refused part of the draft; see the fields marked in red.',
  conflict: 'Someone else changed this draft; see below.',
};

export const orderQuery = (orderId: string) => ({
  queryKey: ['order', orderId],
  queryFn: async () => unwrap(await api.GET('/api/v1/orders/{orderId}', { params: { path: { orderId } } })) as unknown as OrderRead,
});

/** Entering a draft's data beside its image: the form, the live rules, conflicts, autosave, add. */
export const EntryPage = () => {
  const { orderId } = routeApi.useParams();
  const read = useQuery(orderQuery(orderId));
  useDocumentTitle('Enter an order');
  if (read.isPending)
    return (
      <div className="ccpor-page">
        <h1 tabIndex={-1}>Enter an order</h1>
        <p role="status">Loading the draft…</p>
      </div>
    );
  if (read.isError || read.data.order.status !== 'draft')
    return (
      <div className="ccpor-page">
        <h1 tabIndex={-1}>{read.isError ? 'Draft not shown' : 'This order is no longer a draft'}</h1>
        <p>{read.isError ? problemWords(read.error) : 'It has been added (or discarded); changes to it are made from its page.'}</p>
        <p>
          <Link to="/orders/$orderId" params={{ orderId }}>
            Open the order
          </Link>{' '}
          · <Link to="/orders/new">Enter another order</Link>
        </p>
      </div>
    );
  return <EntryEditor key={orderId} orderId={orderId} read={read.data} />;
};

const EntryEditor = ({ orderId, read }: { orderId: string; read: OrderRead }) => {
  const draft = read.order as DraftState;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useQuery(sessionQuery).data;
  const agencies = useQuery(agenciesQuery).data ?? [];
  const courts: Agency[] = useMemo(() => agencies.filter((a) => a.kind === 'superior-court' || a.kind === 'tribal-court'), [agencies]);
  const { image = 0 } = routeApi.useSearch();

  const restored = useMemo(() => readBackup(orderId), [orderId]);
  const [values, setValues] = useState<EntryValues>(() => {
    if (restored) return restored.values;
    const v = fromDetails(draft.details);
    // A new draft of a court's clerk is that court's order until the clerk picks another.
    const own = courts.find((c) => c.ori === me?.agencyOri);
    return v.courtOri === '' && own ? { ...v, courtOri: own.ori, courtCounty: own.county, courtName: own.name } : v;
  });
  const [status, setStatus] = useState<SaveStatus>(restored ? 'unsaved' : 'saved');
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | undefined>(restored ? 'Typing not yet saved when this page was last open was restored from this browser.' : undefined);
  const [conflict, setConflict] = useState<{ theirs: DraftDetails; version: number } | undefined>();
  const initialWarnings: CommandWarnings = {
    warnings: (read.precedence?.pairs ?? []).flatMap((p) => p.conflicts ?? []),
    withheldOrders: (read.precedence?.pairs ?? []).reduce((n, p) => n + (p.withheldOrders ?? 0), 0),
  };
  const [warnings, setWarnings] = useState<CommandWarnings>(initialWarnings);
  const [seen, setSeen] = useState(false);
  const [adding, setAdding] = useState(false);
  const [addError, setAddError] = useState<string | undefined>();

  const version = useRef(read.version);
  const lastSaved = useRef<DraftDetails>(draft.details);
  const dirty = useRef(restored !== undefined);
  const inFlight = useRef<Promise<void> | undefined>(undefined);
  const again = useRef(false);
  const valuesRef = useRef(values);
  valuesRef.current = values;
  const addKey = useRef<string | undefined>(undefined);
  const addingRef = useRef(false);

  const { details, errors: localErrors } = useMemo(() => toDetails(values), [values]);
  const calendar = useQuery({
    queryKey: ['court-calendar', details.court?.ori],
    enabled: details.court?.ori !== undefined,
    queryFn: async () => unwrap(await api.GET('/api/v1/courts/{ori}/calendar', { params: { path: { ori: details.court!.ori } } })) as CourtCalendarView,
    retry: false,
  }).data;
  const rules = useMemo(() => liveRules(details, calendarFrom(calendar)), [details, calendar]);
  const errors = { ...serverErrors, ...localErrors };

  const save = useCallback(async (): Promise<void> => {
    if (inFlight.current) {
      again.current = true;
      return inFlight.current;
    }
    const sent = valuesRef.current;
    const { details: d, errors: bad } = toDetails(sent);
    const clear = clearedKeys(lastSaved.current, d).filter((k) => !Object.keys(bad).some((f) => f === k || f.startsWith(`${k}.`)));
    setStatus('saving');
    const run = (async () => {
      try {
        const r = await sendChange<OrderRead & CommandWarnings>('PATCH', `/orders/${orderId}/draft`, { body: { details: d, ...(clear.length > 0 ? { clear } : {}) }, ifMatch: version.current, idempotencyKey: newIdempotencyKey() });
        version.current = Number(r.etag ?? r.body.version);
        lastSaved.current = (r.body.order as DraftState).details;
        setWarnings({ warnings: r.body.warnings ?? [], withheldOrders: r.body.withheldOrders ?? 0, ...(r.body.warningsUnavailable ? { warningsUnavailable: r.body.warningsUnavailable } : {}) });
        setServerErrors({});
        if (valuesRef.current === sent) {
          dirty.current = false;
          dropBackup(orderId);
          setStatus('saved');
        }
      } catch (e) {
        if (e instanceof ApiProblem && (e.status === 412 || e.status === 409)) {
          const fresh = await queryClient.fetchQuery({ ...orderQuery(orderId), staleTime: 0 });
          if (fresh.order.status === 'draft') setConflict({ theirs: fresh.order.details, version: fresh.version });
          setStatus('conflict');
        } else if (e instanceof ApiProblem) {
          setServerErrors(fieldProblems(e));
          setStatus('refused');
        } else setStatus('offline');
      } finally {
        inFlight.current = undefined;
      }
    })();
    inFlight.current = run;
    await run;
    if (again.current && dirty.current) {
      again.current = false;
      await save();
    }
  }, [orderId, queryClient]);

  // Autosave: a draft update a moment after the clerk stops typing; the typing is kept in the browser meanwhile.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      if (!restored) return;
    } else dirty.current = true;
    writeBackup(orderId, { version: version.current, values, savedAt: new Date().toISOString() });
    if (conflict) return;
    setStatus((s) => (s === 'offline' ? s : 'unsaved'));
    addKey.current = undefined;
    const t = setTimeout(() => void save(), 700);
    return () => clearTimeout(t);
  }, [values, orderId, save, conflict, restored]);

  // The clerk starts typing at once: the first field that is still empty has the focus.
  useEffect(() => {
    const fields = [...document.querySelectorAll<HTMLInputElement | HTMLSelectElement>('.ccpor-entry__form [data-field]')];
    (fields.find((f) => f.type !== 'checkbox' && f.value === '') ?? fields[0])?.focus();
  }, []);

  // Back online: send what was typed meanwhile.
  useEffect(() => {
    const on = () => {
      if (dirty.current) void save();
    };
    window.addEventListener('online', on);
    return () => window.removeEventListener('online', on);
  }, [save]);

  useBlocker({ shouldBlockFn: () => dirty.current && !window.confirm('This draft has changes not yet saved. Leave anyway? (They stay in this browser until you come back.)'), enableBeforeUnload: () => dirty.current });

  const mustConfirm = (warnings.warnings?.length ?? 0) > 0 || (warnings.withheldOrders ?? 0) > 0;
  const add = async () => {
    if (addingRef.current) return;
    if (mustConfirm && !seen) {
      setAddError('Confirm that you have seen the other orders about these people first.');
      document.getElementById('conflicts-seen')?.focus();
      return;
    }
    addingRef.current = true;
    setAdding(true);
    setAddError(undefined);
    try {
      if (inFlight.current) await inFlight.current;
      addKey.current ??= newIdempotencyKey();
      await sendChange('POST', `/orders/${orderId}/add`, { body: { details: toDetails(valuesRef.current).details }, ifMatch: version.current, idempotencyKey: addKey.current });
      dirty.current = false;
      dropBackup(orderId);
      await queryClient.invalidateQueries({ queryKey: ['order', orderId] });
      await navigate({ to: '/orders/$orderId', params: { orderId }, search: { added: true } });
    } catch (e) {
      // Refused: nothing was added, and the corrected add is a new one. A lost answer keeps its key.
      if (e instanceof ApiProblem) addKey.current = undefined;
      setServerErrors(fieldProblems(e));
      setAddError(problemWords(e));
      addingRef.current = false;
      setAdding(false);
    }
  };

  const nextMissing = () => {
    const field = Object.keys(errors)[0] ?? rules.missingForDoj[0]?.field;
    if (field) focusField(field);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const k = e.key.toLowerCase();
      const code = e.code;
      if (k === 's' || code === 'KeyS') {
        e.preventDefault();
        void save();
      } else if (k === 'a' || code === 'KeyA') {
        e.preventDefault();
        void add();
      } else if (k === 'n' || code === 'KeyN') {
        e.preventDefault();
        nextMissing();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const [reviewing, setReviewing] = useState(false);
  const confirmRead = async (readingId: string, pending: readonly string[]) => {
    setReviewing(true);
    try {
      // The typing on the page is what the clerk confirms: saved first, then sent as the values entered.
      await save();
      if (inFlight.current) await inFlight.current;
      const r = await sendChange<{ order: OrderRead }>('POST', `/orders/${orderId}/form-reading/review`, {
        body: { readingId, correct: pending, details: lastSaved.current },
        ifMatch: version.current,
        idempotencyKey: newIdempotencyKey(),
      });
      version.current = Number(r.etag ?? r.body.order.version);
      await queryClient.invalidateQueries({ queryKey: ['form-reading', orderId] });
      setNotice('The fields read from the form are confirmed as you checked them.');
    } catch (e) {
      setServerErrors(fieldProblems(e));
      setNotice(`The fields could not be confirmed: ${problemWords(e)}`);
    } finally {
      setReviewing(false);
    }
  };

  const readForm = async () => {
    try {
      if (inFlight.current) await inFlight.current;
      await sendChange('POST', `/orders/${orderId}/form-reading`, { ifMatch: version.current, idempotencyKey: newIdempotencyKey() });
      const fresh = await queryClient.fetchQuery({ ...orderQuery(orderId), staleTime: 0 });
      version.current = fresh.version;
      if (fresh.order.status === 'draft') {
        lastSaved.current = fresh.order.details;
        first.current = true;
        setValues(fromDetails(fresh.order.details));
      }
      await queryClient.invalidateQueries({ queryKey: ['form-reading', orderId] });
      setNotice('Fields were pre-filled from the form. Check each one against the image before adding the order.');
    } catch (e) {
      setNotice(`The form could not be read: ${problemWords(e)}`);
    }
  };

  const onUploaded = async () => {
    const fresh = await queryClient.fetchQuery({ ...orderQuery(orderId), staleTime: 0 });
    version.current = fresh.version;
    if (fresh.order.status === 'draft') lastSaved.current = fresh.order.details;
  };

  const images = draft.images;
  const data = (
    <div className="ccpor-order-data ccpor-entry">
      <div className="ccpor-entry__bar">
        <p className={`ccpor-save-status ccpor-save-status--${status}`} role="status" data-testid="save-status">
          {STATUS_WORDS[status]}
        </p>
        <p className="ccpor-keys">
          Keys: <kbd>Alt</kbd>+<kbd>S</kbd> save · <kbd>Alt</kbd>+<kbd>N</kbd> next missing field · <kbd>Alt</kbd>+<kbd>A</kbd> add the order
        </p>
      </div>
      {notice && (
        <div className="usa-alert usa-alert--info usa-alert--slim">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{notice}</p>
          </div>
        </div>
      )}
      {conflict && (
        <div className="usa-alert usa-alert--error" role="alert">
          <div className="usa-alert__body">
            <h2 className="usa-alert__heading">Someone else changed this draft</h2>
            <p className="usa-alert__text">
              They changed: {changedKeys(lastSaved.current, conflict.theirs).join(', ') || 'nothing you can see'}. Your typing is kept. Put your values on top of theirs, or take theirs.
            </p>
            <button
              type="button"
              className="usa-button"
              onClick={() => {
                version.current = conflict.version;
                lastSaved.current = conflict.theirs;
                setConflict(undefined);
                dirty.current = true;
                void save();
              }}
            >
              Keep my values on top
            </button>
            <button
              type="button"
              className="usa-button usa-button--outline"
              onClick={() => {
                version.current = conflict.version;
                lastSaved.current = conflict.theirs;
                setConflict(undefined);
                first.current = true;
                dirty.current = false;
                dropBackup(orderId);
                setValues(fromDetails(conflict.theirs));
                setStatus('saved');
              }}
            >
              Take their version
            </button>
          </div>
        </div>
      )}
      <RulesPanel rules={rules} />
      <form
        className="usa-form ccpor-entry__form"
        aria-label="Order data"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <EntryForm values={values} set={setValues} errors={errors} courts={courts} />
        <ConflictWarnings w={warnings} seen={seen} onSeen={setSeen} self={orderId} />
        {addError && (
          <div className="usa-alert usa-alert--error usa-alert--slim" role="alert">
            <div className="usa-alert__body">
              <p className="usa-alert__text" data-testid="add-error">
                {addError}
              </p>
            </div>
          </div>
        )}
        <ReadFieldsReview orderId={orderId} busy={reviewing} onConfirm={(id, pending) => void confirmRead(id, pending)} />
        <div className="ccpor-entry__actions">
          <button type="submit" className="usa-button" disabled={adding} aria-disabled={adding}>
            {adding ? 'Adding…' : 'Add the order'}
          </button>
          <button type="button" className="usa-button usa-button--outline" onClick={() => void save()}>
            Save the draft now
          </button>
          {images.length > 0 && (
            <button type="button" className="usa-button usa-button--outline" onClick={() => void readForm()}>
              Read the form
            </button>
          )}
        </div>
      </form>
    </div>
  );
  return (
    <div className="ccpor-order-page">
      <div className="ccpor-order-head">
        <div>
          <p className="ccpor-order-head__back">
            <Link to="/orders/new">‹ New orders and drafts</Link>
          </p>
          <h1 tabIndex={-1}>
            Enter {values.form || 'an order'} <span className="ccpor-order-head__title">{values.form ? formTitle(values.form) : 'draft'}</span>
          </h1>
        </div>
      </div>
      <OrderSplit
        data={data}
        image={
          <ImagePane
            orderId={orderId}
            images={images}
            index={image}
            onSelect={(i) => void navigate({ to: '/orders/$orderId/entry', params: { orderId }, search: { image: i }, replace: true })}
            empty={<p>No scan is attached yet. Attach it when you have it; the data can be entered first.</p>}
            actions={<UploadButton orderId={orderId} version={() => version.current} onUploaded={onUploaded} label={images.length > 0 ? 'Attach another scan' : 'Attach the scan'} />}
          />
        }
      />
    </div>
  );
};

const changedKeys = (mine: DraftDetails, theirs: DraftDetails): string[] =>
  [...new Set([...Object.keys(mine), ...Object.keys(theirs)])].filter((k) => JSON.stringify(mine[k as keyof DraftDetails]) !== JSON.stringify(theirs[k as keyof DraftDetails]));
