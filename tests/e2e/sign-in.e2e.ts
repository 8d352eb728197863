import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../../db/seed/demo.ts';
import { base32Decode, totpAt } from '../../src/platform/auth/totp.ts';
import { expectNoAxeViolations, launchBrowser, newPage } from './support/browser.ts';

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
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Inloggen als medewerker' }).click();
  await page.getByLabel('Uw e-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL(/\/inloggen\/code/);
  await expectNoAxeViolations(page);
  await page.getByLabel('Code uit de app').fill(totp());
  await page.getByRole('button', { name: 'Controleer' }).click();
}

describe('signing in', () => {
  it('signs a professional in with password and authenticator code, and out again', async () => {
    const page = await newPage(browser);
    await signInAsStaff(page, 'consulent@steunpunt.demodam.example');
    await page.waitForURL(/\/mijn-account$/);
    expect(await page.locator('h1').textContent()).toBe('Mijn account');
    await expect.poll(() => page.locator('main').textContent()).toContain('Steunpunt Mantelzorg Demodam');
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Uitloggen', exact: true }).click();
    await page.waitForURL(/\/uitgelogd$/);
    await expectNoAxeViolations(page);
    // Signed out: the account page sends back to sign-in.
    await page.goto('/mijn-account');
    expect(new URL(page.url()).pathname).toBe('/inloggen');
    await page.context().close();
  });

  it('shows a wrong password as an error summary that leads to the field, keeping the address', async () => {
    const page = await newPage(browser);
    await page.goto('/inloggen/medewerker');
    await page.getByLabel('Uw e-mailadres').fill('huisarts@vijverhof.demodam.example');
    await page.getByLabel('Wachtwoord').fill('dit is niet het wachtwoord');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await expect.poll(() => page.title()).toMatch(/^Fout: /);
    const summary = page.getByRole('alert');
    expect(await summary.textContent()).toContain('Het e-mailadres of het wachtwoord klopt niet');
    expect(await page.getByLabel('Uw e-mailadres').inputValue()).toBe('huisarts@vijverhof.demodam.example');
    expect(await page.getByLabel('Wachtwoord').inputValue()).toBe('');
    await summary.getByRole('link').click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('email');
    await expectNoAxeViolations(page);
    await page.context().close();
  });

  it('lets an organisation administrator invite a colleague, with errors first', async () => {
    const page = await newPage(browser);
    await signInAsStaff(page, 'beheer@steunpunt.demodam.example');
    await page.getByRole('navigation').getByRole('link', { name: 'Beheer' }).click();
    await page.waitForURL(/\/beheer$/);
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Medewerkers van Steunpunt Mantelzorg Demodam' }).click();
    await page.waitForURL(/\/medewerkers$/);
    expect(await page.locator('table').textContent()).toContain('Chris Consulent');
    await expectNoAxeViolations(page);

    await page.getByLabel('E-mailadres (van het werk)').fill('geen adres');
    await page.getByRole('button', { name: 'Stuur uitnodiging' }).click();
    await expect.poll(() => page.title()).toMatch(/^Fout: /);
    expect(await page.getByRole('alert').textContent()).toContain('Vul de naam in');
    expect(await page.getByLabel('E-mailadres (van het werk)').inputValue()).toBe('geen adres');
    await expectNoAxeViolations(page);

    await page.getByLabel('Naam', { exact: true }).fill('Nieuwe Collega');
    await page.getByLabel('E-mailadres (van het werk)').fill(`nieuw-${Date.now()}@steunpunt.demodam.example`);
    await page.getByLabel('Consulent mantelzorgondersteuning').check();
    await page.getByRole('button', { name: 'Stuur uitnodiging' }).click();
    await page.waitForURL(/klaar=uitgenodigd/);
    expect(await page.getByRole('status').textContent()).toContain('De uitnodiging is verstuurd.');
    expect(await page.locator('table').textContent()).toContain('Nieuwe Collega');
    await expectNoAxeViolations(page);
    await page.context().close();
  });
});
