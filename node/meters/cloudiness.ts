// The weather over the community for one day: a seeded clear-sky index in [0, 1] per interval.
// A day-level cloud cover N in [0, 1] dims the whole day by the Kasten & Czeplak (1980) relation
// G/G_clear = 1 - 0.75 N^3.4; on top of it passing clouds make short dips, an AR(1) (discretised
// Ornstein-Uhlenbeck) process whose positive excursions, scaled by N, cut the light. The process
// depends on the seed and the date only, so every household of a community sees the same sky.
import { createSeededRandom, type Seed } from './seeded-random.ts';

/** How long a passing cloud lasts, roughly: the correlation time of the dip process. */
const DIP_CORRELATION_MINUTES = 20;
/** The deepest a dip may cut the light, as a fraction of it (thick cumulus). */
const MAX_DIP = 0.85;

export type DayWeather = {
  /** The day's cloud cover, 0 (clear) to 1 (overcast). */
  cloudCover: number;
  /** Clear-sky index per interval, in [0, 1]: the fraction of clear-sky irradiance received. */
  clearSkyIndex: number[];
};

/**
 * The sky of `date` under `seed` in `intervals` intervals of `intervalMinutes`. `cloudCover`
 * fixes the day's cover instead of drawing it (0 gives a perfectly clear day without dips).
 */
export function simulateDayWeather(
  seed: Seed,
  date: string,
  intervalMinutes: number,
  cloudCover?: number,
): DayWeather {
  const random = createSeededRandom(seed, 'weather', date);
  // Drawn even when fixed, so that the dips of a seed do not depend on whether it was fixed.
  const drawn = random.next() ** 1.5; // skewed towards clear days; mean 0.4
  const cover = cloudCover ?? drawn;
  const dayIndex = 1 - 0.75 * cover ** 3.4;
  const phi = Math.exp(-intervalMinutes / DIP_CORRELATION_MINUTES);
  const innovation = Math.sqrt(1 - phi * phi);
  const depth = 0.7 * cover;
  const intervals = 1440 / intervalMinutes;
  const clearSkyIndex: number[] = new Array(intervals);
  let x = random.normal();
  for (let i = 0; i < intervals; i++) {
    const dip = Math.min(MAX_DIP, depth * Math.max(0, x));
    clearSkyIndex[i] = Math.max(0, dayIndex * (1 - dip));
    x = phi * x + innovation * random.normal();
  }
  return { cloudCover: cover, clearSkyIndex };
}
