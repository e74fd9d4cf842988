// <pv-grid-totals>: the grid's figures (grid-totals.ts): its credit, what the households hold,
// the offers' escrow, and their sum, the energy issued; the meters' settled consumption and
// export; how many households have supply.
import { css, html, LitElement } from 'lit';
import { formatCny, formatKwh } from '../shared/format.ts';
import { getLocale, LocaleController, t } from '../shared/i18n/i18n.ts';
import { baseStyles } from '../shared/styles.ts';
import type { GridAccount } from './grid-feed.ts';
import { gridTotals, type HouseholdRow } from './grid-totals.ts';

export class PvGridTotals extends LitElement {
  static override properties = {
    grid: { attribute: false },
    contract: { attribute: false },
    rows: { attribute: false },
  };
  static override styles = [
    baseStyles,
    css`
      dl { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 13rem), 1fr)); gap: 0.75rem; margin: 0; }
      dt { color: #464d43; font-size: 0.9rem; }
      dd { margin: 0; font-size: 1.15rem; font-weight: 700; font-variant-numeric: tabular-nums; }
      dd small { display: block; font-weight: 400; font-size: 0.85rem; color: #464d43; }
      .issued { border-left: 4px solid #1d5c2e; padding-left: 0.5rem; }
    `,
  ];

  declare grid: GridAccount | null;
  declare contract: GridAccount | null;
  declare rows: readonly HouseholdRow[] | null;

  constructor() {
    super();
    new LocaleController(this);
    this.grid = null;
    this.contract = null;
    this.rows = null;
  }

  override render() {
    const locale = getLocale();
    const x = gridTotals(this.grid, this.contract, this.rows ?? []);
    const kwh = (wh: bigint) => formatKwh(wh, locale);
    const figure = (name: string, label: string, value: unknown, wh?: bigint) =>
      html`<div class=${name === 'issued' ? 'issued' : ''}><dt>${label}</dt><dd data-figure=${name} data-wh=${wh?.toString() ?? ''}>${value}</dd></div>`;
    return html`<h2>${t('op.totals.heading')}</h2>
      <dl>
        ${figure('grid-credit', t('op.totals.gridCredit'), html`${kwh(x.gridEnergyWh)}<small>${formatCny(x.gridMoneyFen, locale)}</small>`, x.gridEnergyWh)}
        ${figure('households', t('op.totals.households'), html`${kwh(x.householdsEnergyWh)}<small>${formatCny(x.householdsMoneyFen, locale)}</small>`, x.householdsEnergyWh)}
        ${figure('escrow', t('op.totals.escrow'), kwh(x.escrowWh), x.escrowWh)}
        ${figure('issued', t('op.totals.issued'), html`${kwh(x.issuedWh)}<small>${t('op.totals.issuedHint')}</small>`, x.issuedWh)}
        ${figure('imported', t('op.totals.imported'), kwh(x.importedWh), x.importedWh)}
        ${figure('exported', t('op.totals.exported'), kwh(x.exportedWh), x.exportedWh)}
        ${figure('supply', t('op.totals.supply'), `${x.supplyOn} / ${x.supplyCut}`)}
      </dl>`;
  }
}

if (!customElements.get('pv-grid-totals')) customElements.define('pv-grid-totals', PvGridTotals);
