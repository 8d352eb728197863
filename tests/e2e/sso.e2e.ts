import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { SSO_SECRET_ENV } from '../../src/capabilities/identity/sso.commands.ts';
import { runCli } from '../../src/server/cli.ts';
import { startOidcProvider, type TestOidcProvider } from '../support/oidc-provider.ts';
import { baseUrl, expectNoAxeViolations, launchBrowser, newPage } from './support/browser.ts';

/** Single sign-on in a real browser: Naaste's pages, a real OpenID Connect provider on 127.0.0.1, and back. */
const PROVIDER_PASSWORD = 'wachtwoord bij de organisatie';
let browser: Browser;
let idp: TestOidcProvider;

/** An operator command against the running server's database (the embedded cluster is shared, not started again). */
async function cli(args: string[], secret?: string): Promise<string> {
  const external = process.env.TEST_E2E_DATABASE_URL;
  if (external) process.env.DATABASE_URL = external;
  else process.env.DATA_DIR = inject('e2eDataDir');
  process.env.BASE_URL = baseUrl();
  if (secret) process.env[SSO_SECRET_ENV] = secret;
  const lines: string[] = [];
  try {
    const code = await runCli(args, (l) => lines.push(l));
    if (code !== 0) throw new Error(`${args[0]} failed: ${lines.join('\n')}`);
    return lines.join('\n');
  } finally {
    delete process.env[SSO_SECRET_ENV];
  }
}

beforeAll(async () => {
  browser = await launchBrowser();
  idp = await startOidcProvider({
    redirectUri: `${baseUrl()}/inloggen/sso/terug`,
    users: [{ id: 'idp-demo-1', email: 'consulent@steunpunt.demodam.example', password: PROVIDER_PASSWORD }],
  });
  const list = await cli(['organisation:list', '--municipality', 'GM9999']);
  const organisationId = /^(\S+)\s+\S+\s+Steunpunt Mantelzorg Demodam$/m.exec(list)?.[1];
  if (!organisationId) throw new Error(`Steunpunt Mantelzorg Demodam not in:\n${list}`);
  await cli(
    [
      'organisation:sso',
      '--organisation',
      organisationId,
      '--issuer',
      idp.issuer,
      '--client-id',
      idp.clientId,
      '--domain',
      'steunpunt.demodam.example',
    ],
    idp.clientSecret,
  );
});

afterAll(async () => {
  await browser?.close();
  await idp?.close();
});

describe('signing in through the organisation', () => {
  it('keeps an address of a domain without single sign-on, with the error summary', async () => {
    const page = await newPage(browser);
    await page.goto('/inloggen/medewerker');
    await page.getByLabel('Uw werk-e-mailadres').fill('iemand@elders.example');
    await page.getByRole('button', { name: 'Verder naar mijn organisatie' }).click();
    await expect.poll(() => page.title()).toMatch(/^Fout: /);
    expect(await page.getByRole('alert').textContent()).toContain('Uw organisatie logt niet in via Naaste met dit e-mailadres');
    expect(await page.getByLabel('Uw werk-e-mailadres').inputValue()).toBe('iemand@elders.example');
    await expectNoAxeViolations(page);
    await page.context().close();
  });

  it("signs a staff member in at the organisation's provider and back on their account page", async () => {
    const page = await newPage(browser);
    await page.goto('/inloggen/medewerker');
    await expectNoAxeViolations(page);
    await page.getByLabel('Uw werk-e-mailadres').fill('consulent@steunpunt.demodam.example');
    await page.getByRole('button', { name: 'Verder naar mijn organisatie' }).click();
    await page.waitForURL((url) => url.origin === idp.issuer);
    await page.getByLabel('User').fill('idp-demo-1');
    await page.getByLabel('Password').fill(PROVIDER_PASSWORD);
    await page.getByLabel('Methods (amr)').fill('pwd,otp');
    await page.getByRole('button', { name: 'Sign in at the provider' }).click();
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(/\/mijn-account$/);
    expect(await page.locator('h1').textContent()).toBe('Mijn account');
    await expect.poll(() => page.locator('main').textContent()).toContain('Steunpunt Mantelzorg Demodam');
    await expectNoAxeViolations(page);
    await page.context().close();
  });
});
