import { type ProtocolCodec } from '@ccpor/carpos-protocol';
import * as E from 'fp-ts/Either';
import { queryKeysOf, queryMessage } from '../carpos-query/query-criteria';

/**
 * The idle probe for the CLETS link: the dictionary defines no heartbeat message, so the
 * gateway sends the record-number form of its CARPOS query (ADR 0012) for a number no record can
 * have (all zeros) and counts any answer (no-hit, or a reject) as a sign of life [I]. The
 * answer's MRI starts with `HB`, so the response handler recognises and drops it.
 */
export const heartbeatProbeText = (codec: ProtocolCodec, ori: string, queryKey = queryKeysOf(codec.dictionary).query): string => {
  const message = queryMessage({ kind: 'record', fcn: '0000000000000' }, ori, { ...queryKeysOf(codec.dictionary), query: queryKey });
  const text = codec.encode(message);
  if (E.isLeft(text)) throw new Error(`the heartbeat probe does not encode: ${text.left.map((e) => e.message).join('; ')}`);
  return text.right;
};
