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

describe('with JavaScript turned off', () => {
  it('searches, opens the municipality and filters with plain forms', async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    await page.goto('/');
    await page.getByRole('searchbox', { name: 'Uw gemeente' }).fill('Demodam');
    await page.getByRole('button', { name: 'Zoek', exact: true }).click();
    await page.waitForURL(/\/gemeenten\?q=Demodam$/);
    await page.getByRole('link', { name: 'Demodam', exact: true }).click();
    await page.waitForURL(/\/gemeenten\/demodam$/);
    expect(await page.locator('h1').textContent()).toBe('Samen in Demodam');

    await page.getByLabel('Soort organisatie').selectOption('districtTeam');
    await page.getByRole('button', { name: 'Toon' }).click();
    await page.waitForURL(/soort=districtTeam/);
    expect((await page.locator('main .naaste-card h2').allTextContents()).sort()).toEqual([
      'Wijkteam Demodam-Noord',
      'Wijkteam Demodam-Zuid',
    ]);

    // Language switch is a plain link as well.
    await page.locator('a.naaste-language').click();
    await page.waitForURL(/lang=en/);
    expect(await page.locator('h1').textContent()).toBe('Together in Demodam');
    await page.context().close();
  });

  it('still lets the search form on the municipalities page send the query', async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    await page.goto('/gemeenten');
    await page.getByLabel('Zoek een gemeente').fill('Demo');
    await page.getByLabel('Zoek een gemeente').press('Enter');
    await page.waitForURL(/\/gemeenten\?q=Demo$/);
    expect(await page.getByRole('link', { name: 'Demodam', exact: true }).count()).toBe(1);
    // The same page, checked for accessibility with scripts on (axe itself needs them).
    const checked = await newPage(browser);
    await checked.goto(page.url());
    await expectNoAxeViolations(checked);
    await checked.context().close();
    await page.context().close();
  });
});
