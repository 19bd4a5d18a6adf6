import { afterAll, beforeAll, it } from 'vitest';
import { adminSession, readyUser, DEMO } from './harness/api';
import { launch, newContext } from './harness/browser';
import { startRegistry, type Registry } from './harness/registry';
import type { Browser } from 'playwright-core';

let r: Registry;
let browser: Browser;
beforeAll(async () => {
  const t0 = Date.now();
  r = await startRegistry({ demoOrders: 30 });
  console.log('registry', Date.now() - t0);
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await r?.stop();
});

it('looks', async () => {
  const admin = await adminSession(r.url, r.admin);
  await readyUser(r.url, admin, { username: 'clerk.la', displayName: 'Dana Clerk', agencyOri: DEMO.laCourt, roles: ['court-clerk'] }, 'clerk-password-123');
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  page.on('console', (m) => console.log('console', m.type(), m.text()));
  page.on('pageerror', (e) => console.log('pageerror', e.message));
  await page.goto(`${r.url}/`);
  await page.waitForSelector('h1');
  await page.screenshot({ path: '/tmp/shots/signin.png' });
  await page.fill('#username', 'clerk.la');
  await page.fill('#password', 'clerk-password-123');
  await page.click('button[type=submit]');
  await page.waitForURL(/\/search/);
  await page.fill('#lastName', 'NGUYN');
  await page.click('text=Search statewide');
  await page.waitForSelector('table.ccpor-results, .ccpor-empty');
  await page.screenshot({ path: '/tmp/shots/search.png', fullPage: true });
  await page.click('table.ccpor-results tbody tr:nth-child(1) a');
  await page.waitForSelector('.ccpor-order-head h1');
  await page.waitForTimeout(2500);
  await page.screenshot({ path: '/tmp/shots/order.png' });
  await page.click('text=Enforcement');
  await page.waitForTimeout(500);
  await page.screenshot({ path: '/tmp/shots/enforcement.png' });
  await page.click('role=tab[name="History"]');
  await page.waitForTimeout(800);
  await page.screenshot({ path: '/tmp/shots/history.png' });
}, 120_000);
