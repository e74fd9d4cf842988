// A meter's three cumulative registers, exported, imported and generated (PV) Wh, as whole numbers
// that only ever rise. Each interval's fractional energy is added to a carry and only whole Wh
// move into the register, the rest carried forward: exported and imported are always the floor of
// the exact cumulative energy, so over a day rounding neither loses nor invents more than 1 Wh.
// Generated is kept as exported + self-consumed (PV used behind the meter, its own floored
// register), so that in every interval the generation register rises at least as much as the
// export register (a household without storage exports only what its panels make) and is at most
// 2 Wh below the exact cumulative generation. Each reading carries a sequence number, one above
// the previous reading's.
import type { HouseholdDay } from './simulate-household-day.ts';

export type MeterReading = {
  /** 1 for the first reading after the initial state (which is 0, or `initial.sequence`). */
  sequence: number;
  /** Cumulative energy sent to the grid, whole Wh. */
  exportedWh: number;
  /** Cumulative energy drawn from the grid, whole Wh. */
  importedWh: number;
  /** Cumulative PV energy generated, whole Wh (0 without panels). */
  generatedWh: number;
};

/** One interval's energy, Wh (fractional); generatedWh is at least exportedWh. */
export type IntervalEnergy = { exportedWh: number; importedWh: number; generatedWh: number };

export type MeterRegisters = {
  /** Adds one interval's energy and returns the new reading. */
  record(interval: IntervalEnergy): MeterReading;
  /** The latest reading (the initial state before any `record`). */
  current(): MeterReading;
  /** The fractional Wh not yet in the registers: in [0, 1), generatedWh in [0, 2). */
  carried(): IntervalEnergy;
};

function startValue(name: string, value: number): number {
  if (typeof value !== 'number')
    throw new TypeError(`${name} must be a number, got ${typeof value}`);
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${name} must be a non-negative safe integer, got ${value}`);
  return value;
}

function increment(name: string, value: number): number {
  if (typeof value !== 'number')
    throw new TypeError(`${name} must be a number, got ${typeof value}`);
  if (!Number.isFinite(value) || value < 0)
    throw new RangeError(`${name} must be a finite, non-negative number of Wh, got ${value}`);
  return value;
}

export function createMeterRegisters(initial: Partial<MeterReading> = {}): MeterRegisters {
  let reading: MeterReading = {
    sequence: startValue('sequence', initial.sequence ?? 0),
    exportedWh: startValue('exportedWh', initial.exportedWh ?? 0),
    importedWh: startValue('importedWh', initial.importedWh ?? 0),
    generatedWh: startValue('generatedWh', initial.generatedWh ?? 0),
  };
  let exportCarry = 0;
  let importCarry = 0;
  let selfConsumedCarry = 0;
  return {
    record(interval) {
      const exported = increment('exportedWh', interval.exportedWh);
      const imported = increment('importedWh', interval.importedWh);
      const generated = increment('generatedWh', interval.generatedWh);
      if (generated < exported)
        throw new RangeError(
          `generatedWh must be at least exportedWh (no storage behind the meter), got ${generated} < ${exported}`,
        );
      exportCarry += exported;
      importCarry += imported;
      selfConsumedCarry += generated - exported;
      const exportWhole = Math.floor(exportCarry);
      const importWhole = Math.floor(importCarry);
      const selfConsumedWhole = Math.floor(selfConsumedCarry);
      exportCarry -= exportWhole;
      importCarry -= importWhole;
      selfConsumedCarry -= selfConsumedWhole;
      const next = {
        sequence: reading.sequence + 1,
        exportedWh: reading.exportedWh + exportWhole,
        importedWh: reading.importedWh + importWhole,
        generatedWh: reading.generatedWh + exportWhole + selfConsumedWhole,
      };
      if (
        !Number.isSafeInteger(next.exportedWh) ||
        !Number.isSafeInteger(next.importedWh) ||
        !Number.isSafeInteger(next.generatedWh)
      )
        throw new RangeError('meter register overflow: beyond 2^53 Wh');
      reading = next;
      return { ...reading };
    },
    current: () => ({ ...reading }),
    carried: () => ({
      exportedWh: exportCarry,
      importedWh: importCarry,
      generatedWh: exportCarry + selfConsumedCarry,
    }),
  };
}

/** A reading at the end of each interval of `day`, on `registers` (fresh ones by default). */
export function readHouseholdDay(
  day: HouseholdDay,
  registers: MeterRegisters = createMeterRegisters(),
): (MeterReading & { endMinute: number })[] {
  return day.samples.map((sample) => ({
    ...registers.record(sample),
    endMinute: sample.startMinute + day.intervalMinutes,
  }));
}
