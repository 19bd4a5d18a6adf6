import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSession, ApiSession, DEMO, readyUser, type Json } from './harness/api';
import { collectProblems, launch, newContext } from './harness/browser';
import { demoOrders } from './harness/demo-data';
import { tick } from './harness/keyboard';
import { eventTypes, imageBytes } from './harness/orders';
import { checkPage, signIn } from './harness/pages';
import { startRegistry, type Registry } from './harness/registry';

/**
 * Every change from the order page (issue 15): a DV-110 cloned into its DV-130 after the hearing;
 * a renewal outside and inside its window; proof of service with a method the law refuses shown
 * on its field; cancel, after which modify is not offered; another agency's clerk not offered a
 * change and refused by the API; two clerks changing the same order, the second re-applying on
 * top. Each ends with exactly the events the API recorded.
 */
let registry: Registry;
let browser: Browser;
const contexts: BrowserContext[] = [];
const problems: string[] = [];
const PASSWORD = 'clerk password 1';
let clerkApi: ApiSession;
let orangeApi: ApiSession;
/** Two different signed forms (demo orders' PDFs), to attach and to replace with. */
const pdfs: Buffer[] = [];

const LA = { ori: DEMO.laCourt, county: '19', name: 'Superior Court of California, County of Los Angeles' };
const people = {
  restrainedPerson: { name: { last: 'QUINTERO', first: 'ROLANDO' }, dateOfBirth: '1980-01-02', sex: 'M', race: 'H', height: '509', weight: '170', hair: 'BLK', eyes: 'BRO' },
  protectedPersons: [{ name: { last: 'QUINTERO', first: 'ALMA' }, dateOfBirth: '1984-03-04', confidential: false, minor: false }],
  petitioner: { kind: 'person', name: { last: 'QUINTERO', first: 'ALMA' } },
  pcoCodes: ['05'],
  provisions: [{ kind: 'no-contact' }],
};
const californiaDate = (msAgo: number) => {
  const [m, d, y] = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Los_Angeles', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() - msAgo)).split('/');
  return { iso: `${y}-${m}-${d}`, typed: `${m}${d}${y}` };
};
const DAY = 86_400_000;
const today = californiaDate(0);
let n = 0;
const addOrder = async (api: ApiSession, details: Record<string, unknown>): Promise<string> =>
  (await api.ok('POST', '/api/v1/orders?wait=true', { details: { ...people, court: LA, caseNumber: `26FL0099${String(++n).padStart(2, '0')}`, ...details } })).orderId;

const browse = async (username: string): Promise<Page> => {
  const c = await newContext(browser);
  contexts.push(c);
  const p = await c.newPage();
  problems.push(...collectProblems(p));
  await p.goto(`${registry.url}/sign-in`);
  await signIn(p, username, PASSWORD);
  await p.waitForURL(/\/search$/);
  return p;
};
let ana: Page;

const openChanges = async (p: Page, orderId: string) => {
  await p.goto(`${registry.url}/orders/${orderId}?tab=changes`);
  await p.getByTestId('change-clone').waitFor();
};

beforeAll(async () => {
  [registry, browser] = await Promise.all([startRegistry({ demoOrders: 4 }), launch()]);
  const admin = await adminSession(registry.url, registry.admin);
  await readyUser(registry.url, admin, { username: 'ana.clerk', displayName: 'Ana Torres', agencyOri: DEMO.laCourt, roles: ['court-clerk'] }, PASSWORD);
  await readyUser(registry.url, admin, { username: 'ben.clerk', displayName: 'Ben Ortiz', agencyOri: DEMO.laCourt, roles: ['court-clerk'] }, PASSWORD);
  await readyUser(registry.url, admin, { username: 'olu.clerk', displayName: 'Olu Bade', agencyOri: DEMO.orangeCourt, roles: ['court-clerk'] }, PASSWORD);
  [clerkApi, orangeApi] = await Promise.all([ApiSession.signIn(registry.url, 'ana.clerk', PASSWORD), ApiSession.signIn(registry.url, 'olu.clerk', PASSWORD)]);
  for (const h of await demoOrders(clerkApi)) {
    const img = ((await clerkApi.ok('GET', `/api/v1/orders/${h.orderId}`)).order.images as Json[]).find((i) => i.mediaType === 'application/pdf');
    if (img && pdfs.length < 2) pdfs.push(await imageBytes(clerkApi, h.orderId, img.sha256));
  }
  expect(pdfs).toHaveLength(2);
  ana = await browse('ana.clerk');
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await registry?.stop();
});

describe('changes from the order page', () => {
  it('a DV-110 with its hearing entered from the form, then the DV-130 after the hearing by cloning it', async () => {
    const issued = californiaDate(10 * DAY);
    const hearing = californiaDate(1 * DAY);
    await ana.goto(`${registry.url}/orders/new`);
    await ana.getByLabel('Form', { exact: true }).selectOption('DV-110');
    await ana.getByRole('button', { name: 'Start entering' }).click();
    await ana.waitForURL(/\/entry$/);
    const tro = /\/orders\/([0-9a-f-]{36})\/entry/.exec(ana.url())![1]!;
    await ana.getByLabel('Case number').fill('26FL009801');
    await ana.getByLabel('Date issued').fill(issued.typed);
    await ana.getByLabel('Time issued').fill('1000');
    await ana.getByLabel('Last name', { exact: true }).first().fill('Quintero');
    await ana.getByLabel('First name', { exact: true }).first().fill('Alma');
    await ana.getByLabel('Last name', { exact: true }).nth(1).fill('Quintero');
    await ana.getByLabel('First name', { exact: true }).nth(1).fill('Rolando');
    await ana.getByLabel('No contact, directly or indirectly').focus();
    await ana.keyboard.press('Space');
    await ana.getByLabel('Hearing date', { exact: true }).fill(hearing.typed);
    await ana.getByLabel('Hearing time').fill('0830');
    // Lasts until the hearing: the domain says so before it is added.
    await expect.poll(() => ana.getByTestId('live-expiry').textContent()).toContain(`${hearing.typed.slice(0, 2)}/${hearing.typed.slice(2, 4)}/${hearing.typed.slice(4)}`);
    await expect.poll(() => ana.getByTestId('save-status').textContent()).toBe('All changes saved to the draft.');
    await ana.getByRole('button', { name: 'Add the order' }).click();
    await ana.waitForURL(/added=true/);
    await openChanges(ana, tro);
    await checkPage(ana, 'changes-dv110');
    expect(await ana.getByLabel('Form of the new order').inputValue()).toBe('DV-130');
    await ana.getByRole('button', { name: 'Clone' }).click();
    await ana.waitForURL(/\/entry$/);
    const clone = /\/orders\/([0-9a-f-]{36})\/entry/.exec(ana.url())![1]!;
    // Parties and terms came along; the clerk enters the date of the order after hearing.
    expect(await ana.getByLabel('Last name', { exact: true }).nth(1).inputValue()).toBe('QUINTERO');
    await ana.getByLabel('Date issued').fill(hearing.typed);
    await ana.getByLabel('Time issued').fill('0900');
    await expect.poll(() => ana.getByTestId('live-expiry').textContent()).toMatch(/Fam\. Code 6345/);
    await expect.poll(() => ana.getByTestId('save-status').textContent()).toBe('All changes saved to the draft.');
    await ana.getByRole('button', { name: 'Add the order' }).click();
    await ana.waitForURL(/added=true/);
    const o = (await clerkApi.ok('GET', `/api/v1/orders/${clone}`)).order;
    expect(o).toMatchObject({ status: 'issued', clonedFrom: tro, details: { form: 'DV-130', restrainedPerson: { name: { last: 'QUINTERO' } } } });
    const troTypes = await eventTypes(clerkApi, tro);
    expect(troTypes.at(-1)).toBe('OrderAdded');
    expect(new Set(troTypes)).toEqual(new Set(['DraftCreated', 'DraftUpdated', 'OrderAdded']));
    const types = await eventTypes(clerkApi, clone);
    expect(types[0]).toBe('OrderCloned');
    expect(types.at(-1)).toBe('OrderAdded');
    expect(new Set(types)).toEqual(new Set(['OrderCloned', 'DraftUpdated', 'OrderAdded']));
  });

  it('a renewal outside its window is refused on its field; inside, it is recorded', async () => {
    const far = await addOrder(clerkApi, { form: 'DV-130', issuedAt: `${californiaDate(100 * DAY).iso}T10:00:00-07:00` });
    await openChanges(ana, far);
    await ana.getByLabel('Request to renew filed on').fill(today.typed);
    await expect.poll(() => ana.getByTestId('renewal-window').textContent()).toMatch(/outside the window/);
    await ana.getByLabel('New expiration date').first().fill(`${today.typed.slice(0, 4)}${Number(today.typed.slice(4)) + 8}`);
    await ana.getByRole('button', { name: 'Renew' }).click();
    await expect.poll(() => ana.getByTestId('change-renew').locator('.usa-error-message').count()).toBeGreaterThan(0);
    await checkPage(ana, 'changes-renewal-refused');
    expect(await eventTypes(clerkApi, far)).toEqual(['OrderAdded']);

    const near = await addOrder(clerkApi, { form: 'DV-130', issuedAt: `${californiaDate(1000 * DAY).iso}T10:00:00-07:00`, expiration: { kind: 'date', date: californiaDate(-30 * DAY).iso } });
    await openChanges(ana, near);
    await ana.getByLabel('Request to renew filed on').fill(today.typed);
    await expect.poll(() => ana.getByTestId('renewal-window').textContent()).toMatch(/inside the window/);
    await ana.getByLabel('Renewed permanently (no end date)').focus();
    await ana.keyboard.press('Space');
    await ana.getByRole('button', { name: 'Renew' }).click();
    await expect.poll(() => ana.getByTestId('change-renew').getByRole('status').textContent()).toMatch(/renewed/);
    expect(await eventTypes(clerkApi, near)).toEqual(['OrderAdded', 'OrderRenewed']);
  });

  it('proof of service: a method the law does not allow for this order is refused on its field; a lawful one is recorded', async () => {
    const issued = californiaDate(5 * DAY);
    const id = await addOrder(clerkApi, { form: 'DV-130', issuedAt: `${issued.iso}T10:00:00-07:00`, serviceByMailPermitted: true });
    // The restrained person was at the hearing: the mail rule no longer applies (Fam. Code 6384(a)).
    await clerkApi.ok('POST', `/api/v1/orders/${id}/services?wait=true`, { service: { serviceId: 'court-1', servedAt: `${issued.iso}T10:30:00-07:00`, method: 'present-in-court', servedBy: { name: 'Clerk in court' }, servingAgencyOri: DEMO.laCourt } });
    await openChanges(ana, id);
    const offered = await ana.getByLabel('How it was served').locator('option').allTextContents();
    expect(offered).toContain('First-class mail (where the order allows it)');
    expect(offered).not.toContain('Another method the court ordered');
    await ana.getByLabel('Served on').fill(californiaDate(1 * DAY).typed);
    await ana.getByLabel('At', { exact: true }).fill('1015');
    await ana.getByLabel('How it was served').selectOption('mail');
    await ana.getByLabel('Served by', { exact: true }).fill('Ana Torres');
    await ana.getByRole('button', { name: 'Record service' }).click();
    const onField = ana.locator('#f-service-method-error');
    await expect.poll(() => onField.textContent()).toMatch(/appeared at the hearing/);
    await checkPage(ana, 'changes-service-refused');
    await ana.getByLabel('How it was served').selectOption('personal');
    await ana.getByRole('button', { name: 'Record service' }).click();
    await expect.poll(() => ana.getByTestId('change-service').getByRole('status').textContent()).toMatch(/Service was recorded/);
    expect(await eventTypes(clerkApi, id)).toEqual(['OrderAdded', 'ServiceRecorded', 'ServiceRecorded']);
  });

  it('a firearm relinquishment receipt recorded after service; an emergency order’s filing with the court recorded; neither offered where the law has none', async () => {
    const issued = californiaDate(3 * DAY);
    const id = await addOrder(clerkApi, { form: 'DV-130', issuedAt: `${issued.iso}T10:00:00-07:00`, provisions: [{ kind: 'no-contact' }, { kind: 'firearm-relinquishment', withinHours: 24 }] });
    await clerkApi.ok('POST', `/api/v1/orders/${id}/services?wait=true`, { service: { serviceId: 'pos-f', servedAt: `${californiaDate(2 * DAY).iso}T09:00:00-07:00`, method: 'personal', servedBy: { name: 'K. Lund' }, servingAgencyOri: DEMO.laCourt } });
    await openChanges(ana, id);
    await expect.poll(() => ana.getByTestId('not-offered-court-filing').textContent()).toMatch(/Only an emergency order/);
    await ana.getByLabel('Receipt filed on').fill(californiaDate(1 * DAY).typed);
    await ana.getByLabel('Receipt filed at').fill('0930');
    await ana.getByLabel('Filed by', { exact: true }).fill('Rolando Quintero');
    await tick(ana, 'The law-enforcement agency');
    await ana.getByLabel('Firearms and ammunition relinquished (one per line)').fill('Handgun, Glock 19\nTwo boxes of 9 mm ammunition');
    await ana.getByRole('button', { name: 'Record the receipt' }).click();
    await expect.poll(() => ana.getByTestId('change-firearm-receipt').getByRole('status').textContent()).toMatch(/receipt was recorded/);
    await checkPage(ana, 'changes-firearm-receipt');
    expect(await eventTypes(clerkApi, id)).toEqual(['OrderAdded', 'ServiceRecorded', 'FirearmReceiptRecorded']);
    const receipt = ((await clerkApi.ok('GET', `/api/v1/orders/${id}`)).order.firearmReceipts as Json[])[0];
    expect(receipt).toMatchObject({ filedWith: ['court', 'law-enforcement'], outcome: { kind: 'relinquished', items: [{ description: 'Handgun, Glock 19' }, { description: 'Two boxes of 9 mm ammunition' }] } });

    const epo = await addOrder(clerkApi, { form: 'EPO-001', issuedAt: `${californiaDate(1 * DAY).iso}T22:00:00-07:00`, provisions: [{ kind: 'no-contact' }] });
    await openChanges(ana, epo);
    await expect.poll(() => ana.getByTestId('not-offered-firearm-receipt').textContent()).toMatch(/does not order firearms relinquished/);
    await ana.getByLabel('Filed with the court on').fill(today.typed);
    await ana.getByLabel('Filed with the court at').fill('0005');
    await ana.getByRole('button', { name: 'Record the filing' }).click();
    await expect.poll(() => ana.getByTestId('not-offered-court-filing').textContent()).toMatch(/already recorded/);
    expect(await eventTypes(clerkApi, epo)).toEqual(['OrderAdded', 'CourtFilingRecorded']);
  });

  it('cancel with a reason; afterwards modify is not offered; another agency is not offered a change and the API refuses it', async () => {
    const id = await addOrder(clerkApi, { form: 'DV-130', issuedAt: `${californiaDate(3 * DAY).iso}T10:00:00-07:00` });
    const olu = await browse('olu.clerk');
    await openChanges(olu, id);
    await expect.poll(() => olu.getByTestId('not-offered-modify').textContent()).toMatch(/Only the agency that entered this order/);
    await checkPage(olu, 'changes-other-agency');
    const refused = await orangeApi.call('POST', `/api/v1/orders/${id}/modifications`, { changes: { terms: 'Changed by another county' } });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('NOT_YOUR_AGENCY');

    await openChanges(ana, id);
    await ana.getByLabel('Reason', { exact: true }).selectOption('terminated-by-court');
    await ana.getByLabel('Note', { exact: true }).fill('Dismissed at the request of the protected person');
    await ana.getByRole('button', { name: 'Cancel the order' }).click();
    await expect.poll(() => ana.getByTestId('not-offered-modify').textContent()).toMatch(/canceled/);
    await expect.poll(() => ana.getByTestId('next-step').textContent()).toMatch(/DOJ|Nothing/);
    await checkPage(ana, 'changes-after-cancel');
    expect(await eventTypes(clerkApi, id)).toEqual(['OrderAdded', 'OrderCanceled']);
    const o = (await clerkApi.ok('GET', `/api/v1/orders/${id}`)).order as Json;
    expect(o.canceled).toMatchObject({ reason: 'terminated-by-court', note: 'Dismissed at the request of the protected person' });
  });

  it('an image attached, replaced and removed', async () => {
    const id = await addOrder(clerkApi, { form: 'DV-130', issuedAt: `${californiaDate(3 * DAY).iso}T10:00:00-07:00` });
    await openChanges(ana, id);
    const said = () => ana.getByTestId('change-images').getByRole('status').textContent();
    await ana.locator('#attach-image').setInputFiles({ name: 'signed-order.pdf', mimeType: 'application/pdf', buffer: pdfs[0]! });
    await expect.poll(said).toMatch(/attached/);
    await expect.poll(() => ana.locator('.ccpor-viewer').count()).toBe(1);
    await ana.locator('#replace-image').setInputFiles({ name: 'corrected-order.pdf', mimeType: 'application/pdf', buffer: pdfs[1]! });
    await expect.poll(said).toMatch(/replaced/);
    await ana.getByLabel('Why remove it').fill('Scanned upside down');
    await ana.getByRole('button', { name: 'Remove it' }).click();
    await expect.poll(said).toMatch(/removed/);
    await checkPage(ana, 'changes-images');
    expect(await eventTypes(clerkApi, id)).toEqual(['OrderAdded', 'ImageAttached', 'ImageReplaced', 'ImageRemoved']);
  });

  it('two clerks change the same order: the second sees the first’s change and re-applies on top', async () => {
    const id = await addOrder(clerkApi, { form: 'DV-130', issuedAt: `${californiaDate(3 * DAY).iso}T10:00:00-07:00`, terms: 'Original terms.' });
    const ben = await browse('ben.clerk');
    await Promise.all([openChanges(ana, id), openChanges(ben, id)]);
    await ana.getByLabel('The judge’s terms and notes').fill('Terms as corrected by Ana.');
    await ana.getByRole('button', { name: 'Modify' }).click();
    await expect.poll(() => ana.getByTestId('change-modify').getByRole('status').textContent()).toMatch(/modified/);
    await ben.getByLabel('The judge’s terms and notes').fill('Terms as corrected by Ben.');
    await ben.getByRole('button', { name: 'Modify' }).click();
    await expect.poll(() => ben.getByTestId('modify-others').textContent()).toMatch(/ana\.clerk/);
    await checkPage(ben, 'changes-conflict');
    await ben.getByRole('button', { name: 'Modify on top of their change' }).click();
    await expect.poll(() => ben.getByTestId('change-modify').getByRole('status').textContent()).toMatch(/modified/);
    expect(await eventTypes(clerkApi, id)).toEqual(['OrderAdded', 'OrderModified', 'OrderModified']);
    expect((await clerkApi.ok('GET', `/api/v1/orders/${id}`)).order.details.terms).toBe('Terms as corrected by Ben.');
    expect(problems).toEqual([]);
  });
});
