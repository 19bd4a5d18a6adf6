import { open, truncate, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isLeft } from 'fp-ts/Either';
import {
  createCommandHandler,
  expectNoStream,
  orderStreamId,
  type Actor,
  type CommandInput,
  type EventStore,
  type HandlerError,
  type IdGenerator,
  type OrderState,
} from '@ccpor/domain';
import { readCheckpoint, writeCheckpoint, type ImportCounts } from './import-checkpoint';
import type { ImportMapping } from './import-mapping';
import { createRowMapper, domainProblem, type PlannedRow, type RowProblem } from './map-row';
import { planNewOrder, type DatedCommand } from './new-order-events';
import { formatOf, readSourceRows, type SourceFormat, type SourceRow } from './read-source-rows';

export interface HistoricalImportOptions {
  /** The extract: CSV with a header row, or JSON lines (`.jsonl` / `.ndjson`). */
  readonly input: string;
  readonly format?: SourceFormat;
  readonly mapping: ImportMapping;
  readonly eventStore: EventStore;
  readonly ids: IdGenerator;
  readonly actor: Actor;
  /** Rejected rows, one JSON object per problem: row, line, sourceRecordId, column, field, code, reason. */
  readonly rejects: string;
  /** Where progress is remembered; a later run with the same input resumes after its row. */
  readonly checkpoint: string;
  /** Rows in flight at once (the SQL stores group concurrent appends). Default 16. */
  readonly concurrency?: number;
  /** Rows between checkpoints. Default 2000. Rows after the last checkpoint are redone on resume, idempotently. */
  readonly checkpointEvery?: number;
  readonly progress?: (p: HistoricalImportProgress) => void;
  /** The import's own time, kept in event metadata beside the original dates. */
  readonly now?: () => string;
  /** Stops after the current window of rows, with a checkpoint. */
  readonly signal?: AbortSignal;
}

export interface HistoricalImportProgress extends ImportCounts {
  readonly rowsRead: number;
  readonly rowsPerSecond: number;
  readonly elapsedMs: number;
}

export interface HistoricalImportSummary extends HistoricalImportProgress {
  /** The checkpoint row this run started after (0 for a fresh run). */
  readonly resumedAfterRow: number;
  readonly stopped: boolean;
}

type RowResult = { kind: 'imported' | 'already'; problems: RowProblem[] } | { kind: 'rejected'; problems: RowProblem[] };

const handlerProblem = (mapping: ImportMapping, plan: PlannedRow, e: HandlerError, prefix = ''): RowProblem =>
  e.kind === 'domain'
    ? domainProblem(mapping, plan.row, plan.sourceRecordId, e.error, prefix)
    : { row: plan.row, sourceRecordId: plan.sourceRecordId, code: e.kind === 'conflict' ? 'CONFLICT' : 'CORRUPT_STREAM', reason: JSON.stringify(e).slice(0, 300) };

/**
 * Imports a court's historical orders through the registry's own commands: AddOrder with the
 * original dates and a `historical-import` source, then RecordService and CancelOrder when the
 * row has them, each decided at the time it happened. Every order id is derived from the
 * source system and record id, so a row imported before is found and skipped; the checkpoint
 * only saves the work of re-reading. One bad row is written to the rejects file and the
 * import goes on.
 */
export const importHistory = async (options: HistoricalImportOptions): Promise<HistoricalImportSummary> => {
  const { mapping, eventStore, ids, actor } = options;
  const input = resolve(options.input);
  const concurrency = Math.max(1, options.concurrency ?? 16);
  const checkpointEvery = Math.max(concurrency, options.checkpointEvery ?? 2000);
  const now = options.now ?? (() => new Date().toISOString());
  const mapRow = createRowMapper(mapping);
  const handlerAt = (at: string) => createCommandHandler({ eventStore, clock: { now: () => at }, ids });
  const loader = handlerAt(now());

  const previous = await readCheckpoint(options.checkpoint);
  if (previous && (previous.input !== input || previous.sourceSystem !== mapping.sourceSystem)) {
    throw new Error(`checkpoint ${options.checkpoint} belongs to ${previous.input} (${previous.sourceSystem}); use another checkpoint file`);
  }
  const resumedAfterRow = previous?.row ?? 0;
  // Rejects written after the last checkpoint are for rows this run does again: cut them off.
  await truncate(options.rejects, previous?.rejectsBytes ?? 0).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  const rejects: FileHandle = await open(options.rejects, 'a');
  let rejectsBytes = previous?.rejectsBytes ?? 0;
  let pending = '';
  const counts = { imported: 0, alreadyImported: 0, rejected: 0, partial: 0, ...previous?.counts };

  const started = Date.now();
  let rowsRead = 0;
  let rowsThisRun = 0;
  let lastRow = resumedAfterRow;
  let sinceCheckpoint = 0;
  let lastProgress = 0;

  const progressNow = (): HistoricalImportProgress => {
    const elapsedMs = Date.now() - started;
    return { rowsRead, ...counts, elapsedMs, rowsPerSecond: elapsedMs > 0 ? Math.round((rowsThisRun * 1000) / elapsedMs) : 0 };
  };

  const importRow = async (plan: PlannedRow, source: SourceRow): Promise<RowResult> => {
    // Each command is decided at its original time, so the domain cannot see a date that lies
    // in the future of the import itself: that check happens here.
    const nowMs = Date.parse(now());
    const future = (at: string | undefined, field: 'issuedDate' | 'servedDate' | 'canceledDate'): RowProblem | undefined => {
      if (at === undefined || Date.parse(at) <= nowMs) return undefined;
      const column = mapping.columns[field];
      return { row: plan.row, sourceRecordId: plan.sourceRecordId, ...(column ? { column } : {}), field, code: 'DATE_IN_FUTURE', reason: `${at} is later than the import` };
    };
    const issuedInFuture = future(plan.issuedAt, 'issuedDate');
    if (issuedInFuture) return { kind: 'rejected', problems: [issuedInFuture] };
    const problems: RowProblem[] = [];
    const servedInFuture = future(plan.service?.at, 'servedDate');
    const canceledInFuture = future(plan.cancel?.at, 'canceledDate');
    if (servedInFuture) problems.push(servedInFuture);
    if (canceledInFuture) problems.push(canceledInFuture);
    const extra = { historicalImport: { sourceSystem: mapping.sourceSystem, sourceRecordId: plan.sourceRecordId, row: plan.row, line: source.line, importedAt: now() } };
    const ctx = { actor, extra };
    // The common case, a row seen for the first time: its whole history decided in memory and
    // written in one append that expects no stream, without reading first. A stream that is
    // already there (a re-run, a resumed run, the same record id twice) refuses the append, and
    // the row then goes the way of an existing order below.
    const addOrder = {
      type: 'AddOrder',
      orderId: plan.orderId,
      enteringAgencyOri: plan.enteringAgencyOri,
      details: plan.details,
      source: { kind: 'historical-import', sourceSystem: mapping.sourceSystem, sourceRecordId: plan.sourceRecordId },
    } as CommandInput;
    const commands: DatedCommand[] = [
      {
        input: addOrder,
        at: plan.issuedAt,
        fieldPrefix: '',
      },
    ];
    if (plan.service && !servedInFuture) commands.push({ input: { type: 'RecordService', orderId: plan.orderId, service: plan.service.record } as CommandInput, at: plan.service.at, fieldPrefix: 'service.' });
    if (plan.cancel && !canceledInFuture) {
      const { at, reason, note } = plan.cancel;
      commands.push({ input: { type: 'CancelOrder', orderId: plan.orderId, reason, ...(note ? { note } : {}) } as CommandInput, at, fieldPrefix: '' });
    }
    const planned = planNewOrder(mapping, plan, commands, { actor, ids, extra });
    // A row the registry refuses as a new order was never imported either (rules apply the same way).
    if (planned.kind === 'rejected') return { kind: 'rejected', problems: [...planned.problems] };
    const appended = await eventStore.append(orderStreamId(plan.orderId), planned.events, expectNoStream);
    if (!isLeft(appended)) return { kind: 'imported', problems: [...problems, ...planned.problems] };
    if (appended.left.code !== 'WRONG_EXPECTED_VERSION') throw new Error(`appending ${plan.orderId} failed: ${JSON.stringify(appended.left)}`);
    const loaded = await loader.load(plan.orderId);
    if (isLeft(loaded)) return { kind: 'rejected', problems: [{ row: plan.row, sourceRecordId: plan.sourceRecordId, code: 'CORRUPT_STREAM', reason: loaded.left.message ?? 'corrupt stream' }] };
    let state: OrderState = loaded.right.state;
    let kind: 'imported' | 'already' = 'already';
    if (state.status === 'none') {
      const added = await handlerAt(plan.issuedAt).handle(addOrder, ctx);
      if (isLeft(added)) {
        if (added.left.kind !== 'conflict') return { kind: 'rejected', problems: [handlerProblem(mapping, plan, added.left)] };
        // The same record id twice in one window: the other row added it.
        const again = await loader.load(plan.orderId);
        if (isLeft(again)) return { kind: 'rejected', problems: [handlerProblem(mapping, plan, added.left)] };
        state = again.right.state;
      } else {
        state = added.right.state;
        kind = 'imported';
      }
    }
    if (state.status !== 'issued') {
      return { kind: 'rejected', problems: [{ row: plan.row, sourceRecordId: plan.sourceRecordId, code: 'ORDER_ID_TAKEN', reason: `order ${plan.orderId} exists as a ${state.status}, not as an imported order` }] };
    }
    if (plan.service && !servedInFuture && !state.services.some((s) => s.serviceId === plan.service!.record.serviceId)) {
      const served = await handlerAt(plan.service.at).handle({ type: 'RecordService', orderId: plan.orderId, service: plan.service.record } as CommandInput, ctx);
      if (isLeft(served)) problems.push(handlerProblem(mapping, plan, served.left, 'service.'));
    }
    if (plan.cancel && !canceledInFuture && !state.canceled) {
      const { at, reason, note } = plan.cancel;
      const canceled = await handlerAt(at).handle({ type: 'CancelOrder', orderId: plan.orderId, reason, ...(note ? { note } : {}) } as CommandInput, ctx);
      if (isLeft(canceled)) problems.push(handlerProblem(mapping, plan, canceled.left));
    }
    return { kind, problems };
  };

  const processRow = async (source: SourceRow): Promise<RowResult> => {
    if (source.unreadable) return { kind: 'rejected', problems: [{ row: source.row, code: 'UNREADABLE_ROW', reason: source.unreadable }] };
    const mapped = mapRow(source.row, source.record);
    if ('problems' in mapped) return { kind: 'rejected', problems: mapped.problems };
    return importRow(mapped.ok, source);
  };

  const flush = async () => {
    if (pending !== '') {
      const bytes = Buffer.from(pending, 'utf8');
      await rejects.write(bytes);
      rejectsBytes += bytes.length;
      pending = '';
    }
    await rejects.datasync();
    await writeCheckpoint(options.checkpoint, { input, sourceSystem: mapping.sourceSystem, row: lastRow, rejectsBytes, counts: { ...counts }, at: now() });
    sinceCheckpoint = 0;
  };

  const runWindow = async (window: SourceRow[]) => {
    const results = await Promise.all(window.map(processRow));
    results.forEach((r, i) => {
      const source = window[i]!;
      if (r.kind === 'rejected') counts.rejected += 1;
      else if (r.kind === 'imported') counts.imported += 1;
      else counts.alreadyImported += 1;
      if (r.kind !== 'rejected' && r.problems.length > 0) counts.partial += 1;
      for (const p of r.problems) pending += `${JSON.stringify({ ...p, line: source.line })}\n`;
    });
    rowsThisRun += window.length;
    lastRow = window[window.length - 1]!.row;
    sinceCheckpoint += window.length;
    if (sinceCheckpoint >= checkpointEvery) await flush();
    if (options.progress && Date.now() - lastProgress >= 250) {
      lastProgress = Date.now();
      options.progress(progressNow());
    }
  };

  let stopped = false;
  try {
    let window: SourceRow[] = [];
    for await (const source of readSourceRows(input, options.format ?? formatOf(input))) {
      rowsRead = source.row;
      if (source.row <= resumedAfterRow) continue;
      window.push(source);
      if (window.length >= concurrency) {
        await runWindow(window);
        window = [];
        if (options.signal?.aborted) {
          stopped = true;
          break;
        }
      }
    }
    if (window.length > 0) await runWindow(window);
    await flush();
  } finally {
    await rejects.close();
  }
  const final = progressNow();
  options.progress?.(final);
  return { ...final, resumedAfterRow, stopped };
};
