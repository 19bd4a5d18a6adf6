/**
 * Queues single-event appends and sends them in groups (see append-group.sql.ts). A request
 * goes out at once when fewer than `maxInFlight` groups are running; otherwise it waits and
 * leaves with everything else that queued meanwhile. So one client sees no added latency,
 * and many clients share commits. Requests for a stream that is already in the group being
 * formed wait for the next one, which keeps a stream's appends in submission order.
 */
export interface GroupRequest<R> {
  readonly streamId: string;
  resolve(result: R): void;
  reject(error: unknown): void;
}

export class AppendGrouper<Req extends GroupRequest<R>, R> {
  private readonly queue: Req[] = [];
  private inFlight = 0;

  constructor(
    private readonly send: (group: readonly Req[]) => Promise<void>,
    private readonly maxInFlight: number,
    private readonly maxGroup: number,
  ) {}

  submit(request: Req): void {
    this.queue.push(request);
    if (this.inFlight < this.maxInFlight) this.dispatch();
  }

  private dispatch(): void {
    const group = this.takeGroup();
    if (group.length === 0) return;
    this.inFlight++;
    this.send(group)
      .catch((error: unknown) => {
        for (const request of group) request.reject(error);
      })
      .finally(() => {
        this.inFlight--;
        if (this.queue.length > 0) this.dispatch();
      });
  }

  private takeGroup(): Req[] {
    const group: Req[] = [];
    const streams = new Set<string>();
    for (let i = 0; i < this.queue.length && group.length < this.maxGroup; ) {
      const request = this.queue[i]!;
      if (streams.has(request.streamId)) {
        i++;
        continue;
      }
      streams.add(request.streamId);
      group.push(request);
      this.queue.splice(i, 1);
    }
    return group;
  }
}
