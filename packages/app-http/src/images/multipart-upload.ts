import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';

/** What came of reading a multipart/form-data request that should carry one file. */
export type MultipartOutcome<T> =
  | { readonly kind: 'file'; readonly fileName: string; readonly result: T }
  | { readonly kind: 'refused'; readonly reason: string };

export interface MultipartLimits {
  /** The form field that carries the file. */
  readonly field: string;
  /** Bytes the consumer accepts; busboy stops passing data on one byte past it, so the rest is discarded, never kept. */
  readonly maxBytes: number;
}

/**
 * Streams the one file of a multipart/form-data request into `consume`, which sees it as an async
 * iterable of chunks as they arrive from the socket: nothing buffers the whole file. The consumer
 * may stop early (a file over the limit); whatever it leaves is read and dropped, because busboy
 * cannot reach the end of the form (and the response cannot be sent on a kept-alive connection)
 * while a part is unread. Errors of `consume` itself (a full disk) are rethrown.
 */
export const receiveSingleFile = <T>(req: IncomingMessage, limits: MultipartLimits, consume: (content: AsyncIterable<Uint8Array>) => Promise<T>): Promise<MultipartOutcome<T>> =>
  new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fields: 16, fieldSize: 4096, parts: 32, fileSize: limits.maxBytes + 1 } });
    } catch (error) {
      // A missing or malformed boundary: busboy refuses before reading anything.
      resolve({ kind: 'refused', reason: `the body is not readable multipart/form-data: ${error instanceof Error ? error.message : String(error)}` });
      return;
    }
    let pending: Promise<T> | undefined;
    let fileName = '';
    let refusal: string | undefined;
    let settled = false;
    const settle = (outcome: () => Promise<MultipartOutcome<T>>) => {
      if (settled) return;
      settled = true;
      outcome().then(resolve, reject);
    };
    parser.on('file', (name: string, stream: Readable, info: busboy.FileInfo) => {
      if (name !== limits.field) {
        refusal ??= `the file was sent as "${name}"; send the image as the form field "${limits.field}"`;
        stream.resume();
        return;
      }
      fileName = info.filename ?? '';
      // destroyOnReturn false: a consumer that stops early must not destroy busboy's part stream,
      // or busboy waits forever for it to be read.
      const chunks = stream.iterator({ destroyOnReturn: false }) as AsyncIterable<Uint8Array>;
      pending = consume(chunks).finally(() => stream.resume());
    });
    parser.on('filesLimit', () => {
      refusal ??= 'send one image per request';
    });
    parser.on('error', (error: Error) => {
      req.unpipe(parser);
      // The rest of the request is read and dropped so the answer can still reach the client.
      req.resume();
      refusal ??= `the multipart body is damaged or incomplete: ${error.message}`;
      settle(async () => {
        await pending?.catch(() => undefined);
        return { kind: 'refused', reason: refusal! };
      });
    });
    parser.on('close', () =>
      settle(async () => {
        if (pending === undefined) return { kind: 'refused', reason: refusal ?? `the form has no file; send the image as the form field "${limits.field}"` };
        const result = await pending;
        return refusal !== undefined ? { kind: 'refused', reason: refusal } : { kind: 'file', fileName, result };
      }),
    );
    // A client that hangs up mid-upload never ends the pipe; without this busboy would wait for
    // the rest forever, holding the temporary file and an upload slot.
    const hungUp = () => {
      if (!settled && !parser.destroyed) parser.destroy(new Error('the connection closed before the upload was complete'));
    };
    req.once('aborted', hungUp);
    req.once('error', hungUp);
    req.once('close', () => {
      if (!req.complete) hungUp();
    });
    req.pipe(parser);
  });
