import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, newPage, scrollsSideways } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };

const PAGES = [
  '/',
  '/?lang=en',
  '/gemeenten',
  '/gemeenten?q=Demodam',
  '/gemeenten/demodam',
  '/gemeenten/demodam?soort=gpPractice',
  '/gemeenten/demodam?lang=en',
  '/gemeenten/demodam/sociale-kaart?q=boodschappen&waar=9991',
  '/zorgt-u-voor-iemand',
  '/balanscheck',
  '/aanmelden',
  '/bestaat-niet',
  '/toegankelijkheid',
  '/privacy',
  '/reactie',
  '/api/v1/docs',
];

describe('on a phone-sized screen (390 × 844)', () => {
  it.each(PAGES)('%s fits the width without sideways scrolling', async (path) => {
    const page = await newPage(browser, PHONE);
    await page.goto(path);
    expect(await page.evaluate(() => window.innerWidth)).toBe(390);
    const widest = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(await scrollsSideways(page), `${path} is ${widest}px wide`).toBe(false);
    await expectNoAxeViolations(page);
    await page.context().close();
  });

  it('shows the search field and the button within the screen', async () => {
    const page = await newPage(browser, PHONE);
    await page.goto('/gemeenten');
    for (const locator of [page.getByLabel('Zoek een gemeente'), page.getByRole('button', { name: 'Zoeken' })]) {
      const box = await locator.boundingBox();
      expect(box).not.toBeNull();
      expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= 390).toBe(true);
    }
    await page.context().close();
  });
});
