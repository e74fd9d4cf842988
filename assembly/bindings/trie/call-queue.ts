// The calls on one trie, serialised: the Wasm trie is changed in place and a call may wait for
// the store halfway through, so each call runs only once the calls made before it have settled.
// A call that needs no I/O while nothing is queued runs at once, without a trip through the
// microtask queue.

const noop = (): void => {};

/** Misuse found while checking arguments rejects the returned promise, like any other failure. */
export function guard<T>(start: () => Promise<T>): Promise<T> {
  try {
    return start();
  } catch (error) {
    return Promise.reject(error);
  }
}

export class CallQueue {
  #pending = 0;
  #tail: Promise<unknown> = Promise.resolve();
  #closed = false;
  /** Why the trie could not be opened: every call fails with it. */
  #broken: unknown = undefined;

  /** Whether a call now would wait behind another (its inputs must then be copied). */
  get busy(): boolean {
    return this.#pending > 0;
  }

  /** Every call made from now on fails with `error` (the store failed while opening the trie). */
  fail(error: unknown): void {
    this.#broken = error;
  }

  /**
   * Runs tasks one at a time in call order; a task that needs no I/O runs at once. Nothing runs
   * after close() was called, nor after fail().
   */
  run<T>(task: () => T | Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new TypeError('the trie is closed'));
    return this.#schedule((): T | Promise<T> => {
      if (this.#broken !== undefined) throw this.#broken;
      return task();
    });
  }

  /**
   * Runs `task` after the calls made before; calls made from now on fail at once. Only the first
   * close runs its task, and it runs even after fail().
   */
  close(task: () => void): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    return this.#schedule(task);
  }

  #schedule<T>(task: () => T | Promise<T>): Promise<T> {
    if (this.#pending === 0) {
      let result: T | Promise<T>;
      try {
        result = task();
      } catch (error) {
        return Promise.reject(error);
      }
      if (!(result instanceof Promise)) return Promise.resolve(result);
      return this.#track(result);
    }
    return this.#track(this.#tail.then(task));
  }

  #track<T>(promise: Promise<T>): Promise<T> {
    this.#pending++;
    const settled = promise.finally(() => {
      this.#pending--;
    });
    this.#tail = settled.then(noop, noop);
    return settled;
  }
}
