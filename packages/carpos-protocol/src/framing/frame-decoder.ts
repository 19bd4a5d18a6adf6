import { crc16 } from './crc16';
import {
  ETX,
  HEADER_LENGTH,
  LENGTH_DIGITS,
  MAX_PAYLOAD_LENGTH,
  STX,
  TRAILER_LENGTH,
  hexValue,
  isDigitByte,
  isMessageIdByte,
  isPayloadByte,
} from './frame-format';
import { latin1Decode } from './latin1';

/** Why bytes were skipped instead of delivered as a frame. */
export type SkipReason =
  | 'noise' // bytes before an STX
  | 'bad-header' // length or message id not in the frame format
  | 'oversize' // declared length above the decoder's limit
  | 'bad-payload-byte' // a control byte where payload was expected (often the next frame's STX)
  | 'missing-etx'
  | 'bad-checksum'
  | 'truncated'; // the stream ended inside a frame

export type FrameEvent =
  | { readonly kind: 'frame'; readonly offset: number; readonly messageId: string; readonly payload: string }
  | { readonly kind: 'skipped'; readonly offset: number; readonly length: number; readonly reasons: readonly SkipReason[] };

export interface FrameDecoderOptions {
  /** Frames declaring more payload than this are treated as damaged. */
  readonly maxPayloadLength?: number;
}

type Inspection = { readonly kind: 'need-more' } | { readonly kind: 'bad'; readonly reason: SkipReason } | { readonly kind: 'frame'; readonly length: number };

const NEED_MORE: Inspection = { kind: 'need-more' };
const bad = (reason: SkipReason): Inspection => ({ kind: 'bad', reason });

/**
 * Turns a TCP byte stream into frames. Any split of the stream into chunks yields the same
 * events: each decision depends only on bytes already seen, and a run of skipped bytes is
 * reported once, whole, when the next good frame (or the end of the stream) closes it.
 * After damage it resynchronises on the next STX, one byte past the one that failed.
 */
export class FrameDecoder {
  private buffer = new Uint8Array(0);
  /** Stream offset of buffer[0]. */
  private base = 0;
  private skipStart = -1;
  private skipLength = 0;
  private skipReasons: SkipReason[] = [];
  private readonly maxPayloadLength: number;

  constructor(options: FrameDecoderOptions = {}) {
    const limit = options.maxPayloadLength ?? 16_384;
    this.maxPayloadLength = Number.isInteger(limit) && limit >= 0 ? Math.min(limit, MAX_PAYLOAD_LENGTH) : 16_384;
  }

  /** Feeds bytes; returns the frames and skipped runs they complete. */
  push(chunk: Uint8Array): FrameEvent[] {
    const events: FrameEvent[] = [];
    if (chunk.length === 0) return events;
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer, 0);
    joined.set(chunk, this.buffer.length);
    this.buffer = joined;
    this.scan(events);
    return events;
  }

  /** Declares the stream finished: leftover bytes are reported as skipped. */
  end(): FrameEvent[] {
    const events: FrameEvent[] = [];
    if (this.buffer.length > 0) {
      this.markSkipped(this.base, this.buffer.length, this.buffer[0] === STX ? 'truncated' : 'noise');
      this.base += this.buffer.length;
      this.buffer = new Uint8Array(0);
    }
    this.flushSkipped(events);
    return events;
  }

  /** Bytes held while waiting for the rest of a frame. */
  get pending(): number {
    return this.buffer.length;
  }

  private scan(events: FrameEvent[]): void {
    const buf = this.buffer;
    let pos = 0;
    while (pos < buf.length) {
      if (buf[pos] !== STX) {
        const next = buf.indexOf(STX, pos);
        const until = next < 0 ? buf.length : next;
        this.markSkipped(this.base + pos, until - pos, 'noise');
        pos = until;
        continue;
      }
      const found = this.inspect(buf, pos);
      if (found.kind === 'need-more') break;
      if (found.kind === 'bad') {
        this.markSkipped(this.base + pos, 1, found.reason);
        pos += 1;
        continue;
      }
      this.flushSkipped(events);
      const payloadLength = found.length - HEADER_LENGTH - TRAILER_LENGTH;
      events.push({
        kind: 'frame',
        offset: this.base + pos,
        messageId: latin1Decode(buf, pos + 1 + LENGTH_DIGITS, pos + HEADER_LENGTH),
        payload: latin1Decode(buf, pos + HEADER_LENGTH, pos + HEADER_LENGTH + payloadLength),
      });
      pos += found.length;
    }
    this.buffer = buf.slice(pos);
    this.base += pos;
  }

  /** Decides whether a frame starts at `at`, using only the bytes present. */
  private inspect(buf: Uint8Array, at: number): Inspection {
    const available = buf.length - at;
    const headerEnd = Math.min(HEADER_LENGTH, available);
    for (let i = 1; i < headerEnd; i += 1) {
      const b = buf[at + i] ?? 0;
      if (i <= LENGTH_DIGITS ? !isDigitByte(b) : !isMessageIdByte(b)) return bad('bad-header');
    }
    if (available < 1 + LENGTH_DIGITS) return NEED_MORE;
    let length = 0;
    for (let i = 1; i <= LENGTH_DIGITS; i += 1) length = length * 10 + ((buf[at + i] ?? 0x30) - 0x30);
    if (length > this.maxPayloadLength) return bad('oversize');
    if (available < HEADER_LENGTH) return NEED_MORE;

    const payloadEnd = at + HEADER_LENGTH + length;
    const scanEnd = Math.min(payloadEnd, buf.length);
    for (let i = at + HEADER_LENGTH; i < scanEnd; i += 1) if (!isPayloadByte(buf[i] ?? 0)) return bad('bad-payload-byte');
    if (buf.length <= payloadEnd) return NEED_MORE;
    if (buf[payloadEnd] !== ETX) return bad('missing-etx');

    const crcEnd = Math.min(payloadEnd + TRAILER_LENGTH, buf.length);
    let crc = 0;
    for (let i = payloadEnd + 1; i < crcEnd; i += 1) {
      const digit = hexValue(buf[i] ?? 0);
      if (digit < 0) return bad('bad-checksum');
      crc = (crc << 4) | digit;
    }
    if (crcEnd < payloadEnd + TRAILER_LENGTH) return NEED_MORE;
    if (crc !== crc16(buf, at + 1, payloadEnd)) return bad('bad-checksum');
    return { kind: 'frame', length: HEADER_LENGTH + length + TRAILER_LENGTH };
  }

  private markSkipped(offset: number, length: number, reason: SkipReason): void {
    if (length <= 0) return;
    if (this.skipStart < 0) this.skipStart = offset;
    this.skipLength += length;
    if (!this.skipReasons.includes(reason)) this.skipReasons.push(reason);
  }

  private flushSkipped(events: FrameEvent[]): void {
    if (this.skipStart < 0) return;
    events.push({ kind: 'skipped', offset: this.skipStart, length: this.skipLength, reasons: this.skipReasons });
    this.skipStart = -1;
    this.skipLength = 0;
    this.skipReasons = [];
  }
}
