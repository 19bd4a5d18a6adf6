import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/problem';

/** The form reading of a draft as the registry answers it: which read fields still wait for the clerk. */
export interface ReadingAnswer {
  readonly reading: null | {
    readonly readingId: string;
    readonly pending: readonly string[];
    readonly fields: readonly { readonly field: string; readonly label?: string; readonly review: string }[];
  };
}

export const readingQuery = (orderId: string) => ({
  queryKey: ['form-reading', orderId],
  queryFn: async (): Promise<ReadingAnswer> => unwrap(await api.GET('/api/v1/orders/{orderId}/form-reading', { params: { path: { orderId } } })) as unknown as ReadingAnswer,
});

/**
 * Fields read from the form are the clerk's only once the clerk has checked them (ADR 0075): the
 * order cannot be added before. The clerk checks each against the image, corrects what the form
 * says otherwise in the form on the left, and confirms; the registry records which were confirmed
 * as read and which corrected.
 */
export const ReadFieldsReview = ({ orderId, onConfirm, busy }: { orderId: string; onConfirm: (readingId: string, pending: readonly string[]) => void; busy: boolean }) => {
  const answer = useQuery(readingQuery(orderId)).data;
  const reading = answer?.reading;
  if (!reading || reading.pending.length === 0) return null;
  const labels = reading.fields.filter((f) => f.review === 'pending').map((f) => f.label ?? f.field);
  return (
    <div className="usa-alert usa-alert--warning usa-alert--slim" data-testid="read-fields-review">
      <div className="usa-alert__body">
        <p className="usa-alert__text">
          {reading.pending.length === 1 ? 'One field read from the form waits' : `${reading.pending.length} fields read from the form wait`} for your check: {labels.join(', ')}. Check each against the image and correct it here if the form says otherwise, then confirm.
        </p>
        <button type="button" className="usa-button usa-button--outline" disabled={busy} aria-disabled={busy} onClick={() => onConfirm(reading.readingId, reading.pending)}>
          {busy ? 'Confirming…' : 'Confirm the fields read from the form'}
        </button>
      </div>
    </div>
  );
};
