import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { crc16 } from './crc16';
import { encodeFrame, messageIdFromSequence, type Frame } from './encode-frame';
import { FrameDecoder, type FrameEvent } from './frame-decoder';

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const text = (bytes: Uint8Array): string => String.fromCharCode(...bytes);

const frameBytes = (frame: Frame): Uint8Array => {
  const result = encodeFrame(frame);
  if (E.isLeft(result)) throw new Error(result.left.message);
  return result.right;
};

const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

const decodeAll = (chunks: readonly Uint8Array[]): FrameEvent[] => {
  const decoder = new FrameDecoder();
  return [...chunks.flatMap((chunk) => decoder.push(chunk)), ...decoder.end()];
};

const split = (bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] => {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const p of points) {
    chunks.push(bytes.subarray(from, p));
    from = p;
  }
  chunks.push(bytes.subarray(from));
  return chunks;
};

const first: Frame = { messageId: '00000001', payload: 'QPO.CA0190000.NAM/DOE,JOHN.' };
const second: Frame = { messageId: '0000000A', payload: 'XPO.CA0190000.FCN/2320250000417.' };

describe('crc16', () => {
  it('matches the CRC-16/CCITT-FALSE check value', () => {
    expect(crc16(ascii('123456789'))).toBe(0x29b1);
  });
});

describe('encodeFrame', () => {
  it('writes STX, length, id, payload, ETX and the checksum', () => {
    const bytes = frameBytes({ messageId: '00000042', payload: 'ABC' });
    const crc = crc16(ascii('0000300000042ABC')).toString(16).toUpperCase().padStart(4, '0');
    expect(text(bytes)).toBe(`\u000200003` + `00000042ABC\u0003${crc}`);
  });

  it('refuses bad ids and payloads that could break framing', () => {
    expect(encodeFrame({ messageId: '1234567', payload: 'A' })).toEqual(E.left(expect.objectContaining({ reason: 'bad-message-id' })));
    expect(encodeFrame({ messageId: '1234567a', payload: 'A' })).toEqual(E.left(expect.objectContaining({ reason: 'bad-message-id' })));
    expect(encodeFrame({ messageId: '00000001', payload: 'A\u0003B' })).toEqual(E.left(expect.objectContaining({ reason: 'bad-payload-character', position: 1 })));
    expect(encodeFrame({ messageId: '00000001', payload: 'Ā' })).toEqual(E.left(expect.objectContaining({ reason: 'bad-payload-character', position: 0 })));
    expect(encodeFrame({ messageId: '00000001', payload: 'A'.repeat(100_000) })).toEqual(E.left(expect.objectContaining({ reason: 'payload-too-long' })));
  });

  it('makes message ids from sequence numbers', () => {
    expect(messageIdFromSequence(17)).toBe('00000017');
    expect(messageIdFromSequence(100_000_005)).toBe('00000005');
    expect(messageIdFromSequence(Number.NaN)).toBe('00000000');
  });
});

describe('FrameDecoder', () => {
  it('delivers a frame split across chunks', () => {
    const bytes = frameBytes(first);
    const decoder = new FrameDecoder();
    expect(decoder.push(bytes.subarray(0, 5))).toEqual([]);
    expect(decoder.push(bytes.subarray(5, 20))).toEqual([]);
    expect(decoder.pending).toBe(20);
    expect(decoder.push(bytes.subarray(20))).toEqual([{ kind: 'frame', offset: 0, ...first }]);
    expect(decoder.end()).toEqual([]);
  });

  it('delivers several frames from one chunk, with latin-1 payloads', () => {
    const third: Frame = { messageId: 'Z0000003', payload: 'MUÑOZ ÿ' };
    const a = frameBytes(first);
    const b = frameBytes(second);
    expect(decodeAll([concat(a, b, frameBytes(third))])).toEqual([
      { kind: 'frame', offset: 0, ...first },
      { kind: 'frame', offset: a.length, ...second },
      { kind: 'frame', offset: a.length + b.length, ...third },
    ]);
  });

  it('skips garbage between frames and says how much', () => {
    const a = frameBytes(first);
    const noise = ascii('HELLO\r\n');
    expect(decodeAll([concat(noise, a, noise, frameBytes(second), noise)])).toEqual([
      { kind: 'skipped', offset: 0, length: 7, reasons: ['noise'] },
      { kind: 'frame', offset: 7, ...first },
      { kind: 'skipped', offset: 7 + a.length, length: 7, reasons: ['noise'] },
      { kind: 'frame', offset: 14 + a.length, ...second },
      { kind: 'skipped', offset: 14 + a.length + frameBytes(second).length, length: 7, reasons: ['noise'] },
    ]);
  });

  it('drops a frame whose checksum fails and resynchronises on the next', () => {
    const a = frameBytes(first);
    const damaged = a.slice();
    damaged[20] = 0x5a; // a payload byte
    expect(decodeAll([concat(damaged, frameBytes(second))])).toEqual([
      { kind: 'skipped', offset: 0, length: a.length, reasons: ['bad-checksum', 'noise'] },
      { kind: 'frame', offset: a.length, ...second },
    ]);
  });

  it('does not wait for a damaged length to fill: the next STX ends the frame early', () => {
    const a = frameBytes(first);
    const damaged = a.slice();
    damaged[1] = 0x39; // length 9xxxx: far longer than what follows
    const decoder = new FrameDecoder({ maxPayloadLength: 99_999 });
    const events = [...decoder.push(damaged), ...decoder.push(frameBytes(second))];
    expect(events).toEqual([
      { kind: 'skipped', offset: 0, length: a.length, reasons: ['bad-payload-byte', 'noise'] },
      { kind: 'frame', offset: a.length, ...second },
    ]);
  });

  it('refuses a declared length above its limit', () => {
    const decoder = new FrameDecoder({ maxPayloadLength: 10 });
    const events = [...decoder.push(frameBytes(first)), ...decoder.end()];
    expect(events).toEqual([{ kind: 'skipped', offset: 0, length: frameBytes(first).length, reasons: ['oversize', 'noise'] }]);
  });

  it('reports bad headers, a missing ETX and a truncated stream', () => {
    expect(decodeAll([ascii('\u0002ABCDE')])).toEqual([{ kind: 'skipped', offset: 0, length: 6, reasons: ['bad-header', 'noise'] }]);
    const a = frameBytes(first);
    const noEtx = a.slice();
    noEtx[a.length - 5] = 0x20;
    expect(decodeAll([noEtx])).toEqual([{ kind: 'skipped', offset: 0, length: a.length, reasons: ['missing-etx', 'noise'] }]);
    expect(decodeAll([a.subarray(0, a.length - 2)])).toEqual([{ kind: 'skipped', offset: 0, length: a.length - 2, reasons: ['truncated'] }]);
  });

  const framesArb = fc.array(
    fc.record({
      messageId: fc.string({ unit: fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'), minLength: 8, maxLength: 8 }),
      payload: fc.string({ unit: fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xff })).map((c) => String.fromCharCode(c)), maxLength: 300 }),
    }),
    { maxLength: 8 },
  );
  const noiseArb = fc.uint8Array({ maxLength: 40 });

  it('yields the same events for any chunking of the same stream', () => {
    fc.assert(
      fc.property(framesArb, fc.array(noiseArb, { maxLength: 9 }), fc.array(fc.nat(), { maxLength: 30 }), (frames, noises, cuts) => {
        const parts = frames.flatMap((frame, i) => [noises[i] ?? new Uint8Array(0), frameBytes(frame)]);
        const stream = concat(...parts, noises[frames.length] ?? new Uint8Array(0));
        const whole = decodeAll([stream]);
        expect(decodeAll(split(stream, cuts))).toEqual(whole);
        expect(decodeAll(split(stream, [...Array(stream.length).keys()]))).toEqual(whole);
        // Noise without STX never hides a frame.
        if (noises.every((n) => !n.includes(0x02))) {
          expect(whole.filter((e) => e.kind === 'frame').map((e) => (e.kind === 'frame' ? { messageId: e.messageId, payload: e.payload } : null))).toEqual(frames);
        }
        // Every byte is either in a frame or reported skipped.
        const accounted = whole.reduce((n, e) => n + (e.kind === 'frame' ? e.payload.length + 19 : e.length), 0);
        expect(accounted).toBe(stream.length);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws, and never loses a later frame, on arbitrary or garbled bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), framesArb, fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), { maxLength: 5 }), (junk, frames, garbles) => {
        const clean = concat(...frames.map(frameBytes));
        const garbled = clean.slice();
        for (const g of garbles) if (garbled.length > 0) garbled[g.at % garbled.length] = g.byte;
        const tail = frameBytes({ messageId: 'TAIL0001', payload: 'END.' });
        // After junk and damage, a clean frame preceded by a clean one must still come through.
        const events = decodeAll([junk, garbled, frameBytes(first), tail]);
        const delivered = events.filter((e) => e.kind === 'frame');
        expect(delivered[delivered.length - 1]).toEqual(expect.objectContaining({ messageId: 'TAIL0001', payload: 'END.' }));
        const accounted = events.reduce((n, e) => n + (e.kind === 'frame' ? e.payload.length + 19 : e.length), 0);
        expect(accounted).toBe(junk.length + garbled.length + frameBytes(first).length + tail.length);
      }),
      { numRuns: 2_000 },
    );
  });
});
