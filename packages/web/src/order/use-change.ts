import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { api, newIdempotencyKey, sendChange } from '../api/client';
import { ApiProblem, fieldProblems, problemWords, unwrap } from '../api/problem';
import { formatDateTime } from '../view-logic/format';
import { eventWords } from '../view-logic/history-diff';

/** Another user's changes between the version the clerk's page read and now. */
export interface OtherChanges {
  readonly version: number;
  readonly lines: readonly string[];
}

/**
 * One intended change to an order (ADR 0055): sent with If-Match (the version the page showed)
 * and one Idempotency-Key for as long as it is the same change (a double click, a retry after a
 * lost connection); `?wait=true` so the page read after it shows it. On 412/409 the clerk sees
 * what the other user changed and may re-apply the change on top of it.
 */
export const useChange = (orderId: string, baseVersion: number) => {
  const queryClient = useQueryClient();
  const key = useRef<string | undefined>(undefined);
  const sending = useRef(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | undefined>();
  const [others, setOthers] = useState<OtherChanges | undefined>();
  const [done, setDone] = useState<string | undefined>();

  const send = async <T,>(method: 'POST' | 'PUT' | 'DELETE', path: string, body: unknown, success: string, onDone?: (answer: T) => void | Promise<void>, form?: FormData, version?: number): Promise<void> => {
    if (sending.current) return;
    sending.current = true;
    setBusy(true);
    setError(undefined);
    setErrors({});
    key.current ??= newIdempotencyKey();
    try {
      const r = await sendChange<T>(method, path, { ...(form ? { form } : { body }), ifMatch: version ?? others?.version ?? baseVersion, idempotencyKey: key.current });
      key.current = undefined;
      setOthers(undefined);
      setDone(success);
      await queryClient.invalidateQueries({ queryKey: ['order', orderId] });
      await onDone?.(r.body);
    } catch (e) {
      if (e instanceof ApiProblem && (e.status === 412 || e.status === 409) && e.code !== 'IDEMPOTENCY_KEY_REUSED') {
        const history = unwrap(await api.GET('/api/v1/orders/{orderId}/history', { params: { path: { orderId } } })) as unknown as { version: number; events: { version: number; type: string; recordedAt: string; actor: { userId: string } }[] };
        const since = history.events.filter((ev) => ev.version > (others?.version ?? baseVersion));
        setOthers({ version: history.version, lines: since.map((ev) => `${eventWords(ev.type)} by ${ev.actor.userId}, ${formatDateTime(ev.recordedAt)}`) });
        // A re-applied change is a new intended change, on top of theirs; the page shows theirs now.
        key.current = undefined;
        await queryClient.invalidateQueries({ queryKey: ['order', orderId] });
        setError(e.status === 412 ? 'Someone else changed this order after you opened it.' : problemWords(e));
      } else {
        // A refusal changed nothing: the corrected change is a new one. Only a lost answer (the
        // network) keeps the key, so the retry cannot enter the change twice.
        if (e instanceof ApiProblem) key.current = undefined;
        setErrors(fieldProblems(e));
        setError(problemWords(e));
      }
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };

  return { send, busy, errors, error, others, done, reset: () => setDone(undefined) };
};
