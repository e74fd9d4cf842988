// One household's day of energy, as its meter sees it. Per interval: PV output = clear-sky
// irradiance (Haurwitz, on a horizontal plane) / 1000 W/m² x kWp x performance ratio x the
// seeded clear-sky index of the community's sky; the household's seeded load; and what crosses
// the meter: generated = pv x dt, exported = max(0, pv - load) x dt, imported = max(0, load - pv)
// x dt. Power is taken at the middle of each interval and held for its length. Self-consumption
// (min(pv, load)) stays behind the meter: it reaches the generation register but neither export
// nor import. Pure and deterministic.
import { haurwitzIrradiance, STC_IRRADIANCE } from './clear-sky-irradiance.ts';
import { simulateDayWeather } from './cloudiness.ts';
import { checkHouseholdDayOptions, type HouseholdDayOptions } from './household-day-options.ts';
import { simulateDayLoad } from './household-load.ts';
import { cosSolarZenith } from './solar-position.ts';

export type EnergySample = {
  /** 0 for the first interval of the day. */
  index: number;
  /** Minutes after local midnight at which the interval starts. */
  startMinute: number;
  /** PV output in W (0 without panels or at night). */
  pvW: number;
  /** Household demand in W. */
  loadW: number;
  /** PV energy generated in the interval, Wh (fractional; 0 without panels or at night). */
  generatedWh: number;
  /** Energy sent to the grid in the interval, Wh (fractional). */
  exportedWh: number;
  /** Energy drawn from the grid in the interval, Wh (fractional). */
  importedWh: number;
};

export type DayTotals = {
  pvWh: number;
  loadWh: number;
  exportedWh: number;
  importedWh: number;
  /** PV used behind the meter: pvWh - exportedWh. */
  selfConsumedWh: number;
};

export type HouseholdDay = {
  household: string;
  date: string;
  intervalMinutes: number;
  panelKwp: number;
  /** The day's cloud cover over the community, 0 (clear) to 1 (overcast). */
  cloudCover: number;
  samples: EnergySample[];
  totals: DayTotals;
};

export function simulateHouseholdDay(options: HouseholdDayOptions): HouseholdDay {
  const o = checkHouseholdDayOptions(options);
  const intervals = 1440 / o.intervalMinutes;
  const hours = o.intervalMinutes / 60;
  const weather = simulateDayWeather(o.seed, o.date, o.intervalMinutes, o.cloudCover);
  const loads = simulateDayLoad(o.seed, o.household, o.date, o.intervalMinutes);
  const peakW = o.panelKwp * 1000 * o.performanceRatio;
  const samples: EnergySample[] = [];
  const totals: DayTotals = { pvWh: 0, loadWh: 0, exportedWh: 0, importedWh: 0, selfConsumedWh: 0 };
  for (let i = 0; i < intervals; i++) {
    const startMinute = i * o.intervalMinutes;
    const middle = startMinute + o.intervalMinutes / 2;
    const irradiance = haurwitzIrradiance(cosSolarZenith(o.site, o.date, middle));
    const pvW =
      peakW === 0 ? 0 : peakW * (irradiance / STC_IRRADIANCE) * (weather.clearSkyIndex[i] ?? 0);
    const loadW = loads[i] ?? 0;
    const exportedWh = Math.max(0, pvW - loadW) * hours;
    const importedWh = Math.max(0, loadW - pvW) * hours;
    const generatedWh = pvW * hours;
    samples.push({ index: i, startMinute, pvW, loadW, generatedWh, exportedWh, importedWh });
    totals.pvWh += generatedWh;
    totals.loadWh += loadW * hours;
    totals.exportedWh += exportedWh;
    totals.importedWh += importedWh;
  }
  totals.selfConsumedWh = Math.max(0, totals.pvWh - totals.exportedWh);
  return {
    household: o.household,
    date: o.date,
    intervalMinutes: o.intervalMinutes,
    panelKwp: o.panelKwp,
    cloudCover: weather.cloudCover,
    samples,
    totals,
  };
}
