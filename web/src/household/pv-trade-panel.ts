// <pv-trade-panel>: buy energy from the grid, post and cancel sell offers, buy neighbours' offers
// (open offers from the energy contract's recent events in the API, chain-data.ts). Each action
// is an energy contract call signed in the browser; the status line says the block or the code.
import { html, LitElement, nothing } from 'lit';
import type { VerifiedAccount } from '../../../light-client/client/types.ts';
import type { EnergyCall } from '../../../light-client/contracts/energy/energy-calls.ts';
import type { AppConfig } from '../shared/config.ts';
import { formatKwh, parseKwh, parseWhole, shortAddress } from '../shared/format.ts';
import { getLocale, LocaleController, type MessageKey, t } from '../shared/i18n/i18n.ts';
import { errorCode } from '../shared/light-client.ts';
import { balanceOf } from '../shared/pv-balance.ts';
import { baseStyles } from '../shared/styles.ts';
import { type Offer, recentOffers } from './chain-data.ts';
import type { Submit } from './household-view.ts';
import { type Allowances, energyOperation } from './transactions.ts';

type Status = { ok: boolean; key: MessageKey; params?: Record<string, string> } | null;

export class PvTradePanel extends LitElement {
  static override properties = {
    config: { attribute: false },
    address: {},
    grid: {},
    verified: { attribute: false },
    submit: { attribute: false },
    offers: { state: true },
    status: { state: true },
    busy: { state: true },
  };
  static override styles = baseStyles;

  declare config: AppConfig | null;
  declare address: string;
  declare grid: string;
  declare verified: VerifiedAccount | null;
  declare submit: Submit | null;
  declare offers: Offer[];
  declare status: Status;
  declare busy: boolean;
  #offersLoad = 0;

  constructor() {
    super();
    new LocaleController(this);
    this.config = null;
    this.address = '';
    this.grid = '';
    this.verified = null;
    this.submit = null;
    this.offers = [];
    this.status = null;
    this.busy = false;
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('config') && this.config) void this.loadOffers();
  }

  /** Reads the open offers again; only the newest call's answer is shown. */
  async loadOffers(): Promise<void> {
    if (!this.config) return;
    const load = ++this.#offersLoad;
    const offers = await recentOffers(this.config.api, this.config.energyContract).catch(
      () => null,
    );
    if (offers && load === this.#offersLoad) this.offers = offers;
  }

  #value(id: string): string {
    return (this.renderRoot.querySelector(`#${id}`) as HTMLInputElement | null)?.value ?? '';
  }

  /** The whole verified CNY balance: the contract takes only the price (an upper bound). */
  #cny(): bigint {
    return this.verified ? balanceOf(this.verified, 'CNY') : 0n;
  }

  async #call(call: EnergyCall, allowances: Allowances) {
    if (!this.config || !this.submit || !this.grid) return;
    this.busy = true;
    this.status = { ok: true, key: 'trade.pending' };
    try {
      const height = await this.submit([energyOperation(this.config, this.grid, call, allowances)]);
      this.status = { ok: true, key: 'trade.committed', params: { height } };
      void this.loadOffers();
    } catch (error) {
      const params = { code: errorCode(error), message: (error as Error).message };
      this.status = { ok: false, key: 'trade.failed', params };
    } finally {
      this.busy = false;
    }
  }

  #buyFromGrid(event: SubmitEvent) {
    event.preventDefault();
    const amountWh = parseKwh(this.#value('buy-kwh'));
    if (!amountWh) {
      this.status = { ok: false, key: 'trade.invalidAmount' };
      return;
    }
    void this.#call({ method: 'buy_from_grid', amountWh }, { CNY: this.#cny() });
  }

  #postOffer(event: SubmitEvent) {
    event.preventDefault();
    const amountWh = parseKwh(this.#value('offer-kwh'));
    const priceFenPerKwh = parseWhole(this.#value('offer-price'));
    if (!amountWh || priceFenPerKwh === null) {
      this.status = { ok: false, key: 'trade.invalidAmount' };
      return;
    }
    void this.#call({ method: 'post_offer', amountWh, priceFenPerKwh }, { kWh: amountWh });
  }

  override render() {
    const mine = this.offers.filter((o) => o.seller === this.address);
    const theirs = this.offers.filter((o) => o.seller !== this.address);
    return html`<section aria-labelledby="trade-heading">
      <h2 id="trade-heading">${t('trade.heading')}</h2>
      <form class="row" aria-label=${t('trade.buyGrid')} @submit=${(e: SubmitEvent) => this.#buyFromGrid(e)}>
        <div>
          <label for="buy-kwh">${t('trade.buyGrid')} — ${t('trade.amountKwh')}</label>
          <input id="buy-kwh" inputmode="decimal" required />
        </div>
        <button type="submit" data-action="buy-grid" ?disabled=${this.busy || !this.grid}>${t('trade.buy')}</button>
      </form>
      <form class="row" aria-label=${t('trade.postOffer')} @submit=${(e: SubmitEvent) => this.#postOffer(e)}>
        <div>
          <label for="offer-kwh">${t('trade.postOffer')} — ${t('trade.amountKwh')}</label>
          <input id="offer-kwh" inputmode="decimal" required />
        </div>
        <div>
          <label for="offer-price">${t('trade.priceFen')}</label>
          <input id="offer-price" inputmode="numeric" required />
        </div>
        <button type="submit" data-action="post-offer" ?disabled=${this.busy || !this.grid}>${t('trade.sell')}</button>
      </form>
      ${
        this.status
          ? html`<p role="status" data-trade-status class=${this.status.ok ? 'ok' : 'error'}>${t(this.status.key, this.status.params)}</p>`
          : nothing
      }
      <h3>${t('trade.myOffers')}</h3>
      ${this.#list(
        mine,
        (o) => html`<button
            data-cancel-offer type="button" class="secondary" ?disabled=${this.busy || !this.grid}
          @click=${() => this.#call({ method: 'cancel_offer', offerId: o.id }, {})}>
          ${t('trade.cancelOffer', { id: o.id })}</button>`,
      )}
      <h3>${t('trade.offers')}</h3>
      ${this.#list(
        theirs,
        (o) => html`<button
            data-buy-offer type="button" ?disabled=${this.busy || !this.grid}
          @click=${() => this.#call({ method: 'buy_offer', offerId: o.id, amountWh: o.amountWh }, { CNY: this.#cny() })}>
          ${t('trade.buyOffer', { id: o.id })}</button>`,
      )}
      <p class="muted">${t('trade.offersSource')}</p>
    </section>`;
  }

  #list(offers: Offer[], action: (o: Offer) => unknown) {
    if (offers.length === 0) return html`<p class="muted">${t('trade.noOffers')}</p>`;
    const locale = getLocale();
    return html`<ul>
      ${offers.map(
        (o) => html`<li
          class="row"
          data-offer=${String(o.id)}
          data-seller=${o.seller}
        >
        <span>#${o.id} ${shortAddress(o.seller)}:
          ${t('trade.offerRow', { amount: formatKwh(o.amountWh, locale), price: o.priceFenPerKwh })}</span>
        ${action(o)}
      </li>`,
      )}
    </ul>`;
  }
}

if (!customElements.get('pv-trade-panel')) customElements.define('pv-trade-panel', PvTradePanel);
