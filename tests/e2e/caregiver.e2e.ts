import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/platform/config.ts';
import { setUpDatabase } from '../../src/server/database-setup.ts';
import { asOwner } from '../support/database.ts';
import { baseUrl, expectNoAxeViolations, launchBrowser, newPage } from './support/browser.ts';
import { signInLinkFor } from './support/sign-in.ts';

/**
 * A caregiver's journey on a phone: registering by email, the sign-in link from the development
 * mailbox (a real SMTP server), telling who they care for, sharing it with the support centre,
 * preparing and printing the keukentafelgesprek, then seeing the plan the consultant made and the
 * balance chart. Every page is checked with axe.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Work on the running server's database as its owner (as an operator would), here: the consultant's goal. */
async function asDatabaseOwner<T>(work: Parameters<typeof asOwner<T>>[1]): Promise<T> {
  const external = process.env.TEST_E2E_DATABASE_URL;
  if (external) process.env.DATABASE_URL = external;
  else process.env.DATA_DIR = inject('e2eDataDir');
  process.env.BASE_URL = baseUrl();
  const database = await setUpDatabase(loadConfig(), () => {});
  try {
    return await asOwner(database.ownerUrl, work);
  } finally {
    await database.close();
  }
}

const display = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => getComputedStyle(el).display);

describe('a caregiver', () => {
  it('registers by email, describes the care, shares it, prepares the keukentafelgesprek and sees the plan', async () => {
    const address = `zorg-${Date.now()}@thuis.example`;
    const page = await newPage(browser, { viewport: { width: 390, height: 844 } });

    // Registration: a mistake first, then the real thing.
    await page.goto('/aanmelden?gemeente=demodam');
    await expectNoAxeViolations(page);
    await page.getByLabel('Hoe mogen we u noemen?').fill('Noor');
    await page.getByRole('button', { name: 'Aanmelden en link sturen' }).click();
    await expect.poll(() => page.locator('.naaste-error-summary').textContent()).toContain('Vul een e-mailadres in');
    expect(await page.getByLabel('Hoe mogen we u noemen?').inputValue()).toBe('Noor');
    await expectNoAxeViolations(page);
    await page.getByLabel('Uw e-mailadres').fill(address);
    await page.getByLabel('16 jaar of ouder').check();
    await page.getByRole('button', { name: 'Aanmelden en link sturen' }).click();
    await page.waitForURL(/\/aanmelden\/verstuurd$/);
    await expectNoAxeViolations(page);

    // The link from the mail signs in.
    await page.goto(await signInLinkFor(address));
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(/\/mijn-account$/);

    // Mijn zorg: tell who you care for.
    await page.goto('/mijn-zorg');
    expect(await page.locator('main').textContent()).toContain('U heeft nog niet verteld voor wie u zorgt.');
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Vertel voor wie u zorgt' }).click();
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => page.locator('.naaste-error-summary').textContent()).toContain('Vul in hoe u deze persoon noemt');
    await expectNoAxeViolations(page);
    await page.getByLabel('Hoe noemt u deze persoon?').fill('mama');
    await page.getByLabel('80 jaar of ouder').check();
    await page.getByLabel('mijn vader of moeder').check();
    await page.getByLabel('Wat is er aan de hand?').fill('Mijn moeder vergeet steeds meer.');
    await page.getByLabel('huishouden, boodschappen, koken').check();
    await page.getByLabel('Hoeveel uur per week ongeveer?').fill('14');
    await page.getByLabel('Sinds wanneer zorgt u voor deze persoon?').fill('2021');
    await page.getByLabel('Nee', { exact: true }).check();
    await page.getByLabel('werk', { exact: true }).check();
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.waitForURL(/\/mijn-zorg\/[0-9a-f-]{36}\?klaar=nieuw$/);
    const relationshipId = /\/mijn-zorg\/([0-9a-f-]{36})/.exec(page.url())?.[1] as string;
    expect(await page.locator('h1').textContent()).toBe('U zorgt voor mama');
    await expectNoAxeViolations(page);

    // Who else helps.
    await page.getByLabel('familie').check();
    await page.getByLabel('Naam of omschrijving').fill('mijn broer');
    await page.getByLabel('Waarmee helpt deze persoon?').fill('boodschappen op zaterdag');
    await page.getByRole('button', { name: 'Toevoegen' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('mijn broer (familie)');

    // Share with the support centre: it is chosen already, for two years.
    await page.getByRole('link', { name: 'Kies wie dit mag zien' }).first().click();
    await expectNoAxeViolations(page);
    expect(await page.getByLabel(/Steunpunt Mantelzorg Demodam/).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Ja, deze organisatie mag meekijken' }).click();
    await expect.poll(() => page.locator('.naaste-notice').textContent()).toContain('Steunpunt Mantelzorg Demodam mag nu meekijken');
    await expectNoAxeViolations(page);

    // Keukentafelgesprek: prepare, then print.
    await page.goto(`/mijn-zorg/${relationshipId}/keukentafel`);
    await expectNoAxeViolations(page);
    await page.getByLabel('Wat doe ik nu voor mama?').fill('Ik doe de boodschappen en regel de afspraken.');
    await page.getByLabel('Waar liggen mijn grenzen? Wat lukt niet meer?').fill('De nachten lukken niet meer.');
    await page.getByLabel('Wat heb ik zelf nodig?').fill('Eén nacht per week rust.');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => page.locator('.naaste-notice').textContent()).toContain('Uw voorbereiding is opgeslagen.');
    await page.getByRole('button', { name: 'Ja, ik wil iemand die naast mij staat' }).click();
    await expect.poll(() => page.locator('.naaste-notice').textContent()).toContain('Uw vraag is doorgegeven.');
    // Share the preparation with the consultant of the support centre, who helps at the conversation.
    await page.getByLabel(/Uw consulent van Steunpunt Mantelzorg Demodam/).check();
    await page.getByRole('button', { name: 'Ja, ik geef toestemming' }).click();
    await expect.poll(() => page.locator('.naaste-notice').textContent()).toContain('Uw consulent mag uw voorbereiding nu zien.');
    expect(await page.locator('main').textContent()).toContain(
      'Uw consulent van Steunpunt Mantelzorg Demodam mag uw voorbereiding zien, tot',
    );
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Afdrukken of bewaren als PDF' }).click();
    await page.waitForURL(/\/keukentafel\/afdrukken$/);
    await expectNoAxeViolations(page);
    expect(await display(page, 'nav.naaste-nav')).not.toBe('none');
    await page.emulateMedia({ media: 'print' });
    expect(await display(page, 'nav.naaste-nav')).toBe('none');
    expect(await display(page, 'a.naaste-language')).toBe('none');
    expect(await display(page, 'main a.naaste-no-print')).toBe('none');
    expect(await page.getByText('De nachten lukken niet meer.').isVisible()).toBe(true);
    expect(await page.locator('h1').textContent()).toContain('Voorbereiding keukentafelgesprek');
    await page.emulateMedia({ media: 'screen' });

    // The consultant adds a goal (straight into the database here); the caregiver sees it in plain words.
    await asDatabaseOwner(async (c) => {
      const found = await c.query<{ id: string; tenant_id: string }>(
        'select id, tenant_id from support_cases where care_relationship_id = $1',
        [relationshipId],
      );
      const supportCase = found.rows[0];
      if (!supportCase) throw new Error('Sharing made no support case.');
      await c.query(`insert into support_goals (tenant_id, case_id, form, goal, status) values ($1, $2, 'respite', $3, 'planned')`, [
        supportCase.tenant_id,
        supportCase.id,
        'Eén nacht per week slapen terwijl iemand anders waakt',
      ]);
    });
    await page.goto('/mijn-zorg');
    await expectNoAxeViolations(page);
    expect(await page.locator('main').textContent()).toContain('Dit ziet: Steunpunt Mantelzorg Demodam.');
    await page.getByRole('link', { name: 'Mijn ondersteuning bij de zorg voor mama' }).click();
    await expectNoAxeViolations(page);
    const plan = await page.locator('main').textContent();
    expect(plan).toContain('Even vrij: iemand neemt de zorg over');
    expect(plan).toContain('Eén nacht per week slapen terwijl iemand anders waakt (nog niet begonnen)');
    expect(plan).toContain('Uw consulent heeft een doel toegevoegd');

    // The balance chart page (the balance check's own page).
    await page.goto('/mijn-zorg/balans');
    expect(await page.locator('h1').count()).toBe(1);
    await expectNoAxeViolations(page);
    await page.context().close();
  });
});
