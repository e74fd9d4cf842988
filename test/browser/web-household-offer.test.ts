// Two households' views on one page against the test network: the seller offers 1 kWh to its
// neighbours; the buyer sees the offer in its list, buys it through the UI, and both balances,
// verified by the browser, show the trade (45 fen/kWh to the seller, the 5 fen/kWh grid fee).
import type { PvHouseholdView } from '../../web/src/household/household-view.ts';
import '../../web/src/household/household-view.ts';
import {
  createKeyStore,
  generateKey,
  type HouseholdKey,
} from '../../web/src/household/key-store.ts';
import type { AppConfig } from '../../web/src/shared/config.ts';
import { resetLocale } from '../../web/src/shared/i18n/i18n.ts';
import { closeLightClient } from '../../web/src/shared/light-client.ts';
import { checkEqual } from '../shared/check.ts';
import { enrollHousehold, inShadow, mount, until, webConfig } from './support/web-app.ts';

const figure = (view: Element, which: string) =>
  inShadow(view, 'pv-balance', `[data-figure=${which}]`)?.textContent ?? null;

/** A view of a household enrolled with `fen` and `wh`, its key in an IndexedDB of its own. */
async function householdView(config: AppConfig, fen: bigint, wh: bigint) {
  const keyDb = `pvchain-household-offer-${Date.now()}-${Math.random()}`;
  const key: HouseholdKey = generateKey();
  const store = createKeyStore(keyDb);
  await store.save(key);
  store.close();
  await enrollHousehold(config, key.publicKey, fen, wh);
  const view = document.createElement('pv-household-view') as PvHouseholdView;
  view.keyDb = keyDb;
  view.config = config;
  await mount(view);
  await until('the grid from the API', () => view.apiAccount?.creator);
  return { view, key };
}

/** Clicks the enabled button `selector` of `view`'s trade panel, waits for "Done in block N". */
async function trade(view: Element, selector: string) {
  const panel = inShadow(view, 'pv-trade-panel') as Element;
  const before = inShadow(panel, '[data-trade-status]')?.textContent?.trim() ?? '';
  const button = await until(`${selector} enabled`, () => {
    const b = inShadow<HTMLButtonElement>(panel, selector);
    return b && !b.disabled && b;
  });
  button.click();
  await until(
    'the transaction committed',
    () => {
      const text = inShadow(panel, '[data-trade-status]')?.textContent?.trim();
      if (!text || text === before) return null;
      if (text.startsWith('Refused')) throw new Error(text);
      return /^Done in block \d+$/.test(text);
    },
    60_000,
  );
}

describe('web app: buying from a neighbour', () => {
  it('lists a neighbour’s offer and buys it through the UI', async () => {
    resetLocale(['en']);
    const config = await webConfig();
    const seller = await householdView(config, 0n, 1_000n);
    const buyer = await householdView(config, 10_000n, 0n);
    try {
      await until(
        'the seller verified',
        () => figure(seller.view, 'energy') === '1.000 kWh',
        60_000,
      );
      const panel = await until('the seller’s trade panel', () =>
        inShadow(seller.view, 'pv-trade-panel'),
      );
      (inShadow(panel, '#offer-kwh') as HTMLInputElement).value = '1';
      (inShadow(panel, '#offer-price') as HTMLInputElement).value = '45';
      await trade(seller.view, '[data-action=post-offer]');
      await until('the kWh escrowed', () => figure(seller.view, 'energy') === '0.000 kWh', 60_000);

      await until('the buyer verified', () => figure(buyer.view, 'money') === '¥100.00', 60_000);
      const buyerPanel = await until('the buyer’s trade panel', () =>
        inShadow<HTMLElement & { loadOffers(): Promise<void> }>(buyer.view, 'pv-trade-panel'),
      );
      await buyerPanel.loadOffers();
      const row = await until('the offer listed for the buyer', () =>
        inShadow(buyerPanel, `li[data-seller="${seller.key.address}"]`),
      );
      checkEqual(row.textContent?.includes('1.000 kWh at 45 fen/kWh'), true, row.textContent ?? '');
      const id = row.getAttribute('data-offer') ?? '';
      await trade(buyer.view, `li[data-offer="${id}"] [data-buy-offer]`);

      // 1 kWh at 45 fen/kWh to the seller, and the grid fee of 5 fen/kWh.
      await until('the buyer’s energy', () => figure(buyer.view, 'energy') === '1.000 kWh', 60_000);
      checkEqual(figure(buyer.view, 'money'), '¥99.50', 'the buyer paid 50 fen');
      await (
        inShadow(seller.view, 'pv-balance') as HTMLElement & { verify(): Promise<unknown> }
      ).verify();
      await until('the seller paid', () => figure(seller.view, 'money') === '¥0.45', 60_000);
      // The buyer's panel reloads the offers after its trade.
      await until('the offer gone', () => !inShadow(buyerPanel, `li[data-offer="${id}"]`));
    } finally {
      seller.view.remove();
      buyer.view.remove();
      await closeLightClient();
    }
  });
});
