import { describe, expect, it } from '@jest/globals';
import { sha256Hex } from './sha256-hex';

describe('sha256Hex', () => {
  it('hashes the UTF-8 bytes of a text to lower-case hex (FIPS 180-2 test vectors)', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes characters outside ASCII as UTF-8, not Latin-1', () => {
    // sha256 of the bytes c3 a9 (é in UTF-8); e9 alone (Latin-1) would give de2e331d…
    expect(sha256Hex('\u00e9')).toBe('4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c');
  });
});
