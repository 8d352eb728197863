import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, newPage, scrollsSideways } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };

describe('a resident looks for support on the social map, on a phone', () => {
  it('searches in plain words near a postcode and opens a result', async () => {
    const page = await newPage(browser, PHONE);
    await page.goto('/sociale-kaart');
    // Demodam is the only municipality running Naaste here: straight to its social map.
    expect(new URL(page.url()).pathname).toBe('/gemeenten/demodam/sociale-kaart');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Hulp en steun in Demodam');
    expect(await scrollsSideways(page)).toBe(false);
    await expectNoAxeViolations(page);

    await page.getByLabel('Waar zoekt u hulp bij?').fill('iemand die even oppast bij mijn moeder');
    await page.getByLabel('Postcode of plaats').fill('9996 AB');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.waitForURL(/q=iemand/);
    const heading = page.locator('#results-title');
    expect(await heading.textContent()).toMatch(/resultaten, het dichtstbij eerst vanaf 9996 AB/);
    const first = page.locator('.naaste-result').first();
    expect(await first.textContent()).toMatch(/Gevonden omdat/);
    expect(await first.textContent()).toMatch(/\d+(,\d)? km/);
    expect(await scrollsSideways(page)).toBe(false);
    await expectNoAxeViolations(page);

    const link = first.getByRole('link').first();
    const name = (await link.textContent()) ?? '';
    await link.click();
    await page.waitForURL(/\/sociale-kaart\/diensten\/[0-9a-f-]{36}$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(name);
    expect(await page.getByRole('heading', { name: 'Wanneer' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Klopt er iets niet?' }).count()).toBe(1);
    expect(await scrollsSideways(page)).toBe(false);
    await expectNoAxeViolations(page);
    await page.context().close();
  });

  it('browses by kind of help in English, and an unknown question gives suggestions', async () => {
    const page = await newPage(browser, PHONE);
    await page.goto('/gemeenten/demodam/sociale-kaart?lang=en');
    await page.getByRole('link', { name: 'Respite care: someone takes over for a while' }).click();
    await page.waitForURL(/vorm=respijt/);
    expect(await page.locator('.naaste-result').count()).toBeGreaterThan(5);
    await expectNoAxeViolations(page);
    await page.goto('/gemeenten/demodam/sociale-kaart?q=xyzzyqwv');
    expect(await page.getByText('We found nothing that fits.').count()).toBe(1);
    await expectNoAxeViolations(page);
    await page.context().close();
  });
});
