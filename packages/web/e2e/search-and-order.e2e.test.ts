import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSession, ApiSession, DEMO, readyUser, type Json } from './harness/api';
import { seriousViolations } from './harness/axe';
import { collectProblems, launch, newContext, SCREENSHOTS } from './harness/browser';
import { demoOrders, typo, type DemoHit } from './harness/demo-data';
import { checkPage, heading, signIn } from './harness/pages';
import { startRegistry, type Registry } from './harness/registry';

/**
 * A clerk's and a deputy's day: a statewide search with a typo, the results walked by keyboard and
 * paged, an order opened beside its PDF and its TIFF scan, the enforcement view with an order of
 * another county and a sealed one, the history as a diff; a clerk of another county who does not
 * find a sealed order; an image that cannot be read; the pages at 200% zoom.
 */
let registry: Registry;
let browser: Browser;
const problems: string[] = [];
const PASSWORD = { clerk: 'clerk password 1', orange: 'orange password 1', supervisor: 'supervisor pass 1' };
let clerkApi: ApiSession;
let orangeApi: ApiSession;
let supervisorApi: ApiSession;
let pdfOrder: DemoHit & { details: Json; pages: number };
let tiffOrder: DemoHit & { tiffIndex: number };
let sealedOrder: DemoHit;
let criminalOrderId: string;
let clerkContext: BrowserContext;
let clerk: Page;

const details = async (api: ApiSession, id: string) => (await api.ok('GET', `/api/v1/orders/${id}`)).order as { details: Json; images: { mediaType: string; pages: number }[] };

beforeAll(async () => {
  [registry, browser] = await Promise.all([startRegistry({ demoOrders: 30 }), launch()]);
  const admin = await adminSession(registry.url, registry.admin);
  await readyUser(registry.url, admin, { username: 'ana.clerk', displayName: 'Ana Torres', agencyOri: DEMO.laCourt, roles: ['court-clerk'] }, PASSWORD.clerk);
  await readyUser(registry.url, admin, { username: 'olu.clerk', displayName: 'Olu Bade', agencyOri: DEMO.orangeCourt, roles: ['court-clerk'] }, PASSWORD.orange);
  await readyUser(registry.url, admin, { username: 'kay.super', displayName: 'Kay Supervisor', agencyOri: DEMO.laCourt, roles: ['supervisor'], cletsCertified: true }, PASSWORD.supervisor);
  [clerkApi, orangeApi, supervisorApi] = await Promise.all([
    ApiSession.signIn(registry.url, 'ana.clerk', PASSWORD.clerk),
    ApiSession.signIn(registry.url, 'olu.clerk', PASSWORD.orange),
    ApiSession.signIn(registry.url, 'kay.super', PASSWORD.supervisor),
  ]);

  // Find the demo orders this file needs, as a supervisor (who sees sealed ones).
  const all = await demoOrders(supervisorApi);
  sealedOrder = all.find((h) => h.sealed)!;
  for (const h of all.filter((x) => !x.sealed && x.form === 'DV-130' && x.courtOri === DEMO.laCourt && (x.status === 'active' || x.status === 'served'))) {
    const o = await details(supervisorApi, h.orderId);
    if (o.images[0]?.pages === 2 && !o.details.protectedPersons.some((p: Json) => p.confidential || p.minor)) {
      pdfOrder = { ...h, details: o.details, pages: 2 };
      break;
    }
  }
  for (const h of all.filter((x) => !x.sealed && x.imageCount === 2)) {
    const o = await details(supervisorApi, h.orderId);
    const tiffIndex = o.images.findIndex((i) => i.mediaType === 'image/tiff' && i.pages === 2);
    if (tiffIndex >= 0) {
      tiffOrder = { ...h, tiffIndex };
      break;
    }
  }
  expect([sealedOrder, pdfOrder, tiffOrder].every(Boolean)).toBe(true);

  // Orders about the same people elsewhere: a criminal order in Orange County that differs on contact, and a sealed one.
  const people = { restrainedPerson: pdfOrder.details.restrainedPerson, protectedPersons: pdfOrder.details.protectedPersons };
  const base = { ...pdfOrder.details, ...people, issuedAt: new Date(Date.now() - 86_400_000).toISOString() };
  delete base.expiration;
  delete base.hearing;
  criminalOrderId = (
    await orangeApi.ok('POST', '/api/v1/orders', {
      details: { ...base, form: 'CR-160', caseNumber: '26CR000777', court: { ori: DEMO.orangeCourt, county: '30', name: 'Superior Court of California, County of Orange' }, expiration: { kind: 'date', date: '2029-12-31' }, provisions: [{ kind: 'no-contact' }, { kind: 'stay-away', distanceYards: 300, places: ['person', 'home'] }], terms: 'No contact of any kind.' },
    })
  ).orderId;
  await supervisorApi.ok('POST', '/api/v1/orders', { details: { ...base, caseNumber: '26FL990001', sealed: true } });
  // A change the history will show as a diff.
  await clerkApi.ok('POST', `/api/v1/orders/${pdfOrder.orderId}/modifications`, { changes: { terms: 'No contact by social media. Stay 100 yards from the children’s school.' }, reason: 'Corrected at the judge’s request' });
  // Enough orders about one person to need a second page of results.
  for (let i = 0; i < 12; i++)
    await clerkApi.ok('POST', '/api/v1/orders', {
      details: { ...base, caseNumber: `26FL7700${String(i).padStart(2, '0')}`, restrainedPerson: { ...people.restrainedPerson, name: { last: 'PAGEMAN', first: `OTTO${'ABCDEFGHIJKL'[i]}` } } },
    });

  clerkContext = await newContext(browser);
  clerk = await clerkContext.newPage();
  problems.push(...collectProblems(clerk));
  await clerk.goto(`${registry.url}/sign-in`);
  await signIn(clerk, 'ana.clerk', PASSWORD.clerk);
  await clerk.waitForURL(/\/search$/);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await registry?.stop();
});

const resultsShown = async (page: Page) => {
  await page.waitForSelector('table.ccpor-results, .ccpor-empty, .usa-alert--error');
  await expect.poll(() => page.locator('#results-heading').textContent()).not.toBe('Searching…');
};

const search = async (page: Page, fields: { lastName?: string; firstName?: string; dateOfBirth?: string; caseNumber?: string }) => {
  await page.getByRole('button', { name: 'Clear the form' }).click();
  if (fields.lastName) await page.getByLabel('Last name').fill(fields.lastName);
  if (fields.firstName) await page.getByLabel('First name').fill(fields.firstName);
  if (fields.dateOfBirth) await page.getByLabel('Date of birth').fill(fields.dateOfBirth);
  if (fields.caseNumber) await page.getByLabel('Case number').fill(fields.caseNumber);
  await page.getByRole('button', { name: 'Search statewide' }).click();
  // This search's answer, not the previous one still shown while it runs.
  const said = fields.lastName ? `named ${fields.lastName.toUpperCase()}` : `case number ${fields.caseNumber?.toUpperCase()}`;
  await page.waitForFunction((text) => {
    const section = document.querySelector('.ccpor-results-section');
    return section?.getAttribute('aria-busy') === 'false' && (document.querySelector('.ccpor-searched')?.textContent ?? '').includes(text);
  }, said);
  await resultsShown(page);
};

/** How many dark pixels the viewer's canvas shows: a drawn page has thousands, a blank one none. */
const inkOnCanvas = (page: Page) =>
  page.locator('canvas.ccpor-viewer__canvas').evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let dark = 0;
    for (let i = 0; i < d.length; i += 16) if (d[i]! < 100 && d[i + 3]! > 0) dark++;
    return dark;
  });

describe('statewide search', () => {
  it('finds the order with a typo in the surname and the date of birth, says what was searched, and the back button returns to it', async () => {
    const p = pdfOrder.person;
    await search(clerk, { lastName: typo(p.last), dateOfBirth: p.dateOfBirth });
    expect(clerk.url()).toContain(`lastName=${typo(p.last)}`);
    expect(await clerk.locator('.ccpor-searched').textContent()).toContain(`named ${typo(p.last)}`);
    const row = clerk.locator('table.ccpor-results tbody tr', { hasText: `${p.last}, ${p.first}` });
    expect(await row.count()).toBeGreaterThan(0);
    // The badge says the status in words; the related-orders column counts the criminal order of Orange County.
    expect(await row.first().locator('.ccpor-badge').textContent()).toMatch(/Active/);
    expect(await row.first().locator('td').last().textContent()).toMatch(/1 other order in force, \d+ conflicts?/);
    await checkPage(clerk, 'search-results');
    const searched = clerk.url();
    await row.first().getByRole('link').click();
    await clerk.waitForURL(/\/orders\//);
    await clerk.goBack();
    await clerk.waitForURL(searched);
    await expect.poll(() => row.count()).toBeGreaterThan(0);
    expect(await clerk.getByLabel('Last name').inputValue()).toBe(typo(p.last));
  });

  it('walks the results with the keyboard and pages through them by the API’s cursor', async () => {
    await clerk.getByLabel('Results per page').selectOption('10');
    await search(clerk, { lastName: 'PAGEMAN' });
    const links = clerk.locator('table.ccpor-results tbody a[data-row-link]');
    expect(await links.count()).toBe(10);
    await links.first().focus();
    await clerk.keyboard.press('ArrowDown');
    await clerk.keyboard.press('ArrowDown');
    expect(await clerk.evaluate(() => document.activeElement?.closest('tr')?.rowIndex)).toBe(3);
    await clerk.keyboard.press('End');
    expect(await clerk.evaluate(() => document.activeElement?.closest('tr')?.rowIndex)).toBe(10);
    await clerk.getByRole('button', { name: 'Next page ›' }).click();
    await expect.poll(() => clerk.locator('#results-heading').textContent()).toBe('Orders found, page 2');
    await resultsShown(clerk);
    expect(await clerk.locator('#results-heading').textContent()).toBe('Orders found, page 2');
    // The heading changes with the address; the rows follow once the second page has arrived.
    await expect.poll(() => links.count()).toBe(2);
    expect(clerk.url()).toMatch(/[?&]c=/);
    await clerk.getByRole('button', { name: '‹ Previous page' }).click();
    await expect.poll(() => links.count()).toBe(10);
    expect(await clerk.locator('#results-heading').textContent()).toBe('Orders found');
  });

  it('an empty result says what was searched and what to try', async () => {
    await search(clerk, { lastName: 'QWXZYV', dateOfBirth: '1975-05-05' });
    expect(await clerk.locator('#results-heading').textContent()).toBe('No orders found');
    const help = await clerk.locator('.ccpor-empty').textContent();
    expect(help).toMatch(/Check the spelling/);
    expect(help).toMatch(/Widen the date of birth to ± 1 or 2 years/);
    expect(await clerk.locator('.ccpor-searched').textContent()).toContain('named QWXZYV, born 05/05/1975');
    await checkPage(clerk, 'search-empty');
  });

  it('a clerk of another county does not find a sealed order; a supervisor does', async () => {
    const p = sealedOrder.person;
    const context = await newContext(browser);
    const orange = await context.newPage();
    problems.push(...collectProblems(orange));
    await orange.goto(`${registry.url}/search?lastName=${p.last}&dateOfBirth=${p.dateOfBirth}`);
    await signIn(orange, 'olu.clerk', PASSWORD.orange);
    await orange.waitForURL(/\/search\?/);
    await resultsShown(orange);
    expect(await orange.locator(`a[href="/orders/${sealedOrder.orderId}"]`).count()).toBe(0);
    expect(await orange.getByTestId('header-county').textContent()).toBe('Orange (30)');
    // Opening it by its address does not show it either.
    await orange.goto(`${registry.url}/orders/${sealedOrder.orderId}`);
    await expect.poll(() => heading(orange).textContent()).toBe('Order not shown');
    await context.close();

    const supervisorContext = await newContext(browser);
    const supervisor = await supervisorContext.newPage();
    await supervisor.goto(`${registry.url}/search?lastName=${p.last}&dateOfBirth=${p.dateOfBirth}`);
    await signIn(supervisor, 'kay.super', PASSWORD.supervisor);
    await resultsShown(supervisor);
    const row = supervisor.locator('tr', { has: supervisor.locator(`a[href="/orders/${sealedOrder.orderId}"]`) });
    expect(await row.textContent()).toContain('Sealed order');
    await supervisorContext.close();
  });
});

describe('the order beside its image', () => {
  it('opens from the results with the keyboard and shows the order’s data beside its PDF, page by page', async () => {
    const p = pdfOrder.person;
    await search(clerk, { lastName: p.last, dateOfBirth: p.dateOfBirth });
    await clerk.locator(`a[href="/orders/${pdfOrder.orderId}"]`).first().focus();
    await clerk.keyboard.press('Enter');
    await clerk.waitForURL(new RegExp(`/orders/${pdfOrder.orderId}`));
    await expect.poll(() => heading(clerk).textContent()).toContain('DV-130');
    expect(await clerk.locator('.ccpor-person-name').textContent()).toBe(`${p.last}, ${pdfOrder.details.restrainedPerson.name.first}${pdfOrder.details.restrainedPerson.name.middle ? ` ${pdfOrder.details.restrainedPerson.name.middle}` : ''}`);
    expect(await clerk.locator('section[aria-labelledby="sec-orders"]').textContent()).toMatch(/Must stay at least \d+ yards? away from/);
    // The split: data on the left, the image on the right, a separator the keyboard can move.
    expect(await clerk.getByRole('separator').count()).toBe(1);
    await expect.poll(() => clerk.locator('#viewer-pages').textContent(), { timeout: 15_000 }).toBe('of 2');
    await expect.poll(() => inkOnCanvas(clerk), { timeout: 15_000 }).toBeGreaterThan(500);
    await checkPage(clerk, 'order-pdf');
    await clerk.getByRole('button', { name: 'Next page' }).click();
    await expect.poll(() => clerk.getByLabel('Page', { exact: true }).inputValue()).toBe('2');
    await expect.poll(() => clerk.locator('canvas.ccpor-viewer__canvas').getAttribute('aria-label')).toMatch(/page 2 of 2$/);
    const fitWidth = await clerk.locator('.ccpor-viewer__zoom').textContent();
    await clerk.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(() => clerk.locator('.ccpor-viewer__zoom').textContent()).not.toBe(fitWidth);
    await clerk.getByRole('button', { name: 'Fit width' }).click();
    await expect.poll(() => clerk.locator('.ccpor-viewer__zoom').textContent()).toBe(fitWidth);
    // From the keyboard: the page itself takes focus; + zooms, the arrow keys scroll.
    await clerk.locator('#ccpor-viewer-page').focus();
    await clerk.keyboard.press('+');
    await expect.poll(() => clerk.locator('.ccpor-viewer__zoom').textContent()).not.toBe(fitWidth);
    await clerk.getByRole('button', { name: 'Fit width' }).click();
    await expect.poll(() => clerk.locator('.ccpor-viewer__zoom').textContent()).toBe(fitWidth);
    const before = await clerk.locator('canvas.ccpor-viewer__canvas').evaluate((c: HTMLCanvasElement) => c.width / c.height);
    await clerk.getByRole('button', { name: 'Rotate a quarter turn clockwise' }).click();
    await expect.poll(() => clerk.locator('canvas.ccpor-viewer__canvas').evaluate((c: HTMLCanvasElement) => c.width / c.height)).toBeGreaterThan(1 / before - 0.05);
    const [download] = await Promise.all([clerk.waitForEvent('download'), clerk.getByRole('link', { name: 'Download' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  });

  it('remembers where the clerk put the split', async () => {
    const separator = clerk.getByRole('separator');
    const start = Number(await separator.getAttribute('aria-valuenow'));
    await separator.focus();
    for (let i = 0; i < 5; i++) await clerk.keyboard.press('ArrowLeft');
    const moved = Number(await separator.getAttribute('aria-valuenow'));
    expect(moved).toBeLessThan(start);
    await clerk.reload();
    await expect.poll(async () => Number(await clerk.getByRole('separator').getAttribute('aria-valuenow'))).toBeCloseTo(moved, 0);
    // Put it back where it was, for the pages that follow.
    await clerk.getByRole('separator').focus();
    for (let i = 0; i < 5; i++) await clerk.keyboard.press('ArrowRight');
  });

  it('reads the enforcement view: the other county’s order in force, which term governs and why, the conflicts, and the withheld sealed order', async () => {
    await clerk.getByRole('tab', { name: /Enforcement/ }).click();
    expect(clerk.url()).toContain('tab=enforcement');
    const view = clerk.locator('.ccpor-enforcement');
    await expect.poll(() => view.textContent()).toContain('2 orders are in force about these two people now');
    const text = (await view.textContent()) ?? '';
    expect(text).toContain('26CR000777');
    expect(text).toMatch(/1 more order about them is withheld from you \(sealed\)/);
    expect(text).toMatch(/Rule: Pen\. Code 136\.2\(c\)\(1\); Fam\. Code 6383\(h\)/);
    expect(text).not.toContain('docs/law');
    expect(await view.locator(`a[href="/orders/${criminalOrderId}"]`).count()).toBeGreaterThan(0);
    expect(await view.locator('.ccpor-conflicts li').count()).toBeGreaterThan(0);
    await expect.poll(() => inkOnCanvas(clerk), { timeout: 15_000 }).toBeGreaterThan(500);
    await checkPage(clerk, 'order-enforcement');
  });

  it('reads the history as a diff: who changed what, before and after', async () => {
    await clerk.getByRole('tab', { name: 'History' }).click();
    const modified = clerk.locator('.ccpor-timeline__item', { hasText: 'Order modified' });
    await expect.poll(() => modified.count()).toBe(1);
    expect(await modified.locator('.ccpor-timeline__meta').textContent()).toMatch(/by ana\.clerk, Court clerk · Superior Court of California, County of Los Angeles/);
    const row = modified.locator('tr', { hasText: 'Judge’s terms' });
    expect(await row.locator('ins').textContent()).toBe('No contact by social media. Stay 100 yards from the children’s school.');
    expect(await row.locator('del').count()).toBe(1);
    expect(await clerk.locator('.ccpor-timeline__item', { hasText: 'Image attached' }).first().textContent()).toMatch(/order image, PDF, 2 pages/);
    expect(await clerk.locator('.ccpor-history').textContent()).not.toContain('"type"');
    const entered = clerk.locator('.ccpor-timeline__item', { hasText: 'Order added to the registry' }).locator('details');
    await entered.locator('summary').click();
    expect(await entered.textContent()).toContain(pdfOrder.details.caseNumber);
    await checkPage(clerk, 'order-history');
  });

  it('shows a multi-page CCITT Group 4 TIFF scan and pages through it', async () => {
    await clerk.goto(`${registry.url}/orders/${tiffOrder.orderId}`);
    await clerk.getByLabel('Show').selectOption(String(tiffOrder.tiffIndex));
    await expect.poll(() => clerk.locator('#viewer-pages').textContent(), { timeout: 15_000 }).toBe('of 2');
    await expect.poll(() => inkOnCanvas(clerk), { timeout: 15_000 }).toBeGreaterThan(500);
    await checkPage(clerk, 'order-tiff');
    await clerk.getByRole('button', { name: 'Next page' }).click();
    await expect.poll(() => clerk.locator('canvas.ccpor-viewer__canvas').getAttribute('aria-label')).toMatch(/TIFF, 2 pages\): page 2 of 2$/);
    await expect.poll(() => inkOnCanvas(clerk)).toBeGreaterThan(500);
  });

  it('an image the browser cannot read says so and offers the original for download', async () => {
    await clerk.route('**/api/v1/orders/*/images/*', (route) => route.fulfill({ status: 200, contentType: 'image/tiff', body: Buffer.from('II*\u0000 this is not a real TIFF') }));
    await clerk.reload();
    const alert = clerk.getByRole('alert');
    await expect.poll(() => alert.textContent(), { timeout: 15_000 }).toContain('This image cannot be shown here');
    expect(await clerk.getByRole('link', { name: /Download the original/ }).getAttribute('href')).toMatch(/\/api\/v1\/orders\/.+\/images\/[0-9a-f]{64}$/);
    await checkPage(clerk, 'order-image-unreadable');
    await clerk.unroute('**/api/v1/orders/*/images/*');
  });
});

describe('at 200% zoom', () => {
  it('the search needs no sideways scrolling and the order puts its image below its data', async () => {
    const context = await browser.newContext({ viewport: { width: 640, height: 512 }, deviceScaleFactor: 2, locale: 'en-US', timezoneId: 'America/Los_Angeles' });
    await context.addCookies(await clerkContext.cookies());
    const page = await context.newPage();
    problems.push(...collectProblems(page));
    await page.goto(`${registry.url}/search?lastName=${pdfOrder.person.last}`);
    await resultsShown(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}zoom-200-search-640x512.png`, fullPage: true });
    await page.goto(`${registry.url}/orders/${pdfOrder.orderId}`);
    await expect.poll(() => heading(page).textContent()).toContain('DV-130');
    expect(await page.getByRole('separator').count()).toBe(0);
    expect(await page.locator('.ccpor-split--stacked').count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}zoom-200-order-640x512.png` });
    expect(await seriousViolations(page, 'zoom-200-order')).toEqual([]);
    await context.close();
  });
});

describe('the browser console', () => {
  it('shows no script error on any of these pages', () => {
    expect(problems).toEqual([]);
  });
});
