import type { DraftDetails, ImageRef, OrderDetails } from './order-details';
import type { CancelReason, DojTransaction, OrderSource } from './commands';
import type { ServiceRecord } from './service';
import type { DraftReading } from '../form-reading/draft-reading';

export interface DojStatus {
  /** DOJ answers (acknowledgements and rejects) not yet reviewed by a CLETS-certified user. */
  readonly awaitingReview?: readonly string[];
  readonly fcn?: string;
  readonly nic?: string;
  readonly lastAcknowledged?: { readonly transaction: DojTransaction; readonly messageId: string; readonly at: string };
  readonly lastRejection?: {
    readonly transaction: DojTransaction;
    readonly messageId: string;
    readonly at: string;
    readonly errors: readonly { readonly field?: string; readonly reason: string }[];
  };
}

export type OrderState =
  | { readonly status: 'none' }
  | {
      readonly status: 'draft';
      readonly orderId: string;
      readonly enteringAgencyOri: string;
      readonly details: DraftDetails;
      readonly images: readonly ImageRef[];
      readonly clonedFrom?: string;
      /** The form reading the draft is checked against (issue 20: entry from the form itself). */
      readonly reading?: DraftReading;
    }
  | { readonly status: 'discarded'; readonly orderId: string; readonly enteringAgencyOri: string }
  | {
      readonly status: 'issued';
      readonly orderId: string;
      readonly enteringAgencyOri: string;
      readonly details: OrderDetails;
      /** null = non-expiring. */
      readonly expiresAt: string | null;
      readonly dojDeadline: string;
      readonly addedAt: string;
      readonly source: OrderSource;
      readonly services: readonly (ServiceRecord & { readonly byEnteringAgency: boolean })[];
      readonly images: readonly ImageRef[];
      readonly renewals: number;
      readonly canceled?: { readonly reason: CancelReason; readonly at: string; readonly note?: string; readonly supersededBy?: string };
      readonly doj: DojStatus;
      readonly clonedFrom?: string;
    };

export type IssuedOrder = Extract<OrderState, { status: 'issued' }>;
export type DraftOrder = Extract<OrderState, { status: 'draft' }>;

export const initialState: OrderState = { status: 'none' };
