// <pv-tariffs>: the grid sets the energy contract's retail tariff, feed-in tariff, grid fee (fen
// per kWh) and trigger amount (kWh): one contract call each (docs/energy-contract.md), which only
// the grid may make.
import { html, LitElement, nothing } from 'lit';
import type { EnergyCall } from '../../../light-client/contracts/energy/energy-calls.ts';
import { energyOperation } from '../household/transactions.ts';
import type { AppConfig } from '../shared/config.ts';
import { parseKwh, parseWhole } from '../shared/format.ts';
import { LocaleController, type MessageKey, t } from '../shared/i18n/i18n.ts';
import { baseStyles } from '../shared/styles.ts';
import { operatorStyles } from './operator-styles.ts';
import type { RunOperations } from './run-operations.ts';

type Setting = { id: string; label: MessageKey; call(value: bigint): EnergyCall; kwh?: boolean };

const SETTINGS: Setting[] = [
  {
    id: 'retail',
    label: 'op.tariff.retail',
    call: (v) => ({ method: 'set_retail_tariff', fenPerKwh: v }),
  },
  {
    id: 'feedIn',
    label: 'op.tariff.feedIn',
    call: (v) => ({ method: 'set_feed_in_tariff', fenPerKwh: v }),
  },
  { id: 'fee', label: 'op.tariff.fee', call: (v) => ({ method: 'set_grid_fee', fenPerKwh: v }) },
  {
    id: 'trigger',
    label: 'op.tariff.trigger',
    call: (v) => ({ method: 'set_trigger', triggerWh: v }),
    kwh: true,
  },
];

export class PvTariffs extends LitElement {
  static override properties = {
    run: { attribute: false },
    config: { attribute: false },
    grid: { attribute: false },
    message: { state: true },
    error: { state: true },
    busy: { state: true },
  };
  static override styles = [baseStyles, operatorStyles];

  declare run: RunOperations | null;
  declare config: AppConfig | null;
  declare grid: string;
  declare message: string;
  declare error: string;
  declare busy: boolean;

  constructor() {
    super();
    new LocaleController(this);
    this.run = null;
    this.config = null;
    this.grid = '';
    this.message = '';
    this.error = '';
    this.busy = false;
  }

  async #set(event: Event, setting: Setting): Promise<void> {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('value') as HTMLInputElement;
    this.message = '';
    this.error = '';
    const value = setting.kwh ? parseKwh(input.value) : parseWhole(input.value);
    if (value === null || !this.config) {
      this.error = t('op.tariff.invalid');
      return;
    }
    this.busy = true;
    try {
      const height = await this.run?.([
        energyOperation(this.config, this.grid, setting.call(value)),
      ]);
      this.message = t('op.tariff.done', {
        what: t(setting.label),
        value: input.value.trim(),
        height: height ?? '?',
      });
      input.value = '';
    } catch (error) {
      const e = error as { code?: string; message: string };
      this.error = t('op.tx.failed', { code: e.code ?? 'ERROR', message: e.message });
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`<h2>${t('op.tariff.heading')}</h2>
      <p class="muted">${t('op.tariff.hint')}</p>
      ${SETTINGS.map(
        (s) => html`<form class="row" @submit=${(e: Event) => this.#set(e, s)}>
          <div><label for=${s.id}>${t(s.label)}</label>
            <input id=${s.id} name="value" inputmode=${s.kwh ? 'decimal' : 'numeric'} size="10" required /></div>
          <button type="submit" ?disabled=${this.busy || !this.run} aria-label=${`${t('op.tariff.set')}: ${t(s.label)}`}>${t('op.tariff.set')}</button>
        </form>`,
      )}
      ${this.busy ? html`<p role="status">${t('op.tx.pending')}</p>` : nothing}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.message ? html`<p class="ok" role="status" data-result="tariff">${this.message}</p>` : nothing}`;
  }
}

if (!customElements.get('pv-tariffs')) customElements.define('pv-tariffs', PvTariffs);
