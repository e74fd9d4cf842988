// The readings of every meter, tick by tick: at the end of each interval of each simulated day,
// each meter reads its cumulative registers. The day model (simulate-household-day.ts) gives each
// interval's energy; the registers (meter-registers.ts) turn it into whole, rising Wh and carry
// the fractions from one interval, and one day, to the next. Pure and deterministic.
import { createMeterRegisters, type MeterRegisters } from '../meter-registers.ts';
import { simulateHouseholdDay } from '../simulate-household-day.ts';
import type { Site } from '../solar-position.ts';
import { addDays, FRESH_METER, localTimeMs, type SimulatedMeter } from './simulated-meter.ts';

/** A reading as the meter signs it (proto MeterReading), with numbers for the integers. */
export type PlainReading = {
  meterId: string;
  sequence: number;
  timeMs: number;
  exportedWh: number;
  importedWh: number;
  /** PV generation register (0 for a household without panels). */
  generatedWh: number;
};

export type ReadingTick = {
  /** 0 for the first tick of the run. */
  index: number;
  /** The local date of the day the interval belongs to. */
  date: string;
  /** Minutes after that day's local midnight at which the interval ends (the reading's time). */
  endMinute: number;
  /** The reading time, ms since the epoch. */
  timeMs: number;
  /** Simulated ms since the start of the run (the first day's local midnight). */
  elapsedMs: number;
  /** One reading per meter, in the order of the meters. */
  readings: PlainReading[];
};

export type TickPlan = {
  date: string;
  days: number;
  intervalMinutes: number;
  site: Site;
};

/** The number of ticks of `plan`. */
export const tickCount = (plan: TickPlan): number => (plan.days * 1440) / plan.intervalMinutes;

export function* readingTicks(
  meters: readonly SimulatedMeter[],
  plan: TickPlan,
): Generator<ReadingTick> {
  const registers: MeterRegisters[] = meters.map((m) => {
    const { sequence, exportedWh, importedWh, generatedWh } = m.start ?? FRESH_METER;
    return createMeterRegisters({ sequence, exportedWh, importedWh, generatedWh });
  });
  const startMs = localTimeMs(plan.site, plan.date, 0);
  let index = 0;
  for (let day = 0; day < plan.days; day++) {
    const date = addDays(plan.date, day);
    const samples = meters.map(
      (m) =>
        simulateHouseholdDay({
          seed: m.seed,
          household: m.meterId,
          date,
          panelKwp: m.panelKwp,
          intervalMinutes: plan.intervalMinutes,
          site: plan.site,
        }).samples,
    );
    const intervals = 1440 / plan.intervalMinutes;
    for (let i = 0; i < intervals; i++) {
      const endMinute = (i + 1) * plan.intervalMinutes;
      const timeMs = localTimeMs(plan.site, date, endMinute);
      const readings = meters.map((m, k) => {
        const sample = samples[k]?.[i];
        if (!sample) throw new Error(`no sample ${i} for meter ${m.meterId}`);
        return { meterId: m.meterId, timeMs, ...(registers[k] as MeterRegisters).record(sample) };
      });
      yield { index, date, endMinute, timeMs, elapsedMs: timeMs - startMs, readings };
      index++;
    }
  }
}
