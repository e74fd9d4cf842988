// A seeded pseudo-random source, so that a failing random case can be replayed from its seed.

export type Random = {
  readonly seed: number;
  /** An integer in [0, limit). */
  int(limit: number): number;
  bytes(length: number): Uint8Array;
};

/** mulberry32: small, fast and good enough to pick test inputs (not for keys). */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return {
    seed,
    int: (limit) => Math.floor((next() / 2 ** 32) * limit),
    bytes(length) {
      const out = new Uint8Array(length);
      for (let i = 0; i < length; i += 4) {
        const word = next();
        for (let k = 0; k < 4 && i + k < length; k++) out[i + k] = (word >>> (8 * k)) & 0xff;
      }
      return out;
    },
  };
}

/** A seed from the environment (TEST_SEED) when replaying, else a fresh one that tests print. */
export function testSeed(fromEnvironment: string | undefined): number {
  const seed = fromEnvironment ? Number(fromEnvironment) : Math.floor(Math.random() * 2 ** 32);
  if (!Number.isInteger(seed))
    throw new RangeError(`TEST_SEED must be an integer, got ${fromEnvironment}`);
  return seed;
}
