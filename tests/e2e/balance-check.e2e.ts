import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, newPage, scrollsSideways } from './support/browser.ts';
import { signInByEmailLink } from './support/sign-in.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };

describe('an anonymous visitor on a phone', () => {
  it('answers the recognition check, takes the CSI balance check and reads the result (the pages carry no script)', async () => {
    const page = await newPage(browser, PHONE);
    await page.goto('/zorgt-u-voor-iemand');
    expect(await page.locator('h1').textContent()).toBe('Zorgt u voor iemand?');
    expect(await scrollsSideways(page)).toBe(false);
    await expectNoAxeViolations(page);

    // A working carer: the variant speaks to them and ticks "Werk" already.
    await page.getByRole('link', { name: 'Ik werk en zorg voor iemand' }).click();
    await page.waitForURL(/\/zorgt-u-voor-iemand\/werk$/);
    await expectNoAxeViolations(page);

    // Forgetting questions gives an error summary; what was chosen stays.
    await page.getByLabel('Mijn vader of moeder (of schoonouder)').check();
    await page.getByRole('button', { name: 'Laat zien wat kan helpen' }).click();
    expect(await page.locator('#error-summary-title').textContent()).toBe('Er is een probleem');
    expect(await page.getByLabel('Mijn vader of moeder (of schoonouder)').isChecked()).toBe(true);
    await expectNoAxeViolations(page);

    await page.getByLabel('Afspraken, zorg of papieren regelen').check();
    await page.getByLabel('Ergens naartoe brengen').check();
    await page.getByLabel('9 tot 20 uur').check();
    await page.getByLabel('1 tot 5 jaar').check();
    await page.getByLabel('Het is vaak zwaar').check();
    await page.getByRole('button', { name: 'Laat zien wat kan helpen' }).click();
    expect(await page.locator('h1').textContent()).toBe('Wat kan u helpen?');
    const steps = await page.locator('.naaste-next-step h2').allTextContents();
    expect(steps[0]).toBe('Praat met het steunpunt mantelzorg');
    expect(steps).toContain('Werk en zorg samen');
    expect(await scrollsSideways(page)).toBe(false);
    await expectNoAxeViolations(page);

    // The next step: the balance check, then the CSI.
    await page.getByRole('link', { name: 'Doe de balanscheck' }).click();
    await page.waitForURL(/\/balanscheck$/);
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Begin met Belasting door de zorg (CSI)' }).click();
    await page.waitForURL(/\/balanscheck\/csi$/);
    expect(await page.locator('fieldset').count()).toBe(13);
    expect(await scrollsSideways(page)).toBe(false);
    await expectNoAxeViolations(page);

    // Eight times yes, five times no.
    const questions = page.locator('fieldset');
    for (let i = 0; i < 13; i += 1) {
      await questions
        .nth(i)
        .getByLabel(i < 8 ? 'Ja' : 'Nee', { exact: true })
        .check();
    }
    await page.getByRole('button', { name: 'Bekijk de uitkomst' }).click();
    expect(await page.locator('h1').textContent()).toBe('Uw uitkomst');
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('Uw score is 8 van de 13.');
    expect(main).toContain('7 keer ja of vaker');
    expect(main).toContain('Dit is geen diagnose');
    expect(main).toContain('Robinson (1983)');
    expect(main).toContain('Wij hebben uw antwoorden niet bewaard.');
    expect(await scrollsSideways(page)).toBe(false);
    await expectNoAxeViolations(page);
    await page.context().close();
  });
});

describe('a signed-in caregiver on a phone', () => {
  it('keeps a CSI result for the person they care for and sees it in the chart with its table', async () => {
    const address = 'mantelzorger@demodam.example';
    const page = await newPage(browser, PHONE);
    await signInByEmailLink(page, address);

    await page.goto('/balanscheck/csi');
    const questions = page.locator('fieldset');
    for (let i = 0; i < 13; i += 1) {
      await questions
        .nth(i)
        .getByLabel(i < 4 ? 'Ja' : 'Nee', { exact: true })
        .check();
    }
    await page.getByRole('button', { name: 'Bekijk de uitkomst' }).click();
    expect(await page.locator('main').textContent()).toContain('Uw score is 4 van de 13.');
    await expectNoAxeViolations(page);
    const who = page.locator('input[name="relatie"]');
    expect(await who.count()).toBeGreaterThan(0);
    await who.first().check();
    await page.getByRole('button', { name: 'Bewaar de uitkomst' }).click();
    await page.waitForURL(/\/mijn-zorg\/balans\?bewaard=ja$/);
    expect(await page.getByRole('status').textContent()).toContain('De uitkomst is bewaard.');
    // The chart is an image with a title and description; the same data is in the table beside it.
    const chart = page.getByRole('img', { name: /Belasting door de zorg \(CSI\): uw scores door de tijd/ });
    expect(await chart.count()).toBeGreaterThan(0);
    expect(await page.locator('table caption').first().textContent()).toContain('Belasting door de zorg (CSI): uw scores');
    expect(await page.locator('main').textContent()).toContain('4 van de 13');
    expect(await scrollsSideways(page)).toBe(false);
    await expectNoAxeViolations(page);
    await page.context().close();
  });
});
