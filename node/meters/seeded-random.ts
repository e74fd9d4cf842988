// A small seeded pseudo-random generator for the meter simulator: mulberry32 (Tommy Ettinger,
// public domain) over a 32-bit state, streams derived from a seed and labels by FNV-1a plus the
// murmur3 finaliser. Deterministic: the same seed and labels give the same numbers, byte for byte.
// Not for cryptography.

/** A seeded stream of numbers. */
export type SeededRandom = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  between(min: number, max: number): number;
  /** Standard normal (Box-Muller). */
  normal(): number;
};

/** A 32-bit seed: an unsigned integer, or a string hashed to one. */
export type Seed = number | string;

function fmix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

function fnv1a(text: string, start: number): number {
  let h = start >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The 32-bit state of the stream named by `labels` under `seed`. */
export function deriveSeed(seed: Seed, ...labels: string[]): number {
  let h = typeof seed === 'number' ? fmix32(seed ^ 0x9e3779b9) : fnv1a(seed, 0x811c9dc5);
  for (const label of labels) h = fmix32(fnv1a(`\u0000${label}`, h));
  return h;
}

/** A mulberry32 stream over the state derived from `seed` and `labels`. */
export function createSeededRandom(seed: Seed, ...labels: string[]): SeededRandom {
  let state = deriveSeed(seed, ...labels);
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    between: (min, max) => min + (max - min) * next(),
    normal: () => {
      const u = 1 - next(); // (0, 1]: the logarithm stays finite
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
  };
}
