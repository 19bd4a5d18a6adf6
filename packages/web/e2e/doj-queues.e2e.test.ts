import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSession, ApiSession, DEMO, readyUser, type Json } from './harness/api';
import { collectProblems, launch, newContext } from './harness/browser';
import { cletsEnv, eventually, laOrder, startDojSimulator, type DojSimulatorProcess } from './harness/doj-simulator';
import { checkPage, heading, signIn } from './harness/pages';
import { startRegistry, type Registry } from './harness/registry';

/**
 * The DOJ work queues against the real registry and the DOJ simulator over TCP: an order DOJ
 * rejects appears in the correction queue with DOJ's error by its field, is corrected (through the
 * API until the modify form is there), resubmitted and acknowledged, and confirmed in the review
 * queue by one keystroke; a clerk who is not CLETS-certified sees no queue and the API refuses.
 */
let sim: DojSimulatorProcess;
let registry: Registry;
let browser: Browser;
let admin: ApiSession;
let certified: ApiSession;
const problems: string[] = [];
const PASSWORD = 'queue-test-password-1';

beforeAll(async () => {
  sim = await startDojSimulator();
  [registry, browser] = await Promise.all([startRegistry({ demoOrders: 3, env: cletsEnv(sim) }), launch()]);
  admin = await adminSession(registry.url, registry.admin);
  await readyUser(registry.url, admin, { username: 'cara.certified', displayName: 'Cara Ito', agencyOri: DEMO.laCourt, roles: ['court-clerk'], cletsCertified: true }, PASSWORD);
  await readyUser(registry.url, admin, { username: 'nico.clerk', displayName: 'Nico Park', agencyOri: DEMO.laCourt, roles: ['court-clerk'] }, PASSWORD);
  certified = await ApiSession.signIn(registry.url, 'cara.certified', PASSWORD);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await registry?.stop();
  await sim?.stop();
});

const signedIn = async (username: string): Promise<Page> => {
  const page = await (await newContext(browser)).newPage();
  problems.push(...collectProblems(page));
  await page.goto(`${registry.url}/sign-in`);
  await signIn(page, username, PASSWORD);
  await page.waitForURL(/\/search/);
  return page;
};

const queue = async (path: string): Promise<Json[]> => (await certified.ok('GET', `/api/v1/carpos/${path}`)).entries as Json[];
const events = async (orderId: string): Promise<string[]> => ((await certified.ok('GET', `/api/v1/orders/${orderId}/history`)).events as Json[]).map((e: Json) => e.type as string);

describe('DOJ work queues', () => {
  it('a rejected order is shown with DOJ’s error by its field, corrected, acknowledged, and confirmed in the review queue', async () => {
    // DOJ refuses a second active record for the same case.
    const first = await certified.ok('POST', '/api/v1/orders', { details: laOrder('26FL900001') });
    await eventually(async () => (await events(first.orderId)).includes('DojAcknowledgementRecorded'), 'the first order acknowledged');
    const second = await certified.ok('POST', '/api/v1/orders', { details: laOrder('26FL900001') });
    await eventually(async () => (await queue('queues/rejected')).some((e) => e.orderId === second.orderId), 'the reject');

    const page = await signedIn('cara.certified');
    await expect.poll(() => page.getByTestId('nav-queue-count').textContent(), { timeout: 10_000 }).toMatch(/^[1-9]\d*$/);
    await page.getByTestId('nav-queues').click();
    await page.waitForURL(/\/queues/);
    await page.getByTestId('queue-link-rejected').click();
    const row = page.getByTestId('rejected-row').filter({ has: page.locator(`a[href="/orders/${second.orderId}"]`) });
    await expect.poll(() => row.count()).toBe(1);
    const text = await row.textContent();
    expect(text).toContain('Protection order number (court case number)');
    expect(text).toContain('caseNumber');
    expect(text).toContain('Duplicate record already on file');
    expect(text).toContain('DUPLICATE OF ACTIVE RECORD');
    await checkPage(page, 'queues-rejected');

    // "Correct the order" opens the order, beside its image, where the change is made.
    await row.getByRole('link', { name: 'Correct the order' }).click();
    await page.waitForURL(new RegExp(`/orders/${second.orderId}`));

    // The correction (the modify form is part 2's; until then through the API, as a court's system would).
    const fixed = await certified.call('POST', `/api/v1/orders/${second.orderId}/modifications`, {
      changes: { restrainedPerson: { name: { last: 'Abara', first: 'David' }, dateOfBirth: '1991-01-01', sex: 'M', race: 'B', height: '600', weight: '170', hair: 'BRO' } },
      reason: 'DOJ reject: a different restrained person',
    });
    expect([fixed.status, fixed.body?.code]).toEqual([200, undefined]);
    await eventually(async () => (await events(second.orderId)).filter((e) => e === 'DojAcknowledgementRecorded').length > 0, 'the corrected order acknowledged');
    await eventually(async () => !(await queue('queues/rejected')).some((e) => e.orderId === second.orderId), 'leaving the correction queue');
    await eventually(async () => (await queue('queues/review')).some((e) => e.orderId === second.orderId), 'the review queue');

    await page.goto(`${registry.url}/queues?q=rejected`);
    await expect.poll(() => page.getByTestId('queue-empty').isVisible()).toBe(true);
    await page.getByTestId('queue-link-review').click();
    const reviewRows = page.getByTestId('review-row').filter({ has: page.locator(`a[href="/orders/${second.orderId}"]`) });
    await expect.poll(() => reviewRows.count()).toBeGreaterThan(0);
    await checkPage(page, 'queues-review');
    const before = await page.getByTestId('review-row').count();

    // One keystroke: the focused answer is confirmed as accurate.
    await reviewRows.first().focus();
    await page.keyboard.press('a');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'confirmed as accurate' }).count()).toBe(1);
    await expect.poll(() => page.getByTestId('review-row').count()).toBe(before - 1);

    // Several at once: Space selects, A confirms them all.
    const rest = page.getByTestId('review-row');
    if ((await rest.count()) >= 2) {
      await rest.nth(0).focus();
      await page.keyboard.press('Space');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Space');
      await expect.poll(() => page.locator('.ccpor-review input[type=checkbox]:checked').count()).toBe(2);
      await checkPage(page, 'queues-review-selected');
      await page.keyboard.press('a');
      await expect.poll(() => page.getByRole('status').filter({ hasText: '2 answers confirmed as accurate' }).count()).toBe(1);
    }
    const history = (await certified.ok('GET', `/api/v1/orders/${second.orderId}/history`)).events as Json[];
    expect(history.some((e: Json) => e.type === 'DojResponseReviewed' && e.actor?.userId === 'cara.certified')).toBe(true);

    for (const name of ['pending', 'awaiting-data', 'overdue', 'dead-letter', 'notifications']) {
      await page.getByTestId(`queue-link-${name}`).click();
      await expect.poll(() => heading(page).textContent()).toBe('DOJ queues');
      await page.locator('#queue-heading').waitFor();
      await checkPage(page, `queues-${name}`);
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it('a CARPOS query shows DOJ’s records beside the registry’s, and a reconciliation of the court runs to its report', async () => {
    const order = await certified.ok('POST', '/api/v1/orders', { details: laOrder('26FL900010', 'Mensah') });
    await eventually(async () => (await events(order.orderId)).includes('DojAcknowledgementRecorded'), 'the order acknowledged');
    const page = await signedIn('cara.certified');
    await page.getByTestId('nav-carpos-query').click();
    await page.waitForURL(/\/carpos\/query/);
    await page.locator('label[for=q-form-case]').click();
    await page.locator('#q-caseNumber').fill('26FL900010');
    await page.locator('#q-courtOri').selectOption(DEMO.laCourt);
    await page.getByRole('button', { name: 'Ask DOJ' }).click();
    const records = page.getByTestId('doj-records');
    await expect.poll(() => records.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await records.textContent()).toContain('Registry order 26FL900010');
    await expect.poll(() => page.getByTestId('registry-hits').locator('li').count()).toBeGreaterThan(0);
    await checkPage(page, 'carpos-query');

    await page.getByTestId('nav-carpos-reconciliations').click();
    await page.waitForURL(/\/carpos\/reconciliations/);
    await page.getByRole('button', { name: 'Reconcile my court now' }).click();
    await page.getByRole('button', { name: 'Yes, start' }).click();
    await expect.poll(() => page.locator('table').first().textContent(), { timeout: 60_000 }).toContain('completed');
    await expect.poll(() => page.locator('#differences-heading').isVisible()).toBe(true);
    await checkPage(page, 'carpos-reconciliation');
    expect(problems).toEqual([]);
  }, 120_000);

  it('a clerk who is not CLETS-certified sees no queue, and the API refuses them', async () => {
    const page = await signedIn('nico.clerk');
    expect(await page.getByTestId('nav-queues').count()).toBe(0);
    expect(await page.getByTestId('nav-queue-count').count()).toBe(0);
    expect(await page.getByTestId('nav-carpos-query').count()).toBe(0);
    await page.goto(`${registry.url}/queues`);
    await expect.poll(() => page.getByText('only CLETS-certified users see them').isVisible()).toBe(true);
    await checkPage(page, 'queues-not-certified');
    const clerk = await ApiSession.signIn(registry.url, 'nico.clerk', PASSWORD);
    for (const path of ['queues/pending', 'queues/rejected', 'queues/review', 'overdue', 'notifications']) {
      const r = await clerk.call('GET', `/api/v1/carpos/${path}`);
      expect([path, r.status, r.body.code]).toEqual([path, 403, 'CLETS_CERTIFICATION_REQUIRED']);
    }
    expect(problems).toEqual([]);
  }, 60_000);
});
