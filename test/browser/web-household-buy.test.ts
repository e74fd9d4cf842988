// The household view in Chromium against the test network: a household the grid enrolled (its
// key made in the browser, in IndexedDB) buys energy from the grid through the UI; the purchase
// commits and the balance, verified again by the browser's light client, has grown; it offers
// 1 kWh to its neighbours and cancels the offer.
import '../../web/src/household/household-view.ts';
import { resetLocale } from '../../web/src/shared/i18n/i18n.ts';
import { closeLightClient } from '../../web/src/shared/light-client.ts';
import type { PvBalance } from '../../web/src/shared/pv-balance.ts';
import { checkEqual } from '../shared/check.ts';
import { mountEnrolledHousehold } from './support/household-view.ts';
import { inShadow, until, webConfig } from './support/web-app.ts';

/** The height of the trade panel's next "Done in block N" after `previous`; throws on a refusal. */
async function tradeDone(view: Element, previous: string) {
  return until(
    'the transaction committed',
    () => {
      const text = inShadow(view, 'pv-trade-panel', '[data-trade-status]')?.textContent?.trim();
      if (!text || text === previous) return null;
      if (text.startsWith('Refused')) throw new Error(text);
      return /^Done in block (\d+)$/.exec(text);
    },
    60_000,
  );
}

const figure = (view: Element, which: string) =>
  inShadow(view, 'pv-balance', `[data-figure=${which}]`)?.textContent ?? null;

describe('web app: the household buys energy', () => {
  it('buys 2 kWh from the grid through the UI and sees it verified', async () => {
    resetLocale(['en']);
    const config = await webConfig();
    const { view } = await mountEnrolledHousehold(config, 10_000n);
    try {
      await until('the verified balance', () => figure(view, 'money') === '¥100.00', 60_000);
      checkEqual(figure(view, 'energy'), '0.000 kWh', 'no energy yet');
      const before = (inShadow(view, 'pv-balance') as PvBalance).state;
      if (before.kind !== 'verified') throw new Error('not verified');
      await until('the grid from the API', () => view.apiAccount?.creator);

      const amount = inShadow<HTMLInputElement>(view, 'pv-trade-panel', '#buy-kwh');
      const buy = inShadow<HTMLButtonElement>(view, 'pv-trade-panel', '[data-action=buy-grid]');
      if (!amount || !buy) throw new Error('no buy form');
      await until('the buy button enabled', () => !buy.disabled);
      amount.value = '2';
      buy.click();
      const done = await tradeDone(view, '');
      const height = BigInt(done[1] ?? '0');

      // 2 kWh at the retail tariff of 50 fen/kWh: 100 fen.
      await until('the new verified balance', () => figure(view, 'energy') === '2.000 kWh', 60_000);
      checkEqual(figure(view, 'money'), '¥99.00', '100 fen paid');
      const after = (inShadow(view, 'pv-balance') as PvBalance).state;
      if (after.kind !== 'verified') throw new Error('not verified');
      checkEqual(after.account.height >= height, true, 'verified at or past the purchase');
      checkEqual(after.account.nonce, before.account.nonce + 1n, 'one transaction');
      await until('the purchase in the history', () =>
        inShadow(view, 'pv-history', 'tr[data-kind=buy_from_grid]'),
      );

      // 1 kWh offered to the neighbours (escrowed by the contract), then the offer cancelled.
      const panel = inShadow(view, 'pv-trade-panel') as HTMLElement;
      const field = (id: string) => inShadow<HTMLInputElement>(panel, `#${id}`) as HTMLInputElement;
      field('offer-kwh').value = '1';
      field('offer-price').value = '45';
      const post = inShadow<HTMLButtonElement>(panel, '[data-action=post-offer]');
      await until('the post button enabled', () => post && !post.disabled);
      post?.click();
      const posted = await tradeDone(view, done[0]);
      await until('the offer escrowed', () => figure(view, 'energy') === '1.000 kWh', 60_000);
      const cancel = await until('the offer listed as mine, enabled', () => {
        const button = inShadow<HTMLButtonElement>(panel, '[data-cancel-offer]');
        return button && !button.disabled && button;
      });
      checkEqual(cancel.textContent?.trim().startsWith('Cancel offer'), true, 'a cancel button');
      cancel.click();
      await tradeDone(view, posted[0]);
      await until('the offer returned', () => figure(view, 'energy') === '2.000 kWh', 60_000);
      await until('no offer of mine left', () => !inShadow(panel, '[data-cancel-offer]'));
    } finally {
      view.remove();
      await closeLightClient();
    }
  });
});
