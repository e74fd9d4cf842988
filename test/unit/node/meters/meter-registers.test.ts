// The cumulative registers: whole Wh, monotonic, sequenced, and carrying fractions so that the
// day's totals match the intervals within 1 Wh.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMeterRegisters, readHouseholdDay } from '../../../../node/meters/meter-registers.ts';
import { simulateHouseholdDay } from '../../../../node/meters/simulate-household-day.ts';

describe('createMeterRegisters', () => {
  it('starts at the initial state and numbers each reading one above the last', () => {
    const registers = createMeterRegisters({ sequence: 41, exportedWh: 1000, importedWh: 5 });
    assert.deepEqual(registers.current(), { sequence: 41, exportedWh: 1000, importedWh: 5 });
    assert.deepEqual(registers.record({ exportedWh: 2.5, importedWh: 0 }), {
      sequence: 42,
      exportedWh: 1002,
      importedWh: 5,
    });
    assert.deepEqual(registers.record({ exportedWh: 0.5, importedWh: 0.25 }), {
      sequence: 43,
      exportedWh: 1003,
      importedWh: 5,
    });
    assert.deepEqual(registers.carried(), { exportedWh: 0, importedWh: 0.25 });
  });

  it('carries fractions forward instead of losing them', () => {
    const registers = createMeterRegisters();
    for (let i = 0; i < 1000; i++) registers.record({ exportedWh: 0.3, importedWh: 0.7 });
    const { exportedWh, importedWh } = registers.current();
    assert.ok(Math.abs(exportedWh - 300) <= 1 && exportedWh <= 300);
    assert.ok(Math.abs(importedWh - 700) <= 1 && importedWh <= 700);
  });

  it('refuses negative or non-finite energy and bad initial values', () => {
    const registers = createMeterRegisters();
    assert.throws(
      () => registers.record({ exportedWh: -1, importedWh: 0 }),
      /RangeError: exportedWh must be a finite, non-negative number of Wh, got -1/,
    );
    assert.throws(
      () => registers.record({ exportedWh: 0, importedWh: Number.POSITIVE_INFINITY }),
      RangeError,
    );
    assert.throws(
      () => registers.record({ exportedWh: '1' as unknown as number, importedWh: 0 }),
      TypeError,
    );
    assert.deepEqual(registers.current(), { sequence: 0, exportedWh: 0, importedWh: 0 });
    assert.throws(() => createMeterRegisters({ exportedWh: 1.5 }), /non-negative safe integer/);
    assert.throws(() => createMeterRegisters({ sequence: -1 }), RangeError);
  });
});

describe('readHouseholdDay', () => {
  it('is monotonic, whole, and matches the day within 1 Wh', () => {
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
        let previous = { sequence: 0, exportedWh: 0, importedWh: 0 };
        for (const reading of readings) {
          assert.equal(reading.sequence, previous.sequence + 1);
          assert.ok(Number.isSafeInteger(reading.exportedWh));
          assert.ok(Number.isSafeInteger(reading.importedWh));
          assert.ok(reading.exportedWh >= previous.exportedWh);
          assert.ok(reading.importedWh >= previous.importedWh);
          previous = reading;
        }
        assert.equal(readings.at(-1)?.endMinute, 1440);
        const sum = (key: 'exportedWh' | 'importedWh') =>
          day.samples.reduce((total, s) => total + s[key], 0);
        assert.ok(Math.abs(previous.exportedWh - sum('exportedWh')) < 1);
        assert.ok(Math.abs(previous.importedWh - sum('importedWh')) < 1);
        assert.ok(Math.abs(previous.exportedWh - day.totals.exportedWh) < 1);
        if (panelKwp === 0) assert.equal(previous.exportedWh, 0);
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
  });
});
