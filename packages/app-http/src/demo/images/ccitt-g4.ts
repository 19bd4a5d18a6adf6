/**
 * CCITT Group 4 (ITU-T T.6) encoding of a bilevel image, the compression fax machines and court
 * scanners use for black-and-white pages, so the demo's TIFFs exercise the same decoder path as
 * real scans. Pixels: 1 = black, 0 = white, one byte per pixel, row by row.
 */

// Run-length code words (T.4 tables 2 and 3), as bit strings: terminating 0–63, make-up 64–1728, shared 1792–2560.
const TERM_WHITE =
  '00110101,000111,0111,1000,1011,1100,1110,1111,10011,10100,00111,01000,001000,000011,110100,110101,101010,101011,0100111,0001100,0001000,0010111,0000011,0000100,0101000,0101011,0010011,0100100,0011000,00000010,00000011,00011010,00011011,00010010,00010011,00010100,00010101,00010110,00010111,00101000,00101001,00101010,00101011,00101100,00101101,00000100,00000101,00001010,00001011,01010010,01010011,01010100,01010101,00100100,00100101,01011000,01011001,01011010,01011011,01001010,01001011,00110010,00110011,00110100'.split(',');
const TERM_BLACK =
  '0000110111,010,11,10,011,0011,0010,00011,000101,000100,0000100,0000101,0000111,00000100,00000111,000011000,0000010111,0000011000,0000001000,00001100111,00001101000,00001101100,00000110111,00000101000,00000010111,00000011000,000011001010,000011001011,000011001100,000011001101,000001101000,000001101001,000001101010,000001101011,000011010010,000011010011,000011010100,000011010101,000011010110,000011010111,000001101100,000001101101,000011011010,000011011011,000001010100,000001010101,000001010110,000001010111,000001100100,000001100101,000001010010,000001010011,000000100100,000000110111,000000111000,000000100111,000000101000,000001011000,000001011001,000000101011,000000101100,000001011010,000001100110,000001100111'.split(',');
const MAKEUP_WHITE =
  '11011,10010,010111,0110111,00110110,00110111,01100100,01100101,01101000,01100111,011001100,011001101,011010010,011010011,011010100,011010101,011010110,011010111,011011000,011011001,011011010,011011011,010011000,010011001,010011010,011000,010011011'.split(',');
const MAKEUP_BLACK =
  '0000001111,000011001000,000011001001,000001011011,000000110011,000000110100,000000110101,0000001101100,0000001101101,0000001001010,0000001001011,0000001001100,0000001001101,0000001110010,0000001110011,0000001110100,0000001110101,0000001110110,0000001110111,0000001010010,0000001010011,0000001010100,0000001010101,0000001011010,0000001011011,0000001100100,0000001100101'.split(',');
const MAKEUP_SHARED = '00000001000,00000001100,00000001101,000000010010,000000010011,000000010100,000000010101,000000010110,000000010111,000000011100,000000011101,000000011110,000000011111'.split(',');

const PASS = '0001';
const HORIZONTAL = '001';
const VERTICAL: Record<number, string> = { 0: '1', 1: '011', 2: '000011', 3: '0000011', [-1]: '010', [-2]: '000010', [-3]: '0000010' };
const EOFB = '000000000001000000000001';

class BitWriter {
  private bytes: number[] = [];
  private current = 0;
  private used = 0;

  write(bits: string): void {
    for (let i = 0; i < bits.length; i++) {
      this.current = (this.current << 1) | (bits.charCodeAt(i) === 49 ? 1 : 0);
      this.used += 1;
      if (this.used === 8) {
        this.bytes.push(this.current);
        this.current = 0;
        this.used = 0;
      }
    }
  }

  finish(): Uint8Array {
    if (this.used > 0) this.bytes.push(this.current << (8 - this.used));
    return Uint8Array.from(this.bytes);
  }
}

const writeRun = (out: BitWriter, run: number, black: boolean): void => {
  let left = run;
  while (left >= 2560) {
    out.write(MAKEUP_SHARED[MAKEUP_SHARED.length - 1]!);
    left -= 2560;
  }
  if (left >= 64) {
    const units = Math.floor(left / 64);
    out.write(units >= 28 ? MAKEUP_SHARED[units - 28]! : (black ? MAKEUP_BLACK : MAKEUP_WHITE)[units - 1]!);
    left -= units * 64;
  }
  out.write((black ? TERM_BLACK : TERM_WHITE)[left]!);
};

/** The first position ≥ `from` whose pixel differs from the one before it (the pixel before 0 is white), or `width`. */
const nextChange = (line: Uint8Array, from: number, width: number): number => {
  for (let p = Math.max(0, from); p < width; p++) if (line[p] !== (p === 0 ? 0 : line[p - 1])) return p;
  return width;
};

/** The first change ≥ `from` on the reference line to the given colour, or `width`. */
const nextChangeTo = (line: Uint8Array, from: number, colour: number, width: number): number => {
  for (let p = Math.max(0, from); p < width; p++) if (line[p] === colour && line[p] !== (p === 0 ? 0 : line[p - 1])) return p;
  return width;
};

export const encodeG4 = (pixels: Uint8Array, width: number, height: number): Uint8Array => {
  const out = new BitWriter();
  let reference = new Uint8Array(width);
  for (let y = 0; y < height; y++) {
    const line = pixels.subarray(y * width, (y + 1) * width);
    let a0 = 0;
    let colour = 0;
    let start = true;
    while (a0 < width) {
      // a0 starts before the first pixel: at the start of a line the first pixel itself may be a change.
      const after = start ? a0 : a0 + 1;
      const a1 = ((): number => {
        for (let p = after; p < width; p++) if (line[p] !== colour) return p;
        return width;
      })();
      const b1 = nextChangeTo(reference, after, 1 - colour, width);
      const b2 = nextChange(reference, b1 + 1, width);
      if (b2 < a1) {
        out.write(PASS);
        a0 = b2;
        start = false;
        continue;
      }
      const d = a1 - b1;
      if (d >= -3 && d <= 3) {
        out.write(VERTICAL[d]!);
        a0 = a1;
        colour = 1 - colour;
        start = false;
        continue;
      }
      const a2 = ((): number => {
        for (let p = a1 + 1; p < width; p++) if (line[p] === colour) return p;
        return width;
      })();
      out.write(HORIZONTAL);
      writeRun(out, a1 - a0, colour === 1);
      writeRun(out, a2 - a1, colour !== 1);
      a0 = a2;
      start = false;
    }
    reference = Uint8Array.from(line);
  }
  out.write(EOFB);
  return out.finish();
};
