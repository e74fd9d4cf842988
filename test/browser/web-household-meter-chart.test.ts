// <pv-meter-chart> in Chromium, fed transactions as the node's API shows them (64-bit values as
// strings, a reading without PV generation has no generatedWh): the day's totals as text, the
// three series (PV output, used at home, export) in the legend and the table, the chart as an
// image with a text name, both languages, the neighbours' readings left out, and an older meter.
import type { ApiTransaction } from '../../web/src/shared/api-client.ts';
import { resetLocale, setLocale } from '../../web/src/shared/i18n/i18n.ts';
import '../../web/src/household/pv-meter-chart.ts';
import type { PvMeterChart } from '../../web/src/household/pv-meter-chart.ts';
import { checkEqual } from '../shared/check.ts';
import { inShadow, mount, until } from './support/web-app.ts';

const at = (hour: number) => new Date(2026, 5, 21, hour).getTime();

type Registers = { exportedWh: number; importedWh: number; generatedWh?: number };

/** A relayed batch of readings at `hour`, as GET /v1/transactions/{hash} shows it. */
function relayed(hour: number, readings: Record<string, Registers>): ApiTransaction {
  return {
    hash: `${hour}`.padStart(64, '0'),
    status: 'committed',
    height: String(100 + hour),
    blockTimeMs: String(at(hour)),
    transaction: {
      source: 'a001',
      nonce: String(hour + 10),
      operations: [
        {
          type: 'METER_READING',
          meterReading: {
            readings: Object.entries(readings).map(([meterId, r], i) => ({
              reading: {
                meterId,
                sequence: String(hour + 10 + i),
                timeMs: String(at(hour)),
                exportedWh: String(r.exportedWh),
                importedWh: String(r.importedWh),
                ...(r.generatedWh ? { generatedWh: String(r.generatedWh) } : {}),
              },
              signature: '00',
            })),
          },
        },
      ],
    },
    receipt: { result: 'RESULT_CODE_OK', events: [], output: '' },
  };
}

/** The household's meter LH-1 and its neighbour's LH-9 in the same batches; newest first. */
const TRANSACTIONS = [
  relayed(20, {
    'LH-1': { exportedWh: 2400, importedWh: 900, generatedWh: 5200 },
    'LH-9': { exportedWh: 0, importedWh: 99_000 },
  }),
  relayed(12, { 'LH-1': { exportedWh: 2300, importedWh: 80, generatedWh: 5000 } }),
  relayed(8, { 'LH-1': { exportedWh: 300, importedWh: 80, generatedWh: 1500 } }),
  relayed(-1, {
    'LH-1': { exportedWh: 100, importedWh: 50, generatedWh: 1000 },
    'LH-9': { exportedWh: 0, importedWh: 1 },
  }),
];

const text = (chart: Element, selector: string) =>
  inShadow(chart, selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;

const texts = (chart: Element, selector: string) =>
  [...(chart.shadowRoot?.querySelectorAll(selector) ?? [])].map((e) =>
    (e.textContent ?? '').replace(/\s+/g, ' ').trim(),
  );

/** A chart of `transactions` for `meterIds`, in place of the previous test's. */
async function chartOf(transactions: ApiTransaction[], meterIds: string[]) {
  for (const old of document.querySelectorAll('pv-meter-chart')) old.remove();
  const chart = document.createElement('pv-meter-chart') as PvMeterChart;
  chart.transactions = transactions;
  chart.meterIds = new Set(meterIds);
  await mount(chart);
  return chart;
}

/** What the chart says of TRANSACTIONS' day, in each language. */
const WORDS = {
  en: {
    summary:
      'Today: PV output 4.200 kWh, used at home 2.750 kWh / Today: exported 2.300 kWh, imported 0.850 kWh',
    legend: 'PV output (kWh) | Used at home (kWh) | Export to the grid (kWh)',
    image:
      'Chart of PV output, energy used at home and export to the grid per interval today; the figures are in the summary above and the table below.',
  },
  zh: {
    summary: '今日：光伏发电 4.200 kWh，家庭用电 2.750 kWh / 今日：上网 2.300 kWh，用电 0.850 kWh',
    legend: '光伏发电（千瓦时） | 家庭用电（千瓦时） | 上网电量（千瓦时）',
    image: '今日各时段光伏发电、家庭用电和上网电量图；数值见上方摘要和下方表格。',
  },
} as const;

describe('web app: the household’s meter chart', () => {
  for (const locale of ['en', 'zh'] as const)
    it(`shows the day’s totals as text and the three series, named in ${locale}`, async () => {
      setLocale(locale, false);
      const chart = await chartOf(TRANSACTIONS, ['LH-1']);
      const words = WORDS[locale];
      checkEqual(texts(chart, '[data-meter-summary] p').join(' / '), words.summary, 'totals');
      checkEqual(texts(chart, '[data-meter-legend] li').join(' | '), words.legend, 'series');
      const image = inShadow(chart, '.chart[role=img]');
      checkEqual(image?.getAttribute('aria-label'), words.image, 'the chart is an image, named');
      await until('uPlot drew the chart', () => image?.querySelector('.uplot canvas'));
    });

  it('lists each interval’s energy in a table, the neighbour’s readings left out', async () => {
    resetLocale(['en']);
    const chart = await chartOf(TRANSACTIONS, ['LH-1']);
    checkEqual(
      texts(chart, 'thead th').join(' | '),
      'Time | PV output (kWh) | Used at home (kWh) | Export to the grid (kWh) | Consumption from the grid (kWh)',
      'the table’s columns',
    );
    checkEqual(texts(chart, 'tbody tr').length, 3, 'one row per interval of the day');
    checkEqual(
      texts(chart, 'tbody tr td').join(),
      [
        ['0.500', '0.330', '0.200', '0.030'],
        ['3.500', '1.500', '2.000', '0.000'],
        ['0.200', '0.920', '0.100', '0.820'],
      ]
        .flat()
        .map((kwh) => `${kwh} kWh`)
        .join(),
      'each interval’s energy',
    );
    checkEqual(inShadow(chart, '[data-meter-no-generation]'), null, 'generation is metered');
  });

  it('shows an older meter without generation: PV 0, use at home from the grid, and says so', async () => {
    resetLocale(['en']);
    const chart = await chartOf(
      [
        relayed(19, { OLD: { exportedWh: 1800, importedWh: 650 } }),
        relayed(12, { OLD: { exportedWh: 1800, importedWh: 200 } }),
        relayed(7, { OLD: { exportedWh: 1000, importedWh: 200 } }),
      ],
      ['OLD'],
    );
    checkEqual(
      texts(chart, '[data-meter-summary] p').join(' / '),
      'Today: PV output 0.000 kWh, used at home 0.450 kWh / Today: exported 0.800 kWh, imported 0.450 kWh',
      'totals without generation',
    );
    checkEqual(
      text(chart, '[data-meter-no-generation]'),
      'This meter does not report PV output: energy used at home counts only what came from the grid.',
      'the note',
    );
  });

  it('says so when there are no readings today', async () => {
    resetLocale(['en']);
    const chart = await chartOf([], ['LH-1']);
    checkEqual(text(chart, 'p'), 'No meter readings today.', 'no readings');
    checkEqual(inShadow(chart, '.chart'), null, 'no chart');
  });
});
