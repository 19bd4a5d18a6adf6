import { useQuery } from '@tanstack/react-query';
import { fromCaliforniaLocal } from '@ccpor/domain';
import type { ReactNode } from 'react';
import type { OrderRead } from '../api/types';
import { sessionQuery } from '../session/session-queries';
import { parseTypedDate, parseTypedTime } from '../view-logic/typed-entry';
import { availability, type ChangeKind } from './change-availability';
import type { useChange } from './use-change';

/** A date typed mmddyyyy and a time hhmm (noon when left empty), California time, as an instant. */
export const instant = (date: string, time: string): string | undefined => {
  const d = parseTypedDate(date);
  const t = time.trim() === '' ? { ok: true as const, value: '12:00' } : parseTypedTime(time);
  return d.ok && t.ok ? fromCaliforniaLocal(d.value, `${t.value}:00`) : undefined;
};

/** Shared frame of one change: its heading, why it is not offered, what the registry answered, the other user's change. */
export const Change = ({ id, title, kind, read, children, c }: { id: string; title: string; kind: ChangeKind; read: OrderRead; children: ReactNode; c: ReturnType<typeof useChange> }) => {
  const me = useQuery(sessionQuery).data;
  const a = me ? availability(me, read, kind) : { offered: false as const, why: 'Loading…' };
  return (
    <section aria-labelledby={`${id}-heading`} data-testid={`change-${kind}`}>
      <h3 id={`${id}-heading`}>{title}</h3>
      {!a.offered ? (
        <p className="ccpor-not-offered" data-testid={`not-offered-${kind}`}>
          Not offered: {a.why}
        </p>
      ) : (
        <>
          {c.done && (
            <div className="usa-alert usa-alert--success usa-alert--slim" role="status">
              <div className="usa-alert__body">
                <p className="usa-alert__text">{c.done}</p>
              </div>
            </div>
          )}
          {c.error && (
            <div className="usa-alert usa-alert--error usa-alert--slim" role="alert">
              <div className="usa-alert__body">
                <p className="usa-alert__text" data-testid={`${kind}-error`}>
                  {c.error}
                </p>
                {c.others && (
                  <>
                    <p className="usa-alert__text">What they changed:</p>
                    <ul data-testid={`${kind}-others`}>
                      {c.others.lines.map((l, i) => (
                        <li key={i}>{l}</li>
                      ))}
                    </ul>
                    <p className="usa-alert__text">The order now shows their change (Order details, History). Your values here are kept: send them again to put your change on top of theirs.</p>
                  </>
                )}
              </div>
            </div>
          )}
          {children}
        </>
      )}
    </section>
  );
};

export const Submit = ({ busy, label, again }: { busy: boolean; label: string; again: boolean }) => (
  <button type="submit" className="usa-button" disabled={busy} aria-disabled={busy}>
    {busy ? 'Sending…' : again ? `${label} on top of their change` : label}
  </button>
);
