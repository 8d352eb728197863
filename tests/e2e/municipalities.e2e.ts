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

describe('finding the network of a municipality', () => {
  it('searches for Demodam, opens its page and filters its organisations by kind', async () => {
    const page = await newPage(browser);
    await page.goto('/gemeenten');
    expect(await page.locator('h1').textContent()).toBe('Gemeenten');
    await expectNoAxeViolations(page);

    await page.getByLabel('Zoek een gemeente').fill('Demodam');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.waitForURL(/\/gemeenten\?q=Demodam$/);
    const results = page.locator('main ul.naaste-list > li');
    expect(await results.count()).toBe(1);
    expect(await results.first().textContent()).toContain('Gebruikt Naaste');
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'Demodam', exact: true }).click();
    await page.waitForURL(/\/gemeenten\/demodam$/);
    expect(await page.locator('h1').textContent()).toBe('Samen in Demodam');
    const cards = page.locator('main .naaste-card h2');
    const all = await cards.allTextContents();
    expect(all).toEqual(
      expect.arrayContaining([
        'Steunpunt Mantelzorg Demodam',
        'Welzijn Demodam en Omstreken',
        'Vrijwilligerscentrale De Schakel',
        'Huisartsenpraktijk De Vijverhof',
        'Gezondheidscentrum Oosterkwartier',
        'Wijkteam Demodam-Noord',
      ]),
    );
    // The municipality's own theme is applied.
    expect(await page.locator('link[href="/themes/GM9999.css"]').count()).toBe(1);
    await expectNoAxeViolations(page);

    await page.getByLabel('Soort organisatie').selectOption({ label: 'Huisartsenpraktijk' });
    await page.getByRole('button', { name: 'Toon' }).click();
    await page.waitForURL(/soort=gpPractice/);
    const gps = await cards.allTextContents();
    expect(gps.sort()).toEqual(['Gezondheidscentrum Oosterkwartier', 'Huisartsenpraktijk De Vijverhof']);
    expect(await page.locator('main .naaste-card .naaste-muted').allTextContents()).toEqual(
      gps.map(() => expect.stringContaining('Huisartsenpraktijk')),
    );
    // The chosen kind stays selected, so the reader sees what the list shows.
    expect(await page.getByLabel('Soort organisatie').inputValue()).toBe('gpPractice');
    expect(await page.locator('main').textContent()).toContain('2 organisaties');
    await expectNoAxeViolations(page);

    await page.getByLabel('Soort organisatie').selectOption({ label: 'Alle soorten' });
    await page.getByLabel('Alleen plekken waar u uw verhaal kwijt kunt').check();
    await page.getByRole('button', { name: 'Toon' }).click();
    await page.waitForURL(/vindplaats=ja/);
    const findingPlaces = await cards.allTextContents();
    expect(findingPlaces).toContain('Steunpunt Mantelzorg Demodam');
    expect(findingPlaces).not.toContain('Vrijwilligerscentrale De Schakel');
    expect(findingPlaces.length).toBeLessThan(all.length);
    await expectNoAxeViolations(page);
    await page.context().close();
  });

  it('starts the search from the home page and tells when nothing matches', async () => {
    const page = await newPage(browser);
    await page.goto('/');
    await page.getByRole('searchbox', { name: 'Uw gemeente' }).fill('Demodam');
    await page.getByRole('button', { name: 'Zoek', exact: true }).click();
    await page.waitForURL(/\/gemeenten\?q=Demodam$/);
    expect(await page.getByLabel('Zoek een gemeente').inputValue()).toBe('Demodam');
    expect(await page.getByRole('link', { name: 'Demodam', exact: true }).count()).toBe(1);

    await page.getByLabel('Zoek een gemeente').fill('Nergenshuizen');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.waitForURL(/q=Nergenshuizen/);
    expect(await page.locator('main').textContent()).toContain('Geen gemeente gevonden met "Nergenshuizen"');
    await expectNoAxeViolations(page);
    await page.context().close();
  });

  it('shows the municipality page in English', async () => {
    const page = await newPage(browser);
    await page.goto('/gemeenten/demodam?lang=en');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('Together in Demodam');
    await page.getByLabel('Kind of organisation').selectOption({ label: 'GP practice' });
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/soort=gpPractice/);
    expect(await page.locator('main .naaste-card').count()).toBe(2);
    await expectNoAxeViolations(page);
    await page.context().close();
  });
});
