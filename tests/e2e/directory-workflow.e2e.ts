import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MUNICIPALITY } from '../../db/seed/demo.ts';
import type { Role } from '../../src/platform/auth/roles.ts';
import { expectNoAxeViolations, launchBrowser, newPage, scrollsSideways } from './support/browser.ts';
import { insertStaffAccount, withServerDatabase } from './support/database.ts';
import { signInAsStaff } from './support/sign-in.ts';

/**
 * Keeping the social map current, in a real browser: an organisation's editor changes its entry,
 * the network coordinator sees the difference and approves it, and an entry nobody checked for
 * two years is flagged in the coordinator's freshness overview. The journey brings its own
 * organisations, accounts and entries (names with a random suffix), so other journeys see the
 * demo map as it was.
 */
const suffix = randomBytes(3).toString('hex');
const names = {
  editorOrg: `Proefwelzijn ${suffix}`,
  oldOrg: `Proefaanbieder ${suffix}`,
  entry: `Praatgroep proef ${suffix}`,
  changed: `Praatgroep De Kring ${suffix}`,
  stale: `Oude klusdienst ${suffix}`,
};
// Each sign-in has an account of its own: an authenticator code is accepted once per account.
const accounts = {
  editor: `redacteur-${suffix}@proef.demodam.example`,
  coordinator: `coordinator-${suffix}@proef.demodam.example`,
  overview: `overzicht-${suffix}@proef.demodam.example`,
};
const ids = { entry: '', oldOrg: '' };
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  await withServerDatabase(async (c) => {
    await c.query('begin');
    const tenant = (await c.query<{ id: string }>('select id from municipalities where code = $1', [DEMO_MUNICIPALITY.code])).rows[0]?.id;
    if (!tenant) throw new Error('The demo municipality is missing.');
    await c.query(`select set_config('naaste.tenant_id', $1, true)`, [tenant]);
    const organisation = async (name: string) => {
      const id = (await c.query<{ id: string }>(`insert into organisations (name, kind) values ($1, 'welfare') returning id`, [name]))
        .rows[0]?.id;
      await c.query('insert into network_members (tenant_id, organisation_id) values ($1, $2)', [tenant, id]);
      const directoryOrg = (
        await c.query<{ id: string }>(
          'insert into directory_organizations (tenant_id, owner_organisation_id, name) values ($1, $2, $3) returning id',
          [tenant, id, name],
        )
      ).rows[0]?.id;
      return { id: id as string, directoryOrg: directoryOrg as string };
    };
    const editorOrg = await organisation(names.editorOrg);
    const oldOrg = await organisation(names.oldOrg);
    ids.oldOrg = oldOrg.id;
    const person = (email: string, name: string, organisationId: string | null, role: Role) =>
      insertStaffAccount(c, { tenantId: tenant, organisationId, email, name, role });
    await person(accounts.editor, 'Proefredacteur', editorOrg.id, 'directoryEditor');
    await person(accounts.coordinator, 'Proefcoördinator', null, 'networkCoordinator');
    await person(accounts.overview, 'Proefcoördinator overzicht', null, 'networkCoordinator');
    const service = async (organizationId: string, name: string, assured: string) =>
      (
        await c.query<{ id: string }>(
          `insert into directory_services (tenant_id, organization_id, name, description, email, is_free, review_status, assured_date)
           values ($1, $2, $3, 'Elke week praten met andere mantelzorgers.', 'info@proefwelzijn.example', true, 'published', $4::date)
           returning id`,
          [tenant, organizationId, name, assured],
        )
      ).rows[0]?.id as string;
    ids.entry = await service(editorOrg.directoryOrg, names.entry, new Date().toISOString().slice(0, 10));
    await service(oldOrg.directoryOrg, names.stale, '2020-01-15');
    await c.query(
      `insert into directory_attributes (tenant_id, link_id, link_type, taxonomy_term_id)
       select $1, $2, 'service', t.id from taxonomy_terms t where t.code = 'emotionele-steun-en-scholing'`,
      [tenant, ids.entry],
    );
    await c.query('commit');
  });
});

afterAll(async () => {
  await browser?.close();
});

describe('keeping the social map current', () => {
  it('an organisation edits its entry; the public version stays until the coordinator approves it', async () => {
    const editor = await newPage(browser, { viewport: { width: 390, height: 844 } });
    await signInAsStaff(editor, accounts.editor);
    await editor.goto('/beheer/sociale-kaart/mijn-aanbod');
    expect(await editor.locator('h1').textContent()).toBe('Mijn aanbod op de sociale kaart');
    expect(await editor.locator('table').textContent()).toContain(names.entry);
    await expectNoAxeViolations(editor);
    expect(await scrollsSideways(editor)).toBe(false);

    await editor.getByRole('link', { name: names.entry, exact: true }).click();
    await editor.waitForURL(new RegExp(`/mijn-aanbod/${ids.entry}$`));
    await expectNoAxeViolations(editor);

    // A mistake first: the summary leads to the field and what was typed stays.
    await editor.getByLabel('Naam van het aanbod').fill('');
    await editor.getByLabel('Telefoonnummer').fill('bel ons');
    await editor.getByRole('button', { name: 'Opslaan en laten beoordelen' }).click();
    await expect.poll(() => editor.title()).toMatch(/^Fout: /);
    const summary = editor.getByRole('alert');
    expect(await summary.textContent()).toContain('Vul de naam van het aanbod in.');
    expect(await summary.textContent()).toContain('Vul een telefoonnummer in');
    expect(await editor.getByLabel('Telefoonnummer').inputValue()).toBe('bel ons');
    await expectNoAxeViolations(editor);
    await summary.getByRole('link', { name: 'Vul de naam van het aanbod in.' }).click();
    expect(await editor.evaluate(() => document.activeElement?.id)).toBe('name');

    await editor.getByLabel('Naam van het aanbod').fill(names.changed);
    await editor.getByLabel('Telefoonnummer').fill('0123 45 67 89');
    await editor.getByLabel('Informatie en advies').check();
    await editor.getByLabel('Open vanaf').first().fill('10:00');
    await editor.getByLabel('Dicht om').first().fill('12:00');
    await editor.getByRole('button', { name: 'Opslaan en laten beoordelen' }).click();
    await editor.waitForURL(/klaar=opgeslagen/);
    expect(await editor.getByRole('status').textContent()).toContain('De netwerkcoördinator beoordeelt haar');
    expect(await editor.getByLabel('Naam van het aanbod').inputValue()).toBe(names.changed);
    await expectNoAxeViolations(editor);

    // Everyone still sees the published version.
    await editor.goto(`/sociale-kaart/diensten/${ids.entry}`);
    expect(await editor.locator('h1').textContent()).toContain(names.entry);
    await editor.context().close();

    const coordinator = await newPage(browser);
    await signInAsStaff(coordinator, accounts.coordinator);
    await coordinator.goto('/beheer/sociale-kaart/beoordelen');
    await expectNoAxeViolations(coordinator);
    await coordinator.getByRole('link', { name: names.changed, exact: true }).click();
    await coordinator.waitForURL(new RegExp(`/beoordelen/${ids.entry}$`));
    expect(await coordinator.locator('h1').textContent()).toBe(`Wijziging beoordelen: ${names.changed}`);
    const difference = coordinator.locator('table');
    expect(await difference.locator('del').allTextContents()).toContain(names.entry);
    expect(await difference.locator('ins').allTextContents()).toContain(names.changed);
    expect(await difference.textContent()).toContain('maandag 10:00–12:00');
    await expectNoAxeViolations(coordinator);
    await coordinator.getByRole('button', { name: 'Goedkeuren en publiceren' }).click();
    await coordinator.waitForURL(/klaar=goedgekeurd/);
    expect(await coordinator.getByRole('status').textContent()).toContain('Goedgekeurd');
    await expectNoAxeViolations(coordinator);

    await coordinator.goto(`/sociale-kaart/diensten/${ids.entry}`);
    expect(await coordinator.locator('h1').textContent()).toContain(names.changed);
    expect(await coordinator.locator('main').textContent()).toContain('0123 45 67 89');
    await coordinator.context().close();
  });

  it('flags an entry not checked for over a year in the coordinator’s freshness overview', async () => {
    const page = await newPage(browser);
    await signInAsStaff(page, accounts.overview);
    await page.goto('/beheer/sociale-kaart/actualiteit?sort=name');
    expect(await page.locator('h1').textContent()).toBe('Hoe actueel is de sociale kaart?');
    await expectNoAxeViolations(page);
    const row = page.getByRole('row', { name: new RegExp(names.oldOrg) });
    // Pages of 25 organisations: go on until the row is there.
    while ((await row.count()) === 0) await page.getByRole('link', { name: 'Volgende pagina' }).click();
    expect(await row.locator('td').allTextContents()).toEqual(['1', '0', '0', '1', '0', '0']);
    await row.getByRole('link', { name: `${names.oldOrg}: > 12 maanden 1` }).click();
    await page.waitForURL(new RegExp(`eigenaar=${ids.oldOrg}`));
    expect(await page.locator('h1').textContent()).toBe(`Aanbod van ${names.oldOrg}`);
    const listed = page.getByRole('row', { name: new RegExp(names.stale) });
    expect(await listed.textContent()).toContain('Waarschuwing: meer dan 12 maanden oud');
    await expectNoAxeViolations(page);
    await page.context().close();
  });
});
