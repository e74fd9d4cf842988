// <pv-key-panel>: the household's key. Make one, show its public key (what the operator enrols
// the household with) and address, show or download its backup, import a backup (or the secret
// key an operator made at enrolment), forget it. Fires `pv-key-changed`.
import { html, LitElement, nothing } from 'lit';
import { toHex } from '../shared/hex.ts';
import { LocaleController, t } from '../shared/i18n/i18n.ts';
import { hasFocusIn, refocusIfLost } from '../shared/keep-focus.ts';
import { baseStyles } from '../shared/styles.ts';
import {
  backupText,
  generateKey,
  type HouseholdKey,
  type KeyStore,
  parseBackup,
} from './key-store.ts';

export class PvKeyPanel extends LitElement {
  static override properties = {
    store: { attribute: false },
    key: { attribute: false },
    backup: { state: true },
    importError: { state: true },
    copied: { state: true },
  };
  static override styles = baseStyles;

  declare store: KeyStore | null;
  declare key: HouseholdKey | null;
  declare backup: string;
  declare importError: boolean;
  declare copied: boolean;
  /** The focus was in the panel when the key changed: keep it there (#keepFocus). */
  #refocus = false;

  constructor() {
    super();
    new LocaleController(this);
    this.store = null;
    this.key = null;
    this.backup = '';
    this.importError = false;
    this.copied = false;
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('key') && this.#refocus) this.#keepFocus();
  }

  /**
   * A control that went away with the key's change (Make a new key, Forget, the import form
   * closing) hands the focus to the import's summary, so a keyboard user stays in the panel.
   */
  #keepFocus(): void {
    this.#refocus = false;
    refocusIfLost(this, this.renderRoot.querySelector('summary'));
  }

  async #use(key: HouseholdKey | null) {
    this.#refocus = hasFocusIn(this);
    if (key) await this.store?.save(key);
    else await this.store?.remove();
    this.backup = '';
    this.copied = false;
    this.dispatchEvent(
      new CustomEvent('pv-key-changed', { detail: key, bubbles: true, composed: true }),
    );
  }

  async #import(text: string) {
    const key = parseBackup(text);
    this.importError = !key;
    if (!key) return;
    const details = this.renderRoot.querySelector('details');
    if (details) details.open = false;
    await this.#use(key);
  }

  #download() {
    if (!this.key) return;
    const url = URL.createObjectURL(new Blob([backupText(this.key)], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `pvchain-key-${this.key.address.slice(0, 12)}.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }

  async #copy(text: string) {
    try {
      await navigator.clipboard.writeText(text);
      this.copied = true;
    } catch {
      // No clipboard (an insecure page, a denied permission): the key stays on screen to copy.
      this.copied = false;
    }
  }

  override render() {
    return html`<section aria-labelledby="key-heading">
      <h2 id="key-heading">${t('key.heading')}</h2>
      ${
        this.key
          ? this.#hasKey(this.key)
          : html`<p>${t('key.none')}</p>
            <button type="button" data-action="create" @click=${() => this.#use(generateKey())}>
              ${t('key.create')}
            </button>`
      }
      ${this.#importForm()}
    </section>`;
  }

  #hasKey(key: HouseholdKey) {
    const publicKey = toHex(key.publicKey);
    return html`<p>${t('key.address')}: <code data-address>${key.address}</code></p>
      <p>${t('key.publicKey')}: <code data-public-key>${publicKey}</code>
        <button type="button" class="secondary" data-action="copy-public-key" @click=${() => this.#copy(publicKey)}>
          ${this.copied ? t('key.copied') : t('key.copy')}
        </button>
      </p>
      <div class="row">
        <button type="button" class="secondary" data-action="export" @click=${() => {
          this.backup = backupText(key);
        }}>${t('key.export')}</button>
        <button type="button" class="secondary" @click=${() => this.#download()}>${t('key.download')}</button>
        <button type="button" class="secondary" @click=${() => this.#use(null)}>${t('key.remove')}</button>
      </div>
      ${
        this.backup
          ? html`<label for="backup">${t('key.backupLabel')}</label>
            <p class="muted" id="backup-hint">${t('key.backupHint')}</p>
            <textarea id="backup" readonly rows="3" style="width:100%" aria-describedby="backup-hint"
              .value=${this.backup}></textarea>`
          : nothing
      }`;
  }

  #importForm() {
    return html`<details>
      <summary>${t('key.import')}</summary>
      <p class="muted">${t('key.enrollHint')}</p>
      <form @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        const text = (this.renderRoot.querySelector('#import-text') as HTMLTextAreaElement).value;
        void this.#import(text);
      }}>
        <label for="import-text">${t('key.importLabel')}</label>
        <textarea id="import-text" rows="3" style="width:100%" autocomplete="off" spellcheck="false"></textarea>
        <label for="import-file">${t('key.importFile')}</label>
        <input id="import-file" type="file" accept=".json,.txt,application/json,text/plain"
          @change=${async (e: Event) => {
            const file = (e.target as HTMLInputElement).files?.[0];
            if (file) await this.#import(await file.text());
          }} />
        <p><button type="submit" data-action="import">${t('key.importButton')}</button></p>
        ${this.importError ? html`<p class="error" role="alert">${t('key.importFailed')}</p>` : nothing}
      </form>
    </details>`;
  }
}

if (!customElements.get('pv-key-panel')) customElements.define('pv-key-panel', PvKeyPanel);
