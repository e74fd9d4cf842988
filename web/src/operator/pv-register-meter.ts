// <pv-register-meter>: the grid registers a household's smart meter (REGISTER_METER): its id, its
// public key (from the meter's maker), the household it measures and its trigger (empty: the
// energy contract's, which the tariff form sets).
import { html } from 'lit';
import { bigintToLong, pvchain } from '../../../proto/index.ts';
import { parseKwh } from '../shared/format.ts';
import { fromHex } from '../shared/hex.ts';
import { t } from '../shared/i18n/i18n.ts';
import type { HouseholdRow } from './grid-totals.ts';
import { OperatorForm } from './operator-form.ts';

const v1 = pvchain.v1;

export class PvRegisterMeter extends OperatorForm {
  static override properties = { households: { attribute: false } };

  declare households: readonly HouseholdRow[];

  constructor() {
    super();
    this.households = [];
  }

  async #submit(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const field = (name: string) =>
      (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value.trim();
    this.clearOutcome();
    const id = field('meterId');
    const publicKey = field('meterKey').replace(/^0x/, '');
    const triggerWh = field('trigger') === '' ? 0n : parseKwh(field('trigger'));
    const idBytes = new TextEncoder().encode(id).length;
    if (idBytes < 1 || idBytes > 63 || !/^[0-9a-fA-F]{64}$/.test(publicKey) || triggerWh === null) {
      this.error = t('op.meter.invalid');
      return;
    }
    const operation = {
      type: v1.OperationType.OPERATION_TYPE_REGISTER_METER,
      registerMeter: {
        meterId: id,
        publicKey: fromHex(publicKey),
        household: fromHex(field('household')),
        triggerWh: bigintToLong(triggerWh),
      },
    };
    await this.runOperations([operation], (height) => {
      form.reset();
      return t('op.meter.done', { id, height });
    });
  }

  override render() {
    return html`<h2>${t('op.meter.heading')}</h2>
      <form @submit=${this.#submit}>
        <label for="household">${t('op.meter.household')}</label>
        <select id="household" name="household" required>
          ${this.households.map((h) => html`<option value=${h.address}>${h.name} (${h.address.slice(0, 10)}…)</option>`)}
        </select>
        <label for="meterId">${t('op.meter.id')}</label>
        <input id="meterId" name="meterId" required maxlength="63" autocomplete="off" />
        <label for="meterKey">${t('op.meter.publicKey')}</label>
        <input id="meterKey" name="meterKey" class="mono" size="40" required autocomplete="off" spellcheck="false" />
        <div class="row">
          <div><label for="trigger">${t('op.meter.trigger')}</label>
            <input id="trigger" name="trigger" inputmode="decimal" size="10" /></div>
          <button type="submit" ?disabled=${this.cannotSubmit} aria-disabled=${this.busyButton}>${t('op.meter.submit')}</button>
        </div>
      </form>
      ${this.renderOutcome('meter')}`;
  }
}

if (!customElements.get('pv-register-meter'))
  customElements.define('pv-register-meter', PvRegisterMeter);
