// <pv-meter-chart>: the meter over the day (uPlot): PV output, energy used at home and export to
// the grid per interval, in kWh, from the meter readings among the household's transactions
// (meter-series.ts). The day's totals are text above the chart (an image whose name says where
// its figures are); every interval is in a table (with import too) for screen readers and
// keyboards.
import { css, html, LitElement } from 'lit';
import uPlot from 'uplot';
import type { ApiTransaction } from '../shared/api-client.ts';
import { formatKwh } from '../shared/format.ts';
import { getLocale, LocaleController, type MessageKey, t } from '../shared/i18n/i18n.ts';
import { baseStyles } from '../shared/styles.ts';
import { readingsOf } from './chain-data.ts';
import { type IntervalEnergy, type MeterDay, meterDay } from './meter-series.ts';
import { uplotStyles } from './uplot-styles.ts';

const kwh = (wh: bigint) => Number(wh) / 1000;

const HEIGHT = 220;
/** The chart's width: its box's, at least 200 px (before layout, 320). */
const chartWidth = (box: HTMLElement | null) => Math.max(200, box?.clientWidth || 320);

/** The chart's series, in drawing order: what it shows, its label, colour, fill and dashes. */
const SERIES = [
  {
    kind: 'generatedWh',
    label: 'meter.generated',
    colour: '#9a6700',
    fill: 'rgba(154,103,0,0.12)',
    line: 'solid',
  },
  { kind: 'consumedWh', label: 'meter.consumed', colour: '#8c1010', dash: [6, 4], line: 'dashed' },
  { kind: 'exportedWh', label: 'meter.export', colour: '#1d5c2e', dash: [2, 3], line: 'dotted' },
] as const satisfies readonly {
  kind: keyof IntervalEnergy;
  label: MessageKey;
  colour: string;
  fill?: string;
  dash?: number[];
  /** The legend swatch's border style, like the dashes. */
  line: 'solid' | 'dashed' | 'dotted';
}[];

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
      .scroll { overflow-x: auto; }
      table { border-collapse: collapse; }
      td, th { padding: 0.2rem 0.6rem; text-align: right; }
    `,
  ];

  declare transactions: ApiTransaction[];
  /** The household's meters (a relayed batch also carries its neighbours' readings). */
  declare meterIds: ReadonlySet<string> | undefined;
  #plot: uPlot | null = null;
  /** Keeps the chart as wide as its box (a phone turned, a window narrowed: no sideways scroll). */
  readonly #resize = new ResizeObserver(() => this.#fit());

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
    this.#resize.disconnect();
    this.#plot?.destroy();
    this.#plot = null;
  }

  #chartBox(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.chart');
  }

  #fit(): void {
    const width = chartWidth(this.#chartBox());
    if (this.#plot && width !== this.#plot.width) this.#plot.setSize({ width, height: HEIGHT });
  }

  override updated(): void {
    this.#resize.disconnect();
    this.#plot?.destroy();
    this.#plot = null;
    const day = this.day;
    const target = this.#chartBox();
    if (!day || !target) return;
    this.#resize.observe(target);
    this.#plot = new uPlot(
      {
        width: chartWidth(target),
        height: HEIGHT,
        series: [
          {},
          ...SERIES.map((line) => ({
            label: t(line.label),
            stroke: line.colour,
            width: 2,
            ...('fill' in line ? { fill: line.fill } : {}),
            ...('dash' in line ? { dash: [...line.dash] } : {}),
          })),
        ],
        legend: { show: false },
        axes: [{}, { label: 'kWh', size: 50 }],
      },
      [day.times, ...SERIES.map((line) => day[line.kind].map(kwh))],
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
    const columns = [...SERIES, { kind: 'importedWh', label: 'meter.import' } as const];
    return html`<section aria-labelledby="meter-heading">
      <h2 id="meter-heading">${t('meter.heading')}</h2>
      <div data-meter-summary>
        <p>${t('meter.summaryPv', {
          generated: formatKwh(day.totals.generatedWh, locale),
          consumed: formatKwh(day.totals.consumedWh, locale),
        })}</p>
        <p>${t('meter.summary', {
          exported: formatKwh(day.totals.exportedWh, locale),
          imported: formatKwh(day.totals.importedWh, locale),
        })}</p>
      </div>
      ${
        day.generationMetered || day.totals.exportedWh === 0n
          ? ''
          : html`<p class="muted" data-meter-no-generation>${t('meter.noGeneration')}</p>`
      }
      <ul class="legend" data-meter-legend>
        ${SERIES.map(
          (line) =>
            html`<li><span class="swatch" style="border-color:${line.colour};border-top-style:${line.line}"></span>${t(line.label)}</li>`,
        )}
      </ul>
      <div class="chart" role="img" aria-label=${t('meter.chart')}></div>
      <details>
        <summary>${t('meter.heading')}</summary>
        <div class="scroll" tabindex="0" role="region" aria-label=${t('meter.table')}>
          <table>
            <thead><tr><th scope="col">${t('meter.time')}</th>${columns.map((c) => html`<th scope="col">${t(c.label)}</th>`)}</tr></thead>
            <tbody>${day.times.map(
              (s, i) => html`<tr>
              <th scope="row">${time(s)}</th>
              ${columns.map((c) => html`<td>${formatKwh(day[c.kind][i] ?? 0n, locale)}</td>`)}
            </tr>`,
            )}</tbody>
          </table>
        </div>
      </details>
    </section>`;
  }
}

if (!customElements.get('pv-meter-chart')) customElements.define('pv-meter-chart', PvMeterChart);
