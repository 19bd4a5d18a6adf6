import { defaultDictionary } from './default-dictionary';
import { messageKeysFor, codeTableValues } from './dictionary-queries';
import { type MessageRole } from './dictionary-codec';

const d = defaultDictionary;

describe('the default dictionary', () => {
  it('has an id, a version and the document format', () => {
    expect(d.id).toBe('ccpor-default-carpos');
    expect(d.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(d.format).toBe('ccpor-carpos-dictionary/1');
  });

  it('defines the known and candidate fields of docs/carpos-and-ncic.md, service fields included', () => {
    const expected = ['NAM', 'SEX', 'RAC', 'DOB', 'HGT', 'WGT', 'EYE', 'HAI', 'ORI', 'OCA', 'PNO', 'CTI', 'ISD', 'EXP', 'BRD', 'PCO', 'PPN', 'PSX', 'PPR', 'PPB', 'MIS', 'FCN', 'NIC', 'SDT', 'STM', 'SBY', 'SAG'];
    expect(Object.keys(d.fields)).toEqual(expect.arrayContaining(expected));
  });

  it('has a message for every transaction and every response', () => {
    const roles: MessageRole[] = ['enter', 'modify', 'cancel', 'clear', 'service', 'query', 'list', 'acknowledgement', 'reject', 'hit', 'no-hit', 'notification'];
    for (const role of roles) expect(messageKeysFor(d, role).length).toBeGreaterThan(0);
    expect(messageKeysFor(d, 'enter')).toEqual(['EPO', 'ETO']);
  });

  it('marks as verified only what a public source confirms (the NIEM NCIC schemas and the OASIS ECF 5.0 model)', () => {
    const verifiedFields = Object.entries(d.fields).filter(([, field]) => field.verified).map(([code]) => code);
    expect(verifiedFields.sort()).toEqual(['PCO', 'PPR', 'PSX']);
    // Every message key and the text syntax are candidates [U] (docs/carpos-and-ncic.md) or project choices.
    expect(Object.values(d.messages).every((message) => !message.verified)).toBe(true);
    expect(d.syntax.verified).toBe(false);
    expect(d.verified).toBe(false);
    for (const field of Object.values(d.fields)) expect(field.source.length).toBeGreaterThan(20);
    const ncicTables = ['SEX', 'RACE', 'ETN', 'EYE', 'HAIR', 'SKIN', 'PCO', 'STATE'];
    for (const [name, table] of Object.entries(d.codeTables)) expect({ name, verified: table.verified }).toEqual({ name, verified: ncicTables.includes(name) });
  });

  it('marks the mandatory proof-of-service fields of the service message as sourced', () => {
    const spo = d.messages.SPO;
    const sourced = (spo?.fields ?? []).filter((rule) => rule.verified === true).map((rule) => `${rule.code}:${rule.presence}`);
    expect(sourced).toEqual(['FCN:required', 'NAM:required', 'SBY:required', 'SDT:required', 'STM:required', 'SAG:required']);
  });

  it('forbids the DOJ-assigned numbers in an entry', () => {
    const rules = d.messages.EPO?.fields ?? [];
    expect(rules.filter((rule) => rule.presence === 'forbidden').map((rule) => rule.code)).toEqual(['FCN', 'NIC']);
  });
});

describe('code tables (NIEM ncic_2000.xsd and ncic-5.0.1.xsd)', () => {
  it.each([
    ['SEX', ['F', 'M', 'U']],
    ['RACE', ['A', 'B', 'H', 'I', 'P', 'U', 'W']],
    ['ETN', ['H', 'N']],
    ['EYE', ['BLK', 'BLU', 'BRO', 'GRN', 'GRY', 'HAZ', 'MAR', 'MUL', 'PNK', 'XXX']],
    ['HAIR', ['BLD', 'BLK', 'BLN', 'BLU', 'BRO', 'GRN', 'GRY', 'ONG', 'PLE', 'PNK', 'RED', 'SDY', 'WHI', 'XXX']],
    ['SKIN', ['ALB', 'BLK', 'DBR', 'DRK', 'FAR', 'LBR', 'LGT', 'MBR', 'MED', 'OLV', 'RUD', 'SAL', 'YEL']],
    ['PCO', ['01', '02', '03', '04', '05', '06', '07', '08', '09']],
  ])('%s holds exactly the listed codes', (table, codes) => {
    expect(codeTableValues(d, table)).toEqual(codes);
  });

  it('keeps the official PCO wording, each beginning "(P)"', () => {
    const pco = d.codeTables.PCO?.values ?? [];
    expect(pco.every((value) => value.meaning.startsWith('(P) '))).toBe(true);
    expect(pco.find((value) => value.code === '05')?.meaning.endsWith('WOULD BE LIKELY')).toBe(true);
    expect(pco.find((value) => value.code === '07')?.meaning).toBe('(P) THE SUBJECT IS PROHIBITED FROM POSSESSING AND/OR PURCHASING A FIREARM OR OTHER WEAPON.');
  });

  it('notes the race codes added in NCIC 5.0.1', () => {
    const added = (d.codeTables.RACE?.values ?? []).filter((value) => value.note?.includes('5.0.1')).map((value) => value.code);
    expect(added).toEqual(['H', 'P']);
  });

  it('holds the 50 states, DC and 16 territories with NCIC spellings', () => {
    const states = codeTableValues(d, 'STATE');
    expect(states).toHaveLength(67);
    expect(states).toEqual(expect.arrayContaining(['CA', 'DC', 'NB', 'PR', 'GM', 'AM', 'VI']));
    // NCIC writes Nebraska NB, not the postal NE.
    expect(states).not.toContain('NE');
  });

  it('returns nothing for a table the dictionary lacks', () => {
    expect(codeTableValues(d, 'constructor')).toEqual([]);
  });
});
