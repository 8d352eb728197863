import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, expectNoAxeViolations, launchBrowser, newPage } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

// The journeys only mean something if the accessibility check can fail: prove it on a page made to be wrong.
describe('the accessibility helper', () => {
  it('names the rule, impact and element of each violation', async () => {
    const page = await newPage(browser);
    await page.setContent('<html><head><title>x</title></head><body><main><img src="x.png"><input type="text"></main></body></html>');
    const found = await axeViolations(page);
    expect(found.map((v) => v.id).sort()).toEqual(expect.arrayContaining(['html-has-lang', 'image-alt', 'label']));
    const error = await expectNoAxeViolations(page).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/- image-alt \(critical\): .*\n {4}img/);
    await page.context().close();
  });
});
