import fc from 'fast-check';
import { agencyPrefixFromOri, formatFcn, formatNic, IdentifierAuthority, isValidNic, luhnCheckDigit } from './identifiers';

describe('FCN assignment', () => {
  it('derives a stable 3-digit agency prefix from the ORI', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'), minLength: 9, maxLength: 9 }), (ori) => {
        const prefix = agencyPrefixFromOri(ori);
        expect(prefix).toMatch(/^\d{3}$/);
        expect(agencyPrefixFromOri(ori)).toBe(prefix);
      }),
    );
    expect(agencyPrefixFromOri('CA0190000')).not.toBe(agencyPrefixFromOri('CA0194200'));
  });

  it('writes 13 digits, the agency prefix first, and prefers a configured prefix', () => {
    const ids = new IdentifierAuthority({ CA0194200: '232' });
    expect(ids.nextFcn('CA0194200')).toBe('2320000000001');
    expect(ids.nextFcn('CA0190000')).toBe(`${agencyPrefixFromOri('CA0190000')}0000000002`);
    expect(formatFcn('007', 42)).toBe('0070000000042');
  });
});

describe('NIC assignment', () => {
  it('uses the Luhn check digit over the letter position and the sequence', () => {
    expect(luhnCheckDigit('7992739871')).toBe(3);
    expect(formatNic('H', 1)).toBe(`H00000001${luhnCheckDigit('0800000001')}`);
    expect(new IdentifierAuthority().nextNic()).toMatch(/^H\d{9}$/);
  });

  it('accepts every NIC it issues and refuses any single changed digit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 1e6 }), (sequence, shift, where) => {
        const nic = formatNic('H', sequence);
        expect(isValidNic(nic)).toBe(true);
        const at = 1 + (where % 9);
        const changed = nic.slice(0, at) + String((Number(nic.charAt(at)) + shift) % 10) + nic.slice(at + 1);
        expect(isValidNic(changed)).toBe(false);
      }),
    );
    expect(isValidNic('H12345678')).toBe(false);
    expect(isValidNic('h123456789')).toBe(false);
  });
});
