import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { EXCHANGE_SCHEMA, PgliteEventStore, XsdValidator } from '@ccpor/adapters';
import { createCommandHandler, type CommandInput } from '@ccpor/domain';
import { LA_SUPERIOR_COURT, sampleOrderDetails, sampleOrderInput } from '@ccpor/test-kit';
import { ccpor } from '../__tests__/run-ccpor';
import { OTHER_COURT, startHarness, type Client, type Harness } from '../__tests__/harness';
import { SYSTEM_ACTOR } from '../identity/identity-service';
import { randomIds, systemClock } from '../store/system-ports';

let h: Harness;
let clerk: Client;
const validator = new XsdValidator(EXCHANGE_SCHEMA);

beforeAll(async () => {
  h = await startHarness();
  clerk = await h.user('court-clerk');
});
afterAll(async () => {
  await h.close();
  await validator.close();
});

const addOrder = async (overrides: Record<string, unknown> = {}): Promise<string> => {
  const r = await clerk.agent.post('/api/v1/orders').set('X-CSRF-Token', clerk.csrf).send({ details: sampleOrderInput(overrides) }).expect(201);
  return r.body.orderId as string;
};

const postXml = (c: Client, path: string, xml: string, type = 'application/xml') => c.agent.post(`/api/v1${path}`).set('X-CSRF-Token', c.csrf).set('Content-Type', type).send(xml);

describe('NIEM over HTTP', () => {
  it('exports an order as a valid NIEM document, and imports it back as a draft with the same details', async () => {
    const id = await addOrder();
    const doc = await clerk.agent.get(`/api/v1/orders/${id}/niem`).set('Accept', 'application/xml').expect(200);
    expect(doc.headers['content-type']).toMatch(/^application\/xml/);
    expect(doc.headers.etag).toBe('"1"');
    expect(await validator.validate(doc.text)).toEqual([]);
    expect(doc.text).toContain('<j:ProtectionOrder structures:id="order">');

    const imported = await postXml(clerk, '/niem/drafts', doc.text).expect(201);
    expect(imported.body.order.status).toBe('draft');
    expect(imported.body.order.enteringAgencyOri).toBe(LA_SUPERIOR_COURT.ori);
    expect(imported.body.sourceOrderId).toBe(id);
    const original = await clerk.agent.get(`/api/v1/orders/${id}`).expect(200);
    expect(imported.body.order.details).toEqual(original.body.order.details);
    expect(imported.headers.location).toBe(`/api/v1/orders/${imported.body.orderId}`);
  });

  it('negotiates: JSON carries the document; other types are refused with 406', async () => {
    const id = await addOrder();
    const json = await clerk.agent.get(`/api/v1/orders/${id}/niem`).set('Accept', 'application/json').expect(200);
    expect(json.body).toMatchObject({ orderId: id, version: 1, redacted: [] });
    expect(json.body.document).toContain('ccpor:ProtectionOrderExchange');
    const refused = await clerk.agent.get(`/api/v1/orders/${id}/niem`).set('Accept', 'text/csv').expect(406);
    expect(refused.body.code).toBe('NOT_ACCEPTABLE');
  });

  it('refuses an invalid document with every error, each with its XPath and reason, and creates nothing', async () => {
    const id = await addOrder();
    const doc = (await clerk.agent.get(`/api/v1/orders/${id}/niem`).expect(200)).text;
    const broken = doc.replace('<ncic:PersonSexCode>M</ncic:PersonSexCode>', '<ncic:PersonSexCode>X</ncic:PersonSexCode>').replace('<ccpor:OrderFormNumberCode>DV-130', '<ccpor:OrderFormNumberCode>ZZ-1');
    const r = await postXml(clerk, '/niem/drafts', broken).expect(422);
    expect(r.body.code).toBe('NIEM_DOCUMENT_INVALID');
    expect(r.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: '/ccpor:ProtectionOrderExchange/nc:Person[1]/ncic:PersonSexCode', reason: expect.stringContaining("'X'"), line: expect.any(Number) }),
        expect.objectContaining({ field: '/ccpor:ProtectionOrderExchange/j:ProtectionOrder/ccpor:ProtectionOrderAugmentation/ccpor:OrderFormNumberCode', reason: expect.stringContaining('ZZ-1') }),
      ]),
    );
    const check = await postXml(clerk, '/niem/validations', broken).expect(200);
    expect(check.body).toEqual({ valid: false, errors: r.body.errors });
    expect((await postXml(clerk, '/niem/validations', doc).expect(200)).body).toEqual({ valid: true, errors: [] });
    await postXml(clerk, '/niem/drafts', JSON.stringify({ details: {} }), 'application/json').expect(415);
  });

  it('redacts confidential protected persons for other agencies and hides sealed orders', async () => {
    const id = await addOrder({ protectedPersons: [{ name: { last: 'Rivera', first: 'Ana' }, dateOfBirth: '1990-02-03', confidential: true, minor: false }] });
    const outsider = await h.user('query-only', OTHER_COURT);
    const seen = await outsider.agent.get(`/api/v1/orders/${id}/niem`).expect(200);
    // The petitioner (a person) would point at the confidential protected person: hidden with them.
    expect(seen.headers['x-ccpor-redacted']).toBe('details.protectedPersons.0,details.petitioner');
    expect(seen.text).not.toContain('1990-02-03');
    const person = /<nc:Person structures:id="protected-1">[\s\S]*?<\/nc:Person>/.exec(seen.text)?.[0] ?? '';
    expect(person).toContain('<nc:PersonSurName>REDACTED</nc:PersonSurName>');
    expect(person).not.toContain('RIVERA');
    expect(await validator.validate(seen.text)).toEqual([]);

    const sealed = await addOrder({ sealed: true }).catch(() => undefined);
    expect(sealed).toBeUndefined(); // a clerk may not enter a sealed order: only supervisors
    const supervisor = await h.user('supervisor');
    const sealedId = (await supervisor.agent.post('/api/v1/orders').set('X-CSRF-Token', supervisor.csrf).send({ details: sampleOrderInput({ sealed: true }) }).expect(201)).body.orderId as string;
    await clerk.agent.get(`/api/v1/orders/${sealedId}/niem`).expect(404);
    const doc = (await supervisor.agent.get(`/api/v1/orders/${sealedId}/niem`).expect(200)).text;
    // Importing a sealed order is a supervisor's act too.
    expect((await postXml(clerk, '/niem/drafts', doc).expect(403)).body.code).toBe('SEALED_ORDER');
    await postXml(supervisor, '/niem/drafts', doc).expect(201);
    const denied = await postXml(outsider, '/niem/drafts', doc).expect(403);
    expect(denied.body.code).toBe('ROLE_NOT_PERMITTED');
  });
});

describe('ccpor niem on the embedded store', () => {
  let dir: string;
  const saved = { store: process.env.CCPOR_STORE, level: process.env.CCPOR_LOG_LEVEL };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ccpor-niem-cli-'));
    process.env.CCPOR_STORE = join(dir, 'data');
    process.env.CCPOR_LOG_LEVEL = 'silent';
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    process.env.CCPOR_STORE = saved.store;
    process.env.CCPOR_LOG_LEVEL = saved.level;
  });

  it('exports an agency’s orders to a folder and imports the folder as drafts, reporting each refused file', async () => {
    const eventStore = await PgliteEventStore.open({ dataDir: join(dir, 'data') });
    const commands = createCommandHandler({ eventStore, clock: systemClock, ids: randomIds });
    const ids = [randomIds.newId(), randomIds.newId()];
    for (const orderId of ids) {
      const r = await commands.handle({ type: 'AddOrder', orderId, enteringAgencyOri: LA_SUPERIOR_COURT.ori, details: sampleOrderDetails() } as CommandInput, { actor: SYSTEM_ACTOR });
      expect(E.isRight(r)).toBe(true);
    }
    await eventStore.close();
    expect((await ccpor('agencies', 'add', LA_SUPERIOR_COURT.ori, '--name', 'LA court', '--kind', 'superior-court', '--county', '19')).code).toBe(0);

    const exported = await ccpor('niem', 'export', '--agency', LA_SUPERIOR_COURT.ori, '--out', join(dir, 'out'));
    expect(exported.stdout).toContain('Wrote 2 documents');
    expect((await readdir(join(dir, 'out'))).sort()).toEqual(ids.map((i) => `${i}.xml`).sort());
    const first = await readFile(join(dir, 'out', `${ids[0]}.xml`), 'utf8');
    await writeFile(join(dir, 'out', 'broken.xml'), first.replace('<nc:PersonSurName>RIVERA</nc:PersonSurName>', '<nc:PersonSurName>9</nc:PersonSurName>'));

    const imported = await ccpor('niem', 'import', join(dir, 'out'), '--agency', LA_SUPERIOR_COURT.ori);
    expect(imported.code).toBe(2);
    expect(imported.stdout).toContain('broken.xml: REFUSED, 1 error');
    expect(imported.stdout).toContain('/ccpor:ProtectionOrderExchange/nc:Person[1]/nc:PersonName/nc:PersonSurName: restrainedPerson.name.last');
    expect(imported.stdout).toContain('2 of 3 documents imported as drafts.');
    // Four starts of the embedded store (each catching the views up): slow on a loaded machine.
  }, 120_000);
});
