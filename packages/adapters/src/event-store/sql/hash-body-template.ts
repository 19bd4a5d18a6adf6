import { eventHashBody, type EventMetadataInput } from '@ccpor/domain';

/**
 * The hash body of an event contains its stream version, which an `any` or `exists` append
 * learns only inside the INSERT statement. So the body is sent as the text before and after
 * the version number, and SQL splices the version in: `prefix || version || suffix`.
 *
 * canonicalJson sorts keys, so the top-level `"streamVersion":` is followed only by
 * `,"type":<escaped string>}`; its last occurrence in the body is therefore the top-level
 * one (a key of that name inside `data` comes earlier, and a string value cannot contain an
 * unescaped quote). The split is checked before use: the suffix must be exactly the `type`
 * member and the closing brace, which is what a sorted canonical body ends with (a check
 * that fails loudly if eventHashBody ever changes shape).
 */
export interface HashBodyTemplate {
  readonly prefix: string;
  readonly suffix: string;
}

const PROBE = 1;

export const hashBodyTemplate = (event: {
  streamId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: EventMetadataInput;
}): HashBodyTemplate => {
  const body = eventHashBody({ ...event, streamVersion: PROBE });
  const marker = `"streamVersion":${PROBE}`;
  const at = body.lastIndexOf(marker);
  const prefix = body.slice(0, at + marker.length - String(PROBE).length);
  const suffix = body.slice(at + marker.length);
  if (at < 0 || suffix !== `,"type":${JSON.stringify(event.type)}}`) {
    throw new Error('cannot split the event hash body around its stream version');
  }
  return { prefix, suffix };
};
