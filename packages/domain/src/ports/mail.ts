/** One e-mail, ready to send: the body in plain text and HTML, and headers such as List-Unsubscribe. */
export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as the Message-ID's local part, so a repeated attempt can be recognised by the receiving system. */
  readonly messageId?: string;
}

/**
 * What became of one send. `temporary` failures (the server is down, a 4xx reply) are worth
 * retrying; permanent ones (a 5xx reply) are not. `reason` never contains the address.
 */
export type MailSendResult = { readonly ok: true } | { readonly ok: false; readonly temporary: boolean; readonly reason: string };

/** The port through which the registry sends e-mail (SMTP in the adapters). */
export interface MailPort {
  send(message: MailMessage): Promise<MailSendResult>;
  close(): Promise<void>;
}
