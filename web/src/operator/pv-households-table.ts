// <pv-households-table>: the monitoring table of the paper, every household of the grid with its
// live balances and supply, filtered to PV or ordinary users. At phone width the table scrolls
// sideways inside its own focusable region, so the page never does.
import { css, html, LitElement } from 'lit';
import { formatCny, formatKwh, shortAddress } from '../shared/format.ts';
import { getLocale, LocaleController, t } from '../shared/i18n/i18n.ts';
import { baseStyles } from '../shared/styles.ts';
import type { HouseholdRow } from './grid-totals.ts';

type Filter = 'all' | 'pv' | 'ordinary';

export class PvHouseholdsTable extends LitElement {
  static override properties = {
    rows: { attribute: false },
    height: { attribute: false },
    live: { type: Boolean },
    filter: { state: true },
  };
  static override styles = [
    baseStyles,
    css`
      .scroll { overflow-x: auto; max-height: 32rem; overflow-y: auto; }
      table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
      caption { text-align: left; padding: 0 0 0.5rem; color: #464d43; }
      th, td { padding: 0.4rem 0.5rem; border-bottom: 1px solid #d7dbd3; white-space: nowrap; }
      tbody th { text-align: left; font-weight: 600; }
      thead th { position: sticky; top: 0; background: #eef1ea; text-align: left; }
      td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
      .cut { color: #8c1010; font-weight: 700; }
      .badge { display: inline-block; padding: 0 0.4rem; border-radius: 4px; border: 1px solid #5f665b; font-size: 0.85rem; }
      .badge.pv { background: #fff4c2; border-color: #7a5d00; color: #4d3a00; }
      .live { font-size: 0.9rem; }
    `,
  ];

  declare rows: readonly HouseholdRow[] | null;
  declare height: bigint;
  declare live: boolean;
  declare filter: Filter;

  constructor() {
    super();
    new LocaleController(this);
    this.rows = null;
    this.height = 0n;
    this.live = false;
    this.filter = 'all';
  }

  #shown(): readonly HouseholdRow[] {
    const rows = [...(this.rows ?? [])].sort((a, b) => a.name.localeCompare(b.name));
    if (this.filter === 'all') return rows;
    return rows.filter((r) => r.pv === (this.filter === 'pv'));
  }

  override render() {
    if (this.rows === null) return html`<p role="status">${t('op.table.loading')}</p>`;
    if (this.rows.length === 0) return html`<p>${t('op.table.none')}</p>`;
    const locale = getLocale();
    const shown = this.#shown();
    return html`<div class="row">
        <div>
          <label for="filter">${t('op.table.filter')}</label>
          <select id="filter" @change=${(e: Event) => {
            this.filter = (e.target as HTMLSelectElement).value as Filter;
          }}>
            ${(['all', 'pv', 'ordinary'] as const).map(
              (f) =>
                html`<option value=${f} ?selected=${this.filter === f}>${t(`op.table.${f}`)}</option>`,
            )}
          </select>
        </div>
        <p class="live muted" role="status">${this.live ? `● ${t('op.table.live')}` : t('op.table.reconnecting')}</p>
      </div>
      <div class="scroll" tabindex="0" role="region" aria-label=${t('op.table.heading', { count: shown.length })}>
        <table>
          <caption>${t('op.table.caption', { height: this.height })}</caption>
          <thead>
            <tr>
              <th scope="col">${t('op.table.name')}</th>
              <th scope="col">${t('op.table.kind')}</th>
              <th scope="col" class="num">${t('op.table.energy')}</th>
              <th scope="col" class="num">${t('op.table.money')}</th>
              <th scope="col">${t('op.table.supply')}</th>
              <th scope="col">${t('op.table.meters')}</th>
              <th scope="col">${t('op.table.address')}</th>
            </tr>
          </thead>
          <tbody>
            ${shown.map(
              (r) => html`<tr data-address=${r.address}>
                <th scope="row">${r.name || '—'}</th>
                <td><span class="badge ${r.pv ? 'pv' : ''}">${t(r.pv ? 'op.kind.pv' : 'op.kind.ordinary')}</span></td>
                <td class="num" data-wh=${r.energyWh.toString()}>${formatKwh(r.energyWh, locale)}</td>
                <td class="num" data-fen=${r.moneyFen.toString()}>${formatCny(r.moneyFen, locale)}</td>
                <td class=${r.supply === 'suspended' ? 'cut' : ''}>${supplyText(r.supply)}</td>
                <td>${r.meters.join(', ') || '—'}</td>
                <td class="mono" title=${r.address}>${shortAddress(r.address)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }
}

function supplyText(status: string): string {
  if (status === 'active') return t('op.supply.active');
  if (status === 'suspended') return t('op.supply.suspended');
  return t('op.supply.unspecified');
}

if (!customElements.get('pv-households-table'))
  customElements.define('pv-households-table', PvHouseholdsTable);
