// A fake clock for simulations: timers fire in (time, creation) order when the test steps it, so
// a run is a function of its seed; nothing waits for real time.

type Timer = { at: number; id: number; fn: () => void };

export type SimClock = ReturnType<typeof createSimClock>;

export function createSimClock() {
  let now = 0;
  let nextId = 0;
  const timers = new Map<number, Timer>();
  return {
    now: (): number => now,
    setTimer(ms: number, fn: () => void): number {
      const id = ++nextId;
      timers.set(id, { at: now + Math.max(0, ms), id, fn });
      return id;
    },
    clearTimer(handle: unknown): void {
      timers.delete(handle as number);
    },
    /** Moves to the next instant with timers and runs them all; false when there are none. */
    step(): boolean {
      let next: number | null = null;
      for (const timer of timers.values()) if (next === null || timer.at < next) next = timer.at;
      if (next === null) return false;
      now = next;
      const due = [...timers.values()].filter((t) => t.at === now).sort((a, b) => a.id - b.id);
      for (const timer of due) {
        if (!timers.delete(timer.id)) continue; // cleared by an earlier one
        timer.fn();
      }
      return true;
    },
    pending: (): number => timers.size,
  };
}
