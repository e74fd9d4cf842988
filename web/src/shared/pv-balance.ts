// <pv-balance>: a household's balance in kWh and CNY as its own browser verified it (the light
// client: headers from the trust root, then the account's Merkle proof), "verified by your
// browser at block N"; when verification fails, a warning that cannot be missed, with the code.
// Fires `pv-verified` (detail: the VerifiedAccount) after each verification.
import { html, LitElement, nothing } from 'lit';
import type { VerifiedAccount } from '../../../light-client/client/types.ts';
import type { AppConfig } from './config.ts';
import { formatCny, formatKwh } from './format.ts';
import { getLocale, LocaleController, t } from './i18n/i18n.ts';
import { errorCode, verifiedAccount } from './light-client.ts';
import { BALANCE_SHOWN } from './marks.ts';
import { balanceStyles } from './pv-balance-styles.ts';
import { baseStyles } from './styles.ts';

export type BalanceState =
  | { kind: 'idle' }
  | { kind: 'verifying' }
  | { kind: 'verified'; account: VerifiedAccount }
  | { kind: 'failed'; code: string; message: string };

/** The sum of the balances of asset `code`, whatever grid issued it. */
export function balanceOf(account: VerifiedAccount, code: string): bigint {
  let total = 0n;
  for (const [key, amount] of account.balances) if (key.endsWith(`/${code}`)) total += amount;
  return total;
}

export class PvBalance extends LitElement {
  static override properties = {
    config: { attribute: false },
    address: {},
    refreshMs: { type: Number, attribute: 'refresh-ms' },
    state: { state: true },
  };
  static override styles = [baseStyles, balanceStyles];

  declare config: AppConfig | null;
  declare address: string;
  declare state: BalanceState;
  /** Verifies again this often while shown (the chain moves on; 0: never). */
  declare refreshMs: number;
  #run = 0;
  #inFlight = 0;
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor() {
    super();
    new LocaleController(this);
    this.config = null;
    this.address = '';
    this.state = { kind: 'idle' };
    this.refreshMs = 5000;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.refreshMs > 0)
      this.#timer = setInterval(() => {
        if (this.#inFlight === 0 && this.state.kind !== 'failed') void this.verify();
      }, this.refreshMs);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  override updated(changed: Map<string, unknown>): void {
    if ((changed.has('config') || changed.has('address')) && this.config && this.address)
      void this.verify();
    // The page's first verified balance on screen, for bench/web (time from the page's opening).
    if (this.state.kind === 'verified' && performance.getEntriesByName(BALANCE_SHOWN).length === 0)
      performance.mark(BALANCE_SHOWN);
  }

  /** Verifies the balance again (after a trade); resolves with the new state. */
  async verify(): Promise<BalanceState> {
    const config = this.config;
    if (!config || !this.address) return this.state;
    const run = ++this.#run;
    if (this.state.kind !== 'verified') this.state = { kind: 'verifying' };
    let next: BalanceState;
    this.#inFlight++;
    try {
      const account = await verifiedAccount(config, this.address);
      next = { kind: 'verified', account };
    } catch (error) {
      next = { kind: 'failed', code: errorCode(error), message: (error as Error).message };
    } finally {
      this.#inFlight--;
    }
    if (run !== this.#run) return this.state;
    this.state = next;
    if (next.kind === 'verified')
      this.dispatchEvent(
        new CustomEvent('pv-verified', { detail: next.account, bubbles: true, composed: true }),
      );
    return next;
  }

  override render() {
    const s = this.state;
    return html`<section aria-labelledby="balance-heading" aria-busy=${s.kind === 'verifying'}>
      <h2 id="balance-heading">${t('balance.heading')}</h2>
      ${s.kind === 'failed' ? this.#failed(s.code) : nothing}
      ${s.kind === 'verified' ? this.#verified(s.account) : nothing}
      ${
        s.kind === 'verifying' || s.kind === 'idle'
          ? html`<p class="muted" role="status">${t('balance.verifying')}</p>`
          : nothing
      }
    </section>`;
  }

  #verified(account: VerifiedAccount) {
    const locale = getLocale();
    if (!account.exists)
      return html`<p role="status" data-state="absent">${t('balance.noAccount')}</p>`;
    return html`<dl class="figures" data-state="verified">
        <div><dt>${t('balance.energy')}</dt><dd data-figure="energy">${formatKwh(balanceOf(account, 'kWh'), locale)}</dd></div>
        <div><dt>${t('balance.money')}</dt><dd data-figure="money">${formatCny(balanceOf(account, 'CNY'), locale)}</dd></div>
      </dl>
      <p class="verified" role="status" data-height=${String(account.height)}>
        <span aria-hidden="true">✔</span> ${t('balance.verified', { height: account.height })}
      </p>`;
  }

  #failed(code: string) {
    return html`<div class="warning" role="alert" data-state="failed" data-code=${code}>
      <p><span aria-hidden="true">⚠</span> ${t('balance.failed', { code })}</p>
      <button type="button" data-action="retry" @click=${() => this.verify()}>${t('balance.retry')}</button>
    </div>`;
  }
}

if (!customElements.get('pv-balance')) customElements.define('pv-balance', PvBalance);
