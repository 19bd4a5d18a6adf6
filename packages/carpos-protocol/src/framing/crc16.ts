/**
 * CRC-16/CCITT-FALSE (polynomial 0x1021, initial 0xFFFF, no reflection, no final XOR).
 * Chosen over a one-byte LRC because it also catches the two-byte and burst errors a
 * noisy serial-to-TCP bridge produces. Check value: "123456789" → 0x29B1.
 */
const TABLE = ((): Uint16Array => {
  const table = new Uint16Array(256);
  for (let n = 0; n < 256; n += 1) {
    let crc = n << 8;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    table[n] = crc;
  }
  return table;
})();

export const crc16 = (bytes: Uint8Array, start = 0, end = bytes.length): number => {
  let crc = 0xffff;
  for (let i = start; i < end; i += 1) {
    crc = ((crc << 8) & 0xffff) ^ (TABLE[((crc >> 8) ^ (bytes[i] ?? 0)) & 0xff] ?? 0);
  }
  return crc;
};
