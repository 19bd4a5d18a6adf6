import { describe, expect, it } from 'vitest';
import { parseCounty, parseEyes, parseHair, parseHeight, parsePcoCodes, parseRace, parseSex, parseTypedDate, parseTypedTime, parseWeight, typedDate } from './typed-entry';

describe('what a clerk types', () => {
  it('dates as mmddyyyy without separators, and with them', () => {
    expect(parseTypedDate('03152026')).toEqual({ ok: true, value: '2026-03-15' });
    expect(parseTypedDate('3/5/2026')).toEqual({ ok: true, value: '2026-03-05' });
    expect(parseTypedDate('02302026').ok).toBe(false);
    expect(parseTypedDate('2026-03-15').ok).toBe(false);
    expect(typedDate('2026-03-15')).toBe('03152026');
  });
  it('times as hhmm on the 24-hour clock', () => {
    expect(parseTypedTime('0930')).toEqual({ ok: true, value: '09:30' });
    expect(parseTypedTime('14:05')).toEqual({ ok: true, value: '14:05' });
    expect(parseTypedTime('2460').ok).toBe(false);
  });
  it('code fields take the code or the word', () => {
    expect(parseSex('m')).toEqual({ ok: true, value: 'M' });
    expect(parseSex('female')).toEqual({ ok: true, value: 'F' });
    expect(parseRace('W')).toMatchObject({ ok: true, value: 'W' });
    expect(parseEyes('brown')).toMatchObject({ ok: true });
    expect(parseHair('BLK')).toEqual({ ok: true, value: 'BLK' });
    expect(parseHair('plaid')).toMatchObject({ ok: false });
    expect(parseCounty('Los Angeles')).toEqual({ ok: true, value: '19' });
    expect(parseCounty('19')).toEqual({ ok: true, value: '19' });
    expect(parseCounty('9')).toEqual({ ok: true, value: '09' });
  });
  it('PCO codes, height and weight', () => {
    expect(parsePcoCodes('1, 5 07')).toEqual({ ok: true, value: ['01', '05', '07'] });
    expect(parsePcoCodes('10').ok).toBe(false);
    expect(parseHeight("5'10")).toEqual({ ok: true, value: '510' });
    expect(parseHeight('62')).toEqual({ ok: true, value: '602' });
    expect(parseWeight('95')).toEqual({ ok: true, value: '095' });
  });
});
