import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousViolations } from './axe';
import { screenshots } from './browser';

/** Signs in through the sign-in page, as a person does. */
export const signIn = async (page: Page, username: string, password: string): Promise<void> => {
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  // Wait for the registry's answer, so the next step sees its outcome (and a retyped password is not cleared by the last one's).
  await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/v1/session') && r.request().method() === 'POST'), page.getByRole('button', { name: 'Sign in' }).click()]);
};

/** The page as it stands: no serious or critical accessibility violation, and its screenshots at both sizes. */
export const checkPage = async (page: Page, state: string): Promise<void> => {
  expect(await seriousViolations(page, state)).toEqual([]);
  await screenshots(page, state);
};

export const heading = (page: Page) => page.locator('h1');
