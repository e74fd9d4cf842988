// `npm run screenshots`: docs/screenshots/*.png of each view of the web app, taken with Debian's
// Chromium (playwright-core) against the demo network of `npm start` (its meters running an hour
// a second, so PV households have exported by the time the pictures are taken): the operator's
// view at desktop and phone width, and a PV household's view (its demo key, a public label) in
// English at desktop width and in Chinese at phone width. Needs a built app (npm run build:web)
// and a font with Chinese glyphs (Debian: apt-get install fonts-wqy-zenhei), else the Chinese
// picture shows boxes.
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { assertAppBuilt, launchChromium, startDevnet } from '../test/support/web-devnet.ts';
import {
  openHousehold,
  openOperator,
  postOffer,
  verifiedEnergy,
} from '../test/support/web-pages.ts';

const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const DESKTOP = { width: 1100, height: 900 };
const PHONE = { width: 360, height: 740 };
/** Household `n` of the devnet (odd ones have rooftop PV); its key is SHA-256 of a public label. */
const householdSecret = (n: number) =>
  createHash('sha256').update(`pvchain-devnet/household/${n}`).digest('hex');
const HOUSEHOLD_SECRET = householdSecret(1);

async function shoot(
  browser: Browser,
  name: string,
  options: { viewport: { width: number; height: number }; locale: string },
  show: (page: import('playwright-core').Page) => Promise<void>,
): Promise<void> {
  // The demo community lives in China: its meters' day reads in China's time.
  const context = await browser.newContext({
    ...options,
    deviceScaleFactor: 1,
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  await show(page);
  await page.screenshot({ path: `${OUT}${name}.png`, fullPage: true });
  await context.close();
  console.log(`docs/screenshots/${name}.png`);
}

await assertAppBuilt();
await mkdir(OUT, { recursive: true });
const devnet = await startDevnet({ meters: true, speed: 3600 });
const browser = await launchChromium();
try {
  const operator = async (page: import('playwright-core').Page) => {
    await openOperator(page, devnet.app, devnet.gridSecret);
    // Wait until the PV meters have exported something (the morning of the simulated day).
    await page.waitForFunction(
      () =>
        Number(
          document
            .querySelector('pv-app')
            ?.shadowRoot?.querySelector('pv-operator-view')
            ?.shadowRoot?.querySelector('pv-grid-totals')
            ?.shadowRoot?.querySelector('[data-figure=exported]')
            ?.getAttribute('data-wh') ?? '0',
        ) > 20_000,
      undefined,
      { timeout: 120_000, polling: 500 },
    );
    await page.locator('pv-network-status [data-figure=tps]').filter({ hasNotText: '—' }).waitFor();
  };
  await shoot(browser, 'operator', { viewport: DESKTOP, locale: 'en-US' }, operator);
  await shoot(browser, 'operator-phone', { viewport: PHONE, locale: 'en-US' }, operator);
  const household = async (page: import('playwright-core').Page) => {
    await openHousehold(page, devnet.app, HOUSEHOLD_SECRET);
    await verifiedEnergy(page);
    await page.locator('pv-trade-panel [data-offer]').first().waitFor({ timeout: 30_000 });
    await page
      .locator('pv-meter-chart [data-meter-summary]')
      .waitFor({ timeout: 60_000 })
      .catch(() => console.log('(the meter chart had no readings of the day yet)'));
  };
  // A neighbour (household 3) offers some of its surplus, so household 1 sees an offer to buy.
  const neighbour = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await openHousehold(neighbour, devnet.app, householdSecret(3));
  await verifiedEnergy(neighbour);
  await postOffer(neighbour, '5', '45');
  await neighbour.context().close();
  await shoot(browser, 'household', { viewport: DESKTOP, locale: 'en-US' }, household);
  await shoot(browser, 'household-zh-phone', { viewport: PHONE, locale: 'zh-CN' }, household);
} catch (error) {
  console.error(`devnet's last lines:\n${devnet.lines.slice(-30).join('\n')}`);
  throw error;
} finally {
  await browser.close();
  await devnet.stop();
}
