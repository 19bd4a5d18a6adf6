import * as E from 'fp-ts/Either';
import {
  expectExact,
  fold,
  orderDecider,
  orderStreamId,
  type Actor,
  type EventStore,
  type GlobalPosition,
  type OrderCommand,
  type OrderEvent,
} from '@ccpor/domain';

/** Test support: runs commands through the domain decider and appends what it decides. */

const ACTOR: Actor = { userId: 'clerk-1', agencyOri: 'CA019015J', roles: ['clerk'], kind: 'user' };

let eventCounter = 0;

/** Decides `commands` in order against the stream's current state and appends each decision. */
export const runCommands = async (store: EventStore, commands: readonly OrderCommand[]): Promise<GlobalPosition | undefined> => {
  let last: GlobalPosition | undefined;
  for (const command of commands) {
    const streamId = orderStreamId(command.orderId);
    const recorded = await store.readStream(streamId);
    const state = fold(recorded.map((r) => ({ type: r.type, schemaVersion: r.schemaVersion, data: r.data }) as OrderEvent));
    const decision = orderDecider.decide(command, state);
    if (E.isLeft(decision)) throw new Error(`${command.type} was rejected: ${decision.left.code} ${decision.left.message}`);
    if (decision.right.length === 0) continue;
    const appended = await store.append(
      streamId,
      decision.right.map((e) => ({
        type: e.type,
        schemaVersion: e.schemaVersion,
        data: e.data,
        metadata: { eventId: `evt-${++eventCounter}`, actor: ACTOR, correlationId: `corr-${eventCounter}`, recordedAt: command.at },
      })),
      expectExact(recorded.length),
    );
    if (E.isLeft(appended)) throw new Error(`append failed: ${JSON.stringify(appended.left)}`);
    last = appended.right.lastPosition;
  }
  return last;
};

/** Builds a command, with the order id and time filled in. */
export const command = (orderId: string, at: string, c: Record<string, unknown>): OrderCommand => ({ orderId, at, ...c }) as unknown as OrderCommand;

export const LA_COURT = { ori: 'CA019015J', county: '19', name: 'Superior Court of California, County of Los Angeles' };
export const ORANGE_COURT = { ori: 'CA030015J', county: '30', name: 'Superior Court of California, County of Orange' };
export const SHERIFF = 'CA0194200';

export const ORDER_A = '0a1c7a52-8d4e-4b6a-9c1d-2e5f7a9b0c11';
export const ORDER_B = '0b2d9e14-1a3c-4f5e-8b6d-0c2e4a6f8d10';
export const ORDER_C = '0c3e8f25-2b4d-4a6f-9c7e-1d3f5b7a9e21';
export const ORDER_D = '0d4f9a36-3c5e-4b7a-8d8f-2e4a6c8b0f32';
export const ORDER_E = '0e5a0b47-4d6f-4c8b-9e9a-3f5b7d9c1a43';

const sha = (c: string): string => c.repeat(64);
const image = (c: string) => ({ sha256: sha(c), mediaType: 'application/pdf', pages: 2, bytes: 1000, kind: 'order' });

export const draftDetailsA = {
  form: 'DV-130',
  court: LA_COURT,
  caseNumber: '26FL-001234',
  restrainedPerson: { name: { last: 'RIVERA', first: 'DANIEL', middle: 'JAMES' }, dateOfBirth: '1988-07-14', sex: 'M', race: 'H' },
  protectedPersons: [
    { name: { last: 'RIVERA', first: 'ANA' }, dateOfBirth: '1990-02-03', sex: 'F', race: 'H', confidential: false, minor: false },
    { name: { last: 'RIVERA', first: 'SOFIA' }, dateOfBirth: '2015-05-06', sex: 'F', confidential: true, minor: true },
  ],
  terms: 'Stay 100 yards away.',
  assignedAgencies: [SHERIFF],
};

/**
 * One order through its whole life (every order event type appears once or more), a discarded
 * draft, a clone, and an order in another county about the same pair with a one-letter slip in
 * the surname.
 */
export const lifecycleCommands = (): OrderCommand[] => [
  command(ORDER_A, '2026-03-02T10:20:00-08:00', { type: 'CreateDraft', enteringAgencyOri: LA_COURT.ori, details: draftDetailsA }),
  command(ORDER_A, '2026-03-02T10:25:00-08:00', { type: 'UpdateDraft', details: { issuedAt: '2026-03-02T10:15:00-08:00', sealed: true }, clear: ['terms'] }),
  command(ORDER_A, '2026-03-02T10:30:00-08:00', { type: 'AttachImage', image: image('a') }),
  // The form read from its image: the judicial officer pre-filled, then confirmed by the clerk.
  command(ORDER_A, '2026-03-02T10:40:00-08:00', {
    type: 'ApplyFormReading',
    readingId: '0e5a1b47-4d6f-4c8b-9e90-3f5b7d9c1a43',
    imageSha256: sha('a'),
    reading: {
      form: 'DV-130',
      revision: '2025-01-01',
      reader: 'pdf-text',
      pages: 2,
      fields: [{ key: 'judge.name', fills: 'judicialOfficer', label: 'Judicial Officer', value: 'Hon. Maria Delgado', confidence: 0.98, where: { page: 2, x: 0.5, y: 0.6, width: 0.4, height: 0.03 } }],
    },
  }),
  command(ORDER_A, '2026-03-02T10:45:00-08:00', { type: 'ReviewReadFields', readingId: '0e5a1b47-4d6f-4c8b-9e90-3f5b7d9c1a43', accept: ['judicialOfficer'] }),
  command(ORDER_A, '2026-03-02T11:00:00-08:00', { type: 'AddOrder', enteringAgencyOri: LA_COURT.ori }),
  command(ORDER_A, '2026-03-02T11:05:00-08:00', { type: 'ReplaceImage', previousSha256: sha('a'), image: image('b') }),
  command(ORDER_A, '2026-03-02T11:06:00-08:00', { type: 'AttachImage', image: image('c') }),
  command(ORDER_A, '2026-03-02T11:07:00-08:00', { type: 'RemoveImage', sha256: sha('c'), reason: 'duplicate scan' }),
  command(ORDER_A, '2026-03-03T09:00:00-08:00', { type: 'RecordDojAcknowledgement', transaction: 'enter', messageId: 'm1', fcn: '2320000000001', nic: 'H123456789' }),
  command(ORDER_A, '2026-03-03T09:30:00-08:00', { type: 'ReviewDojResponse', messageId: 'm1', outcome: 'accurate' }),
  command(ORDER_A, '2026-03-05T12:00:00-08:00', {
    type: 'RecordService',
    service: { serviceId: 'pos-1', servedAt: '2026-03-04T15:20:00-08:00', method: 'personal', servedBy: { name: 'Deputy K. Osei' }, servingAgencyOri: SHERIFF },
  }),
  command(ORDER_A, '2026-04-01T10:00:00-07:00', {
    type: 'ModifyOrder',
    changes: { restrainedPerson: { name: { last: 'RIVERA-LOPEZ', first: 'DANIEL' }, dateOfBirth: '1988-07-14', sex: 'M' }, sealed: false },
  }),
  command(ORDER_A, '2026-04-02T10:00:00-07:00', { type: 'RecordDojRejection', transaction: 'modify', messageId: 'm2', errors: [{ field: 'NAM', reason: 'invalid' }] }),
  command(ORDER_A, '2029-02-20T10:00:00-08:00', { type: 'RenewOrder', requestFiledOn: '2029-01-15', expiration: { kind: 'date', date: '2034-03-02' } }),
  command(ORDER_A, '2030-01-10T10:00:00-08:00', { type: 'CancelOrder', reason: 'terminated-by-court' }),

  command(ORDER_B, '2026-05-01T09:00:00-07:00', {
    type: 'CreateDraft',
    enteringAgencyOri: LA_COURT.ori,
    details: { form: 'CH-110', restrainedPerson: { name: { last: 'NGUYEN', first: 'BAO' }, dateOfBirth: '1975-01-30' } },
  }),
  command(ORDER_B, '2026-05-01T09:10:00-07:00', { type: 'DiscardDraft', reason: 'entered twice' }),

  command(ORDER_C, '2026-06-01T09:00:00-07:00', {
    type: 'CloneOrder',
    enteringAgencyOri: LA_COURT.ori,
    source: { orderId: ORDER_A, issued: true, details: draftDetailsA },
    form: 'DV-110',
  }),

  command(ORDER_D, '2026-07-01T09:00:00-07:00', {
    type: 'AddOrder',
    enteringAgencyOri: ORANGE_COURT.ori,
    details: {
      form: 'CH-130',
      court: ORANGE_COURT,
      caseNumber: '30-2026-00123',
      issuedAt: '2026-07-01T08:30:00-07:00',
      restrainedPerson: { name: { last: 'RIVERRA', first: 'DANIEL' }, dateOfBirth: '1988-07-14', sex: 'M' },
      protectedPersons: [{ name: { last: 'RIVERA', first: 'ANA' }, dateOfBirth: '1990-02-03', confidential: false, minor: false }],
    },
  }),

  // A gun violence emergency order, served by an officer who asked for the firearms: the receipt
  // comes late, and the order is filed with the court (Pen. Code 18120, 18140(c)).
  command(ORDER_E, '2026-08-03T23:30:00-07:00', {
    type: 'AddOrder',
    enteringAgencyOri: SHERIFF,
    details: {
      form: 'EPO-002',
      court: LA_COURT,
      caseNumber: 'GV-EPO-0042',
      issuedAt: '2026-08-03T23:10:00-07:00',
      restrainedPerson: { name: { last: 'OKAFOR', first: 'CHINEDU' }, dateOfBirth: '1979-11-02', sex: 'M' },
      protectedPersons: [{ name: { last: 'OKAFOR', first: 'ADA' }, dateOfBirth: '1981-04-12', confidential: false, minor: false }],
    },
  }),
  command(ORDER_E, '2026-08-04T01:00:00-07:00', {
    type: 'RecordService',
    service: { serviceId: 'pos-e', servedAt: '2026-08-04T00:15:00-07:00', method: 'by-officer', servedBy: { name: 'Officer J. Ramirez' }, servingAgencyOri: SHERIFF, firearmSurrenderRequested: true },
  }),
  command(ORDER_E, '2026-08-05T10:00:00-07:00', { type: 'RecordCourtFiling', filedAt: '2026-08-05T09:40:00-07:00' }),
  command(ORDER_E, '2026-08-07T11:00:00-07:00', {
    type: 'RecordFirearmReceipt',
    receipt: {
      receiptId: 'gv-800-1',
      filedAt: '2026-08-07T10:30:00-07:00',
      filedBy: { name: 'Sgt. M. Lee', role: 'law-enforcement' },
      filedWith: ['court'],
      outcome: { kind: 'relinquished', items: [{ description: 'Rifle', disposition: 'surrendered-to-law-enforcement' }] },
    },
  }),
];
