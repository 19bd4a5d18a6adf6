import type { IssuedOrder } from '@ccpor/domain';
import { useState } from 'react';
import type { OrderRead } from '../api/types';
import { CheckField, errorFor, SelectField, TextArea, TextField } from '../entry/fields';
import { Change, instant, Submit } from './change-frame';
import { useChange } from './use-change';

const FILER_WORDS = {
  'restrained-person': 'The restrained person',
  attorney: 'Their attorney',
  'law-enforcement': 'A law-enforcement agency',
  'licensed-dealer': 'A licensed firearms dealer',
  other: 'Someone else',
} as const;
const DISPOSITION_WORDS = {
  'surrendered-to-law-enforcement': 'Surrendered to law enforcement',
  'sold-to-licensed-dealer': 'Sold to a licensed dealer',
  'stored-with-licensed-dealer': 'Stored with a licensed dealer',
  'transferred-to-licensed-dealer': 'Transferred to a licensed dealer',
} as const;

/**
 * The relinquishment receipt (the DV-800 / GV-800 family of forms) as filed: it meets the order's
 * firearm deadlines (Fam. Code 6389(c)(2); docs/law/firearms.md). One line per firearm or lot of
 * ammunition, or a statement that the restrained person owns none.
 */
export const FirearmReceiptForm = ({ read, s }: { read: OrderRead; s: IssuedOrder }) => {
  const c = useChange(read.orderId, read.version);
  const [date, setDate] = useState('');
  const [time, setTime] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<keyof typeof FILER_WORDS>('restrained-person');
  const [withCourt, setWithCourt] = useState(true);
  const [withAgency, setWithAgency] = useState(false);
  const [noneOwned, setNoneOwned] = useState(false);
  const [items, setItems] = useState('');
  const [disposition, setDisposition] = useState<keyof typeof DISPOSITION_WORDS>('surrendered-to-law-enforcement');
  const [local, setLocal] = useState<Record<string, string>>({});
  const e = (p: string) => local[p] ?? errorFor(c.errors, `receipt.${p}`) ?? (p === 'receipt' ? errorFor(c.errors, 'receipt') : undefined);
  const lines = items.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return (
    <Change id="firearm-receipt" title="Record a firearm relinquishment receipt" kind="firearm-receipt" read={read} c={c}>
      {s.firearmReceipts.length > 0 && <p data-testid="receipts-recorded">{s.firearmReceipts.length === 1 ? 'One receipt is recorded.' : `${s.firearmReceipts.length} receipts are recorded.`}</p>}
      <form
        className="usa-form"
        onSubmit={(ev) => {
          ev.preventDefault();
          const at = instant(date, time);
          const bad: Record<string, string> = {};
          if (!at) bad.filedAt = 'Type the date as mmddyyyy and the time as hhmm.';
          if (name.trim() === '') bad['filedBy.name'] = 'Enter who filed the receipt.';
          if (!withCourt && !withAgency) bad.filedWith = 'Tick where the receipt was filed: the court, the law-enforcement agency or both.';
          if (!noneOwned && lines.length === 0) bad.outcome = 'List each firearm or lot of ammunition on its own line, or tick “owns none”.';
          setLocal(bad);
          if (at && Object.keys(bad).length === 0)
            void c.send(
              'POST',
              `/orders/${read.orderId}/firearm-receipts`,
              {
                receipt: {
                  receiptId: crypto.randomUUID(),
                  filedAt: at,
                  filedBy: { name: name.trim(), role },
                  filedWith: [...(withCourt ? ['court'] : []), ...(withAgency ? ['law-enforcement'] : [])],
                  outcome: noneOwned ? { kind: 'none-owned' } : { kind: 'relinquished', items: lines.map((description) => ({ description, disposition })) },
                },
              },
              'The receipt was recorded; the order’s firearm deadlines are met.',
            );
        }}
      >
        <div className="ccpor-row">
          <TextField path="receipt.filedAt" label="Receipt filed on" hint="mmddyyyy" inputMode="numeric" value={date} onChange={setDate} error={e('filedAt')} className="ccpor-w-sm" />
          <TextField path="receipt.filedAt.time" label="Receipt filed at" hint="hhmm" inputMode="numeric" value={time} onChange={setTime} className="ccpor-w-xs" />
        </div>
        <div className="ccpor-row">
          <TextField path="receipt.filedBy.name" label="Filed by" value={name} onChange={setName} error={e('filedBy.name')} className="ccpor-w-md" />
          <SelectField path="receipt.filedBy.role" label="Who they are" value={role} onChange={(v) => setRole(v as keyof typeof FILER_WORDS)} options={Object.entries(FILER_WORDS).map(([value, label]) => ({ value, label }))} className="ccpor-w-md" />
        </div>
        <fieldset className="usa-fieldset ccpor-subsection">
          <legend>Filed with</legend>
          <CheckField path="receipt.filedWith.court" label="The court" checked={withCourt} onChange={setWithCourt} error={e('filedWith')} />
          <CheckField path="receipt.filedWith.law-enforcement" label="The law-enforcement agency" checked={withAgency} onChange={setWithAgency} />
        </fieldset>
        <CheckField path="receipt.outcome.none-owned" label="The restrained person owns or controls no firearm or ammunition" checked={noneOwned} onChange={setNoneOwned} />
        {!noneOwned && (
          <>
            <TextArea path="receipt.outcome.items" label="Firearms and ammunition relinquished (one per line)" value={items} onChange={setItems} error={e('outcome')} />
            <SelectField path="receipt.outcome.disposition" label="What became of them" value={disposition} onChange={(v) => setDisposition(v as keyof typeof DISPOSITION_WORDS)} options={Object.entries(DISPOSITION_WORDS).map(([value, label]) => ({ value, label }))} className="ccpor-w-lg" />
          </>
        )}
        {e('receipt') && <p className="usa-error-message">{e('receipt')}</p>}
        <Submit busy={c.busy} label="Record the receipt" again={c.others !== undefined} />
      </form>
    </Change>
  );
};

/** An emergency order made in the field is filed with the court afterwards (Pen. Code 18140(c); Fam. Code 6271). */
export const CourtFilingForm = ({ read }: { read: OrderRead }) => {
  const c = useChange(read.orderId, read.version);
  const [date, setDate] = useState('');
  const [time, setTime] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  return (
    <Change id="court-filing" title="Record the filing with the court" kind="court-filing" read={read} c={c}>
      <form
        className="usa-form"
        onSubmit={(ev) => {
          ev.preventDefault();
          const at = instant(date, time);
          setLocal(at ? {} : { filedAt: 'Type the date as mmddyyyy and the time as hhmm.' });
          if (at) void c.send('POST', `/orders/${read.orderId}/court-filing`, { filedAt: at }, 'The filing with the court was recorded.');
        }}
      >
        <div className="ccpor-row">
          <TextField path="filedAt" label="Filed with the court on" hint="mmddyyyy" inputMode="numeric" value={date} onChange={setDate} error={local.filedAt ?? errorFor(c.errors, 'filedAt')} className="ccpor-w-sm" />
          <TextField path="filedAt.time" label="Filed with the court at" hint="hhmm" inputMode="numeric" value={time} onChange={setTime} className="ccpor-w-xs" />
        </div>
        <Submit busy={c.busy} label="Record the filing" again={c.others !== undefined} />
      </form>
    </Change>
  );
};
