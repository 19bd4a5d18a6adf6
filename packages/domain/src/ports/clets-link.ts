/**
 * A connection to the DOJ over CLETS, carrying already-encoded CARPOS message texts.
 * Framing, heartbeats and reconnects are the adapter's business.
 */
export interface CletsLink {
  /** Resolves once the frame is written to the link (not when DOJ answers). */
  send(messageId: string, text: string): Promise<void>;
  /** Inbound message texts (acknowledgements, rejects, unsolicited notices), de-framed. */
  inbound(signal?: AbortSignal): AsyncIterable<{ readonly messageId: string; readonly text: string }>;
  readonly connected: boolean;
  close(): Promise<void>;
}
