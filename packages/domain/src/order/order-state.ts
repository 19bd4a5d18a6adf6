import type { DraftDetails, ImageRef, OrderDetails } from './order-details';
import type { CancelReason, DojTransaction, OrderSource } from './commands';
import type { Deadline } from './deadlines';
import type { FirearmReceipt } from './firearms';
import type { ServiceRecord } from './proof-of-service';
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
      /**
       * Every deadline the order's events started, with whether it is pending, met or moot
       * (ADR 0042). States folded before deadlines existed (a stored projection) may lack it:
       * read it through `deadlinesOf`.
       */
      readonly deadlines: readonly Deadline[];
      /** Relinquishment receipts filed (docs/law/firearms.md). */
      readonly firearmReceipts: readonly (FirearmReceipt & { readonly recordedAt: string })[];
      /** When the emergency order was filed with the court (Pen. Code 18140(c)). */
      readonly courtFiling?: { readonly filedAt: string; readonly recordedAt: string };
      /** The end the law allows an emergency order whose written expiry is its end: a check, never the end itself. */
      readonly expiryLimit?: string;
    };

export type IssuedOrder = Extract<OrderState, { status: 'issued' }>;
export type DraftOrder = Extract<OrderState, { status: 'draft' }>;

export const initialState: OrderState = { status: 'none' };

/** The order's deadlines, also for a state folded before deadlines were kept. */
export const deadlinesOf = (s: IssuedOrder): readonly Deadline[] => (s as { deadlines?: readonly Deadline[] }).deadlines ?? [];
/** The order's firearm receipts, also for a state folded before receipts were kept. */
export const firearmReceiptsOf = (s: IssuedOrder): IssuedOrder['firearmReceipts'] =>
  (s as { firearmReceipts?: IssuedOrder['firearmReceipts'] }).firearmReceipts ?? [];

/** The images an order or draft holds; none before the order exists or after its draft was discarded. */
export const imagesOf = (s: OrderState): readonly ImageRef[] => (s.status === 'draft' || s.status === 'issued' ? s.images : []);
