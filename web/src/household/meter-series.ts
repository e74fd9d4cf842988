// The meter over a day from its readings (cumulative export and import registers, in Wh): the
// energy of each interval between two readings of the same meter, for the day of the newest
// reading. (The meter measures export and import at the connection; PV output itself is not
// metered separately, so the chart shows what the household exported and consumed from the grid.)
import type { Reading } from './chain-data.ts';

export type MeterDay = {
  /** Local midnight of the day shown, ms. */
  dayMs: number;
  /** Interval ends, seconds since the epoch (uPlot's x). */
  times: number[];
  exportedWh: bigint[];
  importedWh: bigint[];
  totalExportedWh: bigint;
  totalImportedWh: bigint;
};

const startOfDay = (ms: number) => {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
};

export function meterDay(readings: readonly Reading[]): MeterDay | null {
  const newest = readings.at(-1);
  if (!newest) return null;
  const dayMs = startOfDay(newest.timeMs);
  const last = new Map<string, Reading>();
  const day: MeterDay = {
    dayMs,
    times: [],
    exportedWh: [],
    importedWh: [],
    totalExportedWh: 0n,
    totalImportedWh: 0n,
  };
  for (const r of readings) {
    const before = last.get(r.meterId);
    last.set(r.meterId, r);
    if (!before || r.timeMs < dayMs) continue;
    const exported = r.exportedWh - before.exportedWh;
    const imported = r.importedWh - before.importedWh;
    day.times.push(Math.floor(r.timeMs / 1000));
    day.exportedWh.push(exported);
    day.importedWh.push(imported);
    day.totalExportedWh += exported;
    day.totalImportedWh += imported;
  }
  return day.times.length > 0 ? day : null;
}
