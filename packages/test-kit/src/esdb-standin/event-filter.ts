import { type ReadReq } from '@eventstore/db-client/generated/streams_pb';
import type { LogRecord } from './esdb-log';

/**
 * Server-side filtering for $all reads and subscriptions: on the stream name or the event type,
 * by a list of prefixes or a regular expression (unanchored, like the server's .NET Regex).
 */
export interface EventFilter {
  readonly matches: (record: LogRecord) => boolean;
  /** A filtered subscription sends a checkpoint after this many scanned records; undefined = no filter. */
  readonly checkpointEvery: number | undefined;
}

/** The server's default search window when the client does not name one. */
const DEFAULT_WINDOW = 32;

export const noFilter: EventFilter = { matches: () => true, checkpointEvery: undefined };

export const eventFilterOf = (options: ReadReq.Options): EventFilter => {
  const filter = options.getFilter();
  if (!options.hasFilter() || filter === undefined) return noFilter;
  const onStream = filter.hasStreamIdentifier();
  const expression = onStream ? filter.getStreamIdentifier() : filter.getEventType();
  if (expression === undefined) return noFilter;
  const prefixes = expression.getPrefixList();
  const regex = expression.getRegex() === '' ? undefined : new RegExp(expression.getRegex());
  const test: (value: string) => boolean =
    prefixes.length > 0
      ? (value) => prefixes.some((prefix) => value.startsWith(prefix))
      : regex !== undefined
        ? (value) => regex.test(value)
        : () => true;
  const window = filter.hasMax() ? filter.getMax() : DEFAULT_WINDOW;
  const multiplier = Math.max(1, filter.getCheckpointintervalmultiplier());
  return {
    matches: (record) => test(onStream ? record.streamName : record.type),
    checkpointEvery: window * multiplier,
  };
};
