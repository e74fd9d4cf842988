// The options of a simulation run, checked: a wrong type is a TypeError, a value out of range a
// RangeError, each naming the option. The meters' own fields are checked here too, since a bad
// key or a start in the future of the simulated days would only fail later, on the chain.
import {
  MAX_METER_ID_BYTES,
  MAX_METER_READINGS_PER_OPERATION,
} from '../../../light-client/transactions/limits.ts';
import { checkHouseholdDayOptions, DEFAULT_SITE } from '../household-day-options.ts';
import type { Site } from '../solar-position.ts';
import { localTimeMs, type SimulatedMeter } from './simulated-meter.ts';

export type SimulationOptions = {
  /** The chain the readings and transactions are signed for. */
  chainId: string;
  /** The first simulated local date, `YYYY-MM-DD`. */
  date: string;
  /** Days simulated one after the other (default 1). */
  days?: number;
  /** Simulated minutes between readings; must divide a day (default 15). */
  intervalMinutes?: number;
  /** Simulated seconds per real second (default 3600); `Infinity`: as fast as possible. */
  speed?: number;
  /** Where the community lies (default `DEFAULT_SITE`). */
  site?: Site;
  /** Readings per SubmitMeterReadings transaction (default and most: 256). */
  maxReadingsPerTransaction?: number;
  /** The relay's transactions submitted but not yet executed, at most (default 128). */
  maxPendingTransactions?: number;
};

export type CheckedSimulationOptions = Required<SimulationOptions>;

export const DEFAULT_SPEED = 3600;
export const DEFAULT_INTERVAL_MINUTES = 15;
const MAX_DAYS = 3660;

function integer(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number')
    throw new TypeError(`${name} must be a number, got ${typeof value}`);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new RangeError(`${name} must be an integer in [${min}, ${max}], got ${value}`);
  return value;
}

export function checkSimulationOptions(options: SimulationOptions): CheckedSimulationOptions {
  if (typeof options !== 'object' || options === null)
    throw new TypeError('options must be an object');
  if (typeof options.chainId !== 'string' || options.chainId === '')
    throw new TypeError('chainId must be a non-empty string');
  const speed = options.speed ?? DEFAULT_SPEED;
  if (typeof speed !== 'number' || Number.isNaN(speed) || speed <= 0)
    throw new RangeError(`speed must be a positive number (or Infinity), got ${speed}`);
  // The day model checks the date, the interval and the site, naming each.
  const day = checkHouseholdDayOptions({
    seed: 0,
    household: 'options',
    date: options.date,
    panelKwp: 0,
    intervalMinutes: options.intervalMinutes ?? DEFAULT_INTERVAL_MINUTES,
    site: options.site ?? DEFAULT_SITE,
  });
  return {
    chainId: options.chainId,
    date: day.date,
    days: integer('days', options.days ?? 1, 1, MAX_DAYS),
    intervalMinutes: day.intervalMinutes,
    speed,
    site: day.site,
    maxReadingsPerTransaction: integer(
      'maxReadingsPerTransaction',
      options.maxReadingsPerTransaction ?? MAX_METER_READINGS_PER_OPERATION,
      1,
      MAX_METER_READINGS_PER_OPERATION,
    ),
    maxPendingTransactions: integer(
      'maxPendingTransactions',
      options.maxPendingTransactions ?? 128,
      1,
      1_000_000,
    ),
  };
}

/** Throws naming the meter and field when a meter cannot be simulated from `options.date`. */
export function checkSimulatedMeters(
  meters: readonly SimulatedMeter[],
  options: CheckedSimulationOptions,
): void {
  if (!Array.isArray(meters)) throw new TypeError('meters must be an array');
  const ids = new Set<string>();
  const firstMs = localTimeMs(options.site, options.date, 0);
  meters.forEach((meter, i) => {
    const name = `meters[${i}]`;
    if (typeof meter.meterId !== 'string' || meter.meterId === '')
      throw new TypeError(`${name}.meterId must be a non-empty string`);
    if (new TextEncoder().encode(meter.meterId).length > MAX_METER_ID_BYTES)
      throw new RangeError(`${name}.meterId must be at most ${MAX_METER_ID_BYTES} bytes of UTF-8`);
    if (ids.has(meter.meterId))
      throw new RangeError(`${name}: meter ${meter.meterId} is listed twice`);
    ids.add(meter.meterId);
    if (!(meter.secretKey instanceof Uint8Array) || meter.secretKey.length !== 32)
      throw new TypeError(`${name}.secretKey must be 32 bytes`);
    if (!(meter.household instanceof Uint8Array) || meter.household.length !== 23)
      throw new TypeError(`${name}.household must be a 23-byte address`);
    if (meter.kind !== 'pv' && meter.kind !== 'ordinary')
      throw new RangeError(`${name}.kind must be "pv" or "ordinary", got ${String(meter.kind)}`);
    checkHouseholdDayOptions({
      seed: meter.seed,
      household: meter.meterId,
      date: options.date,
      panelKwp: meter.panelKwp,
      intervalMinutes: options.intervalMinutes,
    });
    const start = meter.start;
    if (start) {
      for (const field of [
        'sequence',
        'exportedWh',
        'importedWh',
        'generatedWh',
        'timeMs',
      ] as const)
        if (!Number.isSafeInteger(start[field]) || start[field] < 0)
          throw new RangeError(`${name}.start.${field} must be a non-negative safe integer`);
      if (start.timeMs > firstMs)
        throw new RangeError(
          `date ${options.date} begins before meter ${meter.meterId}'s last reading (${new Date(start.timeMs).toISOString()}); simulate a later date`,
        );
    }
  });
}
