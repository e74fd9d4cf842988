// <pv-tariffs>: the grid sets the energy contract's retail tariff, feed-in tariff, grid fee (fen
// per kWh) and trigger amount (kWh): one contract call each (docs/energy-contract.md), which only
// the grid may make.
import { html } from 'lit';
import type { EnergyCall } from '../../../light-client/contracts/energy/energy-calls.ts';
import { energyOperation } from '../household/transactions.ts';
import type { AppConfig } from '../shared/config.ts';
import { parseKwh, parseWhole } from '../shared/format.ts';
import { type MessageKey, t } from '../shared/i18n/i18n.ts';
import { OperatorForm } from './operator-form.ts';

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

export class PvTariffs extends OperatorForm {
  static override properties = {
    config: { attribute: false },
    grid: { attribute: false },
  };

  declare config: AppConfig | null;
  declare grid: string;

  constructor() {
    super();
    this.config = null;
    this.grid = '';
  }

  async #set(event: Event, setting: Setting): Promise<void> {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('value') as HTMLInputElement;
    this.clearOutcome();
    const value = setting.kwh ? parseKwh(input.value) : parseWhole(input.value);
    if (value === null || !this.config) {
      this.error = t('op.tariff.invalid');
      return;
    }
    const operation = energyOperation(this.config, this.grid, setting.call(value));
    await this.runOperations([operation], (height) => {
      const message = t('op.tariff.done', {
        what: t(setting.label),
        value: input.value.trim(),
        height,
      });
      input.value = '';
      return message;
    });
  }

  override render() {
    return html`<h2>${t('op.tariff.heading')}</h2>
      <p class="muted">${t('op.tariff.hint')}</p>
      ${SETTINGS.map(
        (s) => html`<form class="row" @submit=${(e: Event) => this.#set(e, s)}>
          <div><label for=${s.id}>${t(s.label)}</label>
            <input id=${s.id} name="value" inputmode=${s.kwh ? 'decimal' : 'numeric'} size="10" required /></div>
          <button type="submit" ?disabled=${this.cannotSubmit} aria-disabled=${this.busyButton} aria-label=${`${t('op.tariff.set')}: ${t(s.label)}`}>${t('op.tariff.set')}</button>
        </form>`,
      )}
      ${this.renderOutcome('tariff')}`;
  }
}

if (!customElements.get('pv-tariffs')) customElements.define('pv-tariffs', PvTariffs);
