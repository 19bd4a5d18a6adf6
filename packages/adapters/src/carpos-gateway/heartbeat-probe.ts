import { type ProtocolCodec } from '@ccpor/carpos-protocol';
import * as E from 'fp-ts/Either';

/**
 * The idle probe for the CLETS link: the dictionary defines no heartbeat message, so the
 * gateway asks DOJ about a record number no record can have (all zeros) and counts any answer
 * (no-hit, or a reject) as a sign of life [I]. The answer's MRI starts with `HB`, so the
 * response handler recognises and drops it.
 */
export const heartbeatProbeText = (codec: ProtocolCodec, ori: string, queryKey = 'QPO'): string => {
  const text = codec.encode({ key: queryKey, ori, fields: [{ code: 'FCN', values: ['0000000000000'] }] });
  if (E.isLeft(text)) throw new Error(`the heartbeat probe does not encode: ${text.left.map((e) => e.message).join('; ')}`);
  return text.right;
};
