import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, newPage } from './support/browser.ts';
import { mailboxIds, signInLinkFor } from './support/sign-in.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('a resident', () => {
  it('signs in by the link from their email, sees their data and who looked, and signs out', async () => {
    const address = 'mantelzorger@demodam.example';
    const before = await mailboxIds();
    const page = await newPage(browser, { viewport: { width: 390, height: 844 } });
    await page.goto('/inloggen');
    await page.getByLabel('Uw e-mailadres').fill(address);
    await page.getByRole('button', { name: 'Stuur mij een link' }).click();
    await page.waitForURL(/\/inloggen\/link-verstuurd$/);
    expect(await page.locator('h1').textContent()).toBe('Kijk in uw e-mail');
    await expectNoAxeViolations(page);

    // The mail really went through SMTP; the development mailbox shows it.
    const link = await signInLinkFor(address, before);
    await page.goto('/dev/mailbox');
    await expect.poll(() => page.locator('main').textContent()).toContain('Uw link om in te loggen bij Naaste');
    await expectNoAxeViolations(page);

    await page.goto(link);
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(/\/mijn-account$/);
    expect(await page.locator('main').textContent()).toContain('Mira Mantelzorger');
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: /Mijn gegevens/ }).click();
    await page.waitForURL(/\/mijn-gegevens$/);
    await expectNoAxeViolations(page);

    // The same link does not work twice.
    const again = await newPage(browser);
    await again.goto(link);
    expect(await again.locator('h1').textContent()).toBe('Deze link werkt niet meer');
    await again.context().close();

    await page.goto('/mijn-account');
    await page.getByRole('button', { name: 'Uitloggen', exact: true }).click();
    await page.waitForURL(/\/uitgelogd$/);
    await page.context().close();
  });
});
