import * as E from 'fp-ts/Either';
import { crc16 } from './crc16';
import {
  ETX,
  FRAME_OVERHEAD,
  HEADER_LENGTH,
  LENGTH_DIGITS,
  MAX_PAYLOAD_LENGTH,
  MESSAGE_ID_LENGTH,
  STX,
  hex4,
  isMessageIdByte,
  isPayloadByte,
} from './frame-format';
import { latin1EncodeInto } from './latin1';

export interface Frame {
  readonly messageId: string;
  readonly payload: string;
}

export interface FrameError {
  readonly reason: 'bad-message-id' | 'payload-too-long' | 'bad-payload-character';
  readonly message: string;
  /** Index into the payload, for a bad character. */
  readonly position?: number;
}

/** A message id from a sequence number: eight decimal digits, wrapping after 99,999,999. */
export const messageIdFromSequence = (sequence: number): string => {
  const n = Number.isFinite(sequence) ? Math.abs(Math.trunc(sequence)) % 100_000_000 : 0;
  return String(n).padStart(MESSAGE_ID_LENGTH, '0');
};

const isValidMessageId = (id: string): boolean => {
  if (id.length !== MESSAGE_ID_LENGTH) return false;
  for (let i = 0; i < id.length; i += 1) if (!isMessageIdByte(id.charCodeAt(i))) return false;
  return true;
};

/** Wraps a payload in a frame ready to write to the socket. */
export const encodeFrame = (frame: Frame): E.Either<FrameError, Uint8Array> => {
  const { messageId, payload } = frame;
  if (typeof messageId !== 'string' || !isValidMessageId(messageId)) {
    return E.left({ reason: 'bad-message-id', message: 'a message id is 8 characters of 0-9 and A-Z' });
  }
  if (typeof payload !== 'string') return E.left({ reason: 'bad-payload-character', message: 'the payload must be a string', position: 0 });
  if (payload.length > MAX_PAYLOAD_LENGTH) {
    return E.left({ reason: 'payload-too-long', message: `a payload holds at most ${MAX_PAYLOAD_LENGTH} bytes; this one has ${payload.length}` });
  }
  for (let i = 0; i < payload.length; i += 1) {
    const c = payload.charCodeAt(i);
    if (c > 0xff || !isPayloadByte(c)) {
      return E.left({ reason: 'bad-payload-character', message: `character code ${c} cannot travel in a frame`, position: i });
    }
  }
  const bytes = new Uint8Array(payload.length + FRAME_OVERHEAD);
  bytes[0] = STX;
  latin1EncodeInto(String(payload.length).padStart(LENGTH_DIGITS, '0') + messageId, bytes, 1);
  latin1EncodeInto(payload, bytes, HEADER_LENGTH);
  const etxAt = HEADER_LENGTH + payload.length;
  bytes[etxAt] = ETX;
  latin1EncodeInto(hex4(crc16(bytes, 1, etxAt)), bytes, etxAt + 1);
  return E.right(bytes);
};
