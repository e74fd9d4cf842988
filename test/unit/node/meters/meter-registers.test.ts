// The cumulative registers: whole Wh, monotonic, sequenced, and carrying fractions so that the
// day's totals match the intervals within 1 Wh (generation within 2 Wh, and never rising less
// than export in an interval).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMeterRegisters, readHouseholdDay } from '../../../../node/meters/meter-registers.ts';
import { simulateHouseholdDay } from '../../../../node/meters/simulate-household-day.ts';

/** A reading's registers, in the order sequence, exported, imported, generated. */
const reading = (
  sequence: number,
  exportedWh: number,
  importedWh: number,
  generatedWh: number,
) => ({
  sequence,
  exportedWh,
  importedWh,
  generatedWh,
});
/** One interval's energy: exported, imported, generated. */
const energy = (exportedWh: number, importedWh: number, generatedWh: number) => ({
  exportedWh,
  importedWh,
  generatedWh,
});

describe('createMeterRegisters', () => {
  it('starts at the initial state and numbers each reading one above the last', () => {
    const registers = createMeterRegisters(reading(41, 1000, 5, 3000));
    assert.deepEqual(registers.current(), reading(41, 1000, 5, 3000));
    assert.deepEqual(registers.record(energy(2.5, 0, 4.75)), reading(42, 1002, 5, 3004));
    assert.deepEqual(registers.record(energy(0.5, 0.25, 0.5)), reading(43, 1003, 5, 3005));
    assert.deepEqual(registers.carried(), { exportedWh: 0, importedWh: 0.25, generatedWh: 0.25 });
  });

  it('keeps generation a whole register that rises at least as much as export', () => {
    const registers = createMeterRegisters();
    // Exact generation 1.0 then 1.1, export 0.9 then 1.0. Flooring generation on its own would
    // give 1 then 1 while export goes 0 then 1: more exported than generated in the second
    // interval. As exported + self-consumed it goes 0 then 1.
    assert.deepEqual(registers.record(energy(0.9, 0, 1)), reading(1, 0, 0, 0));
    assert.deepEqual(registers.record(energy(0.1, 0, 0.1)), reading(2, 1, 0, 1));
  });

  it('carries fractions forward instead of losing them', () => {
    const registers = createMeterRegisters();
    for (let i = 0; i < 1000; i++) registers.record(energy(0.3, 0.7, 0.45));
    const { exportedWh, importedWh, generatedWh } = registers.current();
    assert.ok(Math.abs(exportedWh - 300) <= 1 && exportedWh <= 300);
    assert.ok(Math.abs(importedWh - 700) <= 1 && importedWh <= 700);
    assert.ok(Math.abs(generatedWh - 450) <= 2 && generatedWh <= 450, `${generatedWh}`);
  });

  it('refuses negative or non-finite energy, export above generation and bad initial values', () => {
    const registers = createMeterRegisters();
    assert.throws(
      () => registers.record({ exportedWh: -1, importedWh: 0, generatedWh: 0 }),
      /RangeError: exportedWh must be a finite, non-negative number of Wh, got -1/,
    );
    assert.throws(
      () =>
        registers.record({ exportedWh: 0, importedWh: Number.POSITIVE_INFINITY, generatedWh: 0 }),
      RangeError,
    );
    assert.throws(
      () => registers.record({ exportedWh: 0, importedWh: 0, generatedWh: Number.NaN }),
      /RangeError: generatedWh must be a finite, non-negative number of Wh, got NaN/,
    );
    assert.throws(
      () =>
        registers.record({ exportedWh: '1' as unknown as number, importedWh: 0, generatedWh: 2 }),
      TypeError,
    );
    assert.throws(
      () => registers.record(energy(2, 0, 1)),
      /RangeError: generatedWh must be at least exportedWh \(no storage behind the meter\), got 1 < 2/,
    );
    assert.deepEqual(registers.current(), reading(0, 0, 0, 0));
    assert.deepEqual(registers.carried(), { exportedWh: 0, importedWh: 0, generatedWh: 0 });
    assert.throws(() => createMeterRegisters({ exportedWh: 1.5 }), /non-negative safe integer/);
    assert.throws(() => createMeterRegisters({ generatedWh: -1 }), /generatedWh must be/);
    assert.throws(() => createMeterRegisters({ sequence: -1 }), RangeError);
  });
});

describe('readHouseholdDay', () => {
  it('is monotonic, whole, and matches the day within 1 Wh (generation within 2 Wh)', () => {
    for (const seed of [1, 2, 3, 'x']) {
      for (const panelKwp of [0, 3, 5, 10]) {
        const day = simulateHouseholdDay({
          seed,
          household: 'h',
          date: '2026-05-01',
          panelKwp,
          intervalMinutes: 5,
        });
        const readings = readHouseholdDay(day);
        assert.equal(readings.length, day.samples.length);
        let previous = { sequence: 0, exportedWh: 0, importedWh: 0, generatedWh: 0 };
        for (const reading of readings) {
          assert.equal(reading.sequence, previous.sequence + 1);
          assert.ok(Number.isSafeInteger(reading.exportedWh));
          assert.ok(Number.isSafeInteger(reading.importedWh));
          assert.ok(Number.isSafeInteger(reading.generatedWh));
          assert.ok(reading.exportedWh >= previous.exportedWh);
          assert.ok(reading.importedWh >= previous.importedWh);
          assert.ok(
            reading.generatedWh - previous.generatedWh >= reading.exportedWh - previous.exportedWh,
            'generation rises at least as much as export',
          );
          previous = reading;
        }
        assert.equal(readings.at(-1)?.endMinute, 1440);
        const sum = (key: 'exportedWh' | 'importedWh' | 'generatedWh') =>
          day.samples.reduce((total, s) => total + s[key], 0);
        assert.ok(Math.abs(previous.exportedWh - sum('exportedWh')) < 1);
        assert.ok(Math.abs(previous.importedWh - sum('importedWh')) < 1);
        assert.ok(Math.abs(previous.exportedWh - day.totals.exportedWh) < 1);
        assert.ok(previous.generatedWh <= day.totals.pvWh + 1e-6);
        assert.ok(day.totals.pvWh - previous.generatedWh < 2);
        if (panelKwp === 0) {
          assert.equal(previous.exportedWh, 0);
          assert.equal(previous.generatedWh, 0);
        } else assert.ok(previous.generatedWh > previous.exportedWh, 'some PV used at home');
      }
    }
  });

  it('continues registers across days', () => {
    const options = { seed: 9, household: 'h', panelKwp: 4, intervalMinutes: 30 };
    const registers = createMeterRegisters();
    readHouseholdDay(simulateHouseholdDay({ ...options, date: '2026-07-01' }), registers);
    const first = registers.current();
    const second = readHouseholdDay(
      simulateHouseholdDay({ ...options, date: '2026-07-02' }),
      registers,
    );
    assert.equal(second[0]?.sequence, first.sequence + 1);
    assert.ok((second.at(-1)?.exportedWh ?? 0) > first.exportedWh);
    assert.ok((second.at(-1)?.generatedWh ?? 0) > first.generatedWh);
  });
});
