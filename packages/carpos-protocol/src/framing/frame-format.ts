/**
 * The TCP frame (documented in the package README):
 *
 *   STX | LLLLL | IIIIIIII | payload | ETX | CCCC
 *
 * STX 0x02; LLLLL payload length in bytes, five decimal digits; IIIIIIII message id, eight
 * of 0-9 A-Z; payload Latin-1 text with no control characters; ETX 0x03; CCCC the
 * CRC-16/CCITT-FALSE of length, id and payload as four upper-case hex digits.
 */
export const STX = 0x02;
export const ETX = 0x03;
export const LENGTH_DIGITS = 5;
export const MESSAGE_ID_LENGTH = 8;
export const HEADER_LENGTH = 1 + LENGTH_DIGITS + MESSAGE_ID_LENGTH;
export const TRAILER_LENGTH = 1 + 4;
export const FRAME_OVERHEAD = HEADER_LENGTH + TRAILER_LENGTH;
export const MAX_PAYLOAD_LENGTH = 99_999;

/** Bytes a payload may hold: printable ASCII and printable Latin-1, so STX and ETX never occur inside. */
export const isPayloadByte = (b: number): boolean => (b >= 0x20 && b <= 0x7e) || b >= 0xa0;

export const isMessageIdByte = (b: number): boolean => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a);

export const isDigitByte = (b: number): boolean => b >= 0x30 && b <= 0x39;

const HEX = '0123456789ABCDEF';

export const hex4 = (n: number): string =>
  HEX.charAt((n >> 12) & 0xf) + HEX.charAt((n >> 8) & 0xf) + HEX.charAt((n >> 4) & 0xf) + HEX.charAt(n & 0xf);

/** Value of an upper-case hex digit byte, or -1. */
export const hexValue = (b: number): number => (b >= 0x30 && b <= 0x39 ? b - 0x30 : b >= 0x41 && b <= 0x46 ? b - 0x41 + 10 : -1);
