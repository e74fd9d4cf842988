// <pv-balance> in Chromium with the page's real light client against the test network's full
// nodes: the household's balance verified (with the block it was verified at), and the warning,
// with its code, when the trust root does not lead to the chain the nodes serve.
import { closeLightClient } from '../../web/src/shared/light-client.ts';
import type { PvBalance } from '../../web/src/shared/pv-balance.ts';
import '../../web/src/shared/pv-balance.ts';
import { resetLocale, setLocale } from '../../web/src/shared/i18n/i18n.ts';
import { checkEqual, toHex } from '../shared/check.ts';
import { lightNetwork } from './support/light-network.ts';
import { inShadow, mount, until, webConfig } from './support/web-app.ts';

async function balanceFor(config: Awaited<ReturnType<typeof webConfig>>, address: string) {
  const element = document.createElement('pv-balance') as PvBalance;
  element.config = config;
  element.address = address;
  return mount(element);
}

describe('web app: the verified balance', () => {
  it('shows the balance verified by the browser at block N', async () => {
    resetLocale(['en']);
    const net = await lightNetwork();
    const element = await balanceFor(await webConfig(net), toHex(net.household));
    try {
      const figure = await until(
        'the verified figure',
        () => inShadow(element, '[data-figure=energy]'),
        60_000,
      );
      checkEqual(figure.textContent, '20.000 kWh', 'energy: 20,000 Wh');
      checkEqual(inShadow(element, '[data-figure=money]')?.textContent, '¥0.00', 'money');
      const state = element.state;
      if (state.kind !== 'verified') throw new Error(`state ${state.kind}`);
      const line = inShadow(element, '.verified')?.textContent?.replace(/\s+/g, ' ').trim();
      checkEqual(line, `✔ Verified by your browser at block ${state.account.height}`, 'the line');
      checkEqual(state.account.height >= 3n, true, 'a block past the genesis');
      setLocale('zh', false);
      await element.updateComplete;
      const zh = inShadow(element, '.verified')?.textContent?.replace(/\s+/g, ' ').trim();
      checkEqual(zh, `✔ 已由您的浏览器在区块 ${state.account.height} 验证`, 'in Chinese');
    } finally {
      element.remove();
      await closeLightClient();
      resetLocale(['en']);
    }
  });

  it('warns unmistakably, with the code, when verification fails', async () => {
    resetLocale(['en']);
    const net = await lightNetwork();
    const config = await webConfig(net);
    // A trust root of another chain: the nodes' genesis does not match it.
    const genesisHash = config.trust.genesisHash.slice();
    genesisHash[0] = (genesisHash[0] ?? 0) ^ 0xff;
    const element = await balanceFor(
      { ...config, trust: { ...config.trust, genesisHash } },
      toHex(net.household),
    );
    try {
      const warning = await until(
        'the warning',
        () => inShadow(element, '[data-state=failed]'),
        60_000,
      );
      checkEqual(warning.getAttribute('role'), 'alert', 'announced');
      const code = warning.getAttribute('data-code') ?? '';
      checkEqual(code, 'LIGHT_WRONG_CHAIN', 'the code');
      checkEqual(
        warning.textContent?.includes(`Verification FAILED (${code})`),
        true,
        warning.textContent ?? '',
      );
      checkEqual(inShadow(element, '[data-figure=energy]'), null, 'no figure shown');
    } finally {
      element.remove();
      await closeLightClient();
    }
  });
});
