import { type DecodeError, type Message, type SkipReason } from '@ccpor/carpos-protocol';
import { type ResponseFault } from './fault-plan';

/** One entry of the simulator's log, in the order things happened. */
export type Exchange =
  | { readonly kind: 'connection'; readonly at: number; readonly connection: number; readonly event: 'opened' | 'refused' | 'closed' | 'closed-by-fault' }
  | {
      readonly kind: 'received';
      readonly at: number;
      readonly connection: number;
      readonly messageId: string;
      readonly payload: string;
      /** The decoded request, when it decoded. */
      readonly message?: Message;
      /** Why it did not decode. */
      readonly errors?: readonly DecodeError[];
    }
  | { readonly kind: 'skipped'; readonly at: number; readonly connection: number; readonly length: number; readonly reasons: readonly SkipReason[] }
  | {
      readonly kind: 'sent';
      readonly at: number;
      readonly connection: number;
      readonly messageId: string;
      readonly payload: string;
      readonly message: Message;
      /** Frame id of the request answered; absent for unsolicited notifications. */
      readonly inReplyTo?: string;
      readonly faults: readonly ResponseFault[];
      /** False when a fault kept the frame from being written. */
      readonly delivered: boolean;
    }
  | { readonly kind: 'error'; readonly at: number; readonly connection: number; readonly message: string };
