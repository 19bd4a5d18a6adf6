import type { Prng } from './prng';

export type TypoKind = 'deletion' | 'substitution' | 'insertion' | 'transposition';
export const TYPO_KINDS: readonly TypoKind[] = ['deletion', 'substitution', 'insertion', 'transposition'];

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

const isLetter = (c: string | undefined): boolean => c !== undefined && c >= 'A' && c <= 'Z';

/**
 * One keyboard slip in a name: a letter dropped, replaced, added or swapped with its neighbour.
 * The first letter stays a letter (the registry's name rule), the result always differs from the
 * input, and names of one or two letters only ever grow.
 */
export const typo = (name: string, kind: TypoKind, rng: Prng): string => {
  const letterPositions = [...name].flatMap((c, i) => (isLetter(c) ? [i] : []));
  const effective: TypoKind = name.length <= 2 && (kind === 'deletion' || kind === 'transposition') ? 'insertion' : kind;
  for (let attempt = 0; attempt < 20; attempt++) {
    const i = rng.pick(letterPositions);
    let out: string;
    switch (effective) {
      case 'deletion':
        out = name.slice(0, i) + name.slice(i + 1);
        break;
      case 'substitution':
        out = name.slice(0, i) + rng.pick([...LETTERS]) + name.slice(i + 1);
        break;
      case 'insertion':
        out = name.slice(0, i + 1) + rng.pick([...LETTERS]) + name.slice(i + 1);
        break;
      case 'transposition':
        if (!isLetter(name[i + 1])) continue;
        out = name.slice(0, i) + name[i + 1]! + name[i]! + name.slice(i + 2);
        break;
    }
    if (out !== name && isLetter(out[0]) && out.length >= 2) return out;
  }
  return `${name}${name.endsWith('S') ? 'Z' : 'S'}`;
};
