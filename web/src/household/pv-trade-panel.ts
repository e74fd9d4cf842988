// <pv-trade-panel>: buy energy from the grid, post and cancel sell offers, buy all or part of a
// neighbour's offer. The offers listed are verified by this browser (verified-offers.ts: each
// proved from the energy contract's storage, "verified at block N"). Each action is an energy
// contract call signed in the browser; the status line says the block or the code.
import { html, LitElement, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { VerifiedAccount } from '../../../light-client/client/types.ts';
import type { EnergyCall } from '../../../light-client/contracts/energy/energy-calls.ts';
import type { AppConfig } from '../shared/config.ts';
import { formatKwh, kwhText, parseKwh, parseWhole, shortAddress } from '../shared/format.ts';
import { getLocale, LocaleController, type MessageKey, t } from '../shared/i18n/i18n.ts';
import { hasFocusIn, refocusIfLost } from '../shared/keep-focus.ts';
import { errorCode } from '../shared/light-client.ts';
import { balanceOf } from '../shared/pv-balance.ts';
import { baseStyles } from '../shared/styles.ts';
import type { Submit } from './household-view.ts';
import { type Allowances, energyOperation } from './transactions.ts';
import { type VerifiedOffer, verifiedOffers } from './verified-offers.ts';

type Status = { ok: boolean; key: MessageKey; params?: Record<string, string> } | null;
type Failure = { code: string; message: string };

const failureOf = (error: unknown): Failure => ({
  code: errorCode(error),
  message: (error as Error).message,
});

export class PvTradePanel extends LitElement {
  static override properties = {
    config: { attribute: false },
    address: {},
    grid: {},
    verified: { attribute: false },
    submit: { attribute: false },
    offers: { state: true },
    offersError: { state: true },
    status: { state: true },
    busy: { state: true },
  };
  static override styles = baseStyles;

  declare config: AppConfig | null;
  declare address: string;
  declare grid: string;
  declare verified: VerifiedAccount | null;
  declare submit: Submit | null;
  declare offers: VerifiedOffer[];
  /** Why the last reading of the offers failed (the offers shown stay those verified before). */
  declare offersError: Failure | null;
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
    this.offersError = null;
    this.status = null;
    this.busy = false;
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('config') && this.config) void this.loadOffers();
  }

  /** Reads and verifies the open offers again; only the newest call's answer is shown. */
  async loadOffers(): Promise<void> {
    if (!this.config) return;
    const load = ++this.#offersLoad;
    try {
      const offers = await verifiedOffers(this.config);
      if (load !== this.#offersLoad) return;
      this.offers = offers;
      this.offersError = null;
    } catch (error) {
      if (load === this.#offersLoad) this.offersError = failureOf(error);
    }
  }

  #value(id: string): string {
    return (this.renderRoot.querySelector(`#${id}`) as HTMLInputElement | null)?.value ?? '';
  }

  /** The whole verified CNY balance: the contract takes only the price (an upper bound). */
  #cny(): bigint {
    return this.verified ? balanceOf(this.verified, 'CNY') : 0n;
  }

  async #call(call: EnergyCall, allowances: Allowances) {
    if (this.busy || !this.config || !this.submit || !this.grid) return;
    this.busy = true;
    this.status = { ok: true, key: 'trade.pending' };
    const hadFocus = hasFocusIn(this);
    try {
      const height = await this.submit([energyOperation(this.config, this.grid, call, allowances)]);
      this.status = { ok: true, key: 'trade.committed', params: { height } };
      // An offer cancelled or bought out takes its button away: the focus goes to the status.
      void this.loadOffers()
        .then(() => this.updateComplete)
        .then(() => {
          if (hadFocus)
            refocusIfLost(this, this.renderRoot.querySelector<HTMLElement>('[data-trade-status]'));
        });
    } catch (error) {
      this.status = { ok: false, key: 'trade.failed', params: failureOf(error) };
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

  /** Buys the amount typed for offer `o`: more than 0, at most what is left. */
  #buyOffer(event: SubmitEvent, o: VerifiedOffer) {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).querySelector('input');
    const amountWh = parseKwh(input?.value ?? '');
    if (!amountWh) {
      this.status = { ok: false, key: 'trade.invalidAmount' };
      return;
    }
    if (amountWh > o.amountWh) {
      const amount = formatKwh(o.amountWh, getLocale());
      this.status = { ok: false, key: 'trade.amountOverOffer', params: { amount, id: `${o.id}` } };
      return;
    }
    void this.#call({ method: 'buy_offer', offerId: o.id, amountWh }, { CNY: this.#cny() });
  }

  override render() {
    // Busy buttons are aria-disabled, not disabled: the one just pressed keeps the focus.
    const busy = this.busy ? 'true' : nothing;
    const noGrid = !this.grid;
    const mine = this.offers.filter((o) => o.seller === this.address);
    const theirs = this.offers.filter((o) => o.seller !== this.address);
    return html`<section aria-labelledby="trade-heading">
      <h2 id="trade-heading">${t('trade.heading')}</h2>
      <form class="row" aria-label=${t('trade.buyGrid')} @submit=${(e: SubmitEvent) => this.#buyFromGrid(e)}>
        <div>
          <label for="buy-kwh">${t('trade.buyGrid')} — ${t('trade.amountKwh')}</label>
          <input id="buy-kwh" inputmode="decimal" required />
        </div>
        <button type="submit" data-action="buy-grid" ?disabled=${noGrid} aria-disabled=${busy}>${t('trade.buy')}</button>
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
        <button type="submit" data-action="post-offer" ?disabled=${noGrid} aria-disabled=${busy}>${t('trade.sell')}</button>
      </form>
      ${
        this.status
          ? html`<p role="status" data-trade-status tabindex="-1" class=${this.status.ok ? 'ok' : 'error'}>${t(this.status.key, this.status.params)}</p>`
          : nothing
      }
      <h3>${t('trade.myOffers')}</h3>
      ${this.#list(
        mine,
        (o) => html`<button
            data-cancel-offer type="button" class="secondary" ?disabled=${noGrid} aria-disabled=${busy}
          @click=${() => this.#call({ method: 'cancel_offer', offerId: o.id }, {})}>
          ${t('trade.cancelOffer', { id: o.id })}</button>`,
      )}
      <h3>${t('trade.offers')}</h3>
      ${this.#list(
        theirs,
        (o) => html`<form class="row" aria-label=${t('trade.buyOffer', { id: o.id })}
          @submit=${(e: SubmitEvent) => this.#buyOffer(e, o)}>
          <div>
            <label for="buy-offer-${o.id}">${t('trade.buyAmountKwh')}</label>
            <input id="buy-offer-${o.id}" data-buy-kwh inputmode="decimal" required
              .value=${kwhText(o.amountWh)} />
          </div>
          <button data-buy-offer type="submit" ?disabled=${noGrid} aria-disabled=${busy}>
            ${t('trade.buyOffer', { id: o.id })}</button>
        </form>`,
      )}
      ${
        this.offersError
          ? html`<p role="alert" data-offers-error class="error">${t('trade.offersFailed', { ...this.offersError })}</p>`
          : nothing
      }
      <p class="muted">${t('trade.offersVerifiedSource')}</p>
    </section>`;
  }

  #list(offers: VerifiedOffer[], action: (o: VerifiedOffer) => unknown) {
    if (offers.length === 0) return html`<p class="muted">${t('trade.noOffers')}</p>`;
    const locale = getLocale();
    return html`<ul>
      ${repeat(
        offers,
        (o) => o.id,
        (o) => html`<li
          class="row"
          data-offer=${String(o.id)}
          data-seller=${o.seller}
          data-verified-height=${String(o.height)}
        >
        <span>#${o.id} ${shortAddress(o.seller)}:
          ${t('trade.offerRow', { amount: formatKwh(o.amountWh, locale), price: o.priceFenPerKwh })}
          <small class="muted" data-verified>${t('trade.offerVerified', { height: String(o.height) })}</small></span>
        ${action(o)}
      </li>`,
      )}
    </ul>`;
  }
}

if (!customElements.get('pv-trade-panel')) customElements.define('pv-trade-panel', PvTradePanel);
