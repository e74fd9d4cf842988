// <pv-history>: the household's trades and meter settlements (its transactions in the API,
// newest first), each with its block and result.
import { html, LitElement } from 'lit';
import type { ApiTransaction } from '../shared/api-client.ts';
import { LocaleController, t } from '../shared/i18n/i18n.ts';
import { baseStyles } from '../shared/styles.ts';
import { kindOf } from './chain-data.ts';

/** Rows shown: the newest. */
const ROWS = 20;

export class PvHistory extends LitElement {
  static override properties = { transactions: { attribute: false }, address: {} };
  static override styles = baseStyles;

  declare transactions: ApiTransaction[];
  declare address: string;

  constructor() {
    super();
    new LocaleController(this);
    this.transactions = [];
    this.address = '';
  }

  override render() {
    return html`<section aria-labelledby="history-heading">
      <h2 id="history-heading">${t('history.heading')}</h2>
      ${
        this.transactions.length === 0
          ? html`<p class="muted">${t('history.none')}</p>`
          : html`<div style="overflow-x:auto" tabindex="0" role="region" aria-label=${t('history.table')}><table>
            <thead><tr>
              <th scope="col">${t('history.height')}</th>
              <th scope="col">${t('history.kind')}</th>
              <th scope="col">${t('history.result')}</th>
            </tr></thead>
            <tbody>${this.transactions.slice(0, ROWS).map((tx) => {
              const ok = tx.receipt.result === 'RESULT_CODE_OK';
              return html`<tr data-kind=${kindOf(tx)}>
                <td>${tx.height}</td>
                <td>${t(`kind.${kindOf(tx)}`)}</td>
                <td class=${ok ? 'ok' : 'error'}>${ok ? t('history.ok') : tx.receipt.result}</td>
              </tr>`;
            })}</tbody>
          </table></div>`
      }
    </section>`;
  }
}

if (!customElements.get('pv-history')) customElements.define('pv-history', PvHistory);
