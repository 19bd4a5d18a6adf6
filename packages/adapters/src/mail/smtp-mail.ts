import { createTransport, type Transporter } from 'nodemailer';
import type { MailMessage, MailPort, MailSendResult } from '@ccpor/domain';

export interface SmtpMailOptions {
  /** smtp://user:pass@host:port or smtps://… (nodemailer's connection URL). */
  readonly url: string;
  /** The From address, e.g. "CCPOR <no-reply@courts.example>". */
  readonly from: string;
  /** The domain of generated Message-IDs. */
  readonly messageIdDomain?: string;
  /** Longest a connection, greeting or reply may take (default 10000 ms). */
  readonly timeoutMs?: number;
}

// Server replies often quote the recipient ("550 <x@y>: unknown user"); logs and the delivery log must not.
const ADDRESS = /[^\s<>"'@]+@[^\s<>"'@]+/g;
export const withoutAddresses = (text: string): string => text.replace(ADDRESS, '[address]');

/** The mail port over SMTP (nodemailer), with a pooled connection. */
export class SmtpMail implements MailPort {
  private readonly transport: Transporter;

  constructor(private readonly options: SmtpMailOptions) {
    const timeout = options.timeoutMs ?? 10_000;
    this.transport = createTransport({ url: options.url, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout });
  }

  async send(m: MailMessage): Promise<MailSendResult> {
    try {
      const domain = this.options.messageIdDomain ?? 'ccpor.invalid';
      const info = await this.transport.sendMail({
        from: this.options.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        ...(m.headers !== undefined ? { headers: { ...m.headers } } : {}),
        ...(m.messageId !== undefined ? { messageId: `<${m.messageId}@${domain}>` } : {}),
      });
      const rejected = (info as { rejected?: unknown[] }).rejected ?? [];
      return rejected.length === 0 ? { ok: true } : { ok: false, temporary: false, reason: 'the server refused the recipient' };
    } catch (error) {
      const e = error as { responseCode?: number; code?: string; message?: string };
      const temporary = e.responseCode === undefined || e.responseCode < 500;
      const what = e.responseCode !== undefined ? `the server answered ${e.responseCode}` : `could not reach the mail server (${e.code ?? 'error'})`;
      return { ok: false, temporary, reason: withoutAddresses(`${what}: ${e.message ?? ''}`).slice(0, 300) };
    }
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
