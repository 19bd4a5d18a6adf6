import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** One way a document breaks its schema: where (XPath, line) and why, in libxml2's words. */
export interface SchemaViolation {
  readonly xpath: string;
  readonly line: number;
  readonly reason: string;
}

/**
 * The worker's code. libxml2-wasm is an ES module that loads its WebAssembly with a top-level
 * await, which neither CommonJS `require` nor jest's module sandbox can load; a worker thread is a
 * plain Node context where `import()` works, and it keeps validation (CPU-bound) off the event loop.
 * The compiled schema is kept for the worker's life.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const ready = (async () => {
  const lib = await import(workerData.libxml2);
  const node = await import(workerData.nodejs);
  node.xmlRegisterFsInputProviders();
  const schemaText = fs.readFileSync(workerData.schema, 'utf8');
  const schemaDoc = lib.XmlDocument.fromString(schemaText, { url: workerData.schema });
  const validator = lib.XsdValidator.fromDoc(schemaDoc);
  return { lib, validator };
})();
parentPort.on('message', async ({ id, xml }) => {
  try {
    const { lib, validator } = await ready;
    let doc;
    try {
      doc = lib.XmlDocument.fromString(xml, { url: 'document.xml' });
    } catch (e) {
      const details = (e && e.details) || [{ message: String(e && e.message || e), line: 0 }];
      parentPort.postMessage({ id, violations: details.map((d) => ({ xpath: d.xpath || '/', line: d.line || 0, reason: 'not well-formed XML: ' + String(d.message).trim() })) });
      return;
    }
    try {
      validator.validate(doc);
      parentPort.postMessage({ id, violations: [] });
    } catch (e) {
      const details = (e && e.details) || [{ message: String(e && e.message || e), line: 0 }];
      parentPort.postMessage({ id, violations: details.map((d) => ({ xpath: d.xpath || '/', line: d.line || 0, reason: String(d.message).trim() })) });
    } finally {
      doc.dispose();
    }
  } catch (e) {
    parentPort.postMessage({ id, failure: String(e && e.stack || e) });
  }
});
`;

interface Pending {
  resolve: (v: readonly SchemaViolation[]) => void;
  reject: (e: Error) => void;
}

/**
 * An XML Schema validator on libxml2 (compiled to WebAssembly: no native build), for one schema
 * set. Documents are validated one at a time in a worker thread; `close` ends it.
 */
export class XsdValidator {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private next = 0;
  private failed: Error | undefined;

  constructor(schemaFile: string) {
    const root = path.dirname(require.resolve('libxml2-wasm/package.json'));
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        libxml2: pathToFileURL(path.join(root, 'lib/index.mjs')).href,
        nodejs: pathToFileURL(path.join(root, 'lib/nodejs.mjs')).href,
        schema: schemaFile,
      },
    });
    // An idle validator must not keep the process alive.
    this.worker.unref();
    this.worker.on('message', (m: { id: number; violations?: SchemaViolation[]; failure?: string }) => {
      const p = this.pending.get(m.id);
      if (p === undefined) return;
      this.pending.delete(m.id);
      if (m.failure !== undefined) p.reject(new Error(`the schema validator failed: ${m.failure}`));
      else p.resolve(m.violations ?? []);
      if (this.pending.size === 0) this.worker.unref();
    });
    this.worker.on('error', (e) => this.fail(e));
    this.worker.on('exit', (code) => this.fail(new Error(`the schema validator stopped (exit ${code})`)));
  }

  private fail(e: Error): void {
    this.failed ??= e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  /** Every schema violation of the document (empty: it is valid), each with its XPath. */
  validate(xml: string): Promise<readonly SchemaViolation[]> {
    if (this.failed !== undefined) return Promise.reject(this.failed);
    const id = (this.next += 1);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ id, xml });
    });
  }

  async close(): Promise<void> {
    this.failed ??= new Error('the schema validator is closed');
    await this.worker.terminate();
  }
}
