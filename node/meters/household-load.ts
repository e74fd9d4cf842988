// A household's electricity demand over a day: a base load (fridge, standby, router), a morning
// peak (breakfast, water heating), a small daytime bump (people at home) and an evening peak
// (cooking, lighting, air conditioning), each a Gaussian in clock time with per-household centre,
// width and height, times a lognormal AR(1) noise so that no two days are alike. Never negative.
import { createSeededRandom, type Seed } from './seeded-random.ts';

export type LoadProfile = {
  baseW: number;
  morning: Peak;
  daytime: Peak;
  evening: Peak;
};

export type Peak = { centreHour: number; widthHours: number; heightW: number };

/** How quickly the load noise forgets, in minutes. */
const NOISE_CORRELATION_MINUTES = 45;
/** The spread of the load noise (of its logarithm). */
const NOISE_SIGMA = 0.2;

/** The household's traits: fixed for a seed and a household, the same on every date. */
export function loadProfileOf(seed: Seed, household: string): LoadProfile {
  const r = createSeededRandom(seed, 'load-profile', household);
  return {
    baseW: r.between(150, 350),
    morning: {
      centreHour: r.between(6.5, 8),
      widthHours: r.between(0.6, 1),
      heightW: r.between(700, 1400),
    },
    daytime: {
      centreHour: r.between(12, 14),
      widthHours: r.between(2, 3),
      heightW: r.between(0, 300),
    },
    evening: {
      centreHour: r.between(18.5, 20.5),
      widthHours: r.between(1, 1.6),
      heightW: r.between(1100, 2200),
    },
  };
}

const gaussian = (hour: number, peak: Peak): number =>
  peak.heightW * Math.exp(-0.5 * ((hour - peak.centreHour) / peak.widthHours) ** 2);

/** The profile's noiseless demand in W at `hour` (local clock, may be fractional). */
export function meanLoadW(profile: LoadProfile, hour: number): number {
  return (
    profile.baseW +
    gaussian(hour, profile.morning) +
    gaussian(hour, profile.daytime) +
    gaussian(hour, profile.evening)
  );
}

/** The demand in W at the middle of each interval of `date`. */
export function simulateDayLoad(
  seed: Seed,
  household: string,
  date: string,
  intervalMinutes: number,
): number[] {
  const profile = loadProfileOf(seed, household);
  const random = createSeededRandom(seed, 'load-noise', household, date);
  const phi = Math.exp(-intervalMinutes / NOISE_CORRELATION_MINUTES);
  const innovation = Math.sqrt(1 - phi * phi);
  const intervals = 1440 / intervalMinutes;
  const loads: number[] = new Array(intervals);
  let x = random.normal();
  for (let i = 0; i < intervals; i++) {
    const hour = ((i + 0.5) * intervalMinutes) / 60;
    // exp(σx - σ²/2) has mean 1: the noise reshapes the day without biasing its energy.
    loads[i] = meanLoadW(profile, hour) * Math.exp(NOISE_SIGMA * x - NOISE_SIGMA ** 2 / 2);
    x = phi * x + innovation * random.normal();
  }
  return loads;
}
