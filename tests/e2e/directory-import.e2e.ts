import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../../db/seed/demo.ts';
import { base32Decode, totpAt } from '../../src/platform/auth/totp.ts';
import { baseUrl, expectNoAxeViolations, launchBrowser, newPage, scrollsSideways } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const totp = () => totpAt(base32Decode(DEMO_TOTP_SECRET), Math.floor(Date.now() / 1000));

async function signInAsStaff(page: Page, email: string) {
  await page.goto('/inloggen');
  await page.getByRole('link', { name: 'Inloggen als medewerker' }).click();
  await page.getByLabel('Uw e-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL(/\/inloggen\/code/);
  await page.getByLabel('Code uit de app').fill(totp());
  await page.getByRole('button', { name: 'Controleer' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/inloggen'));
}

// One small invented service with a name nobody searches for, so other journeys see the same map.
const dataset = [
  {
    id: 'e2e-importpagina-dienst',
    name: 'Proefdienst van de importpagina',
    description: 'Alleen voor de browsertest van de import.',
    status: 'active',
    organization: { id: 'e2e-importpagina-organisatie', name: 'Proeforganisatie importpagina', description: 'Voor de browsertest.' },
  },
];

describe('the network coordinator', () => {
  it('imports an HSDS file on a phone, sees the report, and finds the service in the HSDS feed', async () => {
    const page = await newPage(browser, { viewport: { width: 390, height: 844 } });
    await signInAsStaff(page, 'netwerk@demodam.example');
    await page.goto('/beheer/sociale-kaart/importeren');
    expect(await page.locator('h1').textContent()).toContain('Sociale kaart importeren');
    await expectNoAxeViolations(page);
    expect(await scrollsSideways(page)).toBe(false);

    // A file with a fault: nothing is stored, the summary leads to the file field.
    await page.getByLabel('Bestand (JSON)').setInputFiles({
      name: 'fout.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify([{ ...dataset[0], status: 'open' }])),
    });
    await page.getByRole('button', { name: 'Importeren' }).click();
    await expect.poll(() => page.locator('[role="alert"]').textContent()).toContain('Er is niets opgeslagen');
    expect(await page.locator('main').textContent()).toContain('e2e-importpagina-dienst');
    await expectNoAxeViolations(page);

    await page.getByLabel('Bestand (JSON)').setInputFiles({
      name: 'kaart.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(dataset)),
    });
    await page.getByRole('button', { name: 'Importeren' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('De import is klaar.');
    expect(await page.locator('main').textContent()).toContain('Nieuw: dienst “Proefdienst van de importpagina”');
    await expectNoAxeViolations(page);
    expect(await scrollsSideways(page)).toBe(false);

    const feed = await fetch(`${baseUrl()}/api/v1/hsds/services?municipality=GM9999&search=proefdienst`);
    expect(feed.status).toBe(200);
    const body = (await feed.json()) as { contents: { name: string }[] };
    expect(body.contents.map((s) => s.name)).toEqual(['Proefdienst van de importpagina']);
  });
});
