import type { Actor, EventMetadataInput, NewEvent } from '../ports/event-store';
import type { IdGenerator } from '../ports/id-generator';

/** Who acts, on whose behalf and as part of what: what every event of one act shares. */
export interface EventContext {
  readonly actor: Actor;
  /** The act the events belong to (an HTTP request id, an order's CARPOS exchange); new when omitted. */
  readonly correlationId?: string;
  readonly causationId?: string;
  /** Extra metadata stored with each event (e.g. an import's source record id); must be JSON. */
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** A context whose act has its correlation id. */
export interface CorrelatedContext extends EventContext {
  readonly correlationId: string;
}

/** An event as a decider returns it, before it has metadata. */
export interface DecidedEvent {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
}

/** The context with its correlation id: the caller's, or a new one for an act that starts here. */
export const correlate = (ctx: EventContext, ids: IdGenerator): CorrelatedContext =>
  ctx.correlationId !== undefined ? { ...ctx, correlationId: ctx.correlationId } : { ...ctx, correlationId: ids.newId() };

/**
 * The metadata of one event of an act, recorded at `recordedAt`. Every writer of events builds it
 * here (command handlers, the historical import, identity and audit events), so the stored fields
 * are the same whoever wrote the event; optional fields are left out, not stored as undefined.
 */
export const eventMetadata = (ctx: CorrelatedContext, ids: IdGenerator, recordedAt: string): EventMetadataInput => ({
  eventId: ids.newId(),
  actor: ctx.actor,
  correlationId: ctx.correlationId,
  ...(ctx.causationId !== undefined ? { causationId: ctx.causationId } : {}),
  recordedAt,
  ...(ctx.extra !== undefined ? { extra: ctx.extra } : {}),
});

/** Decided events as the event store takes them, each with its own id, all of one act at one time. */
export const toNewEvents = (events: readonly DecidedEvent[], ctx: CorrelatedContext, ids: IdGenerator, recordedAt: string): NewEvent[] =>
  events.map((e) => ({ type: e.type, schemaVersion: e.schemaVersion, data: e.data, metadata: eventMetadata(ctx, ids, recordedAt) }));
