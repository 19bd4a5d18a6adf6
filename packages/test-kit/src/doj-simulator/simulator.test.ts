import { encodeFrame, fieldValue, type Message } from '@ccpor/carpos-protocol';
import * as E from 'fp-ts/Either';
import { connect } from 'node:net';
import { connectDojTestClient, type DojTestClient, type ReceivedFrame } from './doj-client';
import { agencyPrefixFromOri, isValidNic } from './identifiers';
import { type DojSimulator, startDojSimulator } from './simulator';

const COURT = 'CA0190000';
const SHERIFF = 'CA0194200';

const entry = (overrides: Partial<Record<string, string[]>> = {}, ori = COURT): Message => {
  const fields: Record<string, string[]> = {
    NAM: ['GARCIA,MIGUEL ANGEL'],
    SEX: ['M'],
    RAC: ['W'],
    DOB: ['19850704'],
    HGT: ['509'],
    WGT: ['175'],
    HAI: ['BLK'],
    OCA: ['24DV004512'],
    PNO: ['24FL004512'],
    CTI: ['CA019015J'],
    ISD: ['20250310'],
    EXP: ['20280310'],
    PCO: ['01', '07'],
    PPN: ['GARCIA,ELENA'],
    ...overrides,
  };
  return {
    key: 'EPO',
    ori,
    fields: Object.entries(fields).flatMap(([code, values]) => (values === undefined || values.length === 0 ? [] : [{ code, values }])),
  };
};

const message = (frame: ReceivedFrame | undefined): Message => {
  if (frame === undefined) throw new Error('no frame');
  if (E.isLeft(frame.message)) throw new Error(`undecodable frame: ${JSON.stringify(frame.message.left)}`);
  return frame.message.right;
};

const summary = (m: Message): Record<string, string> => Object.fromEntries(m.fields.map((f) => [f.code, f.values.join(';')]));

let simulator: DojSimulator;
const clients: DojTestClient[] = [];
const client = async (): Promise<DojTestClient> => {
  const c = await connectDojTestClient(simulator.port);
  clients.push(c);
  return c;
};

/** Sends and waits for the next `answers` frames on this client. */
const exchange = async (c: DojTestClient, request: Message, answers = 1): Promise<Message[]> => {
  const before = c.frames.length;
  const sent = await c.send(request);
  if (E.isLeft(sent)) throw new Error(`test message did not encode: ${JSON.stringify(sent.left)}`);
  const frames = await c.waitForFrames(before + answers);
  return frames.slice(before, before + answers).map(message);
};

/** Enters an order and returns its FCN and NIC. */
const enter = async (c: DojTestClient, request: Message = entry()): Promise<{ fcn: string; nic: string }> => {
  const [ack] = await exchange(c, request);
  if (ack?.key !== 'ACK') throw new Error(`entry not acknowledged: ${JSON.stringify(ack)}`);
  return { fcn: fieldValue(ack, 'FCN') ?? '', nic: fieldValue(ack, 'NIC') ?? '' };
};

beforeEach(async () => {
  // DOJ's clock is fixed, so which records have expired does not depend on the day the tests run.
  simulator = await startDojSimulator({ port: 0, agencyPrefixes: { [SHERIFF]: '232' }, now: () => new Date('2026-03-15T20:00:00Z') });
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await simulator.close();
});

describe('the simulated DOJ', () => {
  it('acknowledges an entry with a new FCN and NIC and echoes the request id, name and OCA', async () => {
    const c = await client();
    const sent = await c.send(entry(), '00000017');
    expect(sent).toEqual(E.right('00000017'));
    const [frame] = await c.waitForFrames(1);
    const ack = message(frame);
    expect(ack.key).toBe('ACK');
    expect(ack.ori).toBe(COURT);
    const fields = summary(ack);
    expect(fields).toEqual(expect.objectContaining({ MRI: '00000017', NAM: 'GARCIA,MIGUEL ANGEL', OCA: '24DV004512' }));
    expect(fields.FCN).toMatch(new RegExp(`^${agencyPrefixFromOri(COURT)}\\d{10}$`));
    expect(isValidNic(fields.NIC ?? '')).toBe(true);
    expect(simulator.records.find(fields.FCN, fields.NIC)?.status).toBe('active');
  });

  it('uses a configured agency prefix in the FCN', async () => {
    const { fcn } = await enter(await client(), entry({}, SHERIFF));
    expect(fcn.startsWith('232')).toBe(true);
  });

  it('rejects an invalid message naming the field in error', async () => {
    const c = await client();
    // Written as raw frames: the test client would refuse to encode these.
    const cases = [
      ['00000005', 'EPO.CA0190000.NAM/GARCIA,MIGUEL.SEX/Q.', { ERC: 'TAB', ERF: 'SEX' }],
      ['00000006', 'EPO.CA0190000.NAM/GARCIA,MIGUEL.SEX/M.', { ERC: 'REQ', ERF: 'RAC' }],
      ['00000007', 'EPO.CA0190000.NAM/GARCIA,MIGUEL.FCN/2320000000001.', { ERC: 'UNK', ERF: 'FCN' }],
    ] as const;
    for (const [id, text] of cases) {
      const frame = encodeFrame({ messageId: id, payload: text });
      if (E.isLeft(frame)) throw new Error(frame.left.message);
      c.sendBytes(frame.right);
    }
    const answers = (await c.waitForFrames(3)).map(message);
    cases.forEach(([id, , expected], i) => {
      expect(answers[i]?.key).toBe('REJ');
      expect(summary(answers[i] ?? entry())).toEqual(expect.objectContaining({ MRI: id, ...expected }));
    });
    expect(simulator.records.size).toBe(0);
  });

  it('rejects damaged text as a format error and logs bytes that were not a frame', async () => {
    const c = await client();
    await enter(c);
    c.sendBytes(Uint8Array.from('NOISE', (ch) => ch.charCodeAt(0)));
    const frame = encodeFrame({ messageId: '00000009', payload: 'QPO.CA0190000.NAM/DOE\\X.' });
    if (E.isLeft(frame)) throw new Error(frame.left.message);
    c.sendBytes(frame.right);
    const [reject] = (await c.waitForFrames(2)).slice(1);
    expect(message(reject).ori).toBe(COURT);
    expect(summary(message(reject))).toEqual(expect.objectContaining({ MRI: '00000009', ERC: 'FMT', ERF: 'NAM' }));
    expect(simulator.exchanges).toContainEqual(expect.objectContaining({ kind: 'skipped', length: 5, reasons: ['noise'] }));
  });

  it('rejects modify, cancel, clear and service of an unknown record', async () => {
    const c = await client();
    const unknown = '2320000009999';
    const requests: Message[] = [
      { key: 'MPO', ori: COURT, fields: [{ code: 'FCN', values: [unknown] }, { code: 'WGT', values: ['180'] }] },
      { key: 'XPO', ori: COURT, fields: [{ code: 'FCN', values: [unknown] }] },
      { key: 'CPO', ori: COURT, fields: [{ code: 'FCN', values: [unknown] }, { code: 'CLD', values: ['20260101'] }] },
      { key: 'SPO', ori: SHERIFF, fields: [{ code: 'FCN', values: [unknown] }, { code: 'NAM', values: ['DOE,JOHN'] }, { code: 'SBY', values: ['RIVERA,DANIEL'] }, { code: 'SDT', values: ['20250312'] }, { code: 'STM', values: ['1845'] }, { code: 'SAG', values: [SHERIFF] }] },
    ];
    for (const request of requests) {
      const [answer] = await exchange(c, request);
      expect({ key: answer?.key, ...summary(answer ?? entry()) }).toEqual(expect.objectContaining({ key: 'REJ', ERC: 'NRF', ERF: 'FCN' }));
    }
  });

  it('applies a modification from the entering agency only', async () => {
    const court = await client();
    const sheriff = await client();
    const { fcn, nic } = await enter(court);
    const change: Message = { key: 'MPO', ori: COURT, fields: [{ code: 'NIC', values: [nic] }, { code: 'WGT', values: ['182'] }, { code: 'PCO', values: ['01', '04', '07'] }] };
    const [notOwner] = await exchange(sheriff, { ...change, ori: SHERIFF });
    expect(summary(notOwner ?? entry())).toEqual(expect.objectContaining({ ERC: 'AUT', ERF: 'ORI' }));
    const [ack] = await exchange(court, change);
    expect(ack?.key).toBe('ACK');
    expect(simulator.records.find(fcn, undefined)?.fields.get('PCO')).toEqual(['01', '04', '07']);
    const badNic = `${nic.slice(0, 9)}${(Number(nic.charAt(9)) + 1) % 10}`;
    const [checkDigit] = await exchange(court, { ...change, fields: [{ code: 'NIC', values: [badNic] }, { code: 'WGT', values: ['183'] }] });
    expect(summary(checkDigit ?? entry())).toEqual(expect.objectContaining({ ERC: 'CHR', ERF: 'NIC' }));
  });

  it('refuses changes to a cancelled or cleared record', async () => {
    const c = await client();
    const first = await enter(c);
    const second = await enter(c, entry({ PNO: ['24FL009999'] }));
    expect((await exchange(c, { key: 'XPO', ori: COURT, fields: [{ code: 'FCN', values: [first.fcn] }] }))[0]?.key).toBe('ACK');
    expect((await exchange(c, { key: 'CPO', ori: COURT, fields: [{ code: 'FCN', values: [second.fcn] }, { code: 'CLD', values: ['20260115'] }] }))[0]?.key).toBe('ACK');
    for (const fcn of [first.fcn, second.fcn]) {
      const [answer] = await exchange(c, { key: 'MPO', ori: COURT, fields: [{ code: 'FCN', values: [fcn] }, { code: 'WGT', values: ['190'] }] });
      expect(summary(answer ?? entry())).toEqual(expect.objectContaining({ ERC: 'INA', ERF: 'FCN' }));
    }
    expect(simulator.records.find(first.fcn, undefined)?.status).toBe('cancelled');
    expect(simulator.records.find(second.fcn, undefined)?.status).toBe('cleared');
  });

  it('rejects a duplicate of an active record', async () => {
    const c = await client();
    const { fcn } = await enter(c);
    const [answer] = await exchange(c, entry());
    expect(summary(answer ?? entry())).toEqual(expect.objectContaining({ ERC: 'DUP', ERF: 'PNO', FCN: fcn }));
  });

  it('records service by another agency and notifies the entering agency', async () => {
    const court = await client();
    const sheriff = await client();
    const { fcn } = await enter(court);
    const service: Message = {
      key: 'SPO',
      ori: SHERIFF,
      fields: [
        { code: 'FCN', values: [fcn] },
        { code: 'NAM', values: ['GARCIA,MIGUEL ANGEL'] },
        { code: 'SBY', values: ['RIVERA,DANIEL'] },
        { code: 'SDT', values: ['20250312'] },
        { code: 'STM', values: ['1845'] },
        { code: 'SAG', values: [SHERIFF] },
      ],
    };
    const [wrongName] = await exchange(sheriff, { ...service, fields: service.fields.map((f) => (f.code === 'NAM' ? { code: 'NAM', values: ['GARCIA,MIGUEL'] } : f)) });
    expect(summary(wrongName ?? entry())).toEqual(expect.objectContaining({ ERC: 'NRF', ERF: 'NAM' }));
    const [ack] = await exchange(sheriff, service);
    expect(ack?.key).toBe('ACK');
    const [notice] = (await court.waitForFrames(2)).slice(1).map(message);
    expect(notice?.key).toBe('$H');
    expect(notice?.ori).toBe(COURT);
    expect(summary(notice ?? entry())).toEqual(expect.objectContaining({ NTY: 'SRV', FCN: fcn, SBY: 'RIVERA,DANIEL', SDT: '20250312', STM: '1845', SAG: SHERIFF }));
    expect(simulator.exchanges).toContainEqual(expect.objectContaining({ kind: 'sent', message: notice, delivered: true }));
    expect(simulator.exchanges.find((x) => x.kind === 'sent' && x.message.key === '$H')).not.toHaveProperty('inReplyTo');
  });

  it('answers queries with one hit per record, or a no-hit', async () => {
    const c = await client();
    const first = await enter(c);
    await enter(c, entry({ PNO: ['25FL000001'], ISD: ['20250601'], EXP: ['20260601'] }));
    const hits = await exchange(c, { key: 'QPO', ori: SHERIFF, fields: [{ code: 'NAM', values: ['GARCIA,MIGUEL'] }, { code: 'DOB', values: ['19850704'] }] }, 2);
    expect(hits.map((h) => [h.key, h.ori, fieldValue(h, 'HSQ'), fieldValue(h, 'HCT'), fieldValue(h, 'STS')])).toEqual([
      ['QHT', SHERIFF, '1', '2', 'A'],
      ['QHT', SHERIFF, '2', '2', 'A'],
    ]);
    expect(summary(hits[0] ?? entry())).toEqual(expect.objectContaining({ FCN: first.fcn, PCO: '01;07', PPN: 'GARCIA,ELENA' }));
    const [byFcn] = await exchange(c, { key: 'QPO', ori: SHERIFF, fields: [{ code: 'FCN', values: [first.fcn] }] });
    expect(fieldValue(byFcn ?? entry(), 'HCT')).toBe('1');
    const [none] = await exchange(c, { key: 'QPO', ori: SHERIFF, fields: [{ code: 'NAM', values: ['SMITH,JOHN'] }, { code: 'DOB', values: ['19700101'] }] });
    expect(none).toEqual({
      key: 'QNH',
      ori: SHERIFF,
      fields: [{ code: 'MRI', values: [expect.stringMatching(/^\d{8}$/)] }, { code: 'NAM', values: ['SMITH,JOHN'] }, { code: 'DOB', values: ['19700101'] }],
    });
  });

  it('refuses response keys sent by an agency', async () => {
    const c = await client();
    const [answer] = await exchange(c, { key: 'QNH', ori: COURT, fields: [{ code: 'MRI', values: ['00000001'] }] });
    expect(summary(answer ?? entry())).toEqual(expect.objectContaining({ ERC: 'MKE', ERF: 'MKE' }));
  });

  it('records every exchange with the request it answers', async () => {
    const c = await client();
    await c.send(entry(), '0000000A');
    await c.waitForFrames(1);
    const received = simulator.exchanges.filter((x) => x.kind === 'received');
    const sent = simulator.exchanges.filter((x) => x.kind === 'sent');
    expect(received).toEqual([expect.objectContaining({ connection: 1, messageId: '0000000A', message: entry() })]);
    expect(sent).toEqual([expect.objectContaining({ connection: 1, inReplyTo: '0000000A', faults: [], delivered: true })]);
    expect(simulator.exchanges[0]).toEqual(expect.objectContaining({ kind: 'connection', connection: 1, event: 'opened' }));
  });
});

describe('fault injection', () => {
  const query = (name: string): Message => ({ key: 'QPO', ori: COURT, fields: [{ code: 'NAM', values: [name] }, { code: 'DOB', values: ['19700101'] }] });
  const sentFaults = () => simulator.exchanges.flatMap((x) => (x.kind === 'sent' ? [x.faults] : []));

  it('drops scheduled responses', async () => {
    simulator.setFaults({ drop: { on: [1] } });
    const c = await client();
    await c.send(query('ONE,A'));
    await c.send(query('TWO,B'));
    const frames = await c.waitForFrames(1);
    expect(fieldValue(message(frames[0]), 'NAM')).toBe('TWO,B');
    expect(sentFaults()).toEqual([['drop'], []]);
    expect(simulator.exchanges.filter((x) => x.kind === 'sent').map((x) => x.kind === 'sent' && x.delivered)).toEqual([false, true]);
  });

  it('duplicates a response', async () => {
    simulator.setFaults({ duplicate: { probability: 1 } });
    const c = await client();
    await c.send(query('ONE,A'));
    const frames = await c.waitForFrames(2);
    expect(frames[1]).toEqual(frames[0]);
  });

  it('delays a response', async () => {
    simulator.setFaults({ delay: { on: [1], ms: 150 } });
    const c = await client();
    const start = Date.now();
    await c.send(query('ONE,A'));
    await c.waitForFrames(1);
    expect(Date.now() - start).toBeGreaterThanOrEqual(140);
  });

  it('reorders a response behind the next one', async () => {
    simulator.setFaults({ reorder: { on: [1], holdMs: 2_000 } });
    const c = await client();
    await c.send(query('ONE,A'));
    await c.send(query('TWO,B'));
    const frames = await c.waitForFrames(2);
    expect(frames.map((f) => fieldValue(message(f), 'NAM'))).toEqual(['TWO,B', 'ONE,A']);
  });

  it('releases a held response after holdMs when nothing overtakes it', async () => {
    simulator.setFaults({ reorder: { on: [1], holdMs: 50 } });
    const c = await client();
    await c.send(query('ONE,A'));
    expect(fieldValue(message((await c.waitForFrames(1))[0]), 'NAM')).toBe('ONE,A');
  });

  it('garbles a byte so the client drops the frame', async () => {
    simulator.setFaults({ seed: 5, garble: { on: [1] } });
    const c = await client();
    await c.send(query('ONE,A'));
    await c.send(query('TWO,B'));
    const frames = await c.waitForFrames(1);
    expect(fieldValue(message(frames[0]), 'NAM')).toBe('TWO,B');
    expect(c.events[0]).toEqual(expect.objectContaining({ kind: 'skipped' }));
    expect(c.frames).toHaveLength(1);
  });

  it('closes the connection instead of answering', async () => {
    simulator.setFaults({ close: { on: [1] } });
    const c = await client();
    await c.send(query('ONE,A'));
    await c.closed();
    expect(c.frames).toHaveLength(0);
    await simulator.waitFor((xs) => xs.some((x) => x.kind === 'connection' && x.event === 'closed-by-fault'));
  });

  it('refuses connections on schedule', async () => {
    simulator.setFaults({ refuse: { on: [1] } });
    const refused = await client();
    await refused.closed();
    const accepted = await client();
    expect((await exchange(accepted, query('ONE,A')))[0]?.key).toBe('QNH');
    expect(simulator.exchanges.filter((x) => x.kind === 'connection').map((x) => x.kind === 'connection' && x.event)).toEqual(
      expect.arrayContaining(['refused', 'opened']),
    );
  });

  it('applies a plan to one connection only', async () => {
    const first = await client();
    const second = await client();
    simulator.setFaults({ drop: { probability: 1 } }, 1);
    await second.send(query('TWO,B'));
    await second.waitForFrames(1);
    await first.send(query('ONE,A'));
    await simulator.waitFor((xs) => xs.filter((x) => x.kind === 'sent').length === 2);
    expect(first.frames).toHaveLength(0);
    simulator.setFaults(undefined, 1);
    expect((await exchange(first, query('ONE,A')))[0]?.key).toBe('QNH');
  });

  it('reproduces the same faults from the same seed', async () => {
    const run = async (): Promise<string[][]> => {
      await simulator.close();
      simulator = await startDojSimulator({ faults: { seed: 42, drop: { probability: 0.3 }, duplicate: { probability: 0.3 } } });
      const c = await client();
      for (let i = 0; i < 20; i += 1) await c.send(query('SAME,Q'));
      await simulator.waitFor((xs) => xs.filter((x) => x.kind === 'sent').length === 20);
      return sentFaults().map((f) => [...f]);
    };
    const first = await run();
    const second = await run();
    expect(second).toEqual(first);
    expect(first.flat().length).toBeGreaterThan(0);
  });

  it('takes the whole link down and up again for a client that reconnects', async () => {
    const c = await client();
    simulator.setFaults({ close: { probability: 1 } });
    await c.send(query('ONE,A'));
    await c.closed();
    simulator.setFaults(undefined);
    const again = await client();
    expect((await exchange(again, query('ONE,A')))[0]?.key).toBe('QNH');
  });
});

describe('positional layout', () => {
  it('speaks the positional layout when asked', async () => {
    await simulator.close();
    simulator = await startDojSimulator({ layout: 'positional' });
    const c = await connectDojTestClient(simulator.port, { layout: 'positional' });
    clients.push(c);
    await c.send(entry());
    const [frame] = await c.waitForFrames(1);
    expect(frame?.payload).toMatch(/^ACK\.CA0190000\.\d{8}\.\d{13}\.H\d{9}\.GARCIA,MIGUEL ANGEL\.24DV004512\.$/);
  });
});

describe('raw sockets', () => {
  it('survives a client that sends garbage and disconnects', async () => {
    await new Promise<void>((resolve) => {
      const s = connect({ port: simulator.port, host: '127.0.0.1' }, () => {
        s.end(Buffer.from([2, 48, 48, 48, 57, 57, 0, 255, 3]));
      });
      s.on('close', () => resolve());
    });
    await simulator.waitFor((xs) => xs.some((x) => x.kind === 'connection' && x.event === 'closed'));
    const c = await client();
    expect((await exchange(c, { key: 'QPO', ori: COURT, fields: [{ code: 'NAM', values: ['A,B'] }, { code: 'DOB', values: ['19700101'] }] }))[0]?.key).toBe('QNH');
  });
});
