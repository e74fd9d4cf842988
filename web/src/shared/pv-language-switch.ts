// <pv-language-switch>: 中文 / English, a labelled select that switches every view at once.
import { css, html, LitElement } from 'lit';
import { getLocale, type Locale, LocaleController, setLocale, t } from './i18n/i18n.ts';
import { baseStyles } from './styles.ts';

export class PvLanguageSwitch extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: inline-block;
        color: inherit;
      }
    `,
  ];

  constructor() {
    super();
    new LocaleController(this);
  }

  override render() {
    const locale = getLocale();
    return html`<label for="lang" style="display:inline;margin-right:0.4rem">${t('lang.label')}</label>
      <select id="lang" @change=${(e: Event) => setLocale((e.target as HTMLSelectElement).value as Locale)}>
        <option value="zh" lang="zh-CN" ?selected=${locale === 'zh'}>${t('lang.zh')}</option>
        <option value="en" lang="en" ?selected=${locale === 'en'}>${t('lang.en')}</option>
      </select>`;
  }
}

if (!customElements.get('pv-language-switch'))
  customElements.define('pv-language-switch', PvLanguageSwitch);
