// <pv-create-household>: the grid creates a household account: CREATE_ACCOUNT with the
// household's public key (made here, its secret key shown once to hand over, or pasted from the
// household's own browser) and real name, and in the same transaction the starting energy and
// money paid from the grid (PAYMENTs). Signed by the grid's key through `run`.
import { html, nothing } from 'lit';
import { addressFromPublicKey } from 'pvchain/crypto';
import { bigintToLong, pvchain } from '../../../proto/index.ts';
import { generateKey } from '../household/key-store.ts';
import { parseKwh } from '../shared/format.ts';
import { fromHex, toHex } from '../shared/hex.ts';
import { t } from '../shared/i18n/i18n.ts';
import { OperatorForm } from './operator-form.ts';

const v1 = pvchain.v1;

/** "12.34" CNY -> 1234 fen; 0n for an empty field; null when it is not an amount. */
export function parseCny(text: string): bigint | null {
  if (text.trim() === '') return 0n;
  const match = /^\s*(\d{1,13})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!match) return null;
  return BigInt(match[1] ?? '0') * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
}

export class PvCreateHousehold extends OperatorForm {
  static override properties = {
    grid: { attribute: false },
    source: { state: true },
    secret: { state: true },
  };

  declare grid: string;
  declare source: 'generate' | 'paste';
  declare secret: string;

  constructor() {
    super();
    this.grid = '';
    this.source = 'generate';
    this.secret = '';
  }

  async #submit(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const field = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
    this.clearOutcome();
    const name = field('name').trim();
    if (!name) {
      this.error = t('op.create.invalidName');
      return;
    }
    const pasted = field('publicKey').trim().replace(/^0x/, '');
    if (this.source === 'paste' && !/^[0-9a-fA-F]{64}$/.test(pasted)) {
      this.error = t('op.create.invalidKey');
      return;
    }
    const energyWh = field('energy').trim() === '' ? 0n : parseKwh(field('energy'));
    const moneyFen = parseCny(field('money'));
    if (energyWh === null || moneyFen === null) {
      this.error = t('trade.invalidAmount');
      return;
    }
    const made = this.source === 'generate' ? generateKey() : null;
    const publicKey = made ? made.publicKey : fromHex(pasted);
    const household = fromHex(addressFromPublicKey(publicKey));
    const issuer = fromHex(this.grid);
    const pay = (code: string, amount: bigint) => ({
      type: v1.OperationType.OPERATION_TYPE_PAYMENT,
      payment: { destination: household, asset: { issuer, code }, amount: bigintToLong(amount) },
    });
    const operations = [
      {
        type: v1.OperationType.OPERATION_TYPE_CREATE_ACCOUNT,
        createAccount: {
          publicKey,
          role: v1.AccountRole.ACCOUNT_ROLE_HOUSEHOLD,
          realName: name,
        },
      },
      ...(energyWh > 0n ? [pay('kWh', energyWh)] : []),
      ...(moneyFen > 0n ? [pay('CNY', moneyFen)] : []),
    ];
    await this.runOperations(operations, (height) => {
      this.secret = made ? toHex(made.secretKey) : '';
      form.reset();
      this.source = 'generate';
      return t('op.create.done', { address: toHex(household), height });
    });
  }

  override render() {
    return html`<h2>${t('op.create.heading')}</h2>
      <form @submit=${this.#submit}>
        <label for="name">${t('op.create.name')}</label>
        <input id="name" name="name" autocomplete="off" required maxlength="64" />
        <fieldset>
          <legend>${t('op.create.keySource')}</legend>
          ${(['generate', 'paste'] as const).map(
            (
              s,
            ) => html`<label><input type="radio" name="source" value=${s} .checked=${this.source === s}
              @change=${() => {
                this.source = s;
              }} /> ${t(`op.create.${s}`)}</label>`,
          )}
          ${
            this.source === 'paste'
              ? html`<label for="publicKey">${t('op.create.publicKey')}</label>
                  <input id="publicKey" name="publicKey" class="mono" size="40" autocomplete="off" spellcheck="false" />`
              : html`<input type="hidden" name="publicKey" value="" />`
          }
        </fieldset>
        <div class="row">
          <div><label for="energy">${t('op.create.energy')}</label>
            <input id="energy" name="energy" inputmode="decimal" size="10" /></div>
          <div><label for="money">${t('op.create.money')}</label>
            <input id="money" name="money" inputmode="decimal" size="10" /></div>
          <button type="submit" ?disabled=${this.cannotSubmit} aria-disabled=${this.busyButton}>${t('op.create.submit')}</button>
        </div>
      </form>
      ${this.renderOutcome('created')}
      ${
        this.secret
          ? html`<p>${t('op.create.handOver')}</p>
              <p><code data-secret>${this.secret}</code></p>
              <button class="secondary" type="button" @click=${() => {
                this.secret = '';
              }}>${t('op.create.clear')}</button>`
          : nothing
      }`;
  }
}

if (!customElements.get('pv-create-household'))
  customElements.define('pv-create-household', PvCreateHousehold);
