// <pv-grid-key>: whose grid the view shows. The grid's secret key, imported once and kept in this
// browser's IndexedDB, signs what the operator does; without it a grid can be watched read-only
// by its address. Fires `grid-key` (detail: the secret key's hex) and `grid-watch` (an address).
import { html, LitElement, nothing } from 'lit';
import { LocaleController, t } from '../shared/i18n/i18n.ts';
import { baseStyles } from '../shared/styles.ts';
import { operatorStyles } from './operator-styles.ts';

export class PvGridKey extends LitElement {
  static override properties = {
    address: { attribute: false },
    name: { attribute: false },
    signing: { attribute: false },
    error: { attribute: false },
  };
  static override styles = [baseStyles, operatorStyles];

  declare address: string;
  declare name: string;
  declare signing: boolean;
  declare error: string;

  constructor() {
    super();
    new LocaleController(this);
    this.address = '';
    this.name = '';
    this.signing = false;
    this.error = '';
  }

  #fire(type: string, detail: string): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  #submit(event: Event, type: string, field: string): void {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem(field) as HTMLInputElement;
    this.#fire(type, input.value.trim());
    input.value = '';
  }

  override render() {
    if (this.address)
      return html`<h2>${t('op.key.heading')}</h2>
        <p data-grid=${this.address}>${t(this.signing ? 'op.key.holding' : 'op.key.watching', {
          name: this.name || '—',
          address: this.address,
        })}</p>
        <button class="secondary" type="button" @click=${() => this.#fire('grid-forget', '')}>${t('op.key.forget')}</button>`;
    return html`<h2>${t('op.key.heading')}</h2>
      <p>${t('op.key.none')}</p>
      <form class="row" @submit=${(e: Event) => this.#submit(e, 'grid-key', 'secret')}>
        <div><label for="secret">${t('op.key.importLabel')}</label>
          <input id="secret" name="secret" type="password" class="mono" size="40" autocomplete="off" required /></div>
        <button type="submit">${t('op.key.import')}</button>
      </form>
      <form class="row" @submit=${(e: Event) => this.#submit(e, 'grid-watch', 'watch')}>
        <div><label for="watch">${t('op.key.watchLabel')}</label>
          <input id="watch" name="watch" class="mono" size="40" autocomplete="off" required /></div>
        <button class="secondary" type="submit">${t('op.key.watch')}</button>
      </form>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}`;
  }
}

if (!customElements.get('pv-grid-key')) customElements.define('pv-grid-key', PvGridKey);
