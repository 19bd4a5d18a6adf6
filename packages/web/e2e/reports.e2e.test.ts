import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSession, ApiSession, DEMO, readyUser, type Json } from './harness/api';
import { collectProblems, launch, newContext } from './harness/browser';
import { checkPage, heading, signIn } from './harness/pages';
import { startRegistry, type Registry } from './harness/registry';

/**
 * The report pages (issue 16) against the real registry with demo orders: each report with its
 * filters in the address, the ECharts chart and the table behind it, CSV and PDF exports; the
 * access report for a local administrator; no report for a clerk (nor from the API).
 */
let registry: Registry;
let browser: Browser;
let supervisorApi: ApiSession;
const problems: string[] = [];
const PASSWORD = 'reports test password 1';

beforeAll(async () => {
  [registry, browser] = await Promise.all([startRegistry({ demoOrders: 60 }), launch()]);
  const admin = await adminSession(registry.url, registry.admin);
  await readyUser(registry.url, admin, { username: 'rita.super', displayName: 'Rita Supervisor', agencyOri: DEMO.laCourt, roles: ['supervisor'] }, PASSWORD);
  await readyUser(registry.url, admin, { username: 'lou.admin', displayName: 'Lou Admin', agencyOri: DEMO.laCourt, roles: ['local-admin'] }, PASSWORD);
  await readyUser(registry.url, admin, { username: 'cal.clerk', displayName: 'Cal Clerk', agencyOri: DEMO.laCourt, roles: ['court-clerk'] }, PASSWORD);
  supervisorApi = await ApiSession.signIn(registry.url, 'rita.super', PASSWORD);
});
afterAll(async () => {
  await browser?.close();
  await registry?.stop();
});

const signedIn = async (username: string, path: string): Promise<{ context: BrowserContext; page: Page }> => {
  const context = await newContext(browser);
  const page = await context.newPage();
  problems.push(...collectProblems(page));
  await page.goto(`${registry.url}${path}`);
  await page.waitForURL(/\/sign-in/);
  await signIn(page, username, PASSWORD);
  await page.waitForURL((u) => u.pathname === path.split('?')[0]);
  return { context, page };
};

/** The rendered table as text, row by row. */
const tableText = (page: Page, id: string): Promise<string[][]> =>
  page.locator(`#${id} tbody tr`).evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));

const waitForReport = async (page: Page): Promise<void> => {
  await page.locator('[data-testid="report-chart"] svg').first().waitFor();
  await page.locator('[data-testid="report-meta"]').waitFor();
};

describe('report pages', () => {
  it('a supervisor finds the reports in the header and opens each: chart, table, exports', async () => {
    const { context, page } = await signedIn('rita.super', '/reports');
    await expect.poll(() => heading(page).textContent()).toBe('Reports');
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).getAttribute('aria-current')).toBe('page');
    // The access report is for administrators: a supervisor is not offered it.
    expect(await page.locator('.usa-card__heading a').allTextContents()).toHaveLength(6);
    await checkPage(page, 'reports-index');

    for (const [name, title] of [
      ['statistical', 'Orders issued, entered, in force, renewed and canceled'],
      ['timeliness', 'DOJ timeliness'],
      ['service', 'Orders in force not yet served'],
      ['expiring', 'Orders expiring soon'],
      ['rejects', 'DOJ rejects'],
      ['data-quality', 'Data quality'],
    ] as const) {
      await page.goto(`${registry.url}/reports/${name}`);
      await expect.poll(() => heading(page).textContent()).toBe(title);
      await waitForReport(page);
      // The page's table holds what the API answers (the same figures the chart draws).
      const doc: Json = await supervisorApi.ok('GET', `/api/v1/reports/${name}`);
      const first = doc.tables[0];
      const rows = await tableText(page, `table-${first.key}`);
      if (first.rows.length === 0) expect(rows).toEqual([['No rows for these filters.']]);
      else expect(rows.map((r) => r[0])).toEqual(first.rows.map((r: Json) => String(r[first.columns[0].key] ?? '—')));
      expect(await page.locator('[data-testid="report-chart"]').getAttribute('aria-describedby')).toBe(`table-${first.key}`);
      await checkPage(page, `report-${name}`);
    }
    await context.close();
  });

  it('filters live in the address; a bad range is shown on its field; the exports download', async () => {
    const { context, page } = await signedIn('rita.super', '/reports/statistical');
    await waitForReport(page);
    await page.getByLabel('County').selectOption('19');
    await page.getByLabel('Group by').selectOption('court');
    await page.getByRole('button', { name: 'Show report' }).click();
    await page.waitForURL(/county=19/);
    expect(page.url()).toContain('by=court');
    await expect.poll(async () => (await tableText(page, 'table-byKey')).map((r) => r[0])).toEqual([DEMO.laCourt]);
    const doc: Json = await supervisorApi.ok('GET', '/api/v1/reports/statistical?county=19&by=court');
    expect((await tableText(page, 'table-byKey'))[0]).toEqual(
      ['key', 'issued', 'entered', 'inForce', 'renewed', 'canceled'].map((k) => (typeof doc.tables[0].rows[0][k] === 'number' ? doc.tables[0].rows[0][k].toLocaleString('en-US') : doc.tables[0].rows[0][k])),
    );
    await checkPage(page, 'report-statistical-filtered');

    // The exports carry the same filters, and open.
    const csvHref = await page.getByRole('link', { name: /^CSV: Orders by court/ }).getAttribute('href');
    expect(csvHref).toContain('county=19');
    const csv = await context.request.get(`${registry.url}${csvHref}`);
    expect(csv.status()).toBe(200);
    expect((await csv.text()).split('\r\n')[1]).toMatch(new RegExp(`^${DEMO.laCourt},`));
    const pdf = await context.request.get(`${registry.url}${await page.getByRole('link', { name: 'PDF (chart and tables)' }).getAttribute('href')}`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    await page.getByLabel('Issued from', { exact: true }).fill('2026-05-01');
    await page.getByLabel('Issued to', { exact: true }).fill('2026-04-01');
    await page.getByRole('button', { name: 'Show report' }).click();
    const error = page.locator('#to-error');
    await expect.poll(() => error.textContent()).toContain('before it starts');
    expect(await page.getByLabel('Issued to', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await checkPage(page, 'report-filter-error');
    await context.close();
  });

  it('a local administrator reads the access report of their agency', async () => {
    const { context, page } = await signedIn('lou.admin', '/reports/access');
    await expect.poll(() => heading(page).textContent()).toBe('Access: denials and sealed-order reads');
    await waitForReport(page);
    expect(await page.getByTestId('report-meta').textContent()).toContain(`agency ${DEMO.laCourt}`);
    await checkPage(page, 'report-access');
    await context.close();
  });

  it('a clerk has no Reports in the header, is told why on the page, and the API refuses', async () => {
    const { context, page } = await signedIn('cal.clerk', '/reports/service');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Reports are for administrators and supervisors.');
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).count()).toBe(0);
    await checkPage(page, 'report-refused');
    const clerk = await ApiSession.signIn(registry.url, 'cal.clerk', PASSWORD);
    expect((await clerk.call('GET', '/api/v1/reports/service')).status).toBe(403);
    await context.close();
  });

  it('no script errors on any page', () => expect(problems).toEqual([]));
});
