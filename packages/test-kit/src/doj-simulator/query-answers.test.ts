import { encodeFrame, fieldValue, type Message } from '@ccpor/carpos-protocol';
import * as E from 'fp-ts/Either';
import { connectDojTestClient, type DojTestClient } from './doj-client';
import { parseSeedText } from './seed-records';
import { type DojSimulator, startDojSimulator } from './simulator';

// Queries and court listings against the simulated DOJ: each form, DOJ's own fields, paging,
// expiry, and records seeded as if other agencies had keyed them at a CLETS terminal.

const LA_COURT = 'CA019015J';
const ORANGE_COURT = 'CA030015J';
const LA_SHERIFF = 'CA0194200';
const ORANGE_SHERIFF = 'CA0300000';

const fieldsOf = (values: Record<string, string | string[]>) => values;
const record = (n: number, overrides: Record<string, string | string[]> = {}, extra: Record<string, unknown> = {}) => ({
  enteringOri: LA_SHERIFF,
  fields: fieldsOf({
    NAM: `PERSON,NUMBER${String.fromCharCode(65 + (n % 26))}`,
    SEX: 'M',
    RAC: 'W',
    DOB: '19800101',
    HGT: '510',
    WGT: '180',
    HAI: 'BRO',
    OCA: `OCA${n}`,
    PNO: `26FL${String(n).padStart(6, '0')}`,
    CTI: LA_COURT,
    ISD: '20260101',
    EXP: '20290101',
    PPN: 'VICTIM,ANA',
    ...overrides,
  }),
  ...extra,
});

let simulator: DojSimulator;
let c: DojTestClient;

const ask = async (request: Message): Promise<Message[]> => {
  const before = c.frames.length;
  const sent = await c.send(request);
  if (E.isLeft(sent)) throw new Error(`the query did not encode: ${JSON.stringify(sent.left)}`);
  await c.waitForFrames(before + 1);
  // A page arrives as HCT frames; wait for all of them.
  const first = c.frames[before];
  const firstMessage = first !== undefined && E.isRight(first.message) ? first.message.right : undefined;
  const count = firstMessage?.key === 'QHT' ? Number(fieldValue(firstMessage, 'HCT')) : 1;
  const frames = await c.waitForFrames(before + count);
  return frames.slice(before, before + count).map((f) => (E.isRight(f.message) ? f.message.right : { key: 'UNDECODABLE', ori: '', fields: [] }));
};
const qpo = (...fields: [string, string][]): Message => ({ key: 'QPO', ori: LA_COURT, fields: fields.map(([code, value]) => ({ code, values: [value] })) });
const all = (m: Message): Record<string, string> => Object.fromEntries(m.fields.map((f) => [f.code, f.values.join(';')]));

beforeAll(async () => {
  simulator = await startDojSimulator({ now: () => new Date('2026-11-20T18:00:00Z'), pageSize: 3, maxPageSize: 5 });
  const seeded = simulator.seed([
    record(1, { NAM: 'GARCIA,MIGUEL ANGEL', DOB: '19850704', PNO: '26FL000001' }, { fcn: '2320260000001', enteredOn: '20260105', updatedOn: '20260302' }),
    record(2, { NAM: 'GARCIA,MIGUEL', DOB: '19850704', PNO: '25FL000077', CTI: ORANGE_COURT, EXP: 'NONEXP' }, { enteringOri: ORANGE_SHERIFF, fcn: '1230250000077' }),
    record(3, { NAM: 'GARCIA,MIGUEL', DOB: '19850704', PNO: '20FL000003', EXP: '20231231' }, { fcn: '2320200000003' }),
    record(4, { NAM: 'GARCIA,MIGUEL', DOB: '19850704', PNO: '24FL000004' }, { fcn: '2320240000004', status: 'cleared' }),
    record(5, { NAM: 'GARCIA,MIGUEL', DOB: '19900101', PNO: '24FL000005' }, { fcn: '2320240000005' }),
    ...Array.from({ length: 12 }, (_, i) => record(100 + i, {}, { fcn: `23202600001${String(i).padStart(2, '0')}` })),
  ]);
  if (E.isLeft(seeded)) throw new Error(JSON.stringify(seeded.left));
  c = await connectDojTestClient(simulator.port);
});
afterAll(async () => {
  await c.close();
  await simulator.close();
});

describe('queries about a person or a record', () => {
  it('by name with date of birth: records in force in every county, with DOJ’s own fields', async () => {
    const hits = await ask(qpo(['NAM', 'GARCIA,MIGUEL'], ['DOB', '19850704']));
    expect(hits.map((h) => [h.key, fieldValue(h, 'FCN'), fieldValue(h, 'CTI'), fieldValue(h, 'STS'), fieldValue(h, 'HSQ'), fieldValue(h, 'HCT'), fieldValue(h, 'TOT')])).toEqual([
      ['QHT', '1230250000077', ORANGE_COURT, 'A', '1', '2', '2'],
      ['QHT', '2320260000001', LA_COURT, 'A', '2', '2', '2'],
    ]);
    expect(all(hits[1] ?? qpo())).toEqual(
      expect.objectContaining({ MRI: expect.any(String), NIC: expect.stringMatching(/^H\d{9}$/), DTE: '20260105', DLU: '20260302', EAG: LA_SHERIFF, PPN: 'VICTIM,ANA' }),
    );
    // No continuation token: this was the only page.
    expect(hits.every((h) => fieldValue(h, 'CTK') === undefined)).toBe(true);
  });

  it('sex and race narrow a name query; another DOB matches nothing', async () => {
    expect((await ask(qpo(['NAM', 'GARCIA,MIGUEL'], ['DOB', '19850704'], ['RAC', 'B'])))[0]?.key).toBe('QNH');
    const none = await ask(qpo(['NAM', 'GARCIA,MIGUEL'], ['DOB', '19850705']));
    expect(none.map((m) => [m.key, all(m)])).toEqual([['QNH', expect.objectContaining({ NAM: 'GARCIA,MIGUEL', DOB: '19850705' })]]);
  });

  it('by FCN or NIC: the record whatever its state, expired (E) and cleared (C) included', async () => {
    const [expired] = await ask(qpo(['FCN', '2320200000003']));
    expect(fieldValue(expired ?? qpo(), 'STS')).toBe('E');
    const [cleared] = await ask(qpo(['FCN', '2320240000004']));
    expect(fieldValue(cleared ?? qpo(), 'STS')).toBe('C');
    const nic = fieldValue(cleared ?? qpo(), 'NIC') ?? '';
    const [byNic] = await ask(qpo(['NIC', nic]));
    expect(fieldValue(byNic ?? qpo(), 'FCN')).toBe('2320240000004');
    // FCN and NIC of two different records: no such record.
    expect((await ask(qpo(['FCN', '2320260000001'], ['NIC', nic])))[0]?.key).toBe('QNH');
  });

  it('by court case number and issuing court: a case number alone is not enough, the court tells cases apart', async () => {
    const [hit] = await ask(qpo(['PNO', '25FL000077'], ['CTI', ORANGE_COURT]));
    expect([hit?.key, fieldValue(hit ?? qpo(), 'FCN')]).toEqual(['QHT', '1230250000077']);
    expect((await ask(qpo(['PNO', '25FL000077'], ['CTI', LA_COURT])))[0]?.key).toBe('QNH');
  });

  it('pages a large answer in FCN order: every record once, in pages of the size asked for, up to the most DOJ honours', async () => {
    const seen: string[] = [];
    const pageSizes: number[] = [];
    let token: string | undefined;
    do {
      const page = await ask(qpo(['NAM', 'PERSON,NUMBER'], ['DOB', '19800101'], ['PGS', '9'], ...(token !== undefined ? ([['CTK', token]] as [string, string][]) : [])));
      pageSizes.push(page.length);
      seen.push(...page.map((h) => fieldValue(h, 'FCN') ?? ''));
      expect(new Set(page.map((h) => fieldValue(h, 'TOT')))).toEqual(new Set(['12']));
      token = fieldValue(page[0] ?? qpo(), 'CTK');
      // Every hit of a page carries the same token.
      expect(new Set(page.map((h) => fieldValue(h, 'CTK')))).toEqual(new Set([token]));
    } while (token !== undefined);
    expect(pageSizes).toEqual([5, 5, 2]);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(12);
  });

  it('a record entered between two pages lands in a later page, never shifting one already sent', async () => {
    const first = await ask(qpo(['NAM', 'PERSON,NUMBER'], ['DOB', '19800101']));
    const token = fieldValue(first[0] ?? qpo(), 'CTK') ?? '';
    const added = simulator.seed([record(200, {}, { fcn: '2320269999999' })]);
    expect(E.isRight(added)).toBe(true);
    const rest: string[] = [];
    let next: string | undefined = token;
    while (next !== undefined) {
      const page = await ask(qpo(['NAM', 'PERSON,NUMBER'], ['DOB', '19800101'], ['CTK', next]));
      rest.push(...page.map((h) => fieldValue(h, 'FCN') ?? ''));
      next = fieldValue(page[0] ?? qpo(), 'CTK');
    }
    expect([...first.map((h) => fieldValue(h, 'FCN')), ...rest]).toHaveLength(13);
    expect(rest[rest.length - 1]).toBe('2320269999999');
    simulator.records.remove('2320269999999');
  });

  it('refuses a continuation token it did not give', async () => {
    const [reject] = await ask(qpo(['NAM', 'PERSON,NUMBER'], ['DOB', '19800101'], ['CTK', 'X123']));
    expect([reject?.key, fieldValue(reject ?? qpo(), 'ERC'), fieldValue(reject ?? qpo(), 'ERF')]).toEqual(['REJ', 'TOK', 'CTK']);
  });

  it('rejects a name without a date of birth, naming DOB', async () => {
    // Sent as a raw frame: the test client refuses to encode it.
    const frame = encodeFrame({ messageId: 'Q0000099', payload: 'QPO.CA019015J.NAM/GARCIA,MIGUEL.' });
    if (E.isLeft(frame)) throw new Error(frame.left.message);
    const before = c.frames.length;
    c.sendBytes(frame.right);
    const reject = (await c.waitForFrames(before + 1)).slice(before).map((f) => (E.isRight(f.message) ? f.message.right : undefined))[0];
    expect([reject?.key, fieldValue(reject ?? qpo(), 'ERC'), fieldValue(reject ?? qpo(), 'ERF')]).toEqual(['REJ', 'REQ', 'DOB']);
  });
});

describe('the court listing (QPL)', () => {
  it('lists a court’s records in force, leaving out expired and cleared ones, a page at a time', async () => {
    const fcns: string[] = [];
    let token: string | undefined;
    do {
      const page = await ask({ key: 'QPL', ori: LA_COURT, fields: [{ code: 'CTI', values: [LA_COURT] }, ...(token !== undefined ? [{ code: 'CTK', values: [token] }] : [])] });
      fcns.push(...page.map((h) => fieldValue(h, 'FCN') ?? ''));
      token = fieldValue(page[0] ?? qpo(), 'CTK');
    } while (token !== undefined);
    // Records 1 and 5 and the twelve; not 3 (expired 2023) nor 4 (cleared), nor Orange County's.
    expect(fcns).toHaveLength(14);
    expect(fcns).not.toContain('2320200000003');
    expect(fcns).not.toContain('2320240000004');
    expect(fcns).not.toContain('1230250000077');
  });

  it('answers a court with nothing on file with a no-hit naming the court', async () => {
    const [none] = await ask({ key: 'QPL', ori: LA_COURT, fields: [{ code: 'CTI', values: ['CA037015J'] }] });
    expect(none).toEqual({ key: 'QNH', ori: LA_COURT, fields: [{ code: 'MRI', values: [expect.any(String)] }, { code: 'CTI', values: ['CA037015J'] }] });
  });
});

describe('seeding records', () => {
  it('refuses the whole batch when any record is wrong, naming each by its index', () => {
    const before = simulator.records.size;
    const result = simulator.seed([record(300), record(301, { SEX: 'Q' }), { fields: {} }, record(302, {}, { fcn: '2320260000001' })]);
    expect(E.isLeft(result) && result.left.map((p) => [p.index, p.message])).toEqual([
      [1, expect.stringContaining('SEX')],
      [2, expect.stringContaining('enteringOri')],
      [3, 'FCN 2320260000001 is already on file'],
    ]);
    expect(simulator.records.size).toBe(before);
  });

  it('gives records without numbers an FCN and NIC that no seeded record holds', async () => {
    const result = simulator.seed([record(400)]);
    const added = E.isRight(result) ? result.right[0] : undefined;
    expect(added?.fcn).toMatch(/^\d{13}$/);
    const ack = await ask({ key: 'EPO', ori: LA_SHERIFF, fields: Object.entries(record(401).fields).map(([code, v]) => ({ code, values: typeof v === 'string' ? [v] : v })) });
    expect(fieldValue(ack[0] ?? qpo(), 'FCN')).not.toBe(added?.fcn);
    expect(simulator.records.size).toBe(new Set(simulator.records.all().map((r) => r.nic)).size);
  });

  it('reads JSON Lines and JSON arrays, and says which line is not JSON', () => {
    expect(parseSeedText('{"a":1}\n\n{"b":2}\n')).toEqual(E.right([{ a: 1 }, { b: 2 }]));
    expect(parseSeedText('[{"a":1}]')).toEqual(E.right([{ a: 1 }]));
    expect(parseSeedText('{"a":1}\n{oops}\n')).toEqual(E.left([expect.objectContaining({ index: 1, message: expect.stringContaining('line 2 is not JSON') })]));
  });
});
