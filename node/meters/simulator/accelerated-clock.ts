// The accelerated clock: simulated time runs `speed` times faster than real time, from the moment
// the clock starts. `waitFor(elapsedMs)` resolves when the simulated clock reaches `elapsedMs`
// after its start (at once if it already has), or early when the signal aborts. At speed
// Infinity it never waits for time, only yields to the event loop, so that a whole run goes as
// fast as the work allows and an abort is still seen between ticks.

export type AcceleratedClock = {
  /** Simulated seconds per real second. */
  readonly speed: number;
  /** Resolves once `elapsedMs` simulated ms have passed, or when `signal` aborts. */
  waitFor(elapsedMs: number, signal?: AbortSignal): Promise<void>;
};

export type ClockComponents = {
  /** A monotonic real clock, ms (default `performance.now`). */
  nowMs?: () => number;
};

/** setTimeout's longest delay; longer waits are made of several. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const sleep = (delayMs: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, delayMs);
    signal?.addEventListener('abort', done, { once: true });
  });

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function createAcceleratedClock(
  speed: number,
  components: ClockComponents = {},
): AcceleratedClock {
  if (typeof speed !== 'number' || Number.isNaN(speed) || speed <= 0)
    throw new RangeError(`speed must be a positive number (or Infinity), got ${speed}`);
  const nowMs = components.nowMs ?? (() => performance.now());
  const startMs = nowMs();
  const fast = speed === Number.POSITIVE_INFINITY;
  return {
    speed,
    async waitFor(elapsedMs, signal) {
      if (fast) return yieldToEventLoop();
      let delayMs = startMs + elapsedMs / speed - nowMs();
      if (delayMs <= 0 || signal?.aborted) return yieldToEventLoop();
      while (delayMs > 0 && !signal?.aborted) {
        await sleep(Math.min(delayMs, MAX_TIMER_MS), signal);
        delayMs = startMs + elapsedMs / speed - nowMs();
      }
    },
  };
}
