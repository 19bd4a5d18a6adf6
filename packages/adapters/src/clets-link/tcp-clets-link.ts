import { readFileSync } from 'node:fs';
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { encodeFrame, FrameDecoder, type FrameEvent } from '@ccpor/carpos-protocol';
import { type CletsLink } from '@ccpor/domain';
import * as E from 'fp-ts/Either';
import { AsyncQueue } from './async-queue';
import { cletsLinkConfig, type CletsLinkConfig, type CletsLinkSettings } from './clets-link-config';
import { backoffDelay } from './exponential-backoff';

/** The link is down and did not come back within the send timeout, or dropped mid-write. */
export class CletsLinkDownError extends Error {
  readonly code = 'CLETS_LINK_DOWN';
}

export interface CletsLinkStats {
  readonly connects: number;
  readonly disconnects: number;
  readonly framesSent: number;
  readonly framesReceived: number;
  /** Bytes the frame decoder threw away: noise, or frames whose CRC failed. */
  readonly bytesSkipped: number;
  readonly heartbeatsSent: number;
  /** Connections given up by the idle probe. */
  readonly heartbeatFailures: number;
}

/** The port plus what a dispatcher can use to react faster than its response timeout. */
export interface ObservableCletsLink extends CletsLink {
  /** Called with `false` when a connection is lost, `true` when one is up; returns an unsubscribe. */
  onConnectionChange(listener: (up: boolean) => void): () => void;
}

/** Prefix of heartbeat frame ids; outbox message ids are all digits, so they never collide. */
export const HEARTBEAT_ID_PREFIX = 'HB';

/**
 * The CLETS link over TCP (optionally TLS): one connection at a time, framed with the protocol's
 * STX/length/id/CRC frames, replaced with exponential backoff whenever it drops or stays silent
 * past the idle probe. `send` resolves once the frame is in the kernel's hands; answers come
 * through `inbound` in arrival order, damaged frames already dropped by the decoder.
 */
export class TcpCletsLink implements ObservableCletsLink {
  readonly config: CletsLinkConfig;
  private socket: Socket | undefined;
  private closed = false;
  private readonly inboundQueue = new AsyncQueue<{ readonly messageId: string; readonly text: string }>();
  private readonly listeners = new Set<(up: boolean) => void>();
  private readonly upWaiters = new Set<() => void>();
  private queued = 0;
  private readonly drainWaits = new WeakMap<Socket, Promise<void>>();
  private readonly slotWaiters: (() => void)[] = [];
  private heartbeatSequence = 0;
  private readonly counters = { connects: 0, disconnects: 0, framesSent: 0, framesReceived: 0, bytesSkipped: 0, heartbeatsSent: 0, heartbeatFailures: 0 };
  private readonly running: Promise<void>;
  private wakeReconnect: (() => void) | undefined;

  private constructor(settings: CletsLinkSettings) {
    this.config = cletsLinkConfig(settings);
    this.running = this.run();
  }

  /** Starts connecting in the background; `send` waits for the connection. */
  static open(settings: CletsLinkSettings): TcpCletsLink {
    return new TcpCletsLink(settings);
  }

  get connected(): boolean {
    return this.socket !== undefined;
  }

  stats(): CletsLinkStats {
    return { ...this.counters };
  }

  onConnectionChange(listener: (up: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  inbound(signal?: AbortSignal): AsyncIterable<{ readonly messageId: string; readonly text: string }> {
    return this.inboundQueue.drain(signal);
  }

  /** Resolves once connected, or rejects after `timeoutMs`. */
  async waitUntilConnected(timeoutMs = this.config.sendTimeoutMs): Promise<void> {
    await this.connectedSocket(timeoutMs);
  }

  async send(messageId: string, text: string): Promise<void> {
    const frame = encodeFrame({ messageId, payload: text });
    if (E.isLeft(frame)) throw new Error(`message ${messageId} cannot be framed: ${frame.left.message}`);
    await this.takeSlot();
    try {
      const socket = await this.connectedSocket(this.config.sendTimeoutMs);
      const flushed = socket.write(frame.right);
      this.counters.framesSent += 1;
      if (!flushed) await this.drained(socket);
    } finally {
      this.releaseSlot();
    }
  }

  /** Sends an idle probe now (also used by tests); resolves when it is written. */
  async sendHeartbeat(): Promise<void> {
    const text = this.config.heartbeatText;
    if (text === undefined) return;
    this.heartbeatSequence = (this.heartbeatSequence + 1) % 1_000_000;
    this.counters.heartbeatsSent += 1;
    await this.send(HEARTBEAT_ID_PREFIX + String(this.heartbeatSequence).padStart(6, '0'), text);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wakeReconnect?.();
    this.socket?.destroy();
    for (const wake of [...this.upWaiters]) wake();
    this.inboundQueue.end();
    await this.running;
  }

  // Backpressure: at most maxQueuedFrames sends between accepted and handed to the kernel.
  private async takeSlot(): Promise<void> {
    while (this.queued >= this.config.maxQueuedFrames) {
      await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
    }
    this.queued += 1;
  }

  private releaseSlot(): void {
    this.queued -= 1;
    this.slotWaiters.shift()?.();
  }

  /** One wait per full buffer, shared by every send that found it full. */
  private drained(socket: Socket): Promise<void> {
    const pending = this.drainWaits.get(socket);
    if (pending !== undefined) return pending;
    const wait = new Promise<void>((resolve, reject) => {
      const done = (error?: Error): void => {
        socket.off('drain', onDrain);
        socket.off('close', onClose);
        this.drainWaits.delete(socket);
        if (error === undefined) resolve();
        else reject(error);
      };
      const onDrain = (): void => done();
      const onClose = (): void => done(new CletsLinkDownError('the link dropped before the frame was flushed'));
      socket.on('drain', onDrain);
      socket.on('close', onClose);
    });
    this.drainWaits.set(socket, wait);
    return wait;
  }

  private connectedSocket(timeoutMs: number): Promise<Socket> {
    if (this.socket !== undefined) return Promise.resolve(this.socket);
    if (this.closed) return Promise.reject(new CletsLinkDownError('the link is closed'));
    return new Promise((resolve, reject) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.upWaiters.delete(wake);
        if (this.socket !== undefined) resolve(this.socket);
        else reject(new CletsLinkDownError(this.closed ? 'the link is closed' : 'the link is down'));
      };
      const timer = setTimeout(() => {
        this.upWaiters.delete(wake);
        reject(new CletsLinkDownError(`the link did not come up within ${timeoutMs} ms`));
      }, timeoutMs);
      this.upWaiters.add(wake);
    });
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.closed) {
      try {
        const socket = await this.connectOnce();
        if (this.closed) {
          socket.destroy();
          break;
        }
        failures = 0;
        await this.serve(socket);
      } catch {
        // A refused or timed-out attempt; the backoff below spaces the next one.
      }
      if (this.closed) break;
      failures += 1;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, backoffDelay(this.config.reconnect, failures));
        this.wakeReconnect = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeReconnect = undefined;
    }
  }

  private connectOnce(): Promise<Socket> {
    const { host, port, tls, connectTimeoutMs } = this.config;
    return new Promise((resolve, reject) => {
      const socket: Socket =
        tls === undefined
          ? netConnect({ host, port })
          : tlsConnect({
              host,
              port,
              ...(tls.caFile !== undefined ? { ca: readFileSync(tls.caFile) } : {}),
              ...(tls.certFile !== undefined ? { cert: readFileSync(tls.certFile) } : {}),
              ...(tls.keyFile !== undefined ? { key: readFileSync(tls.keyFile) } : {}),
              servername: tls.servername ?? host,
            });
      const ready = tls === undefined ? 'connect' : 'secureConnect';
      const timer = setTimeout(() => fail(new Error(`connection to ${host}:${port} timed out`)), connectTimeoutMs);
      const fail = (error: Error): void => {
        clearTimeout(timer);
        socket.destroy();
        reject(error);
      };
      socket.once('error', fail);
      socket.once(ready, () => {
        clearTimeout(timer);
        socket.off('error', fail);
        resolve(socket);
      });
    });
  }

  /** Runs one connection until it closes. */
  private serve(socket: Socket): Promise<void> {
    return new Promise((resolve) => {
      const decoder = new FrameDecoder();
      let lastInbound = Date.now();
      let probeSentAt: number | undefined;
      const accept = (events: readonly FrameEvent[]): void => {
        for (const event of events) {
          if (event.kind === 'skipped') this.counters.bytesSkipped += event.length;
          else {
            this.counters.framesReceived += 1;
            this.inboundQueue.push({ messageId: event.messageId, text: event.payload });
          }
        }
      };
      socket.setNoDelay(true);
      socket.setKeepAlive(true, this.config.heartbeatIntervalMs);
      socket.on('data', (chunk: Buffer) => {
        lastInbound = Date.now();
        probeSentAt = undefined;
        accept(decoder.push(chunk));
      });
      socket.on('error', () => socket.destroy());
      const tick = Math.max(10, Math.min(this.config.heartbeatIntervalMs, this.config.heartbeatTimeoutMs) / 4);
      const idleProbe = setInterval(() => {
        const now = Date.now();
        if (probeSentAt !== undefined && now - probeSentAt > this.config.heartbeatTimeoutMs) {
          // Silence after a probe: the peer or the path is gone even if TCP has not noticed.
          this.counters.heartbeatFailures += 1;
          socket.destroy();
          return;
        }
        if (probeSentAt === undefined && this.config.heartbeatText !== undefined && now - lastInbound > this.config.heartbeatIntervalMs) {
          probeSentAt = now;
          this.sendHeartbeat().catch(() => undefined);
        }
      }, tick);
      idleProbe.unref();
      socket.once('close', () => {
        clearInterval(idleProbe);
        accept(decoder.end());
        if (this.socket === socket) this.socket = undefined;
        this.counters.disconnects += 1;
        for (const listener of [...this.listeners]) listener(false);
        resolve();
      });
      this.socket = socket;
      this.counters.connects += 1;
      for (const wake of [...this.upWaiters]) wake();
      for (const listener of [...this.listeners]) listener(true);
    });
  }
}
