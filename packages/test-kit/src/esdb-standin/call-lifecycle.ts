import { once } from 'node:events';
import type { ServerWritableStream } from '@grpc/grpc-js';

/**
 * Whether a server-streaming call is still worth writing to, and a write that respects
 * back-pressure: a slow subscriber makes the stand-in wait instead of buffering the whole log.
 */
export class CallLifecycle<Req, Res> {
  private ended = false;
  private readonly waiters = new Set<() => void>();

  constructor(private readonly call: ServerWritableStream<Req, Res>) {
    const stop = (): void => this.stop();
    call.on('cancelled', stop);
    call.on('close', stop);
    call.on('error', stop);
  }

  get active(): boolean {
    return !this.ended && !this.call.cancelled;
  }

  /** Ends waiting loops; called when the client goes away or the server shuts down. */
  stop(): void {
    this.ended = true;
    for (const wake of [...this.waiters]) wake();
    this.waiters.clear();
  }

  async write(message: Res): Promise<void> {
    if (!this.active) return;
    if (this.call.write(message)) return;
    await this.until(once(this.call, 'drain').then(
      () => undefined,
      () => undefined,
    ));
  }

  /** Resolves when `event` settles or the call stops, whichever comes first. */
  async until(event: Promise<void>): Promise<void> {
    if (!this.active) return;
    let wake: (() => void) | undefined;
    const stopped = new Promise<void>((resolve) => {
      wake = resolve;
      this.waiters.add(resolve);
    });
    try {
      await Promise.race([event, stopped]);
    } finally {
      if (wake) this.waiters.delete(wake);
    }
  }

  /** Ends the call with a gRPC status other than OK. */
  fail(error: { readonly code: number; readonly details: string }): void {
    if (this.active) this.call.emit('error', error);
    this.stop();
  }

  end(): void {
    if (this.active) this.call.end();
    this.stop();
  }
}
