import * as E from 'fp-ts/Either';
import { courtCalendarOf, decideCourtCalendar, evolveCourtCalendar, foldCourtCalendar } from '../courts/court-calendar-decide';
import { courtCalendarStreamId, CourtCalendarEvent, type CourtCalendarCommand, type CourtCalendarState } from '../courts/court-calendar-model';
import type { DomainError } from '../errors/domain-error';
import type { Clock } from '../ports/clock';
import type { CourtCalendarsPort } from '../ports/court-calendars';
import { expectExact, type EventStore, type GlobalPosition } from '../ports/event-store';
import type { IdGenerator } from '../ports/id-generator';
import { correlate, toNewEvents, type EventContext } from './event-metadata';
import type { CorruptStream } from './load-order';

export interface LoadedCourtCalendar {
  readonly state: CourtCalendarState;
  readonly version: number;
}

/** Reads a court's calendar stream; an event that fails its codec is reported, never guessed at. */
export const loadCourtCalendar = async (store: EventStore, courtOri: string): Promise<E.Either<CorruptStream, LoadedCourtCalendar>> => {
  const streamId = courtCalendarStreamId(courtOri);
  const recorded = await store.readStream(streamId);
  const events: CourtCalendarEvent[] = [];
  for (const r of recorded) {
    const decoded = CourtCalendarEvent.decode({ type: r.type, schemaVersion: r.schemaVersion, data: r.data });
    if (E.isLeft(decoded)) {
      return E.left({ kind: 'corrupt-stream', streamId, streamVersion: r.streamVersion, message: `event ${r.type} v${r.schemaVersion} does not match its schema` });
    }
    events.push(decoded.right);
  }
  return E.right({ state: foldCourtCalendar(events), version: recorded.length });
};

/**
 * Court calendars read from their streams at each call: a closure recorded a moment ago counts
 * for the next order command. A court whose stream cannot be read makes the command fail rather
 * than count days on a calendar that may be missing a closure.
 */
export const eventStoreCourtCalendars = (store: EventStore): CourtCalendarsPort => ({
  async calendarFor(courtOri) {
    const loaded = await loadCourtCalendar(store, courtOri);
    if (E.isLeft(loaded)) throw new Error(`court calendar ${loaded.left.streamId} is unreadable at version ${loaded.left.streamVersion}: ${loaded.left.message}`);
    return courtCalendarOf(loaded.right.state);
  },
});

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type CourtCalendarInput = DistributiveOmit<CourtCalendarCommand, 'at'>;

export type CourtCalendarHandlerError =
  | { readonly kind: 'domain'; readonly error: DomainError }
  | { readonly kind: 'conflict'; readonly expectedVersion: number; readonly actualVersion: number | null }
  | CorruptStream;

/** Who changes the calendar, and the version they last saw (If-Match); a mismatch is a conflict. */
export interface CourtCalendarContext extends EventContext {
  readonly expectedVersion?: number;
}

export interface CourtCalendarResult {
  readonly state: CourtCalendarState;
  readonly version: number;
  readonly position?: GlobalPosition;
}

/** Load → decide → append for a court's calendar; a concurrent change is decided again once. */
export const createCourtCalendarHandler = ({ eventStore, clock, ids }: { eventStore: EventStore; clock: Clock; ids: IdGenerator }) => {
  const attempt = async (
    input: CourtCalendarInput,
    ctx: CourtCalendarContext,
    retriesLeft: number,
  ): Promise<E.Either<CourtCalendarHandlerError, CourtCalendarResult>> => {
    const loaded = await loadCourtCalendar(eventStore, input.courtOri);
    if (E.isLeft(loaded)) return loaded;
    const { state, version } = loaded.right;
    if (ctx.expectedVersion !== undefined && ctx.expectedVersion !== version) {
      return E.left({ kind: 'conflict', expectedVersion: ctx.expectedVersion, actualVersion: version });
    }
    const at = clock.now();
    const decision = decideCourtCalendar({ ...input, at } as CourtCalendarCommand, state);
    if (E.isLeft(decision)) return E.left({ kind: 'domain', error: decision.left });
    const appended = await eventStore.append(courtCalendarStreamId(input.courtOri), toNewEvents(decision.right, correlate(ctx, ids), ids, at), expectExact(version));
    if (E.isLeft(appended)) {
      if (appended.left.code === 'WRONG_EXPECTED_VERSION' && retriesLeft > 0 && ctx.expectedVersion === undefined) return attempt(input, ctx, retriesLeft - 1);
      return E.left({ kind: 'conflict', expectedVersion: version, actualVersion: appended.left.code === 'WRONG_EXPECTED_VERSION' ? appended.left.actual : null });
    }
    return E.right({ state: decision.right.reduce(evolveCourtCalendar, state), version: appended.right.nextVersion, position: appended.right.lastPosition });
  };
  return {
    handle: (input: CourtCalendarInput, ctx: CourtCalendarContext) => attempt(input, ctx, 1),
    load: (courtOri: string) => loadCourtCalendar(eventStore, courtOri),
  };
};

export type CourtCalendarHandler = ReturnType<typeof createCourtCalendarHandler>;
