// <pv-operator-view>: the grid operator's page. Whose grid (its key in IndexedDB, or an address
// watched read-only), the network's status, the grid's totals, the live table of every household
// (loaded page by page, then kept current by the WebSocket's account messages), and the grid's
// actions: create households, register meters, set tariffs and the trigger.
import { css, html, LitElement, nothing } from 'lit';
import { createKeyStore, type HouseholdKey, type KeyStore, keyOf } from '../household/key-store.ts';
import type { AppConfig } from '../shared/config.ts';
import { fromHex } from '../shared/hex.ts';
import { LocaleController, t } from '../shared/i18n/i18n.ts';
import { baseStyles } from '../shared/styles.ts';
import {
  apiBase,
  createGridFeed,
  type GridAccount,
  type GridFeed,
  loadAccount,
  loadHouseholds,
} from './grid-feed.ts';
import { householdRow } from './grid-totals.ts';
import { createOperationRunner, type RunOperations } from './run-operations.ts';
import { TpsMeter } from './tps-meter.ts';
import './pv-create-household.ts';
import './pv-grid-key.ts';
import './pv-grid-totals.ts';
import './pv-households-table.ts';
import './pv-network-status.ts';
import './pv-register-meter.ts';
import './pv-tariffs.ts';

const KEY_DB = 'pvchain-operator';
const WATCH_ITEM = 'pvchain.operator.watch';

export class PvOperatorView extends LitElement {
  static override properties = {
    config: { attribute: false },
    key: { state: true },
    grid: { state: true },
    gridAccount: { state: true },
    contract: { state: true },
    households: { state: true },
    height: { state: true },
    live: { state: true },
    tps: { state: true },
    keyError: { state: true },
  };
  static override styles = [
    baseStyles,
    css`
      .actions { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 20rem), 1fr)); gap: 0 1rem; }
      h1 { font-size: 1.4rem; margin: 0 0 1rem; }
    `,
  ];

  declare config: AppConfig | null;
  declare key: HouseholdKey | null;
  declare grid: string;
  declare gridAccount: GridAccount | null;
  declare contract: GridAccount | null;
  declare households: Map<string, GridAccount> | null;
  declare height: bigint;
  declare live: boolean;
  declare tps: number | null;
  declare keyError: string;
  #store: KeyStore = createKeyStore(KEY_DB);
  #feed: GridFeed | null = null;
  #feedFor = '';
  #run: RunOperations | null = null;
  #tps = new TpsMeter();

  constructor() {
    super();
    new LocaleController(this);
    this.config = null;
    this.key = null;
    this.grid = '';
    this.gridAccount = null;
    this.contract = null;
    this.households = null;
    this.height = 0n;
    this.live = false;
    this.tps = null;
    this.keyError = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#store.load().then((key) => {
      if (key) this.#useKey(key);
      else this.grid = localStorage.getItem(WATCH_ITEM) ?? '';
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopFeed();
    this.#store.close();
  }

  override updated(): void {
    const wanted = this.config && this.grid ? this.grid : '';
    if (wanted !== this.#feedFor) {
      this.#stopFeed();
      if (wanted) void this.#startFeed(wanted);
    }
  }

  #useKey(key: HouseholdKey): void {
    this.key = key;
    this.grid = key.address;
    this.#run = null;
  }

  #runner(config: AppConfig, key: HouseholdKey): RunOperations {
    const run = createOperationRunner(config, key);
    return async (operations) => {
      const height = await run(operations);
      void this.#reload(); // a new household joins the table
      return height;
    };
  }

  async #importKey(secretHex: string): Promise<void> {
    this.keyError = '';
    if (!/^(0x)?[0-9a-fA-F]{64}$/.test(secretHex)) {
      this.keyError = t('op.key.invalid');
      return;
    }
    const key = keyOf(fromHex(secretHex));
    try {
      const { account } = await loadAccount(apiBase(), key.address);
      if (account.role !== 'grid') throw Object.assign(new Error(), { code: account.role });
    } catch (error) {
      this.keyError = t('op.key.notGrid', { code: (error as { code?: string }).code ?? 'ERROR' });
      return;
    }
    await this.#store.save(key);
    this.#useKey(key);
  }

  async #forget(): Promise<void> {
    await this.#store.remove();
    localStorage.removeItem(WATCH_ITEM);
    this.key = null;
    this.#run = null;
    this.grid = '';
  }

  async #startFeed(grid: string): Promise<void> {
    const config = this.config as AppConfig;
    this.#feedFor = grid;
    this.households = null;
    this.#feed = createGridFeed(apiBase(), {
      account: (account, height) => this.#onAccount(account, height),
      header: (height, transactions, timeMs) => {
        this.tps = this.#tps.add(timeMs, transactions);
        if (height > this.height) this.height = height;
      },
      connection: (open) => {
        this.live = open;
        if (open) void this.#reload();
      },
    });
    this.#feed.watch([grid, config.energyContract]);
  }

  #stopFeed(): void {
    this.#feed?.close();
    this.#feed = null;
    this.#feedFor = '';
  }

  /** Every household again (new ones are watched from now on). */
  async #reload(): Promise<void> {
    const grid = this.#feedFor;
    if (!grid) return;
    try {
      const { height, households } = await loadHouseholds(apiBase(), grid);
      if (grid !== this.#feedFor) return;
      const next = new Map(this.households ?? []);
      for (const h of households) if (!next.has(h.address)) next.set(h.address, h);
      this.households = next;
      if (height > this.height) this.height = height;
      this.#feed?.watch(households.map((h) => h.address));
    } catch (error) {
      this.keyError = t('error.generic', {
        code: (error as { code?: string }).code ?? 'ERROR',
        message: (error as Error).message,
      });
    }
  }

  #onAccount(account: GridAccount, height: bigint): void {
    if (height > this.height) this.height = height;
    if (account.address === this.grid) this.gridAccount = account;
    else if (account.address === this.config?.energyContract) this.contract = account;
    else if (this.households)
      this.households = new Map(this.households).set(account.address, account);
  }

  override render() {
    const config = this.config;
    const rows = this.households
      ? [...this.households.values()].map((h) => householdRow(h, this.grid))
      : null;
    if (this.key && config) this.#run ??= this.#runner(config, this.key);
    const run = this.key ? this.#run : null;
    return html`<h1>${t('op.heading')}</h1>
      <section>
        <pv-grid-key .address=${this.grid} .name=${this.gridAccount?.realName ?? ''}
          .signing=${this.key !== null} .error=${this.keyError}
          @grid-key=${(e: CustomEvent<string>) => this.#importKey(e.detail)}
          @grid-watch=${(e: CustomEvent<string>) => {
            localStorage.setItem(WATCH_ITEM, e.detail);
            this.grid = e.detail;
          }}
          @grid-forget=${() => this.#forget()}></pv-grid-key>
      </section>
      ${config ? html`<section><pv-network-status .base=${apiBase()} .tps=${this.tps}></pv-network-status></section>` : nothing}
      ${
        this.grid && config
          ? html`<section>
                <pv-grid-totals .grid=${this.gridAccount} .contract=${this.contract} .rows=${rows}></pv-grid-totals>
              </section>
              <section>
                <h2>${t('op.table.heading', { count: rows?.length ?? 0 })}</h2>
                <pv-households-table .rows=${rows} .height=${this.height} ?live=${this.live}></pv-households-table>
              </section>
              ${
                run
                  ? html`<div class="actions">
                      <section><pv-create-household .run=${run} .grid=${this.grid}></pv-create-household></section>
                      <section><pv-register-meter .run=${run} .households=${rows ?? []}></pv-register-meter></section>
                      <section><pv-tariffs .run=${run} .config=${config} .grid=${this.grid}></pv-tariffs></section>
                    </div>`
                  : html`<p class="muted">${t('op.needsKey')}</p>`
              }`
          : nothing
      }`;
  }
}

if (!customElements.get('pv-operator-view'))
  customElements.define('pv-operator-view', PvOperatorView);
