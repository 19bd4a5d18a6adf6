import * as E from 'fp-ts/Either';
import { readDate, readHeight, readRace, readSex, readTime, readEyes, readHair, splitFullName } from './printed-values';

describe('reading printed values', () => {
  it.each([
    ['03/14/2026', '2026-03-14'],
    ['3-4-26', '2026-03-04'],
    ['12/01/61', '1961-12-01'],
    ['2026-03-14', '2026-03-14'],
    ['March 14, 2026', '2026-03-14'],
    ['Sept. 2 2025', '2025-09-02'],
    [' 03 / 14 / 2026 ', '2026-03-14'],
  ])('reads the date %s', (raw, iso) => expect(readDate(raw)).toEqual(E.right(iso)));

  it.each(['14/2026', 'tomorrow', '03/14', ''])('refuses %j as a date with a sentence', (raw) => {
    const r = readDate(raw);
    expect(E.isLeft(r) && r.left).toMatch(/is not a date/);
  });

  it.each([
    ['9:00 a.m.', '09:00'],
    ['2:30 PM', '14:30'],
    ['12:15 am', '00:15'],
    ['14:30', '14:30'],
    ['0930', '09:30'],
    ['5 p.m.', '17:00'],
  ])('reads the time %s', (raw, hhmm) => expect(readTime(raw)).toEqual(E.right(hhmm)));

  it.each(['25:00', '13:00 pm', '9', 'noonish'])('refuses %j as a time', (raw) => expect(E.isLeft(readTime(raw))).toBe(true));

  it.each([
    [`5'10"`, '510'],
    ['5 ft 10 in', '510'],
    ['5-07', '507'],
    ['6', '600'],
    ['510', '510'],
    ['70 in', '510'],
  ])('reads the height %s as NCIC %s', (raw, ncic) => expect(readHeight(raw)).toEqual(E.right(ncic)));

  it('refuses a height with twelve inches or more', () => expect(E.isLeft(readHeight(`5'13"`))).toBe(true));

  it('reads NCIC codes written as codes or as words', () => {
    expect(readSex('Female')).toEqual(E.right('F'));
    expect(readSex('m')).toEqual(E.right('M'));
    expect(readRace('Hispanic')).toEqual(E.right('H'));
    expect(readRace('White')).toEqual(E.right('W'));
    expect(readEyes('Brown')).toEqual(E.right('BRO'));
    expect(readEyes('grey')).toEqual(E.right('GRY'));
    expect(readHair('Blonde')).toEqual(E.right('BLN'));
    expect(readHair('red')).toEqual(E.right('RED'));
    expect(E.isLeft(readEyes('violet'))).toBe(true);
  });

  it('splits a full name written either way', () => {
    expect(splitFullName('GARCIA, Maria Elena')).toEqual(E.right({ last: 'GARCIA', first: 'Maria', middle: 'Elena' }));
    expect(splitFullName('John Q Public')).toEqual(E.right({ last: 'Public', first: 'John', middle: 'Q' }));
    expect(E.isLeft(splitFullName('Cher'))).toBe(true);
  });
});
