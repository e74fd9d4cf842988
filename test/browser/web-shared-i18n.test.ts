// The web app's languages and formatting in Chromium: Chinese when the browser asks for it first,
// the language switch re-rendering the shell, amounts in kWh and CNY from integers.
import { formatCny, formatKwh, parseKwh, parseWhole } from '../../web/src/shared/format.ts';
import { en } from '../../web/src/shared/i18n/en.ts';
import {
  getLocale,
  preferredLocale,
  resetLocale,
  setLocale,
} from '../../web/src/shared/i18n/i18n.ts';
import { zh } from '../../web/src/shared/i18n/zh.ts';
import '../../web/src/app-shell.ts';
import { checkEqual } from '../shared/check.ts';
import { inShadow, mount, until } from './support/web-app.ts';

async function switchLanguages(app: HTMLElement) {
  const nav = () => inShadow(app, 'nav')?.textContent?.replace(/\s+/g, ' ').trim();
  checkEqual(nav(), '住户 电网运营', 'Chinese navigation');
  // No node serves this test page: the configuration fails, with its code, in Chinese.
  const alert = await until('the configuration error', () => inShadow(app, '[role=alert]'));
  checkEqual(
    alert.textContent?.includes('无法加载链配置（HTTP_404）'),
    true,
    alert.textContent ?? '',
  );

  const select = inShadow<HTMLSelectElement>(app, 'pv-language-switch', 'select');
  if (!select) throw new Error('no language switch');
  select.value = 'en';
  select.dispatchEvent(new Event('change'));
  await until('English navigation', () => nav() === 'Household Grid operator');
  checkEqual(document.documentElement.lang, 'en', 'html lang');
  checkEqual(document.title, 'pvchain: Rooftop solar, traded between neighbours', 'title');
  checkEqual(localStorage.getItem('pvchain.locale'), 'en', 'the choice is kept');
  await until('the error in English', () =>
    inShadow(app, '[role=alert]')?.textContent?.includes('Could not load the chain configuration'),
  );
  setLocale('zh');
  await until('Chinese again', () => nav() === '住户 电网运营');
  checkEqual(document.documentElement.lang, 'zh-CN', 'html lang');
  checkEqual(document.title, 'pvchain 光伏链: 屋顶光伏，邻里交易', 'title');
}

describe('web app: languages', () => {
  it('prefers Chinese when the browser asks for it first', () => {
    checkEqual(preferredLocale(['zh-CN', 'en-US']), 'zh', 'zh-CN first');
    checkEqual(preferredLocale(['zh-Hant-TW']), 'zh', 'zh-Hant');
    checkEqual(preferredLocale(['en-GB', 'zh-CN']), 'en', 'English first');
    checkEqual(preferredLocale(['fr-FR']), 'en', 'neither: English');
    resetLocale(['zh-CN', 'en']);
    checkEqual(getLocale(), 'zh', 'the page follows navigator.languages');
  });

  it('has every message in both tables', () => {
    const keys = (table: object) => Object.keys(table).sort().join('\n');
    checkEqual(keys(zh), keys(en), 'same keys');
    for (const [key, text] of Object.entries(zh)) checkEqual(text.length > 0, true, `zh ${key}`);
  });

  it('starts the shell in Chinese and switches it to English and back', async () => {
    resetLocale(['zh-CN']);
    const app = await mount(document.createElement('pv-app'));
    try {
      await switchLanguages(app);
    } finally {
      app.remove();
      resetLocale(['en-US']);
    }
  });

  it('formats Wh as kWh and fen as CNY without floats', () => {
    checkEqual(formatKwh(1_234_567n, 'en'), '1,234.567 kWh', 'kWh');
    checkEqual(formatKwh(0n, 'zh'), '0.000 kWh', 'zero');
    checkEqual(formatCny(12_345n, 'en'), '¥123.45', 'CNY');
    checkEqual(formatCny(5n, 'zh'), '¥0.05', 'fen');
    checkEqual(formatKwh(10_000_000_000_000n, 'en'), '10,000,000,000.000 kWh', 'large');
    checkEqual(parseKwh('12.5'), 12_500n, '12.5 kWh');
    checkEqual(parseKwh('0,001'), 1n, 'a comma');
    checkEqual(parseKwh('0'), null, 'zero refused');
    checkEqual(parseKwh('-1'), null, 'negative refused');
    checkEqual(parseKwh('1.2345'), null, 'below 1 Wh refused');
    checkEqual(parseWhole('45'), 45n, 'a price');
  });
});
