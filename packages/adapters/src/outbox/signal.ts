/** A wake-up that a sleeping loop can wait on, with a timeout (shared by the gateway and the delivery outboxes). */
export class Signal {
  private waiters: (() => void)[] = [];
  private raised = false;

  raise(): void {
    this.raised = true;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  async wait(ms: number): Promise<void> {
    if (this.raised) {
      this.raised = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.waiters.push(done);
    });
    this.raised = false;
  }
}
