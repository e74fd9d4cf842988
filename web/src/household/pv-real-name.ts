// <pv-real-name>: the head of household's real name (as verified), editable (SET_REAL_NAME).
import { html, LitElement, nothing } from 'lit';
import { LocaleController, type MessageKey, t } from '../shared/i18n/i18n.ts';
import { errorCode } from '../shared/light-client.ts';
import { baseStyles } from '../shared/styles.ts';
import type { Submit } from './household-view.ts';
import { realNameOperation } from './transactions.ts';

export class PvRealName extends LitElement {
  static override properties = {
    name: {},
    submit: { attribute: false },
    status: { state: true },
    busy: { state: true },
  };
  static override styles = baseStyles;

  declare name: string;
  declare submit: Submit | null;
  declare status: { ok: boolean; key: MessageKey; params: Record<string, string> } | null;
  declare busy: boolean;

  constructor() {
    super();
    new LocaleController(this);
    this.name = '';
    this.submit = null;
    this.status = null;
    this.busy = false;
  }

  async #save(event: SubmitEvent) {
    event.preventDefault();
    const input = this.renderRoot.querySelector('#real-name') as HTMLInputElement;
    const name = input.value.trim();
    if (!name || !this.submit || this.busy) return;
    this.busy = true;
    try {
      const height = await this.submit([realNameOperation(name)]);
      this.status = { ok: true, key: 'name.saved', params: { height } };
    } catch (error) {
      const params = { code: errorCode(error), message: (error as Error).message };
      this.status = { ok: false, key: 'trade.failed', params };
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`<section aria-labelledby="name-heading">
      <h2 id="name-heading">${t('name.heading')}</h2>
      <form class="row" @submit=${(e: SubmitEvent) => this.#save(e)}>
        <div>
          <label for="real-name">${t('name.label')}</label>
          <input id="real-name" .value=${this.name} maxlength="64" autocomplete="name" required />
        </div>
        <button type="submit" aria-disabled=${this.busy ? 'true' : nothing}>${t('name.save')}</button>
      </form>
      ${
        this.status
          ? html`<p role="status" class=${this.status.ok ? 'ok' : 'error'}>${t(this.status.key, this.status.params)}</p>`
          : nothing
      }
    </section>`;
  }
}

if (!customElements.get('pv-real-name')) customElements.define('pv-real-name', PvRealName);
