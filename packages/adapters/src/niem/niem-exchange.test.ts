import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { createCommandHandler, FORM_NUMBERS, type CommandInput, type OrderState, type Ori } from '@ccpor/domain';
import { FixedClock, issuedHistoryArb, LA_SHERIFF_ORI, LA_SUPERIOR_COURT, sampleForForm, SequentialIds } from '@ccpor/test-kit';
import { InMemoryEventStore } from '../event-store/memory/in-memory-event-store';
import { EXCHANGE_SCHEMA } from './niem-namespaces';
import { exportProtectionOrder, NiemExportError, xsDateTime } from './niem-export';
import { importProtectionOrder } from './niem-import';
import { XsdValidator } from './xsd-validator';

const validator = new XsdValidator(EXCHANGE_SCHEMA);
afterAll(() => validator.close());

type Exportable = Extract<OrderState, { status: 'draft' | 'issued' }>;

/** An order as the registry would hold it: added, served twice, optionally canceled. */
const issuedOrder = async (form: (typeof FORM_NUMBERS)[number], cancel = false): Promise<{ orderId: string; state: Exportable }> => {
  const clock = new FixedClock('2026-03-02T19:00:00.000Z');
  const handler = createCommandHandler({ eventStore: new InMemoryEventStore(), clock, ids: new SequentialIds() });
  const orderId = '3f1c7a52-8d4e-4b6a-9c1d-2e5f7a9b0c11';
  const actor = { userId: 'u-clerk', agencyOri: LA_SUPERIOR_COURT.ori, roles: ['court-clerk'], kind: 'user' as const };
  const run = async (c: CommandInput) => {
    const r = await handler.handle(c, { actor });
    if (E.isLeft(r)) throw new Error(`${c.type} refused: ${JSON.stringify(r.left)}`);
    return r.right;
  };
  await run({ type: 'AddOrder', orderId: orderId as never, enteringAgencyOri: LA_SUPERIOR_COURT.ori as Ori, details: sampleForForm(form), source: { kind: 'registry' } });
  clock.advanceMinutes(120);
  await run({
    type: 'RecordService',
    orderId: orderId as never,
    service: { serviceId: 'pos-1', servedAt: '2026-03-02T20:00:00.000Z' as never, method: 'personal', servedBy: { name: 'Deputy Osei', badgeNumber: '4471' }, servingAgencyOri: LA_SHERIFF_ORI as Ori, notes: 'Served at home & left a copy.\r\nSecond line.' },
  });
  const last = await run({
    type: 'RecordService',
    orderId: orderId as never,
    service: { serviceId: 'pos-2', servedAt: '2026-03-02T12:05:00-08:00' as never, method: 'by-officer', servedBy: { name: 'Officer Ramirez' }, servingAgencyOri: LA_SHERIFF_ORI as Ori },
  });
  const final = cancel ? await run({ type: 'CancelOrder', orderId: orderId as never, reason: 'terminated-by-court', note: 'dismissed' }) : last;
  if (final.state.status !== 'issued') throw new Error('not issued');
  return { orderId, state: final.state };
};

/**
 * The same order as the document can state it: an empty list and no list are the same on an
 * order (a document carries neither), and an instant written to the minute comes back with ":00"
 * seconds (xs:dateTime requires them): the same instant.
 */
const OPTIONAL_LISTS = new Set(['assignedAgencies', 'provisions', 'pcoCodes']);
const asExchanged = <T>(value: T): T =>
  JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'string' ? xsDateTime(v) : v)), (_k, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).filter(([k, x]) => !(OPTIONAL_LISTS.has(k) && Array.isArray(x) && x.length === 0))) : v,
  ) as T;

const servicesOf = (s: Exportable) => (s.status === 'issued' ? s.services.map(({ byEnteringAgency: _b, ...record }) => record) : []);

describe('NIEM protection-order exchange', () => {
  it.each(FORM_NUMBERS)('a %s order round-trips through export and import, and its document validates', async (form) => {
    const order = await issuedOrder(form, form === 'DV-130');
    const xml = exportProtectionOrder(order);
    expect(await validator.validate(xml)).toEqual([]);
    const imported = await importProtectionOrder(xml, validator);
    if (E.isLeft(imported)) throw new Error(JSON.stringify(imported.left, null, 2));
    expect(imported.right.details).toEqual(asExchanged(order.state.details));
    expect(imported.right.services).toEqual(servicesOf(order.state));
    expect(imported.right.sourceOrderId).toBe(order.orderId);
  });

  it('any order the decider can reach round-trips (property)', async () => {
    await fc.assert(
      fc.asyncProperty(issuedHistoryArb({ maxSteps: 4 }), async (h) => {
        const state = h.state;
        const xml = exportProtectionOrder({ orderId: h.orderId, state });
        const imported = await importProtectionOrder(xml, validator);
        if (E.isLeft(imported)) throw new Error(JSON.stringify(imported.left, null, 2));
        expect(imported.right.details).toEqual(asExchanged(state.details));
        expect(imported.right.services).toEqual(asExchanged(servicesOf(state)));
      }),
      { numRuns: 60 },
    );
  });

  it('a draft with only some details exports and imports as the same draft', async () => {
    const state: Exportable = { status: 'draft', orderId: 'x', enteringAgencyOri: LA_SUPERIOR_COURT.ori, details: { form: 'CH-110', caseNumber: '26CH000001' as never }, images: [] };
    const imported = await importProtectionOrder(exportProtectionOrder({ orderId: '7b2d9e14-1a3c-4f5e-8b6d-0c2e4a6f8d10', state }), validator);
    expect(imported).toEqual(E.right({ details: state.details, services: [], sourceOrderId: '7b2d9e14-1a3c-4f5e-8b6d-0c2e4a6f8d10' }));
  });

  it('refuses a document with schema errors, naming each with its XPath and reason', async () => {
    const order = await issuedOrder('DV-130');
    const xml = exportProtectionOrder(order)
      .replace('<ncic:PersonSexCode>M</ncic:PersonSexCode>', '<ncic:PersonSexCode>Q</ncic:PersonSexCode>')
      .replace('<ccpor:OrderFormNumberCode>DV-130</ccpor:OrderFormNumberCode>', '<ccpor:OrderFormNumberCode>DV-999</ccpor:OrderFormNumberCode>')
      .replace('<nc:Person structures:id="protected-1">', '<nc:Person structures:id="protected-1"><nc:Unknown>x</nc:Unknown>');
    const r = await importProtectionOrder(xml, validator);
    if (E.isRight(r)) throw new Error('accepted a broken document');
    expect(r.left).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ xpath: '/ccpor:ProtectionOrderExchange/nc:Person[1]/ncic:PersonSexCode', reason: expect.stringContaining("'Q'") }),
        expect.objectContaining({ xpath: expect.stringContaining('ccpor:OrderFormNumberCode'), reason: expect.stringContaining('DV-999') }),
        expect.objectContaining({ xpath: '/ccpor:ProtectionOrderExchange/nc:Person[2]/nc:Unknown', reason: expect.stringContaining('not expected') }),
      ]),
    );
    expect(r.left.length).toBeGreaterThanOrEqual(3);
    for (const p of r.left) expect(p.line).toBeGreaterThan(0);
  });

  it('refuses what the schema allows but the registry does not, at the element that holds it', async () => {
    const order = await issuedOrder('DV-130');
    const xml = exportProtectionOrder(order).replace('<nc:PersonSurName>RIVERA</nc:PersonSurName>', '<nc:PersonSurName>4RIVERA</nc:PersonSurName>');
    const r = await importProtectionOrder(xml, validator);
    if (E.isRight(r)) throw new Error('accepted a bad surname');
    expect(r.left).toEqual([expect.objectContaining({ xpath: '/ccpor:ProtectionOrderExchange/nc:Person[1]/nc:PersonName/nc:PersonSurName', reason: expect.stringContaining('last name') })]);
  });

  it('refuses references to nobody, DOCTYPEs and documents that are not XML', async () => {
    const order = await issuedOrder('DV-130');
    const dangling = exportProtectionOrder(order).replace('structures:ref="protected-1"', 'structures:ref="nobody"');
    const r1 = await importProtectionOrder(dangling, validator);
    expect(r1).toEqual(
      E.left([
        { xpath: '/ccpor:ProtectionOrderExchange/j:ProtectionOrderProtectedPersonAssociation[1]/nc:Person/@structures:ref', reason: expect.stringContaining('"nobody"') },
      ]),
    );
    const unnamed = await importProtectionOrder(exportProtectionOrder(order).replace('<nc:Person structures:ref="protected-1"></nc:Person>', ''), validator);
    expect(unnamed).toEqual(E.left([{ xpath: '/ccpor:ProtectionOrderExchange/j:ProtectionOrderProtectedPersonAssociation[1]/nc:Person', reason: expect.stringContaining('names no person') }]));
    const doctype = await importProtectionOrder('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>', validator);
    expect(doctype).toEqual(E.left([{ xpath: '/', reason: expect.stringContaining('DOCTYPE') }]));
    const garbage = await importProtectionOrder('<ccpor:ProtectionOrderExchange', validator);
    expect(E.isLeft(garbage) && garbage.left[0]?.reason).toContain('not well-formed');
  });

  it('refuses to export a control character XML cannot carry, naming it', async () => {
    const order = await issuedOrder('DV-130');
    const state = { ...order.state, details: { ...order.state.details, terms: 'bell \u0007' } } as Exportable;
    expect(() => exportProtectionOrder({ orderId: order.orderId, state })).toThrow(NiemExportError);
    expect(() => exportProtectionOrder({ orderId: order.orderId, state })).toThrow(/U\+0007/);
  });
});
