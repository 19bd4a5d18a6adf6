import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium, never a browser downloaded by a tool (ADR 0053). */
export const CHROMIUM = process.env.CCPOR_TEST_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-dev-shm-usage'];

export const SCREENSHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

export const launch = async (): Promise<Browser> => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium)`);
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
};

/** A fresh browser profile at the clerk's screen size; console errors are collected for the test to check. */
export const newContext = async (browser: Browser, size: { width: number; height: number } = { width: 1280, height: 1024 }): Promise<BrowserContext> =>
  browser.newContext({ viewport: size, locale: 'en-US', timezoneId: 'America/Los_Angeles', acceptDownloads: true });

export const collectProblems = (page: Page): string[] => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // A 401 after the session ends and pdf.js's notes about standard fonts are expected; anything else is not.
    if (m.type() === 'error' && !/401|Unauthorized/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  return problems;
};

/** Screenshots of the page at both screen sizes the courts use, into test-results/ (not committed). */
export const screenshots = async (page: Page, name: string): Promise<void> => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const original = page.viewportSize();
  for (const size of [
    { width: 1280, height: 1024 },
    { width: 1024, height: 768 },
  ]) {
    await page.setViewportSize(size);
    await page.waitForTimeout(50);
    await page.screenshot({ path: `${SCREENSHOTS}${name}-${size.width}x${size.height}.png` });
  }
  if (original) await page.setViewportSize(original);
};
