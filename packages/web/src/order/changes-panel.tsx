import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { californiaLocalDate, toCaliforniaLocal, type CancelReason, FORM_NUMBERS, formInfo, type IssuedOrder, type ServiceMethod } from '@ccpor/domain';
import { useState } from 'react';
import type { OrderRead } from '../api/types';
import { CheckField, errorFor, SelectField, TextArea, TextField } from '../entry/fields';
import { sessionQuery } from '../session/session-queries';
import { formatDate } from '../view-logic/format';
import { parseTypedDate, typedDate } from '../view-logic/typed-entry';
import { afterHearingForm, offeredServiceMethods, windowOf } from './change-availability';
import { imageLabel } from './order-details';
import { useChange } from './use-change';
import { Change, instant, Submit } from './change-frame';
import { CourtFilingForm, FirearmReceiptForm } from './firearm-changes';

const METHOD_WORDS: Record<ServiceMethod, string> = {
  personal: 'Personal service (an adult not a party)',
  'by-officer': 'By a law-enforcement officer',
  'officer-verbal-notice': 'Officer’s verbal notice of the terms',
  'present-in-court': 'Present in court when the order was made',
  mail: 'First-class mail (where the order allows it)',
  'court-ordered-alternative': 'Another method the court ordered',
};
const REASON_WORDS: Record<CancelReason, string> = { 'terminated-by-court': 'Terminated by the court', 'entered-in-error': 'Entered in error', superseded: 'Superseded by another order', other: 'Other (say why)' };

const ModifyForm = ({ read, s }: { read: OrderRead; s: IssuedOrder }) => {
  const c = useChange(read.orderId, read.version);
  const d = s.details;
  const [terms, setTerms] = useState(d.terms ?? '');
  const [exp, setExp] = useState(d.expiration?.kind === 'date' ? typedDate(d.expiration.date) : '');
  const [hearing, setHearing] = useState(d.hearing ? typedDate(californiaLocalDate(d.hearing.at)) : '');
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const temporary = formInfo(d.form).stage === 'temporary';
  const e = (p: string) => local[p] ?? errorFor(c.errors, p) ?? errorFor(c.errors, `changes.${p}`);
  return (
    <Change id="modify" title="Modify the order" kind="modify" read={read} c={c}>
      <form
        className="usa-form"
        onSubmit={(ev) => {
          ev.preventDefault();
          const changes: Record<string, unknown> = {};
          const bad: Record<string, string> = {};
          if (terms !== (d.terms ?? '')) changes.terms = terms;
          if (exp.trim() !== '' && exp !== (d.expiration?.kind === 'date' ? typedDate(d.expiration.date) : '')) {
            const p = parseTypedDate(exp);
            if (p.ok) changes.expiration = { kind: 'date', date: p.value };
            else bad.expiration = p.reason;
          }
          if (temporary && hearing !== (d.hearing ? typedDate(californiaLocalDate(d.hearing.at)) : '')) {
            const at = instant(hearing, d.hearing ? toCaliforniaLocal(d.hearing.at).time.slice(0, 5).replace(':', '') : '0830');
            if (at) changes.hearing = { ...(d.hearing ?? {}), at };
            else bad['hearing.at'] = 'Type the date as mmddyyyy.';
          }
          if (Object.keys(changes).length === 0 && Object.keys(bad).length === 0) bad.terms = 'Nothing is changed yet.';
          setLocal(bad);
          if (Object.keys(bad).length === 0) void c.send('POST', `/orders/${read.orderId}/modifications`, { changes, ...(reason.trim() ? { reason: reason.trim() } : {}) }, 'The order was modified. It is queued for DOJ.');
        }}
      >
        <TextArea path="changes.terms" label="The judge’s terms and notes" value={terms} onChange={setTerms} error={e('terms')} />
        {temporary ? (
          <TextField path="changes.hearing.at" label="Hearing date (continued to)" hint="mmddyyyy" inputMode="numeric" value={hearing} onChange={setHearing} error={e('hearing.at') ?? e('hearing')} className="ccpor-w-sm" />
        ) : (
          <TextField path="changes.expiration" label="New expiration date" hint="mmddyyyy" inputMode="numeric" value={exp} onChange={setExp} error={e('expiration')} className="ccpor-w-sm" />
        )}
        <TextField path="modify.reason" label="Reason for the change" value={reason} onChange={setReason} error={e('reason')} className="ccpor-w-lg" />
        <Submit busy={c.busy} label="Modify" again={c.others !== undefined} />
      </form>
    </Change>
  );
};

const RenewForm = ({ read, s }: { read: OrderRead; s: IssuedOrder }) => {
  const c = useChange(read.orderId, read.version);
  const [filed, setFiled] = useState('');
  const [exp, setExp] = useState('');
  const [permanent, setPermanent] = useState(false);
  const [local, setLocal] = useState<Record<string, string>>({});
  const w = windowOf(s.details, s.expiresAt);
  const filedOn = parseTypedDate(filed);
  const inside = w && filedOn.ok ? (w.opens === undefined || filedOn.value >= w.opens) && filedOn.value <= w.closes : undefined;
  const e = (p: string) => local[p] ?? errorFor(c.errors, p);
  return (
    <Change id="renew" title="Renew the order" kind="renew" read={read} c={c}>
      {w && (
        <p data-testid="renewal-window">
          The request to renew must be filed {w.opens ? `between ${formatDate(w.opens)} and ${formatDate(w.closes)}` : `by ${formatDate(w.closes)}`} (the order’s renewal window).
          {inside === false && <strong> The date typed is outside the window.</strong>}
          {inside === true && ' The date typed is inside the window.'}
        </p>
      )}
      <form
        className="usa-form"
        onSubmit={(ev) => {
          ev.preventDefault();
          const bad: Record<string, string> = {};
          if (!filedOn.ok) bad.requestFiledOn = filedOn.reason;
          const expP = parseTypedDate(exp);
          if (!permanent && !expP.ok) bad.expiration = expP.reason;
          setLocal(bad);
          if (Object.keys(bad).length === 0 && filedOn.ok)
            void c.send('POST', `/orders/${read.orderId}/renewals`, { requestFiledOn: filedOn.value, expiration: permanent ? { kind: 'non-expiring' } : { kind: 'date', date: expP.ok ? expP.value : '' } }, 'The order was renewed. It is queued for DOJ.');
        }}
      >
        <TextField path="requestFiledOn" label="Request to renew filed on" hint="mmddyyyy" inputMode="numeric" value={filed} onChange={setFiled} error={e('requestFiledOn')} className="ccpor-w-sm" />
        <CheckField path="renew.permanent" label="Renewed permanently (no end date)" checked={permanent} onChange={setPermanent} />
        {!permanent && <TextField path="expiration" label="New expiration date" hint="mmddyyyy" inputMode="numeric" value={exp} onChange={setExp} error={e('expiration')} className="ccpor-w-sm" />}
        <Submit busy={c.busy} label="Renew" again={c.others !== undefined} />
      </form>
    </Change>
  );
};

const ServiceForm = ({ read, s }: { read: OrderRead; s: IssuedOrder }) => {
  const c = useChange(read.orderId, read.version);
  const me = useQuery(sessionQuery).data;
  const methods = offeredServiceMethods(s.details);
  const [date, setDate] = useState('');
  const [time, setTime] = useState('');
  const [method, setMethod] = useState<string>(methods[0]?.method ?? '');
  const [by, setBy] = useState('');
  const [badge, setBadge] = useState('');
  const [agency, setAgency] = useState(me?.agencyOri ?? '');
  const [local, setLocal] = useState<Record<string, string>>({});
  const e = (p: string) => local[p] ?? errorFor(c.errors, p) ?? errorFor(c.errors, `service.${p}`);
  return (
    <Change id="service" title="Record service (proof of service)" kind="service" read={read} c={c}>
      <form
        className="usa-form"
        onSubmit={(ev) => {
          ev.preventDefault();
          const at = instant(date, time);
          const bad: Record<string, string> = {};
          if (!at) bad.servedAt = 'Type the date as mmddyyyy and the time as hhmm.';
          if (by.trim() === '') bad['servedBy'] = 'Enter who served the order.';
          setLocal(bad);
          if (at && Object.keys(bad).length === 0)
            void c.send(
              'POST',
              `/orders/${read.orderId}/services`,
              { service: { serviceId: crypto.randomUUID(), servedAt: at, method, servedBy: { name: by.trim(), ...(badge.trim() ? { badgeNumber: badge.trim() } : {}) }, servingAgencyOri: agency.trim().toUpperCase() } },
              'Service was recorded.',
            );
        }}
      >
        <div className="ccpor-row">
          <TextField path="service.servedAt" label="Served on" hint="mmddyyyy" inputMode="numeric" value={date} onChange={setDate} error={e('servedAt')} className="ccpor-w-sm" />
          <TextField path="service.servedAt.time" label="At" hint="hhmm, 24-hour" inputMode="numeric" value={time} onChange={setTime} className="ccpor-w-xs" />
        </div>
        <SelectField path="service.method" label="How it was served" hint="Only the methods the law allows for this order" value={method} onChange={setMethod} error={e('method')} options={methods.map((m) => ({ value: m.method, label: METHOD_WORDS[m.method] }))} className="ccpor-w-lg" />
        <div className="ccpor-row">
          <TextField path="service.servedBy" label="Served by" value={by} onChange={setBy} error={e('servedBy')} className="ccpor-w-md" />
          <TextField path="service.servedBy.badgeNumber" label="Badge number" value={badge} onChange={setBadge} className="ccpor-w-sm" />
          <TextField path="service.servingAgencyOri" label="Serving agency ORI" value={agency} onChange={setAgency} error={e('servingAgencyOri')} className="ccpor-w-sm" />
        </div>
        <Submit busy={c.busy} label="Record service" again={c.others !== undefined} />
      </form>
    </Change>
  );
};

const CancelForm = ({ read }: { read: OrderRead }) => {
  const c = useChange(read.orderId, read.version);
  const [reason, setReason] = useState<string>('terminated-by-court');
  const [note, setNote] = useState('');
  const [by, setBy] = useState('');
  const e = (p: string) => errorFor(c.errors, p);
  return (
    <Change id="cancel" title="Cancel the order" kind="cancel" read={read} c={c}>
      <form
        className="usa-form"
        onSubmit={(ev) => {
          ev.preventDefault();
          void c.send('POST', `/orders/${read.orderId}/cancellation`, { reason, ...(note.trim() ? { note: note.trim() } : {}), ...(by.trim() ? { supersededBy: by.trim() } : {}) }, 'The order was canceled. The cancellation is queued for DOJ.');
        }}
      >
        <SelectField path="reason" label="Reason" value={reason} onChange={setReason} error={e('reason')} options={(Object.keys(REASON_WORDS) as CancelReason[]).map((r) => ({ value: r, label: REASON_WORDS[r] }))} className="ccpor-w-md" />
        <TextField path="note" label="Note" value={note} onChange={setNote} error={e('note')} className="ccpor-w-lg" />
        {reason === 'superseded' && <TextField path="supersededBy" label="Superseding order (its id)" value={by} onChange={setBy} error={e('supersededBy')} className="ccpor-w-lg" />}
        <Submit busy={c.busy} label="Cancel the order" again={c.others !== undefined} />
      </form>
    </Change>
  );
};

const CloneForm = ({ read }: { read: OrderRead }) => {
  const c = useChange(read.orderId, read.version);
  const navigate = useNavigate();
  const from = read.order.status === 'issued' || read.order.status === 'draft' ? read.order.details.form : undefined;
  const [form, setForm] = useState<string>((from && afterHearingForm(from)) ?? from ?? '');
  return (
    <Change id="clone" title="Clone into a new draft" kind="clone" read={read} c={c}>
      <p>A new draft of your agency that keeps the parties and the terms, for example the order after hearing that follows a temporary order.</p>
      <form
        className="usa-form"
        onSubmit={(ev) => {
          ev.preventDefault();
          void c.send<{ orderId: string }>('POST', `/orders/${read.orderId}/clones`, form ? { form } : {}, 'A new draft was made.', async (r) => {
            await navigate({ to: '/orders/$orderId/entry', params: { orderId: r.orderId } });
          });
        }}
      >
        <SelectField path="clone.form" label="Form of the new order" value={form} onChange={setForm} options={FORM_NUMBERS.map((f) => ({ value: f, label: `${f} — ${formInfo(f).title}` }))} className="ccpor-w-lg" />
        <Submit busy={c.busy} label="Clone" again={false} />
      </form>
    </Change>
  );
};

const ImagesForm = ({ read }: { read: OrderRead }) => {
  const c = useChange(read.orderId, read.version);
  const images = read.order.status === 'issued' || read.order.status === 'draft' ? read.order.images : [];
  const [kind, setKind] = useState<'order' | 'proof-of-service' | 'other'>('order');
  const [removeReason, setRemoveReason] = useState('');
  const [chosen, setTarget] = useState(images[0]?.sha256 ?? '');
  // The images change under the form (attached, replaced, removed): fall back to the first one.
  const target = images.some((i) => i.sha256 === chosen) ? chosen : (images[0]?.sha256 ?? '');
  const upload = (input: HTMLInputElement, replaces?: string) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const form = new FormData();
    form.append('file', file, file.name);
    void c.send('POST', `/orders/${read.orderId}/images/upload?kind=${kind}${replaces ? `&replaces=${replaces}` : ''}`, undefined, replaces ? 'The image was replaced.' : 'The image was attached.', undefined, form);
  };
  return (
    <Change id="images" title="Images" kind="images" read={read} c={c}>
      <SelectField path="image.kind" label="Kind of image to attach" value={kind} onChange={(v) => setKind(v as typeof kind)} options={[{ value: 'order', label: 'The signed order' }, { value: 'proof-of-service', label: 'Proof of service' }, { value: 'other', label: 'Other' }]} className="ccpor-w-md" />
      <div className="ccpor-row">
        <label className="usa-button usa-button--outline ccpor-small-button" htmlFor="attach-image">
          Attach an image
        </label>
        <input id="attach-image" type="file" className="ccpor-visually-hidden-file" accept="application/pdf,image/tiff,.pdf,.tif,.tiff" onChange={(e) => upload(e.target)} />
      </div>
      {images.length > 0 && (
        <>
          <SelectField path="image.target" label="Image to replace or remove" value={target} onChange={setTarget} options={images.map((img, i) => ({ value: img.sha256, label: imageLabel(img, i) }))} className="ccpor-w-lg" />
          <div className="ccpor-row">
            <label className="usa-button usa-button--outline ccpor-small-button" htmlFor="replace-image">
              Replace it
            </label>
            <input id="replace-image" type="file" className="ccpor-visually-hidden-file" accept="application/pdf,image/tiff,.pdf,.tif,.tiff" onChange={(e) => upload(e.target, target)} />
          </div>
          <form
            className="usa-form"
            onSubmit={(ev) => {
              ev.preventDefault();
              void c.send('DELETE', `/orders/${read.orderId}/images/${target}`, { reason: removeReason.trim() || 'Removed by the clerk' }, 'The image was removed.');
            }}
          >
            <TextField path="image.reason" label="Why remove it" value={removeReason} onChange={setRemoveReason} error={errorFor(c.errors, 'reason')} className="ccpor-w-lg" />
            <button type="submit" className="usa-button usa-button--secondary" disabled={c.busy}>
              Remove it
            </button>
          </form>
        </>
      )}
    </Change>
  );
};

/** Every change to the order, each offered only to whom the policy allows (issue 15, item 6). */
export const ChangesPanel = ({ read }: { read: OrderRead }) => {
  const s = read.order.status === 'issued' ? (read.order as IssuedOrder) : undefined;
  return (
    <div className="ccpor-changes">
      <h2 className="usa-sr-only">Changes to the order</h2>
      {s && <ModifyForm read={read} s={s} />}
      {s && <RenewForm read={read} s={s} />}
      {s && <ServiceForm read={read} s={s} />}
      {s && <FirearmReceiptForm read={read} s={s} />}
      {s && <CourtFilingForm read={read} />}
      {s && <CancelForm read={read} />}
      <CloneForm read={read} />
      <ImagesForm read={read} />
    </div>
  );
};

