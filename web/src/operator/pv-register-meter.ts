// <pv-register-meter>: the grid registers a household's smart meter (REGISTER_METER): its id, its
// public key (from the meter's maker), the household it measures and its trigger (empty: the
// energy contract's, which the tariff form sets).
import { html, LitElement, nothing } from 'lit';
import { bigintToLong, pvchain } from '../../../proto/index.ts';
import { parseKwh } from '../shared/format.ts';
import { fromHex } from '../shared/hex.ts';
import { LocaleController, t } from '../shared/i18n/i18n.ts';
import { baseStyles } from '../shared/styles.ts';
import type { HouseholdRow } from './grid-totals.ts';
import { operatorStyles } from './operator-styles.ts';
import type { RunOperations } from './run-operations.ts';

const v1 = pvchain.v1;

export class PvRegisterMeter extends LitElement {
  static override properties = {
    run: { attribute: false },
    households: { attribute: false },
    message: { state: true },
    error: { state: true },
    busy: { state: true },
  };
  static override styles = [baseStyles, operatorStyles];

  declare run: RunOperations | null;
  declare households: readonly HouseholdRow[];
  declare message: string;
  declare error: string;
  declare busy: boolean;

  constructor() {
    super();
    new LocaleController(this);
    this.run = null;
    this.households = [];
    this.message = '';
    this.error = '';
    this.busy = false;
  }

  async #submit(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const field = (name: string) =>
      (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value.trim();
    this.message = '';
    this.error = '';
    const id = field('meterId');
    const publicKey = field('meterKey').replace(/^0x/, '');
    const triggerWh = field('trigger') === '' ? 0n : parseKwh(field('trigger'));
    const idBytes = new TextEncoder().encode(id).length;
    if (idBytes < 1 || idBytes > 63 || !/^[0-9a-fA-F]{64}$/.test(publicKey) || triggerWh === null) {
      this.error = t('op.meter.invalid');
      return;
    }
    this.busy = true;
    try {
      const height = await this.run?.([
        {
          type: v1.OperationType.OPERATION_TYPE_REGISTER_METER,
          registerMeter: {
            meterId: id,
            publicKey: fromHex(publicKey),
            household: fromHex(field('household')),
            triggerWh: bigintToLong(triggerWh),
          },
        },
      ]);
      this.message = t('op.meter.done', { id, height: height ?? '?' });
      form.reset();
    } catch (error) {
      const e = error as { code?: string; message: string };
      this.error = t('op.tx.failed', { code: e.code ?? 'ERROR', message: e.message });
    } finally {
      this.busy = false;
    }
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
          <button type="submit" ?disabled=${this.busy || !this.run}>${t('op.meter.submit')}</button>
        </div>
      </form>
      ${this.busy ? html`<p role="status">${t('op.tx.pending')}</p>` : nothing}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.message ? html`<p class="ok" role="status" data-result="meter">${this.message}</p>` : nothing}`;
  }
}

if (!customElements.get('pv-register-meter'))
  customElements.define('pv-register-meter', PvRegisterMeter);
