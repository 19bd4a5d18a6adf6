import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSession, ApiSession, DEMO, readyUser } from './harness/api';
import { collectProblems, launch, newContext } from './harness/browser';
import { cletsEnv, startDojSimulator, type DojSimulatorProcess } from './harness/doj-simulator';
import { checkPage, heading, signIn } from './harness/pages';
import { startRegistry, type Registry } from './harness/registry';

/**
 * Administration as a court's local administrator does it: users of their own agency (and not of
 * another, nor a state administrator), an API key issued, used and revoked, the court profile, and
 * the go-live readiness with its acceptance run against the DOJ simulator.
 */
let sim: DojSimulatorProcess;
let registry: Registry;
let browser: Browser;
let page: Page;
const problems: string[] = [];
const PASSWORD = 'admin-e2e-password-1';

beforeAll(async () => {
  sim = await startDojSimulator();
  [registry, browser] = await Promise.all([startRegistry({ demoOrders: 3, env: { ...cletsEnv(sim), CCPOR_ACCEPTANCE_TESTING: 'true' } }), launch()]);
  const admin = await adminSession(registry.url, registry.admin);
  await readyUser(registry.url, admin, { username: 'lena.local', displayName: 'Lena Ortiz', agencyOri: DEMO.laCourt, roles: ['local-admin', 'court-clerk'] }, PASSWORD);
  page = await (await newContext(browser)).newPage();
  problems.push(...collectProblems(page));
  await page.goto(`${registry.url}/sign-in`);
  await signIn(page, 'lena.local', PASSWORD);
  await page.waitForURL(/\/search/);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await registry?.stop();
  await sim?.stop();
});

describe('administration by a local administrator', () => {
  it('creates a user of their own agency, with the one-time password shown once; another agency or a state administrator is refused', async () => {
    await page.getByTestId('nav-admin').click();
    await page.waitForURL(/\/admin\/users/);
    await expect.poll(() => heading(page).textContent()).toBe('Users');
    // Only their own agency to choose from, and no role beyond their reach.
    expect(await page.locator('#new-agency option').allTextContents()).toEqual([expect.stringContaining(DEMO.laCourt)]);
    expect(await page.locator('#new-role-state-admin').isDisabled()).toBe(true);
    await checkPage(page, 'admin-users');

    await page.getByLabel('User name').fill('omar.clerk');
    await page.getByLabel('Full name').fill('Omar Haddad');
    // Roles beyond a local administrator's own are not offered (the domain's rule, as the API applies it).
    expect(await page.locator('#new-role-supervisor').isDisabled()).toBe(true);
    expect(await page.locator('#new-role-court-clerk').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByRole('button', { name: 'Yes, create' }).click();
    const secret = page.getByTestId('secret-value');
    await secret.waitFor();
    const oneTimePassword = (await secret.textContent())!.trim();
    expect(oneTimePassword.length).toBeGreaterThanOrEqual(12);
    await checkPage(page, 'admin-users-created');
    // The password works once, for the user of the right agency.
    const omar = await ApiSession.signIn(registry.url, 'omar.clerk', oneTimePassword);
    expect((await omar.ok('GET', '/api/v1/session')).agencyOri).toBe(DEMO.laCourt);
    await page.getByRole('button', { name: /hide it/ }).click();
    expect(await secret.count()).toBe(0);

    // What the page does not offer, the API refuses too.
    const lena = await ApiSession.signIn(registry.url, 'lena.local', PASSWORD);
    const elsewhere = await lena.call('POST', '/api/v1/users', { username: 'x.orange', displayName: 'X', agencyOri: DEMO.orangeCourt, roles: ['court-clerk'], cletsCertified: false });
    expect(elsewhere.status).toBe(403);
    const stateAdmin = await lena.call('POST', '/api/v1/users', { username: 'x.state', displayName: 'X', agencyOri: DEMO.laCourt, roles: ['state-admin'], cletsCertified: false });
    expect(stateAdmin.status).toBe(403);

    // Disabled after a confirmation; the user can no longer sign in.
    const row = page.getByTestId('user-row-omar.clerk');
    await row.getByRole('button', { name: 'Disable omar.clerk' }).click();
    await row.getByRole('button', { name: 'Yes, disable' }).click();
    await expect.poll(() => row.textContent()).toContain('Disabled');
    expect((await ApiSession.signIn(registry.url, 'omar.clerk', oneTimePassword).catch((e: Error) => e)) instanceof Error).toBe(true);
    expect(problems).toEqual([]);
  });

  it('issues an API key shown once, which works until it is revoked', async () => {
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.waitForURL(/\/admin\/api-keys/);
    await page.getByLabel('What uses it').fill('Odyssey family law');
    await page.getByRole('button', { name: 'Issue key' }).click();
    await page.getByRole('button', { name: 'Yes, issue' }).click();
    const secret = (await page.getByTestId('secret-value').textContent())!.trim();
    await checkPage(page, 'admin-api-key-issued');
    const use = () => fetch(`${registry.url}/api/v1/search?role=restrained&lastName=RIVERA`, { headers: { Authorization: `Bearer ${secret}` } }).then((r) => r.status);
    expect(await use()).toBe(200);
    // Listed without its secret.
    expect(await page.getByTestId('api-key-row').textContent()).not.toContain(secret);

    await page.getByRole('button', { name: 'Revoke Odyssey family law' }).click();
    await page.getByRole('button', { name: 'Yes, revoke' }).click();
    await expect.poll(() => page.getByTestId('api-key-row').textContent()).toContain('Revoked');
    expect(await use()).toBe(401);
    await checkPage(page, 'admin-api-key-revoked');
    expect(problems).toEqual([]);
  });

  it('shows the court profile, and the go-live readiness whose acceptance run completes against the DOJ simulator', async () => {
    await page.getByRole('link', { name: 'Agencies' }).click();
    await page.waitForURL(/\/admin\/agencies/);
    await expect.poll(() => page.getByRole('row', { name: /CA019015J/ }).count()).toBe(1);
    await checkPage(page, 'admin-agencies');

    await page.getByRole('link', { name: 'Go-live readiness' }).click();
    await page.waitForURL(/\/admin\/readiness/);
    await expect.poll(() => page.getByTestId('readiness-court-profile').textContent()).toContain('Yes');
    expect(await page.getByTestId('readiness-acceptance-testing').textContent()).toContain('No');
    expect(await page.getByTestId('readiness-test-scan').textContent()).toContain('Not applicable');
    await checkPage(page, 'admin-readiness');

    await page.getByRole('button', { name: 'Run acceptance testing' }).click();
    await page.getByRole('button', { name: 'Yes, run' }).click();
    await expect.poll(() => page.getByTestId('acceptance-results').locator('tbody tr').count(), { timeout: 60_000 }).toBe(5);
    expect(await page.getByTestId('acceptance-results').locator('tbody tr').filter({ hasText: 'Acknowledged by DOJ' }).count()).toBe(5);
    expect(await page.getByTestId('readiness-acceptance-testing').textContent()).toContain('Yes');
    await checkPage(page, 'admin-readiness-run');
    expect(problems).toEqual([]);
  }, 120_000);

  it('previews a notification template in English and Spanish, beside the delivery logs and webhooks', async () => {
    await page.getByRole('link', { name: 'Notifications and integrations' }).click();
    await page.waitForURL(/\/admin\/notifications/);
    await expect.poll(() => page.locator('#template-kind option').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByTestId('template-preview');
    await expect.poll(() => preview.textContent()).toContain('Subject:');
    await checkPage(page, 'admin-notifications');
    await page.locator('#template-language').selectOption('es');
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect.poll(() => preview.locator('pre').textContent()).not.toBe('');
    expect(problems).toEqual([]);
  });
});
