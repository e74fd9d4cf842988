// Two households' views on one page against the test network: the seller offers 1 kWh to its
// neighbours; the buyer sees the offer in its list, verified by its browser from the energy
// contract's storage ("verified at block N", the exact seller, Wh and price), is refused an amount
// the offer does not hold, buys 0.4 kWh of it through the UI, and sees 0.6 kWh left, verified
// again; both balances, verified by the browser, show the trade (45 fen/kWh to the seller, the
// 5 fen/kWh grid fee).
import '../../web/src/household/household-view.ts';
import type { AppConfig } from '../../web/src/shared/config.ts';
import { resetLocale } from '../../web/src/shared/i18n/i18n.ts';
import { closeLightClient } from '../../web/src/shared/light-client.ts';
import { checkEqual } from '../shared/check.ts';
import { mountEnrolledHousehold } from './support/household-view.ts';
import { inShadow, until, webConfig } from './support/web-app.ts';

const figure = (view: Element, which: string) =>
  inShadow(view, 'pv-balance', `[data-figure=${which}]`)?.textContent ?? null;

/** A view of a household enrolled with `fen` and `wh`, once it knows its grid from the API. */
async function householdView(config: AppConfig, fen: bigint, wh: bigint) {
  const { view, key } = await mountEnrolledHousehold(config, fen, wh);
  await until('the grid from the API', () => view.apiAccount?.creator);
  return { view, key };
}

/** Types `kwh` into offer `id`'s amount, asks to buy it and waits for the trade status `text`. */
async function refusedAmount(panel: Element, id: string, kwh: string, text: string) {
  const input = inShadow<HTMLInputElement>(panel, `li[data-offer="${id}"] [data-buy-kwh]`);
  if (!input) throw new Error(`no amount input for offer ${id}`);
  input.value = kwh;
  inShadow<HTMLButtonElement>(panel, `li[data-offer="${id}"] [data-buy-offer]`)?.click();
  await until(`"${text}"`, () => inShadow(panel, '[data-trade-status]')?.textContent === text);
}

/** The verified offer row `id` once it shows `amount`, and the height it was verified at. */
async function verifiedRow(panel: Element, id: string, amount: string) {
  const row = await until(`offer ${id} with ${amount}`, () => {
    const li = inShadow(panel, `li[data-offer="${id}"]`);
    return li?.textContent?.includes(`${amount} at 45 fen/kWh`) && li;
  });
  const height = Number(row.getAttribute('data-verified-height'));
  checkEqual(height >= 1, true, `verified at height ${height}`);
  checkEqual(
    row.querySelector('[data-verified]')?.textContent?.trim(),
    `verified at block ${height}`,
    'the row says where it was verified',
  );
  return { row, height };
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
  it('lists a neighbour’s offer verified from storage and buys part of it', async () => {
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
      const listed = await until('the offer listed for the buyer', () =>
        inShadow(buyerPanel, `li[data-seller="${seller.key.address}"]`),
      );
      const id = listed.getAttribute('data-offer') ?? '';
      const first = await verifiedRow(buyerPanel, id, '1.000 kWh');
      const input = first.row.querySelector<HTMLInputElement>('[data-buy-kwh]');
      checkEqual(input?.value, '1.000', 'the amount defaults to all that is left');

      await refusedAmount(buyerPanel, id, '1.001', `At most 1.000 kWh is left in offer ${id}.`);
      await refusedAmount(buyerPanel, id, '0', 'Enter a positive amount.');
      (input as HTMLInputElement).value = '0.4';
      await trade(buyer.view, `li[data-offer="${id}"] [data-buy-offer]`);

      // 0.4 kWh at 45 fen/kWh to the seller (18 fen), and the grid fee of 5 fen/kWh (2 fen).
      await until('the buyer’s energy', () => figure(buyer.view, 'energy') === '0.400 kWh', 60_000);
      checkEqual(figure(buyer.view, 'money'), '¥99.80', 'the buyer paid 20 fen');
      await (
        inShadow(seller.view, 'pv-balance') as HTMLElement & { verify(): Promise<unknown> }
      ).verify();
      await until('the seller paid', () => figure(seller.view, 'money') === '¥0.18', 60_000);
      // The buyer's panel reloads the offers after its trade: 0.6 kWh left, proved at a later block.
      const rest = await verifiedRow(buyerPanel, id, '0.600 kWh');
      checkEqual(rest.height > first.height, true, `${rest.height} after ${first.height}`);
      checkEqual(
        rest.row.querySelector<HTMLInputElement>('[data-buy-kwh]')?.value,
        '0.600',
        'the default follows the remainder',
      );
    } finally {
      seller.view.remove();
      buyer.view.remove();
      await closeLightClient();
    }
  });
});
