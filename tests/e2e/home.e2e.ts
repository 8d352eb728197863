import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, newPage } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('home page', () => {
  it('speaks Dutch first, switches to English by the language link and remembers it on the next page', async () => {
    const page = await newPage(browser);
    const response = await page.goto('/');
    expect(response?.status()).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Zorgt u voor iemand?');
    await expectNoAxeViolations(page);

    await page.locator('a.naaste-language').click();
    await page.waitForURL(/\?lang=en$/);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('Do you look after someone?');
    await expectNoAxeViolations(page);

    // The next page, without ?lang, is still English: the choice lives in a cookie.
    await page.getByRole('navigation').getByRole('link', { name: 'Municipalities' }).click();
    await page.waitForURL(/\/gemeenten$/);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('Municipalities');
    await expectNoAxeViolations(page);

    // And back to Dutch from there, which the following page remembers as well.
    await page.locator('a.naaste-language').click();
    await page.waitForURL(/\/gemeenten\?lang=nl$/);
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    await page.goto('/');
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    expect(await page.locator('h1').textContent()).toBe('Zorgt u voor iemand?');
    await page.context().close();
  });

  it('has the skip link as the first stop for the keyboard, and it moves focus to the main content', async () => {
    const page = await newPage(browser);
    await page.goto('/');
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => {
      const el = document.activeElement as HTMLAnchorElement | null;
      return { href: el?.getAttribute('href'), text: el?.textContent?.trim(), onScreen: (el?.getBoundingClientRect().left ?? -1) >= 0 };
    });
    expect(first.href).toBe('#inhoud');
    expect(first.text).toBe('Naar de inhoud');
    // A sighted keyboard user sees it once it has focus.
    expect(first.onScreen).toBe(true);

    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => `${document.activeElement?.tagName.toLowerCase()}#${document.activeElement?.id}`)).toBe('main#inhoud');
    // The next Tab goes on from the main content, not back to the header.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('main')?.id)).toBe('inhoud');
    await expectNoAxeViolations(page);
    await page.context().close();
  });
});
