// The household day: deterministic per seed, a PV curve that follows the sun, a load with two
// peaks, and only the net flow crossing the meter.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HouseholdDayOptions } from '../../../../node/meters/household-day-options.ts';
import { simulateHouseholdDay } from '../../../../node/meters/simulate-household-day.ts';

const base: HouseholdDayOptions = {
  seed: 7,
  household: 'household-001',
  date: '2026-06-21',
  panelKwp: 5,
  intervalMinutes: 15,
};

const hourOf = (startMinute: number, intervalMinutes: number) =>
  (startMinute + intervalMinutes / 2) / 60;

describe('simulateHouseholdDay', () => {
  it('gives the same day, byte for byte, for the same options', () => {
    for (const seed of [0, 1, 4294967295, 'community-a']) {
      const a = simulateHouseholdDay({ ...base, seed });
      const b = simulateHouseholdDay({ ...base, seed });
      assert.equal(JSON.stringify(a), JSON.stringify(b));
    }
  });

  it('gives different days for different seeds, households and dates', () => {
    const a = JSON.stringify(simulateHouseholdDay(base).samples);
    assert.notEqual(a, JSON.stringify(simulateHouseholdDay({ ...base, seed: 8 }).samples));
    assert.notEqual(a, JSON.stringify(simulateHouseholdDay({ ...base, household: 'h-2' }).samples));
    assert.notEqual(
      a,
      JSON.stringify(simulateHouseholdDay({ ...base, date: '2026-06-22' }).samples),
    );
  });

  it('shares one sky among the households of a seed and date', () => {
    const a = simulateHouseholdDay({ ...base, household: 'a' });
    const b = simulateHouseholdDay({ ...base, household: 'b' });
    assert.equal(a.cloudCover, b.cloudCover);
    assert.deepEqual(
      a.samples.map((s) => s.pvW),
      b.samples.map((s) => s.pvW),
    );
  });

  it('has one sample per interval, covering the day', () => {
    for (const intervalMinutes of [1, 5, 15, 60, 1440]) {
      const day = simulateHouseholdDay({ ...base, intervalMinutes });
      assert.equal(day.samples.length, 1440 / intervalMinutes);
      day.samples.forEach((s, i) => {
        assert.equal(s.index, i);
        assert.equal(s.startMinute, i * intervalMinutes);
      });
    }
  });

  it('makes no PV at night and peaks near solar noon', () => {
    for (const date of ['2026-03-20', '2026-06-21', '2026-12-21']) {
      const day = simulateHouseholdDay({ ...base, date, intervalMinutes: 5, cloudCover: 0 });
      for (const s of day.samples) {
        const hour = hourOf(s.startMinute, 5);
        if (hour < 4.5 || hour > 19.5) assert.equal(s.pvW, 0, `pv at ${hour} h on ${date}`);
        assert.ok(s.pvW >= 0);
      }
      const peak = day.samples.reduce((a, b) => (b.pvW > a.pvW ? b : a));
      // 121.5° E on UTC+8 clocks: solar noon near 11:54 (within the equation of time).
      const peakHour = hourOf(peak.startMinute, 5);
      assert.ok(peakHour > 11.5 && peakHour < 12.4, `peak at ${peakHour} h on ${date}`);
      assert.ok(peak.pvW <= 5000, 'never above the rated power');
    }
  });

  it('makes more PV in summer than in winter on clear days', () => {
    const summer = simulateHouseholdDay({ ...base, cloudCover: 0 }).totals.pvWh;
    const winter = simulateHouseholdDay({ ...base, date: '2026-12-21', cloudCover: 0 }).totals.pvWh;
    assert.ok(summer > 1.8 * winter, `${summer} vs ${winter}`);
  });

  it('never makes more PV under clouds than under a clear sky, and never negative', () => {
    for (let seed = 0; seed < 30; seed++) {
      const clear = simulateHouseholdDay({ ...base, seed, cloudCover: 0 });
      const cloudy = simulateHouseholdDay({ ...base, seed });
      cloudy.samples.forEach((s, i) => {
        assert.ok(s.pvW >= 0);
        assert.ok(s.pvW <= (clear.samples[i]?.pvW ?? 0) + 1e-9);
      });
    }
  });

  it('exports a plausible 10–35 kWh from 5 kWp on a clear summer day', () => {
    for (let seed = 0; seed < 20; seed++) {
      const { totals } = simulateHouseholdDay({ ...base, seed, cloudCover: 0 });
      assert.ok(totals.exportedWh > 10_000 && totals.exportedWh < 35_000, `${totals.exportedWh}`);
    }
  });

  it('never exports without panels: a 0 kWp household only imports', () => {
    for (let seed = 0; seed < 20; seed++) {
      const day = simulateHouseholdDay({ ...base, seed, panelKwp: 0 });
      for (const s of day.samples) {
        assert.equal(s.pvW, 0);
        assert.equal(s.exportedWh, 0);
        assert.equal(s.generatedWh, 0);
        assert.ok(s.importedWh > 0);
      }
      assert.ok(Math.abs(day.totals.importedWh - day.totals.loadWh) < 1e-6);
    }
  });

  it('puts only the net flow on the meter, never both directions at once', () => {
    const day = simulateHouseholdDay({ ...base, intervalMinutes: 10 });
    const hours = 10 / 60;
    for (const s of day.samples) {
      assert.ok(s.exportedWh === 0 || s.importedWh === 0);
      assert.ok(Math.abs(s.exportedWh - s.importedWh - (s.pvW - s.loadW) * hours) < 1e-9);
      assert.equal(s.generatedWh, s.pvW * hours);
      assert.ok(s.generatedWh >= s.exportedWh, 'export comes from the panels');
    }
    const { pvWh, loadWh, exportedWh, importedWh, selfConsumedWh } = day.totals;
    assert.ok(Math.abs(pvWh - exportedWh - selfConsumedWh) < 1e-6);
    assert.ok(Math.abs(loadWh - importedWh - selfConsumedWh) < 1e-6);
  });

  it('draws a load with a morning and an evening peak', () => {
    for (let seed = 0; seed < 20; seed++) {
      const day = simulateHouseholdDay({ ...base, seed, panelKwp: 0, intervalMinutes: 60 });
      const load = day.samples.map((s) => s.loadW);
      const night = Math.max(...load.slice(1, 4)); // 01:00–04:00
      const morning = Math.max(...load.slice(6, 9)); // 06:00–09:00
      const afternoon = Math.min(...load.slice(14, 17)); // 14:00–17:00
      const evening = Math.max(...load.slice(18, 22)); // 18:00–22:00
      assert.ok(morning > 1.5 * night && morning > afternoon, `morning, seed ${seed}`);
      assert.ok(evening > 1.5 * night && evening > 1.3 * afternoon, `evening, seed ${seed}`);
      assert.ok(load.every((w) => w > 0));
    }
  });

  it('refuses invalid options with clear messages', () => {
    const bad: [
      Partial<HouseholdDayOptions> | Record<string, unknown>,
      ErrorConstructor,
      RegExp,
    ][] = [
      [{ panelKwp: -1 }, RangeError, /panelKwp must be in \[0, 1000\], got -1/],
      [{ panelKwp: Number.NaN }, RangeError, /panelKwp must be finite/],
      [{ panelKwp: '5' }, TypeError, /panelKwp must be a number, got string/],
      [{ intervalMinutes: 7 }, RangeError, /intervalMinutes must .*dividing 1440.*got 7/],
      [{ intervalMinutes: 2.5 }, RangeError, /intervalMinutes must .*dividing 1440/],
      [{ intervalMinutes: 0 }, RangeError, /intervalMinutes must be in \[1, 1440\]/],
      [{ intervalMinutes: 2880 }, RangeError, /intervalMinutes must be in \[1, 1440\]/],
      [{ date: '2026-02-30' }, RangeError, /date must be a real calendar date/],
      [{ date: '21/06/2026' }, RangeError, /date must be YYYY-MM-DD/],
      [{ date: 20260621 }, TypeError, /date must be a string/],
      [{ seed: -1 }, RangeError, /seed must be an integer in \[0, 4294967295\]/],
      [{ seed: 1.5 }, RangeError, /seed must be an integer/],
      [{ seed: '' }, RangeError, /seed must not be an empty string/],
      [{ seed: null }, TypeError, /seed must be a number or a string/],
      [{ household: '' }, RangeError, /household must not be empty/],
      [{ household: 3 }, TypeError, /household must be a string/],
      [{ performanceRatio: 0 }, RangeError, /performanceRatio must be in \(0, 1\]/],
      [{ performanceRatio: 1.2 }, RangeError, /performanceRatio must be in \(0, 1\]/],
      [{ cloudCover: 2 }, RangeError, /cloudCover must be in \[0, 1\]/],
      [
        { site: { latitude: 95, longitude: 0, utcOffsetMinutes: 0 } },
        RangeError,
        /site.latitude must be in \[-90, 90\]/,
      ],
      [
        { site: { latitude: 0, longitude: 0, utcOffsetMinutes: 30.5 } },
        RangeError,
        /site.utcOffsetMinutes must be an integer/,
      ],
      [{ site: null }, TypeError, /site must be an object, got null/],
    ];
    for (const [patch, type, message] of bad) {
      assert.throws(
        () => simulateHouseholdDay({ ...base, ...patch } as HouseholdDayOptions),
        (error: unknown) => error instanceof type && message.test((error as Error).message),
        JSON.stringify(patch),
      );
    }
    assert.throws(() => simulateHouseholdDay(null as unknown as HouseholdDayOptions), TypeError);
  });
});
