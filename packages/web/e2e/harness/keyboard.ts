import type { Page } from 'playwright-core';

/** The accessible name of the focused element: its label, as a person hears it. */
const focusedLabel = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return '';
    const id = el.id;
    const label = id ? document.querySelector(`label[for="${CSS.escape(id)}"]`)?.textContent : undefined;
    return (label ?? el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
  });

/**
 * Presses Tab (only Tab: the keyboard, never the mouse) until the field labelled `label` has the
 * focus, and fails if it is not reached within `max` presses: the tab order must bring the clerk to it.
 */
export const tabTo = async (page: Page, label: string | RegExp, max = 60): Promise<void> => {
  for (let i = 0; i < max; i++) {
    const now = await focusedLabel(page);
    if (typeof label === 'string' ? now === label : label.test(now)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab did not reach “${String(label)}” in ${max} presses (last: “${await focusedLabel(page)}”)`);
};

/** Tabs to a field and types into it, as a clerk does. */
export const typeAt = async (page: Page, label: string | RegExp, text: string): Promise<void> => {
  await tabTo(page, label);
  await page.keyboard.type(text);
};

/** Ticks (or unticks) a checkbox with the keyboard: USWDS hides the box itself behind its label. */
export const tick = async (page: Page, label: string): Promise<void> => {
  await page.getByLabel(label, { exact: true }).focus();
  await page.keyboard.press('Space');
};
