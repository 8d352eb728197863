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

describe('a page that does not exist', () => {
  it('answers 404 with a friendly page and a way home, in Dutch', async () => {
    const page = await newPage(browser);
    const response = await page.goto('/bestaat-niet');
    expect(response?.status()).toBe(404);
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    expect(await page.locator('h1').textContent()).toBe('Deze pagina bestaat niet');
    expect(await page.locator('main').textContent()).toContain('Misschien is het adres niet goed getypt');
    // The page keeps the site's frame: navigation and skip link are there.
    expect(await page.getByRole('navigation').count()).toBe(1);
    expect(await page.locator('a.naaste-skip-link').getAttribute('href')).toBe('#inhoud');
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'Naar de startpagina' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    expect(await page.locator('h1').textContent()).toBe('Zorgt u voor iemand?');
    await page.context().close();
  });

  it('answers 404 in English for a reader who chose English', async () => {
    const page = await newPage(browser);
    await page.goto('/?lang=en');
    const response = await page.goto('/gemeenten/bestaat-niet');
    expect(response?.status()).toBe(404);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('This page does not exist');
    expect(await page.getByRole('link', { name: 'Go to the home page' }).count()).toBe(1);
    await expectNoAxeViolations(page);
    await page.context().close();
  });
});
