// The meter over a day from its readings (cumulative registers in Wh: exported, imported and PV
// generated): the energy of each interval between two readings of the same meter, for the day of
// the newest reading. Per interval, PV output = Δgenerated, export = Δexported, import =
// Δimported, and energy used in the home = Δgenerated - Δexported + Δimported (PV used at home
// plus what came from the grid), never below 0 (a battery exporting what the panels did not make
// in that interval is not metered). A meter that reports no generation (its register is 0: a
// household without PV, or an older meter) shows PV output 0 and, since its export cannot be told
// apart from PV used at home, only what it imported as used in the home.
import type { Reading } from './chain-data.ts';

export type IntervalEnergy = {
  /** PV output. */
  generatedWh: bigint;
  /** Energy used in the home. */
  consumedWh: bigint;
  exportedWh: bigint;
  importedWh: bigint;
};

const KINDS = ['generatedWh', 'consumedWh', 'exportedWh', 'importedWh'] as const;

/** The day: each kind of energy per interval, and its total. */
export type MeterDay = { [K in keyof IntervalEnergy]: bigint[] } & {
  /** Local midnight of the day shown, ms. */
  dayMs: number;
  /** Interval ends, seconds since the epoch (uPlot's x). */
  times: number[];
  totals: IntervalEnergy;
  /** Whether any reading of the day reports PV generation. */
  generationMetered: boolean;
};

const startOfDay = (ms: number) => {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
};

/** The energy between two readings of one meter, `before` then `after`. */
export function intervalEnergy(before: Reading, after: Reading): IntervalEnergy {
  const generatedWh = after.generatedWh - before.generatedWh;
  const exportedWh = after.exportedWh - before.exportedWh;
  const importedWh = after.importedWh - before.importedWh;
  const used = after.generatedWh > 0n ? generatedWh - exportedWh + importedWh : importedWh;
  return { generatedWh, consumedWh: used > 0n ? used : 0n, exportedWh, importedWh };
}

export function meterDay(readings: readonly Reading[]): MeterDay | null {
  const newest = readings.at(-1);
  if (!newest) return null;
  const dayMs = startOfDay(newest.timeMs);
  const last = new Map<string, Reading>();
  const day: MeterDay = {
    dayMs,
    times: [],
    generatedWh: [],
    consumedWh: [],
    exportedWh: [],
    importedWh: [],
    totals: { generatedWh: 0n, consumedWh: 0n, exportedWh: 0n, importedWh: 0n },
    generationMetered: false,
  };
  for (const r of readings) {
    const before = last.get(r.meterId);
    last.set(r.meterId, r);
    if (!before || r.timeMs < dayMs) continue;
    const energy = intervalEnergy(before, r);
    day.times.push(Math.floor(r.timeMs / 1000));
    for (const kind of KINDS) {
      day[kind].push(energy[kind]);
      day.totals[kind] += energy[kind];
    }
    if (r.generatedWh > 0n) day.generationMetered = true;
  }
  return day.times.length > 0 ? day : null;
}
