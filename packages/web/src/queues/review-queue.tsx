import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type KeyboardEvent } from 'react';
import { api } from '../api/client';
import { problemWords, unwrap } from '../api/problem';
import type { ReviewEntry } from '../api/types';
import { OrderLink } from './order-link';

type Outcome = 'accurate' | 'needs-correction';

/** One DOJ answer to review: an order may have several. */
interface Answer {
  readonly key: string;
  readonly orderId: string;
  readonly messageId: string;
  readonly fcn: string | null;
}

const answersOf = (rows: readonly ReviewEntry[]): Answer[] => rows.flatMap((r) => r.messageIds.map((messageId) => ({ key: `${r.orderId}/${messageId}`, orderId: r.orderId, messageId, fcn: r.fcn })));

/**
 * The review queue, worked by keyboard: arrow keys move between answers, A confirms the focused
 * one (or every selected one) as accurate, C marks it as needing correction, Space selects it.
 * Each confirmation is the domain's ReviewDojResponse, sent and audited one by one.
 */
export const ReviewQueue = ({ rows }: { rows: readonly ReviewEntry[] }) => {
  const answers = answersOf(rows);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [said, setSaid] = useState<string>('');
  const body = useRef<HTMLTableSectionElement>(null);
  const queryClient = useQueryClient();

  const review = useMutation({
    mutationFn: async ({ items, outcome }: { items: readonly Answer[]; outcome: Outcome }) => {
      for (const a of items) {
        unwrap(await api.POST('/api/v1/orders/{orderId}/doj-reviews', { params: { path: { orderId: a.orderId } }, body: { messageId: a.messageId, outcome } }));
      }
      return items.length;
    },
    onSuccess: async (n, { outcome }) => {
      setSelected(new Set());
      setSaid(`${n} ${n === 1 ? 'answer' : 'answers'} confirmed as ${outcome === 'accurate' ? 'accurate' : 'needing correction'}.`);
      await queryClient.invalidateQueries({ queryKey: ['doj-queue'] });
    },
  });

  const focusRow = (i: number) => body.current?.querySelectorAll<HTMLTableRowElement>('tr')[i]?.focus();
  const toggle = (key: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  const targets = (focused: Answer): Answer[] => (selected.size > 0 ? answers.filter((a) => selected.has(a.key)) : [focused]);

  const onKey = (e: KeyboardEvent<HTMLTableRowElement>, i: number, a: Answer) => {
    if (e.target !== e.currentTarget) return;
    const key = e.key.toLowerCase();
    if (e.key === 'ArrowDown') focusRow(Math.min(i + 1, answers.length - 1));
    else if (e.key === 'ArrowUp') focusRow(Math.max(i - 1, 0));
    else if (e.key === 'Home') focusRow(0);
    else if (e.key === 'End') focusRow(answers.length - 1);
    else if (e.key === ' ') toggle(a.key);
    else if (key === 'a' && !review.isPending) review.mutate({ items: targets(a), outcome: 'accurate' });
    else if (key === 'c' && !review.isPending) review.mutate({ items: targets(a), outcome: 'needs-correction' });
    else return;
    e.preventDefault();
  };

  const chosen = answers.filter((a) => selected.has(a.key));
  return (
    <>
      <div className="ccpor-review-actions">
        <button type="button" className="usa-button" disabled={chosen.length === 0 || review.isPending} onClick={() => review.mutate({ items: chosen, outcome: 'accurate' })}>
          Confirm {chosen.length > 0 ? chosen.length : ''} selected as accurate
        </button>
        <button type="button" className="usa-button usa-button--outline" disabled={chosen.length === 0 || review.isPending} onClick={() => review.mutate({ items: chosen, outcome: 'needs-correction' })}>
          Mark selected as needing correction
        </button>
        <p role="status" aria-live="polite" className="ccpor-review-said">
          {review.isError ? <span className="ccpor-error">{problemWords(review.error)}</span> : said}
        </p>
      </div>
      <table className="usa-table usa-table--compact ccpor-queue ccpor-review">
        <caption className="usa-sr-only">DOJ answers to review. Keys: A accurate, C needs correction, Space select, arrows move.</caption>
        <thead>
          <tr>
            <th scope="col">Select</th>
            <th scope="col">Order</th>
            <th scope="col">DOJ answer</th>
            <th scope="col">FCN</th>
            <th scope="col">Review</th>
          </tr>
        </thead>
        <tbody ref={body}>
          {answers.map((a, i) => (
            <tr key={a.key} tabIndex={0} data-testid="review-row" onKeyDown={(e) => onKey(e, i, a)} className={selected.has(a.key) ? 'is-selected' : undefined}>
              <td>
                <input type="checkbox" id={`sel-${a.key}`} className="ccpor-checkbox" checked={selected.has(a.key)} onChange={() => toggle(a.key)} aria-label={`Select the answer ${a.messageId} for order ${a.orderId.slice(0, 8)}`} />
              </td>
              <td>
                <OrderLink orderId={a.orderId} />
              </td>
              <td>Message {a.messageId}</td>
              <td>{a.fcn ?? '—'}</td>
              <td>
                <button type="button" className="usa-button usa-button--unstyled" disabled={review.isPending} onClick={() => review.mutate({ items: [a], outcome: 'accurate' })}>
                  Accurate<span className="usa-sr-only"> (message {a.messageId})</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
};
