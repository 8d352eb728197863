import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, expectNoAxeViolations, launchBrowser, newPage, scrollsSideways } from './support/browser.ts';
import { signInAsStaff } from './support/sign-in.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

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
    await signInAsStaff(page, 'netwerk@demodam.example', { fromChoice: true });
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
