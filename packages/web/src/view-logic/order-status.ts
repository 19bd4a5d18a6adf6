import { formatDate } from './format';

export type StatusTone = 'active' | 'temporary' | 'expired' | 'canceled' | 'draft';

export interface StatusBadge {
  /** Words first: the badge never relies on its colour (WCAG 1.4.1). */
  readonly label: string;
  readonly tone: StatusTone;
  /** A shape drawn beside the words, different per tone. */
  readonly symbol: string;
  readonly detail?: string;
}

/**
 * The status a reader needs: in force or not, and a temporary order's end at the hearing. Expiry
 * is derived by the API at read time (an order is never shown active past its end).
 */
export const statusBadge = (h: { status: string; stage?: string | null; hearingAt?: string | null; expiresAt?: string | null }): StatusBadge => {
  switch (h.status) {
    case 'active':
    case 'served': {
      const served = h.status === 'served' ? 'served' : 'not yet served';
      if (h.stage === 'temporary')
        return { label: 'Temporary', tone: 'temporary', symbol: '◐', detail: h.hearingAt ? `in force until the hearing on ${formatDate(h.hearingAt)}; ${served}` : `in force until the hearing; ${served}` };
      if (h.stage === 'emergency') return { label: 'Emergency', tone: 'temporary', symbol: '◐', detail: `in force until ${formatDate(h.expiresAt)}; ${served}` };
      return { label: 'Active', tone: 'active', symbol: '●', detail: h.expiresAt ? `in force until ${formatDate(h.expiresAt)}; ${served}` : `does not expire; ${served}` };
    }
    case 'expired':
      return { label: 'Expired', tone: 'expired', symbol: '○', detail: h.expiresAt ? `ended ${formatDate(h.expiresAt)}` : undefined };
    case 'canceled':
      return { label: 'Canceled', tone: 'canceled', symbol: '✕' };
    case 'draft':
      return { label: 'Draft', tone: 'draft', symbol: '✎', detail: 'not yet added' };
    case 'discarded':
      return { label: 'Discarded draft', tone: 'draft', symbol: '✎' };
    default:
      return { label: h.status, tone: 'draft', symbol: '?' };
  }
};
