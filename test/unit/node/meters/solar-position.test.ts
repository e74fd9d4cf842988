// The sun's position and the clear-sky irradiance against textbook values.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { haurwitzIrradiance } from '../../../../node/meters/clear-sky-irradiance.ts';
import { DEFAULT_SITE } from '../../../../node/meters/household-day-options.ts';
import { cosSolarZenith, dayOfYear } from '../../../../node/meters/solar-position.ts';

const DEG = Math.PI / 180;
/** The highest cos(zenith) of a day, searched minute by minute. */
const noonCos = (date: string) =>
  Math.max(...Array.from({ length: 1440 }, (_, m) => cosSolarZenith(DEFAULT_SITE, date, m)));

describe('solar position', () => {
  it('counts days of the year', () => {
    assert.equal(dayOfYear('2026-01-01'), 1);
    assert.equal(dayOfYear('2026-12-31'), 365);
    assert.equal(dayOfYear('2028-12-31'), 366);
  });

  it('puts the noon sun at 90° - latitude ± 23.44° at the solstices', () => {
    // 31.2° N: zenith 7.8° in June, 54.6° in December (within half a degree).
    assert.ok(Math.abs(Math.acos(noonCos('2026-06-21')) / DEG - 7.76) < 0.5);
    assert.ok(Math.abs(Math.acos(noonCos('2026-12-21')) / DEG - 54.64) < 0.5);
  });

  it('has the sun down at midnight and up at noon', () => {
    assert.ok(cosSolarZenith(DEFAULT_SITE, '2026-06-21', 0) < 0);
    assert.ok(cosSolarZenith(DEFAULT_SITE, '2026-12-21', 12 * 60) > 0);
  });
});

describe('haurwitzIrradiance', () => {
  it('is about 1035 W/m² overhead and zero with the sun down', () => {
    assert.ok(Math.abs(haurwitzIrradiance(1) - 1098 * Math.exp(-0.059)) < 1e-9);
    assert.equal(haurwitzIrradiance(0), 0);
    assert.equal(haurwitzIrradiance(-0.5), 0);
    assert.ok(haurwitzIrradiance(0.5) < haurwitzIrradiance(0.9));
  });
});
