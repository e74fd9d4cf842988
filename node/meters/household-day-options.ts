// The options of one simulated household day, checked: a wrong type is a TypeError, a value out
// of range a RangeError, each naming the option and what it must be.
import type { Seed } from './seeded-random.ts';
import type { Site } from './solar-position.ts';

/** A Shanghai-area community (31.2° N, 121.5° E, clocks on UTC+8). */
export const DEFAULT_SITE: Site = { latitude: 31.2, longitude: 121.5, utcOffsetMinutes: 480 };

/** The share of rated power left after inverter, wiring, temperature and soiling losses. */
export const DEFAULT_PERFORMANCE_RATIO = 0.8;

export type HouseholdDayOptions = {
  /** The scenario: an unsigned 32-bit integer or a non-empty string. */
  seed: Seed;
  /** The household (or meter) identifier; its load traits follow from it and the seed. */
  household: string;
  /** The local calendar date, `YYYY-MM-DD`. */
  date: string;
  /** Rated PV power in kWp; 0 for a household without panels. */
  panelKwp: number;
  /** Minutes per sample; must divide a day (1440) evenly. */
  intervalMinutes: number;
  /** Where the community lies; defaults to `DEFAULT_SITE`. */
  site?: Site;
  /** In (0, 1]; defaults to `DEFAULT_PERFORMANCE_RATIO`. */
  performanceRatio?: number;
  /** Fixes the day's cloud cover in [0, 1] instead of drawing it from the seed (0: clear sky). */
  cloudCover?: number;
};

export type CheckedHouseholdDayOptions = Required<Omit<HouseholdDayOptions, 'cloudCover'>> & {
  cloudCover: number | undefined;
};

/** Generous upper bound: a rooftop, not a power station. */
const MAX_PANEL_KWP = 1000;

function finite(name: string, value: unknown): number {
  if (typeof value !== 'number')
    throw new TypeError(`${name} must be a number, got ${typeof value}`);
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be finite, got ${value}`);
  return value;
}

function within(name: string, value: unknown, min: number, max: number): number {
  const n = finite(name, value);
  if (n < min || n > max) throw new RangeError(`${name} must be in [${min}, ${max}], got ${n}`);
  return n;
}

function checkDate(date: unknown): string {
  if (typeof date !== 'string') throw new TypeError(`date must be a string, got ${typeof date}`);
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`date must be YYYY-MM-DD, got "${date}"`);
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const parsed = new Date(Date.UTC(y, m - 1, d));
  if (parsed.getUTCFullYear() !== y || parsed.getUTCMonth() !== m - 1 || parsed.getUTCDate() !== d)
    throw new RangeError(`date must be a real calendar date, got "${date}"`);
  return date;
}

function checkSeed(seed: unknown): Seed {
  if (typeof seed === 'string') {
    if (seed.length === 0) throw new RangeError('seed must not be an empty string');
    return seed;
  }
  if (typeof seed !== 'number')
    throw new TypeError(`seed must be a number or a string, got ${typeof seed}`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffff_ffff)
    throw new RangeError(`seed must be an integer in [0, 4294967295], got ${seed}`);
  return seed;
}

function checkSite(site: unknown): Site {
  if (typeof site !== 'object' || site === null)
    throw new TypeError(`site must be an object, got ${site === null ? 'null' : typeof site}`);
  const s = site as Record<string, unknown>;
  const utcOffsetMinutes = within('site.utcOffsetMinutes', s.utcOffsetMinutes, -720, 840);
  if (!Number.isInteger(utcOffsetMinutes))
    throw new RangeError(`site.utcOffsetMinutes must be an integer, got ${utcOffsetMinutes}`);
  return {
    latitude: within('site.latitude', s.latitude, -90, 90),
    longitude: within('site.longitude', s.longitude, -180, 180),
    utcOffsetMinutes,
  };
}

/** `options` with defaults filled in, or a TypeError/RangeError naming what is wrong. */
export function checkHouseholdDayOptions(options: HouseholdDayOptions): CheckedHouseholdDayOptions {
  if (typeof options !== 'object' || options === null)
    throw new TypeError('options must be an object');
  const { household } = options;
  if (typeof household !== 'string')
    throw new TypeError(`household must be a string, got ${typeof household}`);
  if (household.length === 0) throw new RangeError('household must not be empty');
  const intervalMinutes = within('intervalMinutes', options.intervalMinutes, 1, 1440);
  if (!Number.isInteger(intervalMinutes) || 1440 % intervalMinutes !== 0)
    throw new RangeError(
      `intervalMinutes must be a whole number of minutes dividing 1440 (e.g. 5, 15, 60), got ${intervalMinutes}`,
    );
  const ratio = options.performanceRatio ?? DEFAULT_PERFORMANCE_RATIO;
  if (finite('performanceRatio', ratio) <= 0 || ratio > 1)
    throw new RangeError(`performanceRatio must be in (0, 1], got ${ratio}`);
  return {
    seed: checkSeed(options.seed),
    household,
    date: checkDate(options.date),
    panelKwp: within('panelKwp', options.panelKwp, 0, MAX_PANEL_KWP),
    intervalMinutes,
    site: checkSite(options.site === undefined ? DEFAULT_SITE : options.site),
    performanceRatio: ratio,
    cloudCover:
      options.cloudCover === undefined ? undefined : within('cloudCover', options.cloudCover, 0, 1),
  };
}
