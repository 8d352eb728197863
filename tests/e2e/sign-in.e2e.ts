import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, newPage } from './support/browser.ts';
import { signInAsStaff } from './support/sign-in.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('signing in', () => {
  it('signs a professional in with password and authenticator code, and out again', async () => {
    const page = await newPage(browser);
    await signInAsStaff(page, 'consulent@steunpunt.demodam.example', { fromChoice: true, checkAccessibility: true });
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
    await signInAsStaff(page, 'beheer@steunpunt.demodam.example', { fromChoice: true, checkAccessibility: true });
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
