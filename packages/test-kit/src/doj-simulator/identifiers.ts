/**
 * Record numbers the simulated DOJ assigns. The real assignment rules are not public; these
 * follow the known formats (docs/carpos-and-ncic.md) and are otherwise the simulator's own [I].
 *
 * FCN: 13 digits = 3-digit agency prefix + 10-digit sequence. DOJ assigns the prefix per
 * entering agency (232 is LASD); the simulator derives it from the ORI with FNV-1a (32-bit)
 * over the ORI's characters, modulo 1000, zero-padded — so the same ORI always gets the same
 * prefix — unless a prefix is configured for that ORI.
 *
 * NIC: a letter and nine digits, self-checking [S]; the letter for protection orders is
 * thought to be H [U]. Here the nine digits are an 8-digit sequence and a check digit: the
 * Luhn (mod 10) check digit over the letter's alphabet position as two digits (H = 08)
 * followed by the 8 sequence digits. The real NCIC check scheme is unverified [U].
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export const agencyPrefixFromOri = (ori: string): string => {
  let hash = FNV_OFFSET;
  for (let i = 0; i < ori.length; i += 1) {
    hash ^= ori.charCodeAt(i);
    hash = Math.imul(hash, FNV_PRIME) >>> 0;
  }
  return String(hash % 1000).padStart(3, '0');
};

export const formatFcn = (prefix: string, sequence: number): string => prefix + String(sequence % 1e10).padStart(10, '0');

/** Luhn check digit for a string of digits. */
export const luhnCheckDigit = (digits: string): number => {
  let sum = 0;
  // Doubling starts at the rightmost digit, because the check digit will follow it.
  for (let i = digits.length - 1, double = true; i >= 0; i -= 1, double = !double) {
    let d = digits.charCodeAt(i) - 0x30;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
};

const letterDigits = (letter: string): string => String(letter.charCodeAt(0) - 0x40).padStart(2, '0');

export const formatNic = (letter: string, sequence: number): string => {
  const body = String(sequence % 1e8).padStart(8, '0');
  return letter + body + String(luhnCheckDigit(letterDigits(letter) + body));
};

/** True when a NIC has the format and its check digit is right. */
export const isValidNic = (nic: string): boolean => {
  if (!/^[A-Z]\d{9}$/.test(nic)) return false;
  const body = nic.slice(1, 9);
  return luhnCheckDigit(letterDigits(nic.charAt(0)) + body) === Number(nic.charAt(9));
};

/** Hands out FCNs and NICs in sequence. */
export class IdentifierAuthority {
  private fcnSequence = 0;
  private nicSequence = 0;

  constructor(
    private readonly prefixes: Readonly<Record<string, string>> = {},
    private readonly nicLetter = 'H',
  ) {}

  prefixFor(ori: string): string {
    const configured = Object.hasOwn(this.prefixes, ori) ? this.prefixes[ori] : undefined;
    return configured ?? agencyPrefixFromOri(ori);
  }

  /** The next FCN for the agency; `taken` skips numbers already on file (seeded records). */
  nextFcn(ori: string, taken: (fcn: string) => boolean = () => false): string {
    for (;;) {
      this.fcnSequence += 1;
      const fcn = formatFcn(this.prefixFor(ori), this.fcnSequence);
      if (!taken(fcn)) return fcn;
    }
  }

  nextNic(taken: (nic: string) => boolean = () => false): string {
    for (;;) {
      this.nicSequence += 1;
      const nic = formatNic(this.nicLetter, this.nicSequence);
      if (!taken(nic)) return nic;
    }
  }
}
