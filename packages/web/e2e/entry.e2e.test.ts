import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSession, ApiSession, DEMO, readyUser, type Json } from './harness/api';
import { collectProblems, launch, newContext } from './harness/browser';
import { demoOrders } from './harness/demo-data';
import { tabTo, tick, typeAt } from './harness/keyboard';
import { eventTypes, imageBytes } from './harness/orders';
import { checkPage, signIn } from './harness/pages';
import { startRegistry, type Registry } from './harness/registry';

/**
 * Entering orders (issue 15): an emergency order from its two-page scan, keyboard only, its expiry
 * shown before it is added; a double-clicked add that enters one order; a draft that survives a
 * reload and a lost connection; the conflicting-order warnings before add, with a sealed order
 * about the same people counted and not shown. Each ends with the events the API recorded.
 */
let registry: Registry;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const problems: string[] = [];
const PASSWORD = { clerk: 'clerk password 1', orange: 'orange password 1', supervisor: 'supervisor pass 1' };
let clerkApi: ApiSession;
let orangeApi: ApiSession;
let supervisorApi: ApiSession;
let scan: Buffer;
// The scan inbox `serve` watches (form reading off: the OCR is not what these tests are about).
const inbox = join(mkdtempSync(join(tmpdir(), 'ccpor-e2e-')), 'inbox');
mkdirSync(inbox);

/** Yesterday in California, as mmddyyyy and yyyy-mm-dd. */
const yesterday = (() => {
  const d = new Date(Date.now() - 86_400_000);
  const [m, day, y] = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Los_Angeles', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d).split('/');
  return { typed: `${m}${day}${y}`, iso: `${y}-${m}-${day}` };
})();

/** A California date `days` after yesterday, typed as mmddyyyy. */
const typedDays = (days: number) => {
  const d = new Date(`${yesterday.iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return `${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}${d.getUTCFullYear()}`;
};

beforeAll(async () => {
  [registry, browser] = await Promise.all([startRegistry({ demoOrders: 6, env: { CCPOR_SCAN_INBOX: inbox, CCPOR_SCAN_READ_FORMS: 'false' } }), launch()]);
  const admin = await adminSession(registry.url, registry.admin);
  await readyUser(registry.url, admin, { username: 'ana.clerk', displayName: 'Ana Torres', agencyOri: DEMO.laCourt, roles: ['court-clerk'] }, PASSWORD.clerk);
  await readyUser(registry.url, admin, { username: 'olu.clerk', displayName: 'Olu Bade', agencyOri: DEMO.orangeCourt, roles: ['court-clerk'] }, PASSWORD.orange);
  await readyUser(registry.url, admin, { username: 'kay.super', displayName: 'Kay Supervisor', agencyOri: DEMO.laCourt, roles: ['supervisor'] }, PASSWORD.supervisor);
  [clerkApi, orangeApi, supervisorApi] = await Promise.all([
    ApiSession.signIn(registry.url, 'ana.clerk', PASSWORD.clerk),
    ApiSession.signIn(registry.url, 'olu.clerk', PASSWORD.orange),
    ApiSession.signIn(registry.url, 'kay.super', PASSWORD.supervisor),
  ]);
  // A real two-page PDF scan: a demo order's signed form.
  for (const h of await demoOrders(supervisorApi)) {
    const o = (await supervisorApi.ok('GET', `/api/v1/orders/${h.orderId}`)).order;
    const pdf = (o.images as Json[]).find((i) => i.mediaType === 'application/pdf' && i.pages === 2);
    if (pdf) {
      scan = await imageBytes(supervisorApi, h.orderId, pdf.sha256);
      break;
    }
  }
  expect(scan).toBeDefined();
  context = await newContext(browser);
  page = await context.newPage();
  problems.push(...collectProblems(page));
  await page.goto(`${registry.url}/sign-in?redirect=/orders/new`);
  await signIn(page, 'ana.clerk', PASSWORD.clerk);
  await page.waitForURL(/\/orders\/new$/);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await registry?.stop();
});

const saved = (p: Page) => expect.poll(() => p.getByTestId('save-status').textContent()).toBe('All changes saved to the draft.');
const orderIdOf = (p: Page) => /\/orders\/([0-9a-f-]{36})/.exec(p.url())![1]!;

const startFromForm = async (p: Page, form: string) => {
  await p.goto(`${registry.url}/orders/new`);
  await p.getByLabel('Form', { exact: true }).selectOption(form);
  await p.getByRole('button', { name: 'Start entering' }).click();
  await p.waitForURL(/\/entry$/);
  await p.getByTestId('save-status').waitFor();
};

describe('image first', () => {
  it('an EPO entered beside its two-page scan with the keyboard only: expiry shown before it is added, then added', async () => {
    await page.goto(`${registry.url}/orders/new`);
    await checkPage(page, 'entry-new-order');
    await page.locator('#scan-file').setInputFiles({ name: 'epo-scan.pdf', mimeType: 'application/pdf', buffer: scan });
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}\/entry$/);
    const id = orderIdOf(page);
    // The scan is shown beside the form, both pages.
    await expect.poll(() => page.locator('.ccpor-viewer').count()).toBe(1);
    await expect.poll(() => page.locator('.ccpor-image-pane').textContent()).toMatch(/2/);

    // The focus starts in the form; from here on only the keyboard.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-field'))).toBe('form');
    await page.keyboard.type('EPO-001');
    await expect.poll(() => page.locator('[data-field="form"]').inputValue()).toBe('EPO-001');
    await typeAt(page, 'Case number', '26EP000101');
    await typeAt(page, 'Date issued', yesterday.typed);
    await typeAt(page, 'Time issued', '2215');
    await typeAt(page, 'Last name', 'Okafor');
    await typeAt(page, 'First name', 'Grace');
    await typeAt(page, 'Last name', 'Mendel');
    await typeAt(page, 'First name', 'Victor');
    await typeAt(page, 'Date of birth', '04121985');
    await typeAt(page, 'Sex', 'male');
    await typeAt(page, 'Race', 'W');
    await typeAt(page, 'Height', '511');
    await typeAt(page, 'Weight (lb)', '190');
    await typeAt(page, 'Eyes', 'blue');
    await typeAt(page, 'Hair', 'brown');
    await tabTo(page, 'No contact, directly or indirectly');
    await page.keyboard.press('Space');
    await typeAt(page, 'PCO condition codes', '05');
    // Alt+N: the next field still missing (DOJ needs the petitioner).
    await page.keyboard.press('Alt+N');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-field'))).toBe('petitioner');
    await page.keyboard.type('Okafor');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Grace');
    // The domain in the browser: the EPO's end, by its rule, before anything is added.
    await expect.poll(() => page.getByTestId('live-expiry').textContent()).toMatch(/Fam\. Code 6256/);
    const shown = await page.getByTestId('live-expiry').textContent();
    expect(shown).toMatch(/\d{4}/);
    await saved(page);
    // Every field DOJ needs is there: the order can go to DOJ as soon as it is added.
    await expect.poll(() => page.getByTestId('missing-none').count()).toBe(1);
    await checkPage(page, 'entry-epo-filled');
    await page.keyboard.press('Alt+A');
    await page.waitForURL(new RegExp(`/orders/${id}\\?added=true$`));
    await expect.poll(() => page.getByTestId('next-step').textContent()).toMatch(/DOJ/);

    const order = (await clerkApi.ok('GET', `/api/v1/orders/${id}`)).order;
    expect(order).toMatchObject({ status: 'issued', details: { form: 'EPO-001', caseNumber: '26EP000101', restrainedPerson: { name: { last: 'MENDEL' }, sex: 'M', eyes: 'BLU', hair: 'BRO', height: '511' } }, images: [{ pages: 2, mediaType: 'application/pdf' }] });
    const types = await eventTypes(clerkApi, id);
    expect(types[0]).toBe('DraftCreated');
    expect(types.filter((t) => t === 'ImageAttached')).toHaveLength(1);
    expect(types.filter((t) => t === 'OrderAdded')).toHaveLength(1);
    expect(types.at(-1)).toBe('OrderAdded');
    expect(new Set(types)).toEqual(new Set(['DraftCreated', 'ImageAttached', 'DraftUpdated', 'OrderAdded']));
  });
});

describe('the scan inbox’s draft', () => {
  it('a scan dropped in the inbox waits in the drafts list and is completed beside its image', async () => {
    writeFileSync(join(inbox, `${DEMO.laCourt}_26FL000777_DV-110_${yesterday.iso.replaceAll('-', '')}.pdf`), scan);
    let draft: Json;
    await expect
      .poll(async () => {
        draft = ((await clerkApi.ok('GET', '/api/v1/orders/drafts')).drafts as Json[]).find((d) => d.caseNumber === '26FL000777');
        return draft !== undefined;
      })
      .toBe(true);
    await page.goto(`${registry.url}/orders/new`);
    await page.getByRole('link', { name: /Enter data for DV-110 26FL000777/ }).click();
    await page.waitForURL(/\/entry$/);
    await expect.poll(() => page.locator('[data-field="caseNumber"]').inputValue()).toBe('26FL000777');
    await page.getByLabel('Date issued').fill(yesterday.typed);
    await page.getByLabel('Last name', { exact: true }).first().fill('Abara');
    await page.getByLabel('First name', { exact: true }).first().fill('Nkechi');
    await page.getByLabel('Last name', { exact: true }).nth(1).fill('Abara');
    await page.getByLabel('First name', { exact: true }).nth(1).fill('Obi');
    await page.getByLabel('Hearing date', { exact: true }).fill(typedDays(12));
    await expect.poll(() => page.getByTestId('live-expiry').textContent()).toMatch(/Fam\. Code 242|hearing/i);
    await saved(page);
    await page.keyboard.press('Alt+A');
    await page.waitForURL(/added=true/);
    const types = await eventTypes(clerkApi, draft.orderId);
    expect(types.at(-1)).toBe('OrderAdded');
    expect(types.filter((t) => t === 'OrderAdded')).toHaveLength(1);
    expect(new Set(types)).toEqual(new Set(['DraftCreated', 'ImageAttached', 'DraftUpdated', 'OrderAdded']));
  });
});

describe('reading the form', () => {
  it('“Read the form” pre-fills the draft from its scan for the clerk to check', async () => {
    await page.goto(`${registry.url}/orders/new`);
    await page.locator('#scan-file').setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: scan });
    await page.waitForURL(/\/entry$/);
    const id = orderIdOf(page);
    await page.getByRole('button', { name: 'Read the form' }).click();
    await expect.poll(() => page.locator('.usa-alert--info').textContent()).toMatch(/pre-filled from the form/);
    await checkPage(page, 'entry-read-the-form');
    const d = (await clerkApi.ok('GET', `/api/v1/orders/${id}`)).order.details;
    // What the reading put in the draft is what the form shows.
    // The scan is a DV-130 (a demo order's form): the reading names it, and the page shows what the draft now holds.
    expect(d.form).toBe('DV-130');
    await expect.poll(() => page.locator('[data-field="form"]').inputValue()).toBe('DV-130');
    if (d.caseNumber !== undefined) expect(await page.locator('[data-field="caseNumber"]').inputValue()).toBe(d.caseNumber);
    expect((await eventTypes(clerkApi, id)).slice(0, 2)).toEqual(['DraftCreated', 'ImageAttached']);
    // The read fields are the clerk's only once checked: the page asks, and the registry records the check.
    const review = page.getByTestId('read-fields-review');
    await expect.poll(() => review.textContent()).toMatch(/read from the form wait|read from the form waits/);
    await review.getByRole('button', { name: 'Confirm the fields read from the form' }).click();
    await expect.poll(() => review.count()).toBe(0);
    await expect.poll(async () => (await eventTypes(clerkApi, id)).includes('ReadFieldsReviewed')).toBe(true);
    const reading = (await clerkApi.ok('GET', `/api/v1/orders/${id}/form-reading`)).reading as Json;
    expect(reading.reviewComplete).toBe(true);
    await clerkApi.ok('DELETE', `/api/v1/orders/${id}/draft`, {});
  });
});

describe('data first', () => {
  it('a wrong code is shown on its field, a stay-away opens its section; a double-clicked add enters one order', async () => {
    await startFromForm(page, 'DV-130');
    const id = orderIdOf(page);
    await page.getByLabel('Case number').fill('26FL000202');
    await page.getByLabel('Date issued').fill(yesterday.typed);
    await page.getByLabel('Last name', { exact: true }).first().fill('Lindqvist');
    await page.getByLabel('First name', { exact: true }).first().fill('Maja');
    await page.getByLabel('Last name', { exact: true }).nth(1).fill('Petrov');
    await page.getByLabel('First name', { exact: true }).nth(1).fill('Ivan');
    await page.getByLabel('Hair').fill('plaid');
    await tick(page, 'Stay-away order');
    await page.getByLabel('Distance in yards').fill('100');
    await expect.poll(() => page.locator('.usa-error-message').filter({ hasText: 'not a hair colour' }).count()).toBe(1);
    await expect.poll(() => page.getByTestId('live-expiry').textContent()).toMatch(/Fam\. Code 6345/);
    await checkPage(page, 'entry-dv130-errors-and-stay-away');
    await page.getByLabel('Hair').fill('black');
    await saved(page);
    await page.getByRole('button', { name: 'Add the order' }).dblclick();
    await page.waitForURL(/added=true/);
    const types = await eventTypes(clerkApi, id);
    expect(types.filter((t) => t === 'OrderAdded')).toHaveLength(1);
    const found = await clerkApi.ok('GET', '/api/v1/search?caseNumber=26FL000202');
    expect(found.hits).toHaveLength(1);
  });

  it('a draft survives a reload and a lost connection', async () => {
    await startFromForm(page, 'DV-110');
    const id = orderIdOf(page);
    await page.getByLabel('Case number').fill('26FL000303');
    await saved(page);
    // Leaving with typing not yet saved asks first; staying keeps it.
    await page.getByLabel('Department').fill('12');
    const asked = new Promise<string>((resolve) => page.once('dialog', (d) => void d.dismiss().then(() => resolve(d.message()))));
    await page.getByRole('link', { name: 'Search orders' }).click();
    expect(await asked).toMatch(/not yet saved/);
    expect(page.url()).toMatch(/\/entry$/);
    await saved(page);
    await page.reload();
    await expect.poll(() => page.getByLabel('Case number').inputValue()).toBe('26FL000303');
    expect(await page.getByLabel('Department').inputValue()).toBe('12');
    await context.setOffline(true);
    await page.getByLabel('Judicial officer').fill('Hon. R. Alvarez');
    await expect.poll(() => page.getByTestId('save-status').textContent()).toMatch(/No connection/);
    await checkPage(page, 'entry-offline');
    await context.setOffline(false);
    await saved(page);
    const d = (await clerkApi.ok('GET', `/api/v1/orders/${id}`)).order.details;
    expect(d).toMatchObject({ form: 'DV-110', caseNumber: '26FL000303', judicialOfficer: 'Hon. R. Alvarez' });
    const types = await eventTypes(clerkApi, id);
    expect(new Set(types)).toEqual(new Set(['DraftCreated', 'DraftUpdated']));
  });

  it('conflicting orders are shown before add, a sealed one only counted; add needs the confirmation', async () => {
    const restrained = { name: { last: 'HARGROVE', first: 'SIMON' }, dateOfBirth: '1979-02-03', sex: 'M' };
    const protectedPerson = { name: { last: 'HARGROVE', first: 'LENA' }, dateOfBirth: '1982-06-07', confidential: false, minor: false };
    const base = { restrainedPerson: restrained, protectedPersons: [protectedPerson], issuedAt: `${yesterday.iso}T09:00:00-07:00` };
    await orangeApi.ok('POST', '/api/v1/orders?wait=true', {
      details: { ...base, form: 'CR-160', caseNumber: '26CR000404', court: { ori: DEMO.orangeCourt, county: '30', name: 'Superior Court of California, County of Orange' }, expiration: { kind: 'date', date: '2029-12-31' }, provisions: [{ kind: 'no-contact' }] },
    });
    await supervisorApi.ok('POST', '/api/v1/orders?wait=true', {
      details: { ...base, form: 'DV-130', sealed: true, caseNumber: '26FL000405', court: { ori: DEMO.laCourt, county: '19', name: 'Superior Court of California, County of Los Angeles' }, provisions: [{ kind: 'no-contact' }] },
    });
    await startFromForm(page, 'DV-130');
    const id = orderIdOf(page);
    await page.getByLabel('Case number').fill('26FL000406');
    await page.getByLabel('Date issued').fill(yesterday.typed);
    await page.getByLabel('Last name', { exact: true }).first().fill('Hargrove');
    await page.getByLabel('First name', { exact: true }).first().fill('Lena');
    await page.getByLabel('Date of birth', { exact: true }).first().fill('06071982');
    await page.getByLabel('Last name', { exact: true }).nth(1).fill('Hargrove');
    await page.getByLabel('First name', { exact: true }).nth(1).fill('Simon');
    await page.getByLabel('Date of birth', { exact: true }).nth(1).fill('02031979');
    await tick(page, 'Peaceful contact only');
    await saved(page);
    await expect.poll(() => page.getByTestId('withheld-count').textContent()).toMatch(/1 more order/);
    await expect.poll(() => page.getByTestId('conflict-list').textContent()).toMatch(/./);
    expect(await page.locator('.ccpor-conflict-warnings').textContent()).not.toContain('26FL000405');
    await page.getByRole('button', { name: 'Add the order' }).click();
    await expect.poll(() => page.getByTestId('add-error').textContent()).toMatch(/Confirm that you have seen/);
    await checkPage(page, 'entry-conflict-warnings');
    expect(await eventTypes(clerkApi, id)).not.toContain('OrderAdded');
    await tick(page, 'I have seen these orders and warnings');
    await page.getByRole('button', { name: 'Add the order' }).click();
    await page.waitForURL(/added=true/);
    expect((await eventTypes(clerkApi, id)).filter((t) => t === 'OrderAdded')).toHaveLength(1);
  });

  it('the drafts waiting for data list the agency’s drafts, longest waiting first; no script error on any page', async () => {
    await page.goto(`${registry.url}/orders/new`);
    await page.getByTestId('drafts-table').waitFor();
    const rows = await page.getByTestId('drafts-table').locator('tbody tr').allTextContents();
    expect(rows.some((r) => r.includes('26FL000303'))).toBe(true);
    const mine = (await clerkApi.ok('GET', '/api/v1/orders/drafts')).drafts as Json[];
    expect(rows).toHaveLength(mine.length);
    expect(problems).toEqual([]);
  });
});
