// <pv-meter-chart>: the meter over the day (uPlot): energy exported to the grid and consumed from
// it per interval, in kWh, from the meter readings among the household's transactions; the same
// figures as a table for screen readers and keyboards.
import { css, html, LitElement } from 'lit';
import uPlot from 'uplot';
import type { ApiTransaction } from '../shared/api-client.ts';
import { formatKwh } from '../shared/format.ts';
import { getLocale, LocaleController, t } from '../shared/i18n/i18n.ts';
import { baseStyles } from '../shared/styles.ts';
import { readingsOf } from './chain-data.ts';
import { type MeterDay, meterDay } from './meter-series.ts';
import { uplotStyles } from './uplot-styles.ts';

const kwh = (wh: bigint) => Number(wh) / 1000;

export class PvMeterChart extends LitElement {
  static override properties = {
    transactions: { attribute: false },
    meterIds: { attribute: false },
  };
  static override styles = [
    baseStyles,
    uplotStyles,
    css`
      .chart { width: 100%; min-height: 220px; margin-bottom: 0.5rem; }
      .legend { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; padding: 0; list-style: none; }
      .swatch { display: inline-block; width: 1.5rem; height: 0; border-top: 3px solid; margin-right: 0.4rem; vertical-align: middle; }
      table { border-collapse: collapse; }
      td, th { padding: 0.2rem 0.6rem; text-align: right; }
    `,
  ];

  declare transactions: ApiTransaction[];
  /** The household's meters (a relayed batch also carries its neighbours' readings). */
  declare meterIds: ReadonlySet<string> | undefined;
  #plot: uPlot | null = null;

  constructor() {
    super();
    new LocaleController(this);
    this.transactions = [];
  }

  get day(): MeterDay | null {
    return meterDay(readingsOf(this.transactions, this.meterIds));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#plot?.destroy();
    this.#plot = null;
  }

  override updated(): void {
    this.#plot?.destroy();
    this.#plot = null;
    const day = this.day;
    const target = this.renderRoot.querySelector<HTMLElement>('.chart');
    if (!day || !target) return;
    const width = Math.max(280, target.clientWidth || 320);
    this.#plot = new uPlot(
      {
        width,
        height: 220,
        series: [
          {},
          { label: t('meter.export'), stroke: '#1d5c2e', fill: 'rgba(29,92,46,0.15)', width: 2 },
          { label: t('meter.import'), stroke: '#8c1010', width: 2, dash: [6, 4] },
        ],
        legend: { show: false },
        axes: [{}, { label: 'kWh', size: 50 }],
      },
      [day.times, day.exportedWh.map(kwh), day.importedWh.map(kwh)],
      target,
    );
  }

  override render() {
    const day = this.day;
    const locale = getLocale();
    if (!day)
      return html`<section aria-labelledby="meter-heading">
        <h2 id="meter-heading">${t('meter.heading')}</h2>
        <p class="muted">${t('meter.none')}</p>
      </section>`;
    const time = (s: number) =>
      new Date(s * 1000).toLocaleTimeString(locale === 'zh' ? 'zh-CN' : 'en-GB');
    return html`<section aria-labelledby="meter-heading">
      <h2 id="meter-heading">${t('meter.heading')}</h2>
      <p data-meter-summary>${t('meter.summary', {
        exported: formatKwh(day.totalExportedWh, locale),
        imported: formatKwh(day.totalImportedWh, locale),
      })}</p>
      <ul class="legend">
        <li><span class="swatch" style="border-color:#1d5c2e"></span>${t('meter.export')}</li>
        <li><span class="swatch" style="border-color:#8c1010;border-top-style:dashed"></span>${t('meter.import')}</li>
      </ul>
      <div class="chart" aria-hidden="true"></div>
      <details>
        <summary>${t('meter.heading')}</summary>
        <table>
          <thead><tr><th scope="col"></th><th scope="col">${t('meter.export')}</th><th scope="col">${t('meter.import')}</th></tr></thead>
          <tbody>${day.times.map(
            (s, i) => html`<tr>
            <th scope="row">${time(s)}</th>
            <td>${formatKwh(day.exportedWh[i] ?? 0n, locale)}</td>
            <td>${formatKwh(day.importedWh[i] ?? 0n, locale)}</td>
          </tr>`,
          )}</tbody>
        </table>
      </details>
    </section>`;
  }
}

if (!customElements.get('pv-meter-chart')) customElements.define('pv-meter-chart', PvMeterChart);
