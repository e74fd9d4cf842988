// The web app end to end: the demo network of `npm start` (`pvchain devnet`, four validator
// processes, meters off so that only this test moves its households) serving the built app, and
// Debian's Chromium driving it. The paper's scenario through the UI: the grid operator imports
// the grid's key that devnet prints, sets the trigger to 100 kWh and creates a consumer (its key
// made in the operator's browser) and a prosumer (enrolled by the public key the prosumer's own
// browser made and copied) and registers the prosumer's meter; the consumer, in a browser of its own, buys 1,000 kWh and its browser verifies
// 1,000; the prosumer's meter passes 100 kWh of export (a signed reading the grid relays) and the
// prosumer's browser verifies 100; the operator's table shows both, and its totals add up.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser } from 'playwright-core';
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
  registerMeter,
  setTariff,
  textOf,
  verifiedEnergy,
  waitForRowWh,
} from '../support/web-pages.ts';

/** The devnet's grid issued 10,000,000 kWh; trades and settlements only move it. */
const ISSUED_WH = '10000000000';
let devnet: Devnet;
let browser: Browser;

before(async () => {
  await assertAppBuilt();
  [devnet, browser] = await Promise.all([startDevnet(), launchChromium()]);
});
after(async () => {
  await browser?.close();
  await devnet?.stop();
});

const context = () =>
  browser.newContext({ locale: 'en-US', viewport: { width: 1100, height: 900 } });

it("runs the paper's scenario through the UI", { timeout: 240_000 }, async () => {
  const operator = await (await context()).newPage();
  const errors: string[] = [];
  operator.on('pageerror', (error) => errors.push(error.message));
  await openOperator(operator, devnet.app, devnet.gridSecret);
  assert.equal(await operator.locator('pv-households-table tr[data-address]').count(), 64);

  assert.match(await setTariff(operator, 'trigger', '100'), /set to 100 in block \d+/);
  const consumer = await createHousehold(operator, { name: 'Consumer Zhou', moneyCny: '600' });
  assert.match(consumer.secret, /^[0-9a-f]{64}$/);
  // The prosumer makes its key in its own browser, which says it has no account yet, and copies
  // its public key for the operator, who enrols it with that key.
  const prosumerContext = await context();
  await prosumerContext.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(devnet.app).origin,
  });
  const prosumerPage = await prosumerContext.newPage();
  await prosumerPage.goto(`${devnet.app}#/household`);
  const keyPanel = prosumerPage.locator('pv-key-panel');
  await keyPanel.locator('button[data-action=create]').click();
  await prosumerPage.locator('pv-balance [data-state=absent]').waitFor({ timeout: 30_000 });
  const publicKey = await textOf(keyPanel.locator('[data-public-key]'));
  assert.match(publicKey, /^[0-9a-f]{64}$/);
  await keyPanel.locator('button[data-action=copy-public-key]').click();
  assert.equal(await prosumerPage.evaluate(() => navigator.clipboard.readText()), publicKey);
  const prosumer = await createHousehold(operator, { name: 'Prosumer Sun', publicKey });
  assert.equal(prosumer.secret, '');
  assert.equal(prosumer.address, await textOf(keyPanel.locator('[data-address]')));
  const meterKey = freshKey();
  await registerMeter(operator, {
    household: prosumer.address,
    id: 'E2E-PV-1',
    publicKey: meterKey.publicHex,
  });

  // The consumer buys 1,000 kWh in its own browser and sees it verified.
  const consumerPage = await (await context()).newPage();
  await openHousehold(consumerPage, devnet.app, consumer.secret);
  await verifiedEnergy(consumerPage, '0.000 kWh');
  await buyFromGrid(consumerPage, '1000');
  const bought = await verifiedEnergy(consumerPage, '1,000.000 kWh');
  assert.equal(bought.energy, '1,000.000 kWh');
  assert.ok(bought.height > 0);

  // The prosumer's meter exports 100 kWh: the trigger is reached, the grid credits 100 kWh.
  await relayMeterReading(
    devnet,
    { id: 'E2E-PV-1', secretKey: meterKey.secretKey },
    {
      sequence: 1,
      exportedWh: 100_000,
      importedWh: 0,
    },
  );
  assert.equal((await verifiedEnergy(prosumerPage, '100.000 kWh')).energy, '100.000 kWh');

  // The operator's live table shows both; the totals add up.
  await waitForRowWh(operator, consumer.address, '1000000');
  await waitForRowWh(operator, prosumer.address, '100000');
  const prosumerRow = operator.locator(`tr[data-address="${prosumer.address}"]`);
  assert.equal(await textOf(prosumerRow.locator('.badge')), 'PV');
  assert.equal(await textOf(prosumerRow.locator('td').nth(4)), 'E2E-PV-1');
  const consumerRow = operator.locator(`tr[data-address="${consumer.address}"]`);
  assert.equal(await textOf(consumerRow.locator('.badge')), 'Ordinary');
  assert.equal(await consumerRow.locator('td[data-fen]').getAttribute('data-fen'), '10000');
  assert.equal(await operator.locator('pv-households-table tr[data-address]').count(), 66);

  const figure = (name: string) =>
    operator.locator(`pv-grid-totals [data-figure=${name}]`).getAttribute('data-wh');
  const rowsWh = await operator
    .locator('pv-households-table td[data-wh]')
    .evaluateAll((cells) => cells.map((c) => c.getAttribute('data-wh') ?? ''));
  const sum = rowsWh.reduce((n, wh) => n + BigInt(wh), 0n);
  assert.equal(await figure('households'), String(sum));
  assert.equal(
    BigInt((await figure('grid-credit')) ?? '') + sum + BigInt((await figure('escrow')) ?? ''),
    BigInt(ISSUED_WH),
  );
  assert.equal(await figure('issued'), ISSUED_WH);
  assert.equal(await figure('exported'), '100000');

  // At phone width nothing makes the page scroll sideways (the table scrolls in its own region).
  for (const page of [operator, prosumerPage]) {
    await page.setViewportSize({ width: 360, height: 740 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `${page.url()} is ${width} px wide at 360 px`);
  }
  assert.deepEqual(errors, []);
});
