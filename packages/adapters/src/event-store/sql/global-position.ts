import type { GlobalPosition } from '@ccpor/domain';

/**
 * A position in the SQL log is the pair (transaction id, sequence position), rendered as
 * `<20-digit xid8>:<19-digit position>`. Both parts are zero-padded to their type's full
 * width, so comparing the strings compares the pairs: string order is log order.
 */
const TXID_DIGITS = 20; // xid8 is unsigned 64-bit
const POSITION_DIGITS = 19; // bigint is signed 64-bit, and positions are positive
const FORMAT = /^(\d{20}):(\d{19})$/;

export interface LogPosition {
  /** Decimal text: xid8 and bigint do not fit a JS number safely. */
  readonly transactionId: string;
  readonly position: string;
}

export const encodePosition = (transactionId: string, position: string): GlobalPosition =>
  `${transactionId.padStart(TXID_DIGITS, '0')}:${position.padStart(POSITION_DIGITS, '0')}` as GlobalPosition;

export const decodePosition = (position: GlobalPosition): LogPosition => {
  const match = FORMAT.exec(position);
  if (!match) throw new Error(`not a SQL event-store position: ${JSON.stringify(position)}`);
  return { transactionId: match[1]!.replace(/^0+(?=\d)/, ''), position: match[2]!.replace(/^0+(?=\d)/, '') };
};

/** Before every event: transaction ids and positions start at 1. */
export const LOG_START: LogPosition = { transactionId: '0', position: '0' };
