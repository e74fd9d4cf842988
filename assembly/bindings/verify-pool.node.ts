// A pool of worker threads that verify Ed25519 batches on every core (Node only). A large batch is
// split into contiguous parts of at least `minItemsPerTask` items, at most one per worker; small
// batches go whole to one worker, so concurrent callers spread over the workers. Each worker runs
// the same Wasm verifyBatch as the main thread, so the verdicts are the same.
//
// Lifecycle: start() spawns the workers and waits until each has loaded its Wasm; stop() refuses
// queued work, lets the tasks in flight finish and terminates the workers. Idle workers are
// unref'd, so a pool that nobody stopped does not keep the process alive; busy ones are ref'd.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { assertSignedMessages, type SignedMessage } from './ed25519-verify.ts';
import { VerifyPoolError, VerifyPoolErrorCode } from './verify-pool-error.ts';
import { packBatch } from './verify-pool-wire.ts';
import type { WorkerReply } from './verify-pool-worker.node.ts';

export type VerifyPoolOptions = {
  /** Worker threads; default: the machine's available parallelism, at most 16. */
  workers?: number;
  /** Most items that may wait for a worker; a batch that would exceed it is refused. */
  maxQueuedItems?: number;
  /** A batch is split into parts of at least this many items (default 64). */
  minItemsPerTask?: number;
  /** The worker script; tests substitute one that fails. */
  workerUrl?: URL;
};

export type VerifyPool = {
  readonly workers: number;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** One verdict per item, as verifyBatch gives; rejects with VerifyPoolError when it cannot. */
  verifyBatch(items: readonly SignedMessage[]): Promise<boolean[]>;
};

type Task = {
  buffer: ArrayBuffer;
  count: number;
  resolve(verdicts: Uint8Array): void;
  reject(error: Error): void;
};
type Slot = { worker: Worker; task: Task | null; ready: boolean; done: boolean };
type State = 'stopped' | 'starting' | 'running' | 'stopping';

const DEFAULT_WORKER_URL = new URL('./verify-pool-worker.node.ts', import.meta.url);

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`${name} must be a positive integer, got ${n}`);
  return n;
}

export function createVerifyPool(options: VerifyPoolOptions = {}): VerifyPool {
  const workers = positiveInteger(options.workers, Math.min(16, availableParallelism()), 'workers');
  const maxQueuedItems = positiveInteger(options.maxQueuedItems, 1 << 16, 'maxQueuedItems');
  const minItemsPerTask = positiveInteger(options.minItemsPerTask, 64, 'minItemsPerTask');
  const workerUrl = options.workerUrl ?? DEFAULT_WORKER_URL;
  let state: State = 'stopped';
  let starting: Promise<void> | null = null;
  let stopping: Promise<void> | null = null;
  const slots: Slot[] = [];
  const queue: Task[] = [];
  let queuedItems = 0;

  const failure = (code: VerifyPoolErrorCode, message: string, items: number, cause?: unknown) =>
    new VerifyPoolError(
      code,
      message,
      { items, queuedItems },
      cause === undefined ? {} : { cause },
    );

  function dispatch(): void {
    for (const slot of slots) {
      if (queue.length === 0) return;
      if (!slot.ready || slot.done || slot.task) continue;
      const task = queue.shift() as Task;
      queuedItems -= task.count;
      slot.task = task;
      slot.worker.ref();
      slot.worker.postMessage({ id: 0, buffer: task.buffer }, [task.buffer]);
    }
  }

  /** A worker died: fail its task, replace it while the pool runs (once it had worked). */
  function lose(slot: Slot, cause: unknown): void {
    if (slot.done) return;
    slot.done = true;
    slots.splice(slots.indexOf(slot), 1);
    const task = slot.task;
    slot.task = null;
    task?.reject(failure(VerifyPoolErrorCode.WORKER_FAILED, 'a worker failed', task.count, cause));
    if (state === 'running' && slot.ready) spawn().catch(() => {}); // a failed spawn is lost in turn
    if (state === 'running' && slots.length === 0) {
      for (const queued of queue.splice(0)) {
        queued.reject(
          failure(VerifyPoolErrorCode.WORKER_FAILED, 'no worker left', queued.count, cause),
        );
      }
      queuedItems = 0;
    }
    dispatch();
  }

  /** Starts one worker; resolves when it is ready, rejects if it dies first. */
  function spawn(): Promise<void> {
    // Workers inherit the process's options, except --input-type, which only a main script takes.
    const inherited = process.execArgv;
    const worker = inherited.some((option) => option.startsWith('--input-type'))
      ? new Worker(workerUrl, { execArgv: inherited.filter((o) => !o.startsWith('--input-type')) })
      : new Worker(workerUrl);
    const slot: Slot = { worker, task: null, ready: false, done: false };
    slots.push(slot);
    return new Promise((resolve, reject) => {
      slot.worker.on('message', (reply: WorkerReply) => {
        if ('ready' in reply) {
          slot.ready = true;
          slot.worker.unref();
          resolve();
          dispatch();
          return;
        }
        const task = slot.task;
        slot.task = null;
        slot.worker.unref();
        if (task && 'verdicts' in reply) task.resolve(reply.verdicts);
        else if (task && 'error' in reply) {
          task.reject(failure(VerifyPoolErrorCode.WORKER_FAILED, reply.error, task.count));
        }
        dispatch();
      });
      slot.worker.on('error', (error) => {
        reject(error);
        lose(slot, error);
      });
      slot.worker.on('exit', (code) => {
        const error = new Error(`worker exited with code ${code}`);
        reject(error);
        if (state !== 'stopping' && state !== 'stopped') lose(slot, error);
      });
    });
  }

  async function start(): Promise<void> {
    if (state === 'running') return;
    if (state === 'starting') return starting as Promise<void>;
    if (state === 'stopping') await stopping;
    state = 'starting';
    starting = Promise.all(Array.from({ length: workers }, spawn)).then(
      () => {
        state = 'running';
      },
      async (cause: unknown) => {
        await stopWorkers();
        state = 'stopped';
        throw failure(VerifyPoolErrorCode.WORKER_FAILED, 'a worker failed to start', 0, cause);
      },
    );
    return starting;
  }

  async function stopWorkers(): Promise<void> {
    const all = slots.splice(0);
    for (const slot of all) slot.done = true;
    await Promise.all(all.map((slot) => slot.worker.terminate()));
  }

  function stop(): Promise<void> {
    if (state === 'stopped') return Promise.resolve();
    if (state === 'stopping') return stopping as Promise<void>;
    const wasStarting = state === 'starting' ? starting : null;
    state = 'stopping';
    for (const task of queue.splice(0)) {
      task.reject(failure(VerifyPoolErrorCode.NOT_RUNNING, 'the pool stopped', task.count));
    }
    queuedItems = 0;
    stopping = (async () => {
      await wasStarting?.catch(() => {});
      // Let the tasks in flight finish (a worker never holds more than one).
      await Promise.all(
        slots.map(
          (slot) =>
            new Promise<void>((resolve) => {
              if (!slot.task) return resolve();
              const { resolve: done, reject: failed } = slot.task;
              slot.task.resolve = (verdicts) => {
                done(verdicts);
                resolve();
              };
              slot.task.reject = (error) => {
                failed(error);
                resolve();
              };
            }),
        ),
      );
      await stopWorkers();
      state = 'stopped';
    })();
    return stopping;
  }

  async function verifyBatch(items: readonly SignedMessage[]): Promise<boolean[]> {
    assertSignedMessages(items);
    if (state !== 'running') {
      throw failure(VerifyPoolErrorCode.NOT_RUNNING, `the pool is ${state}`, items.length);
    }
    if (items.length === 0) return [];
    if (queuedItems + items.length > maxQueuedItems) {
      throw failure(
        VerifyPoolErrorCode.QUEUE_FULL,
        `${queuedItems} items queued, at most ${maxQueuedItems}`,
        items.length,
      );
    }
    const parts = Math.max(1, Math.min(slots.length, Math.floor(items.length / minItemsPerTask)));
    const results = Array.from({ length: parts }, (_, i) => {
      const part = items.slice(
        Math.floor((i * items.length) / parts),
        Math.floor(((i + 1) * items.length) / parts),
      );
      return new Promise<Uint8Array>((resolve, reject) => {
        queue.push({ buffer: packBatch(part), count: part.length, resolve, reject });
        queuedItems += part.length;
      });
    });
    dispatch();
    const verdicts = await Promise.all(results);
    return verdicts.flatMap((part) => Array.from(part, (v) => v === 1));
  }

  return {
    workers,
    start,
    stop,
    verifyBatch,
  };
}
