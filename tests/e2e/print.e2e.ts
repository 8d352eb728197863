import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, newPage } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const display = (page: Page, selector: string) => page.locator(selector).evaluate((el) => getComputedStyle(el).display);

describe('printing a page', () => {
  it('leaves out the navigation, the skip link, the language switch and the filter form', async () => {
    const page = await newPage(browser);
    await page.goto('/gemeenten/demodam');
    await expectNoAxeViolations(page);
    const parts = ['nav.naaste-nav', 'a.naaste-skip-link', 'a.naaste-language', 'form.naaste-filter'];

    // On screen they are there (the skip link sits off-screen until it has focus)...
    for (const selector of parts) expect(await display(page, selector), selector).not.toBe('none');
    expect(await page.getByRole('navigation').isVisible()).toBe(true);

    // ...on paper they are gone, while the content stays.
    await page.emulateMedia({ media: 'print' });
    for (const selector of parts) expect(await display(page, selector), selector).toBe('none');
    expect(await page.getByRole('navigation').isVisible()).toBe(false);
    expect(await page.locator('h1').isVisible()).toBe(true);
    expect(await page.locator('main .naaste-card').first().isVisible()).toBe(true);
    // Web addresses are printed after their links, so the paper still says where to go.
    const after = await page
      .locator('main a[href^="http"]')
      .first()
      .evaluate((el) => getComputedStyle(el, '::after').content);
    expect(after).toContain('https://');
    await page.context().close();
  });

  it('leaves out the navigation and the skip link on the home page', async () => {
    const page = await newPage(browser);
    await page.goto('/');
    await page.emulateMedia({ media: 'print' });
    expect(await display(page, 'nav.naaste-nav')).toBe('none');
    expect(await display(page, 'a.naaste-skip-link')).toBe('none');
    expect(await page.locator('h1').isVisible()).toBe(true);
    await page.context().close();
  });
});
