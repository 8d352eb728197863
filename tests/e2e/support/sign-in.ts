import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../../../db/seed/demo.ts';
import { base32Decode, totpAt } from '../../../src/platform/auth/totp.ts';
import { baseUrl, expectNoAxeViolations } from './browser.ts';

/** A mail as the development mailbox lists it at /dev/mailbox.json. */
export type Mail = { id: string; to: string[]; subject: string; text: string };

async function mailbox(): Promise<Mail[]> {
  return (await (await fetch(`${baseUrl()}/dev/mailbox.json`)).json()) as Mail[];
}

/** The ids of the mails in the development mailbox now, so that a later look finds only newer ones. */
export async function mailboxIds(): Promise<string[]> {
  return (await mailbox()).map((m) => m.id);
}

/**
 * The sign-in link in the mail to this address in the development mailbox (a real SMTP server),
 * skipping the mails in `seen`; waits for the job queue to send it.
 */
export async function signInLinkFor(address: string, seen: string[] = []): Promise<string> {
  let link = '';
  await expect
    .poll(
      async () => {
        const mail = (await mailbox()).find((m) => m.to.includes(address) && !seen.includes(m.id));
        link = /(http\S+\/inloggen\/link\/[A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1] ?? '';
        return link;
      },
      { timeout: 20_000, interval: 250 },
    )
    .not.toBe('');
  return link;
}

/** A resident signs in by the link in their email: ask for it, open it, confirm. Ends on "Mijn account". */
export async function signInByEmailLink(page: Page, address: string): Promise<void> {
  const seen = await mailboxIds();
  await page.goto('/inloggen');
  await page.getByLabel('Uw e-mailadres').fill(address);
  await page.getByRole('button', { name: 'Stuur mij een link' }).click();
  await page.waitForURL(/\/inloggen\/link-verstuurd$/);
  await page.goto(await signInLinkFor(address, seen));
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL(/\/mijn-account$/);
}

/** The demo accounts' authenticator code for this moment (each account accepts a code once). */
export const totp = () => totpAt(base32Decode(DEMO_TOTP_SECRET), Math.floor(Date.now() / 1000));

export type StaffSignInOptions = {
  /** Start at the general sign-in page and follow its link for staff, instead of the staff form itself. */
  fromChoice?: boolean;
  /** Check the sign-in pages on the way with axe. */
  checkAccessibility?: boolean;
};

/**
 * A staff member signs in with the demo password and the authenticator code; ends when the
 * browser has left the sign-in pages.
 */
export async function signInAsStaff(page: Page, email: string, options: StaffSignInOptions = {}): Promise<void> {
  if (options.fromChoice) {
    await page.goto('/inloggen');
    if (options.checkAccessibility) await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Inloggen als medewerker' }).click();
  } else {
    await page.goto('/inloggen/medewerker');
  }
  await page.getByLabel('Uw e-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL(/\/inloggen\/code/);
  if (options.checkAccessibility) await expectNoAxeViolations(page);
  await page.getByLabel('Code uit de app').fill(totp());
  await page.getByRole('button', { name: 'Controleer' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/inloggen'));
}
