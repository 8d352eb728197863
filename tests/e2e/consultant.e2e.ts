import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MUNICIPALITY } from '../../db/seed/demo.ts';
import { insertCaregiverCase } from '../../src/capabilities/support/support.fixtures.ts';
import { expectNoAxeViolations, launchBrowser, newPage, scrollsSideways } from './support/browser.ts';
import { insertStaffAccount, withServerDatabase } from './support/database.ts';
import { signInAsStaff } from './support/sign-in.ts';

/**
 * The support consultant's day, in a real browser on a phone-sized screen: sign in with an
 * authenticator code, find a caregiver in the caseload, take the case, record the intake (first
 * with a mistake), add a goal and an action, plan a follow-up, and measure the balance again with
 * the caregiver. The journey brings its own consultant and caregiver (names with a random suffix)
 * in the demo support centre, so other journeys see the demo data as it was.
 */
const suffix = randomBytes(3).toString('hex');
const consultantEmail = `consulent-${suffix}@proef.demodam.example`;
const caregiverName = `Ria Proef ${suffix}`;
const ids = { caseId: '' };
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  await withServerDatabase(async (c) => {
    const tenantId = (await c.query<{ id: string }>('select id from municipalities where code = $1', [DEMO_MUNICIPALITY.code])).rows[0]?.id;
    const organisationId = (await c.query<{ id: string }>(`select id from organisations where name = 'Steunpunt Mantelzorg Demodam'`))
      .rows[0]?.id;
    if (!tenantId || !organisationId) throw new Error('The demo municipality or its support centre is missing.');
    await insertStaffAccount(c, {
      tenantId,
      organisationId,
      email: consultantEmail,
      name: `Proefconsulent ${suffix}`,
      role: 'supportConsultant',
    });
    const fixture = await insertCaregiverCase(c, {
      tenantId,
      organisationId,
      caregiverName,
      caredForName: 'Moeder',
      email: `mantelzorger-${suffix}@proef.demodam.example`,
    });
    ids.caseId = fixture.caseId;
  });
});

afterAll(async () => {
  await browser?.close();
});

const inFuture = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('the support consultant', () => {
  it('finds a caregiver, takes the case, records the intake, plans support and measures the balance again', async () => {
    const page = await newPage(browser, { viewport: { width: 390, height: 844 } });
    await signInAsStaff(page, consultantEmail, { checkAccessibility: true });

    await page.goto('/werkplek');
    expect(await page.locator('h1').textContent()).toBe('Mijn werkplek');
    await expectNoAxeViolations(page);
    expect(await scrollsSideways(page)).toBe(false);
    await page.getByLabel('Zoek op naam van de mantelzorger of de voornaam van de naaste').fill(caregiverName);
    await page.getByRole('button', { name: 'Toon' }).click();
    await page.waitForURL(/q=/);
    expect(await page.locator('table').textContent()).toContain(caregiverName);
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: `Open dossier van ${caregiverName}` }).click();
    await page.waitForURL(new RegExp(`/werkplek/dossiers/${ids.caseId}$`));
    expect(await page.locator('h1').textContent()).toBe(`Dossier van ${caregiverName}`);
    await expectNoAxeViolations(page);
    expect(await scrollsSideways(page)).toBe(false);

    await page.getByRole('button', { name: 'Pak dit dossier op' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('U werkt nu aan dit dossier.');

    // The intake, first with the situation left empty: an error summary, and what was typed stays.
    await page.getByRole('link', { name: 'Leg de kennismaking vast' }).click();
    await page.waitForURL(/\/intake$/);
    await expectNoAxeViolations(page);
    await page.getByLabel('Wensen').fill('Eén middag per week voor mezelf');
    await page.getByRole('button', { name: 'Bewaar' }).click();
    await expect.poll(() => page.title()).toMatch(/^Fout: /);
    expect(await page.getByRole('alert').textContent()).toContain('De situatie: vul dit in');
    expect(await page.getByLabel('Wensen').inputValue()).toBe('Eén middag per week voor mezelf');
    await expectNoAxeViolations(page);
    await page.getByRole('alert').getByRole('link').click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('situation');
    await page.getByLabel('De situatie').fill('Zorgt elke dag voor haar moeder; de nachten zijn zwaar.');
    await page.getByRole('button', { name: 'Bewaar' }).click();
    await page.waitForURL(/klaar=intake/);
    expect(await page.locator('section[aria-labelledby=kennismaking]').textContent()).toContain('de nachten zijn zwaar');

    // A goal in one of the four forms, and an action under it.
    await page.getByRole('link', { name: 'Voeg een doel toe' }).click();
    await page.waitForURL(/\/doelen$/);
    await expectNoAxeViolations(page);
    await page.getByLabel('Tijdelijke vervanging van de zorg').check();
    await page.getByLabel('Het doel').fill('Een middag per week vrij van de zorg');
    await page.getByRole('button', { name: 'Voeg een doel toe' }).click();
    await page.waitForURL(/klaar=doel/);
    await page.getByRole('link', { name: 'Voeg een actie toe' }).click();
    await page.waitForURL(/\/acties$/);
    await expectNoAxeViolations(page);
    await page.getByLabel('Wat moet er gebeuren').fill('Kennismaken met een vrijwilliger');
    await page.getByLabel('Een vrijwilliger').check();
    await page.getByLabel('Klaar op').fill(inFuture(14));
    await page.getByLabel('Tijdelijke vervanging van de zorg: Een middag per week vrij van de zorg').check();
    await page.getByRole('button', { name: 'Voeg een actie toe' }).click();
    await page.waitForURL(/klaar=actie/);
    const plan = await page.locator('section[aria-labelledby=plan]').textContent();
    expect(plan).toContain('Een middag per week vrij van de zorg');
    expect(plan).toContain('Kennismaken met een vrijwilliger');

    // A follow-up, with an email reminder on the day.
    await page.getByRole('link', { name: 'Plan een vervolgafspraak' }).click();
    await page.waitForURL(/\/vervolg$/);
    await expectNoAxeViolations(page);
    await page.getByLabel('Datum').fill(inFuture(21));
    await page.getByLabel('Waarvoor').fill('Balans opnieuw meten en het plan bekijken');
    await page.getByRole('button', { name: 'Plan een vervolgafspraak' }).click();
    await page.waitForURL(/klaar=vervolg/);
    expect(await page.locator('section[aria-labelledby=vervolg]').textContent()).toContain('Balans opnieuw meten en het plan bekijken');

    // The balance measured again, together with the caregiver.
    await page.getByRole('link', { name: 'Meet de balans opnieuw, samen met de mantelzorger' }).click();
    await page.waitForURL(/\/meting$/);
    await expectNoAxeViolations(page);
    const questions = page.locator('form fieldset');
    const count = await questions.count();
    expect(count).toBeGreaterThan(5);
    for (let i = 0; i < count; i++) await questions.nth(i).locator('input[type=radio]').first().check();
    await page.getByRole('button', { name: 'Bewaar de meting' }).click();
    await page.waitForURL(/klaar=meting/);
    expect(await page.getByRole('status').textContent()).toContain('De meting is bewaard.');
    expect(await page.locator('section[aria-labelledby=balans] table').count()).toBeGreaterThan(0);
    expect(await page.locator('section[aria-labelledby=geschiedenis]').textContent()).toContain('heeft de balans opnieuw gemeten');
    await expectNoAxeViolations(page);
    await page.context().close();
  });
});
