import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSession, ApiSession, createUser, DEMO, readyUser } from './harness/api';
import { collectProblems, launch, newContext } from './harness/browser';
import { checkPage, heading, signIn } from './harness/pages';
import { startRegistry, type Registry } from './harness/registry';

/**
 * Signing in and out as people do: the one-time password and its forced change, the messages for
 * a wrong password, a locked account and too many attempts, a session that ends (back to sign-in,
 * then back to the same page), a deep link opened while signed out, and sign-out.
 */
let registry: Registry;
let browser: Browser;
let admin: ApiSession;
const problems: string[] = [];

beforeAll(async () => {
  [registry, browser] = await Promise.all([startRegistry({ demoOrders: 6, env: { CCPOR_LOGIN_MAX_FAILURES: '3', CCPOR_LOGIN_RATE_PER_MINUTE: '40' } }), launch()]);
  admin = await adminSession(registry.url, registry.admin);
});
afterAll(async () => {
  await browser?.close();
  await registry?.stop();
});

const freshPage = async (): Promise<{ context: BrowserContext; page: Page }> => {
  const context = await newContext(browser);
  const page = await context.newPage();
  problems.push(...collectProblems(page));
  return { context, page };
};

describe('signing in', () => {
  it('a new clerk signs in with the one-time password, must choose a new one, and lands on the search with their county in the header', async () => {
    const clerk = await createUser(admin, { username: 'dana.clerk', displayName: 'Dana Reyes', agencyOri: DEMO.laCourt, roles: ['court-clerk'] });
    const { context, page } = await freshPage();
    await page.goto(`${registry.url}/`);
    await expect.poll(() => page.url()).toContain('/sign-in');
    await expect.poll(() => heading(page).textContent()).toBe('Sign in');
    await checkPage(page, 'sign-in');

    await signIn(page, clerk.username, clerk.oneTimePassword);
    await page.waitForURL(/\/change-password/);
    expect(await page.getByText('Your password was for one sign-in only').isVisible()).toBe(true);
    await checkPage(page, 'change-password');

    // Mistakes are caught before anything is sent, each on its own field.
    await page.getByLabel('Password you signed in with').fill(clerk.oneTimePassword);
    await page.locator('#newPassword').fill('short');
    await page.getByLabel('New password again').fill('different');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    expect(await page.getByText('The new password must be at least 12 characters long.').isVisible()).toBe(true);
    expect(await page.getByText('The two new passwords are not the same.').isVisible()).toBe(true);
    await checkPage(page, 'change-password-errors');

    await page.locator('#newPassword').fill('a long new passphrase');
    await page.getByLabel('New password again').fill('a long new passphrase');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.waitForURL(/\/search$/);
    await expect.poll(() => heading(page).textContent()).toBe('Statewide search');
    expect(await page.getByTestId('header-user').textContent()).toContain('Dana Reyes');
    expect(await page.getByTestId('header-role').textContent()).toBe('Court clerk');
    expect(await page.getByTestId('header-agency').textContent()).toContain('Superior Court of California, County of Los Angeles');
    await expect.poll(() => page.getByTestId('header-county').textContent()).toBe('Los Angeles (19)');
    await checkPage(page, 'search-start');

    // The new password is the one that works now.
    await ApiSession.signIn(registry.url, clerk.username, 'a long new passphrase');
    await context.close();
  });

  it('a wrong password is answered in plain words, and so is an account locked after repeated failures', async () => {
    await readyUser(registry.url, admin, { username: 'sam.lock', displayName: 'Sam Lock', agencyOri: DEMO.laCourt, roles: ['court-clerk'] }, 'the right password 1');
    const { context, page } = await freshPage();
    await page.goto(`${registry.url}/sign-in`);
    await signIn(page, 'sam.lock', 'not the password');
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('The user name or password is not right');
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
    await checkPage(page, 'sign-in-failed');
    for (let i = 0; i < 2; i++) await signIn(page, 'sam.lock', `wrong again ${i}`);
    // Three failures lock the account: the right password is refused, and the message says why that can be.
    await signIn(page, 'sam.lock', 'the right password 1');
    await expect.poll(() => alert.textContent()).toContain('After several wrong passwords in a row an account is locked for a while');
    expect(page.url()).toContain('/sign-in');
    await context.close();
  });
});

describe('sessions', () => {
  it('a deep link opened while signed out goes to sign-in, then to the page asked for', async () => {
    await readyUser(registry.url, admin, { username: 'lee.deputy', displayName: 'Lee Park', agencyOri: DEMO.laSheriff, roles: ['lea-data-entry'] }, 'deputy password 12');
    const { context, page } = await freshPage();
    await page.goto(`${registry.url}/search?lastName=RIVERA&dobYears=1`);
    await page.waitForURL(/\/sign-in\?redirect=/);
    await signIn(page, 'lee.deputy', 'deputy password 12');
    await page.waitForURL(/\/search\?lastName=RIVERA&dobYears=1$/);
    expect(await page.getByLabel('Last name').inputValue()).toBe('RIVERA');
    await expect.poll(() => page.getByTestId('header-county').textContent()).toBe('Los Angeles (19)');
    expect(await page.getByTestId('header-role').textContent()).toBe('Law enforcement data entry');
    // Signed in already, the sign-in page goes on to the search.
    await page.goto(`${registry.url}/sign-in`);
    await page.waitForURL(/\/search$/);
    await context.close();
  });

  it('when the session ends, the next action goes back to sign-in, and signing in returns to the same page', async () => {
    const { context, page } = await freshPage();
    await page.goto(`${registry.url}/sign-in`);
    await signIn(page, 'lee.deputy', 'deputy password 12');
    await page.waitForURL(/\/search$/);
    await page.getByLabel('Last name').fill('GARCIA');
    await page.getByRole('button', { name: 'Search statewide' }).click();
    await page.waitForURL(/lastName=GARCIA/);
    // The server no longer accepts the session (it expired, or the registry restarted with a new key).
    const [cookie] = await context.cookies();
    await context.addCookies([{ ...cookie!, value: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJleHBpcmVkIn0.invalid' }]);
    await page.getByLabel('First name').fill('MARIA');
    await page.getByRole('button', { name: 'Search statewide' }).click();
    await page.waitForURL(/\/sign-in\?.*reason=expired/);
    expect(await page.getByText('Your session has ended').isVisible()).toBe(true);
    await checkPage(page, 'session-ended');
    await signIn(page, 'lee.deputy', 'deputy password 12');
    await page.waitForURL(/\/search\?lastName=GARCIA&firstName=MARIA$/);
    await expect.poll(() => page.locator('#results-heading').textContent()).not.toBe('Searching…');
    await context.close();
  });

  it('signing out ends the session in this browser: back and reload show sign-in', async () => {
    const { context, page } = await freshPage();
    await page.goto(`${registry.url}/sign-in`);
    await signIn(page, 'lee.deputy', 'deputy password 12');
    await page.waitForURL(/\/search$/);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in\?reason=signed-out/);
    expect(await page.getByText('You have signed out').isVisible()).toBe(true);
    await checkPage(page, 'signed-out');
    expect(await context.cookies()).toEqual([]);
    await page.goBack();
    await page.waitForURL(/\/sign-in/);
    await page.goto(`${registry.url}/search`);
    await page.waitForURL(/\/sign-in\?redirect=%2Fsearch/);
    await context.close();
  });

  it('too many sign-in attempts from one computer are answered with how long to wait', async () => {
    // Use up this minute's attempts from this address, then try once more in the browser.
    for (let i = 0; i < 40; i++) {
      const r = await fetch(`${registry.url}/api/v1/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'nobody.here', password: 'x' }) });
      if (r.status === 429) break;
    }
    const { context, page } = await freshPage();
    await page.goto(`${registry.url}/sign-in`);
    await signIn(page, 'lee.deputy', 'deputy password 12');
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/There have been too many sign-in attempts from this computer. Wait (\d+ seconds|a minute), then try again./);
    await checkPage(page, 'sign-in-rate-limited');
    await context.close();
  });
});

describe('the browser console', () => {
  it('shows no script error on any of these pages', () => {
    expect(problems).toEqual([]);
  });
});
