import {
  decode,
  defaultDictionary,
  encode,
  encodeFrame,
  FrameDecoder,
  messageIdFromSequence,
  type DecodeError,
  type Dictionary,
  type EncodeError,
  type FrameEvent,
  type Layout,
  type Message,
} from '@ccpor/carpos-protocol';
import * as E from 'fp-ts/Either';
import { connect, type Socket } from 'node:net';

/** A frame received from the simulator, decoded when possible. */
export interface ReceivedFrame {
  readonly messageId: string;
  readonly payload: string;
  readonly message: E.Either<DecodeError[], Message>;
}

/**
 * A minimal agency-side client for tests: frames and sends messages, collects every frame
 * event the simulator sends back. Not a CLETS link adapter (no reconnects, no outbox).
 */
export interface DojTestClient {
  readonly events: readonly FrameEvent[];
  readonly frames: readonly ReceivedFrame[];
  /** Encodes, frames and writes a message; resolves to the frame id used. */
  send(message: Message, messageId?: string): Promise<E.Either<EncodeError[], string>>;
  /** Writes raw bytes, for tests that damage the link on purpose. */
  sendBytes(bytes: Uint8Array): void;
  /** Resolves when at least `count` frames have arrived in total. */
  waitForFrames(count: number, timeoutMs?: number): Promise<readonly ReceivedFrame[]>;
  /** Resolves when the server has closed the connection. */
  closed(): Promise<void>;
  close(): Promise<void>;
}

export const connectDojTestClient = async (
  port: number,
  options: { host?: string; dictionary?: Dictionary; layout?: Layout } = {},
): Promise<DojTestClient> => {
  const dictionary = options.dictionary ?? defaultDictionary;
  const layout = options.layout ?? 'keyword';
  const socket: Socket = await new Promise((resolve, reject) => {
    const s = connect({ port, host: options.host ?? '127.0.0.1' }, () => {
      s.off('error', reject);
      resolve(s);
    });
    s.once('error', reject);
  });
  const decoder = new FrameDecoder();
  const events: FrameEvent[] = [];
  const frames: ReceivedFrame[] = [];
  const listeners = new Set<() => void>();
  let ended = false;
  let sequence = 0;
  const notify = (): void => {
    for (const listener of [...listeners]) listener();
  };
  const accept = (batch: FrameEvent[]): void => {
    for (const event of batch) {
      events.push(event);
      if (event.kind === 'frame') frames.push({ messageId: event.messageId, payload: event.payload, message: decode(event.payload, dictionary, { layout }) });
    }
    notify();
  };
  socket.on('data', (chunk: Buffer) => accept(decoder.push(chunk)));
  socket.on('close', () => {
    ended = true;
    accept(decoder.end());
  });
  socket.on('error', () => {
    ended = true;
    notify();
  });

  const until = (done: () => boolean, timeoutMs: number, what: string): Promise<void> =>
    new Promise((resolve, reject) => {
      if (done()) {
        resolve();
        return;
      }
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const check = (): void => {
        if (!done()) return;
        clearTimeout(timer);
        listeners.delete(check);
        resolve();
      };
      listeners.add(check);
    });

  return {
    events,
    frames,
    send: async (message, messageId) => {
      sequence += 1;
      const id = messageId ?? messageIdFromSequence(sequence);
      const payload = encode(message, dictionary, { layout });
      if (E.isLeft(payload)) return payload;
      const frame = encodeFrame({ messageId: id, payload: payload.right });
      if (E.isLeft(frame)) return E.left([{ reason: 'invalid-input', message: frame.left.message }]);
      await new Promise<void>((resolve) => socket.write(frame.right, () => resolve()));
      return E.right(id);
    },
    sendBytes: (bytes) => {
      socket.write(bytes);
    },
    waitForFrames: async (count, timeoutMs = 5_000) => {
      await until(() => frames.length >= count, timeoutMs, `${count} frames`);
      return frames;
    },
    closed: () => until(() => ended, 5_000, 'the connection to close'),
    close: async () => {
      if (ended) return;
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.end();
      });
    },
  };
};
