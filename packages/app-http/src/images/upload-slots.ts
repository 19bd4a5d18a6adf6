/**
 * Caps the image uploads processed at once. Counting a PDF's pages holds that file in memory
 * (ADR 0023), so unbounded parallel uploads would multiply the limit; a caller over the cap is
 * told to retry instead of queueing on an open connection.
 */
export class UploadSlots {
  private busy = 0;

  constructor(private readonly max: number) {}

  /** A release function, or undefined when every slot is taken. */
  take(): (() => void) | undefined {
    if (this.busy >= this.max) return undefined;
    this.busy += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.busy -= 1;
    };
  }
}
