// The web app's accessibility (issue 10: "labels and keyboard use for everything, readable
// contrast, usable at phone width"), on the demo network of `npm start` in Debian's Chromium.
// axe-core checks every WCAG 2.1 A and AA rule and its own best practices (landmarks, heading
// order, ...) on whole pages, in English and in Chinese, at desktop width and at 360 px (where
// nothing may scroll sideways but the regions made to): the household view with everything shown
// (a verified balance, a neighbour's open offer, the meter's chart and table, the history, the
// key's backup), its verification-failed warning (a trust root of another genesis), and the
// operator view with the grid's key imported. Then the keyboard alone: a household imports its
// key and buys energy from the grid with Tab, Shift+Tab, Enter, Space and typing; the focus is
// never lost and always shown (an outline at least 3:1 against what is behind it).
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, describeViolations } from '../support/axe.ts';
import { assertFocusShown, tabThroughPage, tabTo } from '../support/keyboard-focus.ts';
import {
  assertAppBuilt,
  type Devnet,
  freshKey,
  launchChromium,
  relayMeterReading,
  startDevnet,
} from '../support/web-devnet.ts';
import {
  buyFromGrid,
  createHousehold,
  openHousehold,
  openOperator,
  postOffer,
  registerMeter,
  textOf,
  verifiedEnergy,
} from '../support/web-pages.ts';

const WAIT_MS = 30_000;
const DESKTOP = { width: 1100, height: 900 };
const PHONE = { width: 360, height: 740 };
const LANGUAGES = [
  { locale: 'en-US', lang: 'en' },
  { locale: 'zh-CN', lang: 'zh-CN' },
] as const;

let devnet: Devnet;
let browser: Browser;
/** A household with everything to show: a balance, a neighbour's offer, meter readings, history. */
let shown: { address: string; secret: string };
let seller: { address: string; secret: string };
/** A household with money only, for the keyboard walk. */
let walker: { address: string; secret: string };
const contexts: BrowserContext[] = [];

async function newPage(locale: string, viewport = DESKTOP): Promise<Page> {
  const context = await browser.newContext({ locale, viewport });
  contexts.push(context);
  return context.newPage();
}

before(async () => {
  await assertAppBuilt();
  [devnet, browser] = await Promise.all([startDevnet(), launchChromium()]);
  const operator = await newPage('en-US');
  await openOperator(operator, devnet.app, devnet.gridSecret);
  shown = await createHousehold(operator, { name: 'Access Shown', moneyCny: '100' });
  seller = await createHousehold(operator, { name: 'Access Seller', energyKwh: '5' });
  walker = await createHousehold(operator, { name: 'Keyboard Walker', moneyCny: '100' });
  const meter = { id: 'ACCESS-PV-1', key: freshKey() };
  await registerMeter(operator, {
    household: shown.address,
    id: meter.id,
    publicKey: meter.key.publicHex,
  });
  for (const sequence of [1, 2, 3])
    await relayMeterReading(
      devnet,
      { id: meter.id, secretKey: meter.key.secretKey },
      { sequence, generatedWh: 1500 * sequence, exportedWh: 600 * sequence, importedWh: 200 },
    );
  const [sellerPage, shownPage] = [await newPage('en-US'), await newPage('en-US')];
  await Promise.all([
    openHousehold(sellerPage, devnet.app, seller.secret),
    openHousehold(shownPage, devnet.app, shown.secret),
  ]);
  await verifiedEnergy(sellerPage, '5.000 kWh');
  await postOffer(sellerPage, '2', '45');
  await verifiedEnergy(shownPage);
  await buyFromGrid(shownPage, '1');
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

after(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await browser?.close();
  await devnet?.stop();
});

/** Whether the page fits `width` (waiting a little for what follows a resize, the chart). */
const fitsWidth = (page: Page, width: number): Promise<boolean> =>
  page
    .waitForFunction((max) => document.documentElement.scrollWidth <= max, width, {
      timeout: 5_000,
    })
    .then(
      () => true,
      () => false,
    );

/**
 * Fails listing every violation axe finds, at desktop width and at 360 px, where the page must
 * also fit the width (WCAG 1.4.10: nothing scrolls sideways but regions made to). Leaves the
 * page at 360 px.
 */
async function assertAccessible(page: Page, what: string): Promise<void> {
  const found: string[] = [];
  for (const viewport of [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport);
    if (viewport === PHONE && !(await fitsWidth(page, PHONE.width))) {
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      found.push(`${what} is ${width} px wide at ${PHONE.width} px`);
    }
    const violations = await axeViolations(page);
    if (violations.length > 0)
      found.push(`${what} at ${viewport.width} px:\n${describeViolations(violations)}`);
  }
  assert.equal(found.length, 0, found.join('\n'));
}

async function assertPageLanguage(page: Page, lang: string): Promise<void> {
  assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
}

for (const { locale, lang } of LANGUAGES) {
  it(`the household view in ${locale}: no WCAG 2.1 AA or best-practice violations`, {
    timeout: 120_000,
  }, async () => {
    const page = await newPage(locale);
    await openHousehold(page, devnet.app, shown.secret);
    await verifiedEnergy(page);
    await page
      .locator(`pv-trade-panel li[data-offer][data-seller="${seller.address}"]`)
      .waitFor({ timeout: WAIT_MS });
    await page.locator('pv-meter-chart canvas').first().waitFor({ timeout: WAIT_MS });
    await page.locator('pv-history tbody tr').first().waitFor({ timeout: WAIT_MS });
    // The parts shown on request: the backup text and the meter's table.
    await page.locator('pv-key-panel [data-action=export]').click();
    await page.locator('pv-meter-chart summary').click();
    await page.locator('pv-meter-chart tbody tr').first().waitFor({ timeout: WAIT_MS });
    await assertPageLanguage(page, lang);
    await assertAccessible(page, `the household view (${locale})`);
    assert.ok((await tabThroughPage(page)) >= 15, 'every control of the view takes the focus');
  });

  it(`the household view without a key, then a new one not enrolled, in ${locale}`, async () => {
    const page = await newPage(locale);
    await page.goto(`${devnet.app}#/household`);
    await page.locator('pv-key-panel [data-action=create]').waitFor({ timeout: WAIT_MS });
    await assertAccessible(page, `the household view without a key (${locale})`);
    await page.locator('pv-key-panel [data-action=create]').click();
    await page.locator('pv-balance [data-state=absent]').waitFor({ timeout: WAIT_MS });
    await assertAccessible(page, `the household view of a key not enrolled (${locale})`);
  });

  it(`the household view's verification warning in ${locale}: no violations`, async () => {
    const page = await newPage(locale);
    // A trust root of another chain (a genesis hash nobody signed): the browser must refuse it.
    await page.route('**/chain.json', async (route) => {
      const response = await route.fetch();
      const json = { ...(await response.json()), genesisHash: 'ab'.repeat(32) };
      await route.fulfill({ response, json });
    });
    await openHousehold(page, devnet.app, shown.secret);
    const warning = page.locator('pv-balance [role=alert][data-state=failed]');
    await warning.waitFor({ timeout: WAIT_MS });
    assert.match((await warning.getAttribute('data-code')) ?? '', /^LIGHT_/);
    // Its button is reached with the keyboard and shows the focus on the warning's red.
    await tabTo(page, /^button\[data-action=retry\]/);
    await assertAccessible(page, `the verification warning (${locale})`);
  });

  it(`the operator view in ${locale}: no WCAG 2.1 AA or best-practice violations`, {
    timeout: 120_000,
  }, async () => {
    const page = await newPage(locale);
    await page.goto(`${devnet.app}#/operator`);
    await page.locator('pv-grid-key #secret').waitFor({ timeout: WAIT_MS });
    await assertAccessible(page, `the operator view without the grid's key (${locale})`);
    await page.setViewportSize(DESKTOP);
    await openOperator(page, devnet.app, devnet.gridSecret);
    await page.locator('pv-network-status [data-figure=validators]').waitFor({ timeout: WAIT_MS });
    await page
      .locator(`pv-households-table tr[data-address="${shown.address}"]`)
      .waitFor({ timeout: WAIT_MS });
    await page.locator('pv-register-meter option').first().waitFor({
      state: 'attached',
      timeout: WAIT_MS,
    });
    await assertPageLanguage(page, lang);
    await assertAccessible(page, `the operator view (${locale})`);
    assert.ok((await tabThroughPage(page)) >= 20, 'every control of the view takes the focus');
  });
}

it('a household imports its key, buys energy and offers some with the keyboard only', async () => {
  const page = await newPage('en-US');
  await page.goto(`${devnet.app}#/household`);
  await page.locator('pv-key-panel summary').waitFor({ timeout: WAIT_MS });
  await tabTo(page, /^summary/);
  await page.keyboard.press('Enter');
  await tabTo(page, /^textarea\[id=import-text\]/);
  await page.keyboard.type(walker.secret);
  await tabTo(page, /^button\[data-action=import\]/);
  await page.keyboard.press('Enter');
  await page.locator('pv-key-panel [data-address]').waitFor({ timeout: WAIT_MS });
  await assertFocusShown(page, 'the key was imported');
  await verifiedEnergy(page, '0.000 kWh');
  // The trade buttons are enabled once the household's grid is known (Tab skips disabled ones).
  await page
    .locator('pv-trade-panel [data-action=buy-grid]:not([disabled])')
    .waitFor({ timeout: WAIT_MS });

  await tabTo(page, /^input\[id=buy-kwh\]/);
  await page.keyboard.type('3');
  await tabTo(page, /^button\[data-action=buy-grid\]/);
  await page.keyboard.press('Space');
  const status = page.locator('pv-trade-panel [data-trade-status]');
  await status.filter({ hasText: /Done in block \d+/ }).waitFor({ timeout: WAIT_MS });
  assert.equal((await verifiedEnergy(page, '3.000 kWh')).energy, '3.000 kWh');
  assert.match(await textOf(status), /^Done in block \d+$/);
  await assertFocusShown(page, 'the purchase was done');
  // Back to the amount with Shift+Tab, the focus still shown.
  await tabTo(page, /^input\[id=buy-kwh\]/, 'Shift+Tab', 3);

  // An offer posted with Enter, then cancelled: its button goes away, the focus to the status.
  await tabTo(page, /^input\[id=offer-kwh\]/);
  await page.keyboard.type('1');
  await tabTo(page, /^input\[id=offer-price\]/);
  await page.keyboard.type('40');
  await page.keyboard.press('Enter');
  await verifiedEnergy(page, '2.000 kWh');
  await page.locator('pv-trade-panel [data-cancel-offer]').waitFor({ timeout: WAIT_MS });
  await tabTo(page, /"Cancel offer \d+"/);
  await page.keyboard.press('Enter');
  await page.locator('pv-trade-panel [data-trade-status]:focus').waitFor({ timeout: WAIT_MS });
  assert.equal(await page.locator('pv-trade-panel [data-cancel-offer]').count(), 0);
  await verifiedEnergy(page, '3.000 kWh');
  assert.match((await assertFocusShown(page, 'the offer was cancelled')).what, /^p "Done in block/);
});

it('the grid operator sets a tariff with the keyboard only', async () => {
  const page = await newPage('en-US');
  await openOperator(page, devnet.app, devnet.gridSecret);
  await page.locator('pv-app nav a').first().focus();
  await tabTo(page, /^input\[id=retail\]/, 'Tab', 80);
  await page.keyboard.type('50');
  await tabTo(page, /^button\[type=submit\] "Set"/);
  await page.keyboard.press('Space');
  const result = page.locator('pv-tariffs [data-result=tariff]');
  await result.waitFor({ timeout: WAIT_MS });
  assert.match(await textOf(result), /set to 50 in block \d+/);
  await assertFocusShown(page, 'the tariff was set');
});
