// The publishing side of transaction gossip (docs/adr/0016-transaction-gossip-batches.md): single
// transactions handed to `add` within `delayMs` of the first one are packed into one
// TransactionBatch message, sent early when it reaches `maxTransactions` or `maxBytes`. Each
// caller's promise settles with the message its transaction went out in. `sendNow` packs a list
// of transactions into as few messages as the limits allow and sends them at once.
import { encodeCanonical, pvchain } from '../../proto/index.ts';

export type BatchLimits = {
  /** How long the first transaction of a batch waits for others. */
  delayMs: number;
  maxTransactions: number;
  /** Bound on the encoded batch (the sum of its transactions plus framing). */
  maxBytes: number;
};

/** Bytes a transaction adds to a TransactionBatch: tag, length varint, body. */
export function framedSize(bytes: Uint8Array): number {
  const length = bytes.length;
  const varint = length < 0x80 ? 1 : length < 0x4000 ? 2 : length < 0x200000 ? 3 : 4;
  return 1 + varint + length;
}

/** One TransactionBatch message of `transactions` (at least one). */
export function encodeBatch(transactions: Uint8Array[]): Uint8Array {
  return encodeCanonical(pvchain.v1.TransactionBatch, { transactions });
}

/** Splits `transactions`, in order, into runs that each fit one message under `limits`. */
export function packBatches(transactions: Uint8Array[], limits: BatchLimits): Uint8Array[][] {
  const out: Uint8Array[][] = [];
  let run: Uint8Array[] = [];
  let size = 0;
  for (const tx of transactions) {
    const framed = framedSize(tx);
    if (
      run.length > 0 &&
      (run.length >= limits.maxTransactions || size + framed > limits.maxBytes)
    ) {
      out.push(run);
      run = [];
      size = 0;
    }
    run.push(tx);
    size += framed;
  }
  if (run.length > 0) out.push(run);
  return out;
}

type Waiter = { resolve(): void; reject(error: unknown): void };

export type TransactionBatcher = {
  /** Queues one transaction for the next batch; settles when that batch was sent. */
  add(bytes: Uint8Array): Promise<void>;
  /** Sends `transactions` now, in as few messages as the limits allow (pending ones first). */
  sendNow(transactions: Uint8Array[]): Promise<void>;
  /** Sends what is queued without waiting for the delay. */
  flush(): Promise<void>;
  /** Transactions queued and not yet sent. */
  queued(): number;
};

export function createTransactionBatcher(
  limits: BatchLimits,
  send: (message: Uint8Array) => Promise<void>,
): TransactionBatcher {
  let queued: Uint8Array[] = [];
  let waiters: Waiter[] = [];
  let queuedBytes = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    if (queued.length === 0) return Promise.resolve();
    const batch = queued;
    const settle = waiters;
    queued = [];
    waiters = [];
    queuedBytes = 0;
    const sent = (async () => send(encodeBatch(batch)))(); // sent now, in order
    sent.then(
      () => {
        for (const w of settle) w.resolve();
      },
      (error) => {
        for (const w of settle) w.reject(error);
      },
    );
    return sent;
  }

  return {
    add(bytes) {
      const framed = framedSize(bytes);
      if (queued.length > 0 && queuedBytes + framed > limits.maxBytes) void flush().catch(() => {});
      const done = new Promise<void>((resolve, reject) => waiters.push({ resolve, reject }));
      queued.push(bytes);
      queuedBytes += framed;
      if (queued.length >= limits.maxTransactions) void flush().catch(() => {});
      else timer ??= setTimeout(() => void flush().catch(() => {}), limits.delayMs);
      return done;
    },
    async sendNow(transactions) {
      const pending = flush();
      const sends = packBatches(transactions, limits).map((run) => send(encodeBatch(run)));
      await Promise.all([pending, ...sends]);
    },
    flush,
    queued: () => queued.length,
  };
}
