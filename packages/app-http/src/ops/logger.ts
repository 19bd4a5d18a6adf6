import pino, { type Logger } from 'pino';

/**
 * JSON logs. Request logs carry the method, the path without its query string (a search query
 * holds names and dates of birth), the status and the request id; credentials are redacted.
 */
export const createLogger = (level: string): Logger =>
  pino({
    level,
    base: { service: 'ccpor' },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]', '*.password', '*.oneTimePassword', '*.secret'],
      censor: '[redacted]',
    },
  });
