// <pv-household-view>: the household's page. Its key (IndexedDB), its balance verified by the
// light client, supply status, real name, trading, the meter over the day and the history. After
// every committed transaction the balance is verified again.
import { html, LitElement, nothing } from 'lit';
import type { VerifiedAccount } from '../../../light-client/client/types.ts';
import type { ApiAccount, ApiTransaction } from '../shared/api-client.ts';
import type { AppConfig } from '../shared/config.ts';
import { LocaleController, t } from '../shared/i18n/i18n.ts';
import { errorCode } from '../shared/light-client.ts';
import type { PvBalance } from '../shared/pv-balance.ts';
import '../shared/pv-balance.ts';
import { baseStyles } from '../shared/styles.ts';
import { householdActivity } from './chain-data.ts';
import { createKeyStore, type HouseholdKey, type KeyStore } from './key-store.ts';
import './pv-history.ts';
import './pv-key-panel.ts';
import './pv-meter-chart.ts';
import './pv-real-name.ts';
import './pv-trade-panel.ts';
import type { pvchain } from '../../../proto/index.ts';
import { submitCommitted } from './transactions.ts';

export type Submit = (operations: pvchain.v1.Operation.$Properties[]) => Promise<string>;

export class PvHouseholdView extends LitElement {
  static override properties = {
    config: { attribute: false },
    keyDb: { attribute: 'key-db' },
    key: { state: true },
    verified: { state: true },
    apiAccount: { state: true },
    transactions: { state: true },
    loadError: { state: true },
  };
  static override styles = baseStyles;

  declare config: AppConfig | null;
  declare keyDb: string | undefined;
  declare key: HouseholdKey | null;
  declare verified: VerifiedAccount | null;
  declare apiAccount: ApiAccount | null;
  declare transactions: ApiTransaction[];
  declare loadError: { code: string; message: string } | null;
  #store: KeyStore | null = null;
  /** The nonce of this page's last committed transaction of the key. */
  #lastNonce = 0n;

  constructor() {
    super();
    new LocaleController(this);
    this.config = null;
    this.key = null;
    this.verified = null;
    this.apiAccount = null;
    this.transactions = [];
    this.loadError = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#store = createKeyStore(this.keyDb);
    void this.#store.load().then((key) => {
      if (key) this.key = key;
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#store?.close();
    this.#store = null;
  }

  get keyStore(): KeyStore | null {
    return this.#store;
  }

  override updated(changed: Map<string, unknown>): void {
    if ((changed.has('key') || changed.has('config')) && this.key && this.config)
      void this.refreshFromApi();
  }

  /** The account and its history from the API (display only; the balance is verified). */
  async refreshFromApi(): Promise<void> {
    const { config, key } = this;
    if (!config || !key) return;
    try {
      const { account } = await config.api.account(key.address);
      this.apiAccount = account;
      const meters = new Set(account.meters.map((m) => m.meterId));
      this.transactions = await householdActivity(config.api, key.address, account.creator, meters);
      this.loadError = null;
    } catch (error) {
      if (errorCode(error) === 'API_ACCOUNT_NOT_FOUND') this.apiAccount = null;
      else this.loadError = { code: errorCode(error), message: (error as Error).message };
    }
  }

  /** Signs and submits `operations`; resolves with the block height once committed and verified. */
  readonly submit: Submit = async (operations) => {
    const { config, key } = this;
    if (!config || !key) throw new Error('no key');
    const balance = this.renderRoot.querySelector<PvBalance>('pv-balance');
    const state = await balance?.verify();
    const verifiedNonce =
      state?.kind === 'verified' ? state.account.nonce : (this.verified?.nonce ?? 0n);
    // The verified head may be a block behind the last commit: never reuse a nonce.
    const nonce = (verifiedNonce > this.#lastNonce ? verifiedNonce : this.#lastNonce) + 1n;
    const result = await submitCommitted(config, key, nonce, operations);
    this.#lastNonce = nonce;
    await Promise.all([balance?.verify(), this.refreshFromApi()]);
    return result.height;
  };

  #keyChanged(key: HouseholdKey | null) {
    this.key = key;
    this.#lastNonce = 0n;
    this.verified = null;
    this.apiAccount = null;
    this.transactions = [];
  }

  override render() {
    const { config, key } = this;
    return html`
      <pv-key-panel
        .store=${this.#store}
        .key=${key}
        @pv-key-changed=${(e: CustomEvent<HouseholdKey | null>) => this.#keyChanged(e.detail)}
      ></pv-key-panel>
      ${
        config && key
          ? html`<pv-balance
              .config=${config}
              address=${key.address}
              @pv-verified=${(e: CustomEvent<VerifiedAccount>) => {
                this.verified = e.detail;
              }}
            ></pv-balance>
            ${this.#supply()}
            ${this.loadError ? html`<p class="error" role="alert">${t('error.generic', this.loadError)}</p>` : nothing}
            ${this.verified?.exists ? this.#accountParts(config) : nothing}`
          : nothing
      }
    `;
  }

  #supply() {
    const status = this.verified?.exists ? this.verified.supplyStatus : null;
    if (status === null) return nothing;
    const text =
      status === 1
        ? t('supply.active')
        : status === 2
          ? t('supply.suspended')
          : t('supply.unknown');
    return html`<section aria-label=${t('supply.label')}>
      <p data-supply=${status} class=${status === 2 ? 'error' : 'ok'}>
        <strong>${t('supply.label')}:</strong> ${text}
      </p>
    </section>`;
  }

  #accountParts(config: AppConfig) {
    return html`
      <pv-real-name .name=${this.verified?.realName ?? ''} .submit=${this.submit}></pv-real-name>
      <pv-trade-panel
        .config=${config}
        .address=${this.key?.address ?? ''}
        .grid=${this.apiAccount?.creator ?? ''}
        .verified=${this.verified}
        .submit=${this.submit}
      ></pv-trade-panel>
      <pv-meter-chart
        .transactions=${this.transactions}
        .meterIds=${new Set(this.apiAccount?.meters.map((m) => m.meterId) ?? [])}
      ></pv-meter-chart>
      <pv-history .transactions=${this.transactions} .address=${this.key?.address ?? ''}></pv-history>
    `;
  }
}

if (!customElements.get('pv-household-view'))
  customElements.define('pv-household-view', PvHouseholdView);
