// What the simulator needs to know of each meter, and how its clock maps a local calendar date
// and minute of the day to the time a meter writes into its readings (ms since the Unix epoch).
import type { MeterReadingValues } from '../../ledger/account-record.ts';
import type { Seed } from '../seeded-random.ts';
import type { Site } from '../solar-position.ts';

export type HouseholdKind = 'pv' | 'ordinary';

/** A meter's registers and clock at its last reading; a fresh meter starts at zero. */
export type MeterStart = {
  /** Sequence number of the last reading (0: none yet, so the first reading is 1). */
  sequence: number;
  exportedWh: number;
  importedWh: number;
  /** PV generation register (0 for a meter that has never reported generation). */
  generatedWh: number;
  /** Time of the last reading, ms; the simulated days must begin after it. */
  timeMs: number;
};

export type SimulatedMeter = {
  /** The id the grid registered (REGISTER_METER). */
  meterId: string;
  /** 32-byte Ed25519 secret key whose public key the grid registered. */
  secretKey: Uint8Array;
  /** 23-byte address of the household the meter belongs to. */
  household: Uint8Array;
  kind: HouseholdKind;
  /** Rated PV power in kWp (0 for an ordinary household). */
  panelKwp: number;
  /** The scenario: meters with the same seed share the community's sky. */
  seed: Seed;
  /** Where the registers continue from (defaults to a fresh meter). */
  start?: MeterStart;
};

export const FRESH_METER: MeterStart = {
  sequence: 0,
  exportedWh: 0,
  importedWh: 0,
  generatedWh: 0,
  timeMs: 0,
};

/** Where a meter continues from after `last`, its last reading on the chain (none: fresh). */
export function meterStartAfter(last: MeterReadingValues | undefined): MeterStart | undefined {
  if (!last) return undefined;
  return {
    sequence: Number(last.sequence),
    exportedWh: Number(last.exportedWh),
    importedWh: Number(last.importedWh),
    generatedWh: Number(last.generatedWh),
    timeMs: Number(last.timeMs),
  };
}

const MINUTE_MS = 60_000;
const DAY_MS = 1440 * MINUTE_MS;

function utcDayMs(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

/** The local calendar date `days` after `date` (both `YYYY-MM-DD`). */
export function addDays(date: string, days: number): string {
  return new Date(utcDayMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Ms since the epoch of `minute` minutes after local midnight of `date` at `site`. */
export function localTimeMs(site: Site, date: string, minute: number): number {
  return utcDayMs(date) - site.utcOffsetMinutes * MINUTE_MS + minute * MINUTE_MS;
}

/** The local calendar date at `site` of the instant `timeMs`. */
export function localDateOf(site: Site, timeMs: number): string {
  return new Date(timeMs + site.utcOffsetMinutes * MINUTE_MS).toISOString().slice(0, 10);
}
